/**
 * The front matter (docs/source-format.md#front-matter): its schema (types, required keys, value checks)
 * and its TypeScript shape. Unknown keys are kept; `lint` reports them.
 */
import type { KeySpec, Spec } from '../yaml/schema.js';

/** The longest `id`: a file name of 255 bytes, less an extension and the suffix of a temporary file. */
const MAX_ID = 200;

export interface ContactInput {
  /** required unless `desk` is given */
  name?: string;
  desk?: 'media';
  role?: string;
  organization?: string;
  phone?: string;
  email?: string;
}

export interface FrontMatter {
  headline: string;
  subheadline?: string;
  dateline: { city: string; date: string };
  lang?: string;
  template?: string;
  embargo?: string;
  reference?: string;
  contacts?: ContactInput[];
  author?: string;
  keywords?: string[];
  id?: string;
  'translation-of'?: string;
  'source-hash'?: string;
  [key: string]: unknown;
}

/** `YYYY-MM-DD` that names a real day. */
function checkDate(v: string): string | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v);
  if (!m) return `is \`${v}\`, not a date in the form YYYY-MM-DD`;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = new Date(Date.UTC(y, mo - 1, d));
  if (t.getUTCFullYear() !== y || t.getUTCMonth() !== mo - 1 || t.getUTCDate() !== d) return `is \`${v}\`, which is not a real date`;
  return undefined;
}

const DATE_TIME = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/** ISO 8601 date-time with an explicit offset (`Z` or `±hh:mm`). */
function checkDateTime(v: string): string | undefined {
  const m = DATE_TIME.exec(v);
  if (!m) {
    if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(v)) return `is \`${v}\`, which has no time-zone offset`;
    return `is \`${v}\`, not an ISO 8601 date-time such as 2026-03-22T10:00:00-04:00`;
  }
  const bad = checkDate(m[1]!);
  if (bad) return bad;
  if (Number(m[2]) > 23 || Number(m[3]) > 59 || Number(m[4] ?? 0) > 59) return `is \`${v}\`, which is not a real time`;
  return undefined;
}

function checkLanguageTag(v: string): string | undefined {
  try {
    Intl.getCanonicalLocales(v);
    return undefined;
  } catch {
    return `is \`${v}\`, not a BCP 47 language tag`;
  }
}

const string = (doc: string, extra: Partial<Extract<Spec, { type: 'string' }>> = {}): KeySpec => ({ type: 'string', doc, ...extra });

const contactKeys: Record<string, KeySpec> = {
  name: { type: 'string', required: true, nonEmpty: true, doc: 'the contact’s name', hint: 'Add `name:` (the contact’s name), or `desk: media` for the press office’s media section.' },
  desk: { type: 'enum', values: ['media'], doc: '`media`: the press office’s media section, worded in the release’s language' },
  role: string('their role'),
  organization: string('their organization'),
  phone: string('a phone number, quoted', {
    numberHint: 'YAML read this phone number as a number and dropped its `+` and spaces: put it in quotes, e.g. phone: "+41 22 917 9362".',
  }),
  email: string('an e-mail address; several separated by commas or ` / `'),
};

/** A person (`name:` required), or the media section (`desk: media`, a name optional). */
const contactSpec: Spec = {
  type: 'oneOf',
  doc: 'a media contact',
  options: [
    { type: 'map', doc: 'a media contact', keys: contactKeys },
    { type: 'map', doc: 'a media contact', keys: { ...contactKeys, name: { ...contactKeys.name!, required: false }, desk: { ...contactKeys.desk!, required: true } } },
  ],
};

/** `relaxed`: a translation, whose dateline comes from its original. */
export function frontMatterSpec(relaxed = false): Spec {
  return {
    type: 'map',
    open: true,
    doc: 'the front matter',
    keys: {
      headline: { type: 'string', required: true, nonEmpty: true, doc: 'the headline', hint: 'Add a line `headline: …` with the release’s headline.' },
      subheadline: string('a deck under the headline'),
      dateline: {
        type: 'map',
        required: !relaxed,
        doc: 'the dateline: `city:` and `date:`',
        hint: 'Add `dateline:` with indented `city: Geneva` and `date: 2026-11-28` lines.',
        keys: {
          city: { type: 'string', required: !relaxed, nonEmpty: true, doc: 'the city as written' },
          date: {
            type: 'string',
            required: !relaxed,
            check: checkDate,
            doc: 'the release date, YYYY-MM-DD',
            hint: 'Write the date as YYYY-MM-DD, e.g. 2020-11-11.',
          },
        },
      },
      lang: { type: 'string', check: checkLanguageTag, doc: 'a BCP 47 language tag', hint: 'Use a language tag such as `en`, `fr` or `ar`.' },
      template: string('a template name or folder'),
      embargo: {
        type: 'string',
        check: checkDateTime,
        doc: 'ISO 8601 date-time with offset',
        hint: 'Write the embargo as an ISO 8601 date-time with its offset, e.g. 2026-03-22T10:00:00-04:00.',
      },
      reference: string('the release reference'),
      contacts: { type: 'list', items: contactSpec, doc: 'media contacts' },
      author: string('the issuing organization'),
      keywords: { type: 'list', items: { type: 'string' }, doc: 'a list of keywords' },
      id: {
        type: 'string',
        // a file name: most file systems stop at 255 bytes, and the outputs add an extension and a temporary suffix
        check: (v) =>
          !/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(v)
            ? `is \`${v}\`, not a slug (letters, digits, \`.\`, \`_\`, \`-\`)`
            : v.length > MAX_ID
              ? `is ${v.length} characters long; outputs are named after it, and a file name may have at most ${MAX_ID}`
              : undefined,
        doc: 'base name of the outputs',
      },
      'translation-of': string('the original this source translates'),
      'source-hash': string('fingerprint of the original (written by the tool)'),
    },
  };
}

/**
 * Keys a translation never takes from its original (docs/source-format.md#translations). `author` is the
 * organization's name in the original's language: a translation names its own
 * (or the locale or the project config does), never prints the original's.
 */
export const NOT_INHERITED = new Set(['id', 'lang', 'headline', 'subheadline', 'translation-of', 'source-hash', 'author']);
