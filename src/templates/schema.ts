/** Schemas of `template.yaml` and `locales/<lang>.yaml`: what a template author may write. */
import type { Spec } from '../yaml/schema.js';

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

const STYLE_NAMES = [
  'base', 'letterhead', 'label', 'releaseLine', 'reference', 'headline', 'subheadline', 'dateline', 'body',
  'subheading', 'quote', 'list', 'table', 'endMarker', 'contacts', 'sectionLabel', 'background', 'boilerplate',
  'header', 'footer',
] as const;

const mm = (doc: string): Spec => ({ type: 'number', min: 0, max: 100, doc });

export const templateSpec: Spec = {
  type: 'map',
  doc: 'a template',
  keys: {
    name: { type: 'string', doc: 'the template’s name' },
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
        logo: { type: 'string', doc: 'a PNG or JPEG file inside the template folder' },
        logoWidth: { type: 'number', min: 10, max: 500, doc: 'logo width in points' },
      },
    },
    immediateRelease: { type: 'boolean', doc: 'print the immediate-release line when there is no embargo' },
    dateline: { type: 'map', keys: { cityCase: { type: 'enum', values: ['upper', 'as-written'] } } },
    contacts: { type: 'map', keys: { style: { type: 'enum', values: ['sentence', 'block'] } } },
    backgroundHeading: { type: 'enum', values: ['label', 'as-written'] },
    sections: { type: 'list', items: { type: 'enum', values: ['contacts', 'background', 'boilerplate'] } },
    runningHeader: { type: 'enum', values: ['headline', 'reference', 'none'] },
    fonts: {
      type: 'record',
      values: {
        type: 'map',
        keys: {
          regular: { type: 'string', required: true },
          bold: { type: 'string' },
          italic: { type: 'string' },
          boldItalic: { type: 'string' },
        },
      },
    },
    styles: { type: 'map', keys: Object.fromEntries(STYLE_NAMES.map((n) => [n, textStyle])) },
    contactsDefault: {
      type: 'list',
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

const str = (doc: string): Spec => ({ type: 'string', doc });
const strings: Spec = { type: 'list', items: { type: 'string' } };
const pair: Spec = { type: 'list', items: { type: 'string' }, doc: 'an opening and a closing mark' };

export const localeSpec: Spec = {
  type: 'map',
  doc: 'a locale file',
  keys: {
    intl: { type: 'string', required: true, doc: 'the Intl locale to format with, e.g. en-GB' },
    dir: { type: 'enum', values: ['ltr', 'rtl'] },
    labels: {
      type: 'map',
      required: true,
      keys: {
        release: str('the release label'),
        immediate: str('the immediate-release line'),
        embargo: str('the embargo line: {date} {time} {offset} {gmtDate} {gmtTime}'),
        reference: str('the reference line: {reference}'),
        endMarker: str('the end marker'),
        background: str('the background label'),
        contactsSentence: str('the contacts sentence: {contacts}'),
        contactsHeading: str('the contacts block heading (one contact)'),
        contactsHeadingPlural: str('the contacts block heading (several)'),
        page: str('page numbers: {page} {pages}'),
        more: str('the continuation line at the foot of a page'),
      },
    },
    dateline: str('the dateline: {city} {date}, ending with the space (if any) before the lead'),
    date: {
      type: 'map',
      keys: { pattern: str('{day} {month} {year}'), months: { type: 'list', items: { type: 'string' }, doc: 'twelve month names' } },
    },
    contact: {
      type: 'map',
      keys: { withRole: str('{name} {role}'), withDetails: str('{name} {details}'), separator: str('between phone and e-mail') },
    },
    sections: { type: 'map', keys: { contacts: strings, background: strings, boilerplate: strings } },
    quotes: { type: 'map', keys: { primary: pair, secondary: pair } },
    speech: { type: 'map', keys: { verbs: strings, honorifics: strings, articles: strings, pronouns: strings, names: { type: 'enum', values: ['capitalized', 'han', 'words'] } } },
  },
};
