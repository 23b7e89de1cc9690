/**
 * Schemas of `template.yaml` and `locales/<lang>.yaml`: what a template author may
 * write. docs/templates.md documents the same keys; a test keeps the two in step.
 */
import type { KeySpec, Placeholders, Spec } from '../yaml/schema.js';

/** Schemes no template may make live: they run code or read files where the release is opened. */
const UNSAFE_SCHEMES = ['javascript', 'vbscript', 'data', 'file', 'ms-msdt', 'search-ms', 'ms-officecmd', 'jar'];

const color: Spec = {
  type: 'string',
  check: (v) => (/^#[0-9a-fA-F]{6}$/.test(v) ? undefined : `is \`${v}\`, not a colour like #1a1a1a`),
  doc: 'a colour, #rrggbb',
};
const points = (doc: string): Spec => ({ type: 'number', min: 0, max: 400, doc });

const textStyle: Spec = {
  type: 'map',
  doc: 'a text style',
  keys: {
    font: { type: 'string', doc: 'a font role from `fonts`' },
    size: { type: 'number', min: 4, max: 96, doc: 'size in points' },
    bold: { type: 'boolean' },
    italic: { type: 'boolean' },
    color,
    align: { type: 'enum', values: ['start', 'center', 'end', 'justify'] },
    spaceBefore: points('space before, in points'),
    spaceAfter: points('space after, in points'),
    lineHeight: { type: 'number', min: 0.8, max: 3, doc: 'line height, a multiple of the size' },
    indent: points('indent of both sides, in points'),
    uppercase: { type: 'boolean' },
  },
};

export const STYLE_NAMES = [
  'base',
  'letterhead',
  'label',
  'releaseLine',
  'reference',
  'headline',
  'subheadline',
  'dateline',
  'body',
  'subheading',
  'quote',
  'list',
  'table',
  'endMarker',
  'contacts',
  'sectionLabel',
  'background',
  'boilerplate',
  'header',
  'footer',
] as const;

const mm = (doc: string): Spec => ({ type: 'number', min: 0, max: 100, doc });

/** A value of `fonts` that names a file rather than a bundled font. */
export const FONT_FILE = /\.(ttf|otf|woff2?|ttc)$/i;
/** A value of `letterhead.logo`: PNG or JPEG, the two image formats both DOCX and pdfkit draw. */
const LOGO_FILE = /\.(png|jpe?g)$/i;

const face = (doc: string, required = false): Spec & { required?: boolean } => ({
  type: 'string',
  required,
  doc,
  check: (v) => (FONT_FILE.test(v) || /^[a-z0-9][a-z0-9-]*$/.test(v) ? undefined : `is \`${v}\`, neither a font file (.ttf, .otf, .woff, .woff2, .ttc) nor a bundled font name such as noto-sans`),
});
const faces = {
  regular: face('the regular face: a bundled font name or a font file in the template folder', true),
  bold: face('the bold face'),
  italic: face('the italic face'),
  boldItalic: face('the bold italic face'),
};

export const templateSpec: Spec = {
  type: 'map',
  doc: 'a template',
  keys: {
    extends: { type: 'string', doc: 'a built-in template (`default`, `wire`) or a path to a template folder, relative to this one' },
    name: { type: 'string', doc: 'the template’s name (default: its folder’s name)' },
    description: { type: 'string', doc: 'one line on what it is for' },
    page: {
      type: 'map',
      keys: {
        size: { type: 'enum', values: ['A4', 'Letter'] },
        margins: {
          type: 'map',
          doc: 'margins in millimetres',
          keys: { top: mm('top margin, mm'), right: mm('right margin, mm'), bottom: mm('bottom margin, mm'), left: mm('left margin, mm') },
        },
      },
    },
    letterhead: {
      type: 'map',
      keys: {
        organization: { type: 'string', doc: 'organization name (default: the source’s author)' },
        logo: {
          type: 'string',
          doc: 'a PNG or JPEG file inside the template folder',
          check: (v) => (LOGO_FILE.test(v) ? undefined : `is \`${v}\`; a logo must be a PNG or JPEG file (.png, .jpg) — PDF output cannot draw SVG`),
        },
        logos: {
          type: 'record',
          doc: 'a logo for a language, e.g. `ar: assets/logo-ar.png`; other languages print `logo`',
          keyPattern: /^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/,
          keyDoc: 'a language of the template’s locales, e.g. `ar` or `zh`',
          values: {
            type: 'string',
            doc: 'a PNG or JPEG file inside the template folder',
            check: (v) => (LOGO_FILE.test(v) ? undefined : `is \`${v}\`; a logo must be a PNG or JPEG file (.png, .jpg) — PDF output cannot draw SVG`),
          },
        },
        logoWidth: { type: 'number', min: 10, max: 500, doc: 'logo width in points' },
        lines: { type: 'list', items: { type: 'string' }, doc: 'lines under the organization name: address, web site' },
      },
    },
    immediateRelease: { type: 'boolean', doc: 'print the immediate-release line when there is no embargo' },
    dateline: { type: 'map', keys: { cityCase: { type: 'enum', values: ['upper', 'as-written'] } } },
    contacts: { type: 'map', keys: { style: { type: 'enum', values: ['sentence', 'block'] } } },
    backgroundHeading: { type: 'enum', values: ['label', 'as-written'] },
    sections: { type: 'list', items: { type: 'enum', values: ['contacts', 'background', 'boilerplate'] } },
    runningHeader: { type: 'enum', values: ['headline', 'reference', 'none'] },
    links: {
      type: 'map',
      keys: {
        schemes: {
          type: 'list',
          items: {
            type: 'string',
            check: (v) =>
              !/^[a-z][a-z0-9+.-]*$/.test(v)
                ? `is \`${v}\`, not a link scheme (lower-case letters, digits, \`+\`, \`.\`, \`-\`; no colon)`
                : UNSAFE_SCHEMES.includes(v)
                  ? `is \`${v}\`, a scheme that runs code or reads files on the reader's machine`
                  : undefined,
          },
          doc: 'link schemes that stay live links beyond http, https, mailto and tel (e.g. sms)',
        },
      },
    },
    fonts: {
      type: 'record',
      doc: 'font roles by name',
      values: {
        type: 'map',
        keys: {
          ...faces,
          scripts: {
            type: 'record',
            doc: 'faces for text in other scripts',
            keyPattern: /^[A-Z][a-z]{3}$/,
            keyDoc: 'an ISO 15924 script code such as `Arab`, `Hans` or `Cyrl`',
            values: { type: 'map', keys: faces },
          },
        },
      },
    },
    styles: { type: 'map', keys: Object.fromEntries(STYLE_NAMES.map((n) => [n, textStyle])) },
    contactsDefault: {
      type: 'list',
      doc: 'contacts of every release from this template that names none',
      items: {
        type: 'map',
        keys: {
          name: { type: 'string', required: true },
          role: { type: 'string' },
          organization: { type: 'string' },
          phone: { type: 'string', numberHint: 'Quote phone numbers: phone: "+41 22 917 9362".' },
          email: { type: 'string' },
        },
      },
    },
  },
};

/**
 * Every printed phrase and the placeholders it may use: a fixed set, filled by
 * the code. `required` ones carry what the source says, so a phrase cannot drop it.
 */
export const PHRASES: Record<string, Placeholders & { doc: string }> = {
  'labels.release': { doc: 'the release label', allowed: [] },
  'labels.immediate': { doc: 'the immediate-release line', allowed: [] },
  'labels.embargo': { doc: 'the embargo line', allowed: ['date', 'time', 'offset', 'gmtDate', 'gmtTime'], required: ['date', 'time'] },
  'labels.embargoSubject': { doc: 'the subject of an embargoed release’s e-mail', allowed: ['headline', 'date', 'time', 'offset', 'gmtDate', 'gmtTime'], required: ['headline'] },
  'labels.reference': { doc: 'the reference line', allowed: ['reference'], required: ['reference'] },
  'labels.endMarker': { doc: 'the end marker', allowed: [] },
  'labels.background': { doc: 'the background label', allowed: [] },
  'labels.contactsSentence': { doc: 'the contacts sentence', allowed: ['contacts'], required: ['contacts'] },
  'labels.contactsHeading': { doc: 'the contacts block heading, in each plural form', allowed: ['count'] },
  'labels.page': { doc: 'the page number in the footer', allowed: ['page', 'pages'], required: ['page'] },
  'labels.more': { doc: 'the continuation line at the foot of a page', allowed: [] },
  'newsroom.title': { doc: 'the title of the newsroom page (`--feed`) and of the language’s Atom feed', allowed: [] },
  'newsroom.language': { doc: 'the language’s own name, heading its releases on the newsroom page', allowed: [] },
  'newsroom.translations': { doc: 'on the newsroom page, before the links to a release’s other languages', allowed: [] },
  'newsroom.feed': { doc: 'on the newsroom page, the link to the language’s Atom feed', allowed: [] },
  'newsroom.languages': { doc: 'on the newsroom page, the name of the list of languages (read by screen readers)', allowed: [] },
  dateline: { doc: 'the dateline, ending with the space (if any) before the lead', allowed: ['city', 'date'], required: ['city', 'date'] },
  'date.pattern': { doc: 'a date in the house style', allowed: ['day', 'month', 'year'], required: ['day', 'month', 'year'] },
  'contact.withRole': { doc: 'a contact with a role', allowed: ['name', 'role'], required: ['name', 'role'] },
  'contact.withOrganization': { doc: 'in the contacts sentence, a contact (with their role) and their organization', allowed: ['name', 'organization'], required: ['name', 'organization'] },
  'contact.withDetails': { doc: 'a contact with a phone number or e-mail', allowed: ['name', 'details'], required: ['name', 'details'] },
  'contact.separator': { doc: 'between a contact’s phone numbers and e-mails', allowed: [] },
  'contact.mediaSection': { doc: 'the press office’s media section, e.g. `the {organization} Media Section`', allowed: ['organization'], required: ['organization'] },
  'contact.mediaSectionAlone': { doc: 'the media section when the release names no organization', allowed: [] },
};

/** The placeholders of `pressready init`: each opens with `[` and the word `init.insert`. */
const INIT_KEYS = ['headline', 'city', 'lead', 'body', 'quote', 'contact', 'background'] as const;

const phrase = (key: string): Spec => {
  const p = PHRASES[key]!;
  return { type: 'string', doc: p.doc, placeholders: p };
};
/** The phrases `<group>.<name>` of PHRASES, each required. */
const requiredPhrases = (group: string, names: string[]): Record<string, KeySpec> => Object.fromEntries(names.map((n) => [n, { ...phrase(`${group}.${n}`), required: true }]));
const strings = (doc: string, required = false): KeySpec => ({ type: 'list', items: { type: 'string' }, doc, required });
const pair: Spec = { type: 'list', items: { type: 'string' }, length: 2, doc: 'an opening and a closing mark' };

const PLURAL_CATEGORIES = ['zero', 'one', 'two', 'few', 'many', 'other'] as const;

const pluralForms: Spec = {
  type: 'oneOf',
  doc: 'one phrase, or one for each plural form (`one:`, `few:`, `other:` …) with `other` always given',
  options: [
    phrase('labels.contactsHeading'),
    {
      type: 'map',
      keys: Object.fromEntries(PLURAL_CATEGORIES.map((c) => [c, { ...phrase('labels.contactsHeading'), required: c === 'other' }])),
    },
  ],
};

function checkIntl(v: string): string | undefined {
  try {
    Intl.getCanonicalLocales(v);
  } catch {
    return `is \`${v}\`, not a BCP 47 language tag`;
  }
  return Intl.DateTimeFormat.supportedLocalesOf(v).length ? undefined : `is \`${v}\`, a locale this Node has no data for`;
}

/** Keys a locale file must have once merged with the locales it extends. */
export const localeSpec: Spec = {
  type: 'map',
  doc: 'a locale file',
  keys: {
    intl: { type: 'string', required: true, check: checkIntl, doc: 'the Intl locale to format dates, lists and plurals with, e.g. en-GB' },
    dir: { type: 'enum', values: ['ltr', 'rtl'] },
    labels: {
      type: 'map',
      required: true,
      keys: {
        ...requiredPhrases('labels', ['release', 'immediate', 'embargo', 'reference', 'endMarker', 'background', 'contactsSentence']),
        embargoSubject: phrase('labels.embargoSubject'),
        contactsHeading: { ...pluralForms, required: true },
        // before plural forms: the heading for several contacts (read as `other`)
        contactsHeadingPlural: { ...phrase('labels.contactsHeading'), doc: 'older form of `contactsHeading.other`' },
        ...requiredPhrases('labels', ['page', 'more']),
      },
    },
    dateline: { ...phrase('dateline'), required: true },
    newsroom: {
      type: 'map',
      required: true,
      keys: requiredPhrases('newsroom', ['title', 'language', 'translations', 'feed', 'languages']),
    },
    date: {
      type: 'map',
      keys: {
        pattern: { ...phrase('date.pattern'), required: true },
        months: {
          type: 'list',
          items: { type: 'string' },
          length: 12,
          required: true,
          doc: 'twelve month names, January first',
        },
      },
    },
    contact: {
      type: 'map',
      required: true,
      keys: {
        ...requiredPhrases('contact', ['withRole', 'withOrganization', 'withDetails', 'separator']),
        mediaSection: phrase('contact.mediaSection'),
        mediaSectionAlone: phrase('contact.mediaSectionAlone'),
      },
    },
    init: {
      type: 'map',
      doc: 'the placeholders `pressready init --lang` writes in this language',
      keys: {
        insert: { type: 'string', required: true, nonEmpty: true, doc: 'the word that opens every placeholder (`[insert …]`); lint’s placeholder-text reports it' },
        ...Object.fromEntries(INIT_KEYS.map((k) => [k, { type: 'string', required: true, nonEmpty: true, doc: `the ${k} placeholder` }])),
      },
    },
    sections: {
      type: 'map',
      required: true,
      keys: {
        contacts: strings('headings that open the contacts section', true),
        background: strings('headings that open the background section', true),
        boilerplate: strings('beginnings of headings that open a boilerplate section', true),
      },
    },
    quotes: { type: 'map', required: true, keys: { primary: { ...pair, required: true }, secondary: { ...pair, required: true } } },
    speech: {
      type: 'map',
      required: true,
      keys: {
        verbs: strings('speech verbs that attribute a quote', true),
        honorifics: strings('titles before a name', true),
        articles: strings('words that may start an organization speaker', true),
        pronouns: strings('words that stand for the last speaker'),
        names: { type: 'enum', values: ['capitalized', 'han', 'words'] },
        titles: strings('titles before a name, kept as the speaker’s title'),
        verbPrefixes: strings('letters joined to the front of a speech verb'),
        introduce: { type: 'list', items: { type: 'enum', values: ['speaker-verb', 'verb-speaker'] }, doc: 'orders in which a quote is introduced before its words' },
        that: strings('words after the verb that introduce the quotation'),
        according: strings('phrases before a quotation that name its speaker (`{speaker}`) or stand for the last one'),
        notNames: strings('words never part of a name (Spanish `Y`, Arabic `في`)'),
      },
    },
    lint: {
      type: 'map',
      keys: {
        headlineScale: { type: 'number', min: 0.1, max: 5, doc: 'the headline’s length in characters against English’s' },
        leadScale: { type: 'number', min: 0.1, max: 5, doc: 'the lead’s length in words against English’s' },
      },
    },
    letterhead: {
      type: 'map',
      keys: {
        organization: { type: 'string', doc: 'the organization name in this language' },
        lines: strings('lines under the organization name in this language'),
      },
    },
    boilerplate: {
      type: 'map',
      doc: 'the press office’s `About …` section, printed last when the source has none',
      keys: {
        heading: { type: 'string', required: true, doc: 'its heading, e.g. About the UN Human Rights Office' },
        text: { type: 'string', required: true, doc: 'its text, in Markdown' },
      },
    },
  },
};
