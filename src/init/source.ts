/**
 * The text of a new source (`pressready init`): front matter with today's date,
 * a dated `id`, the template's default contacts, and `[insert …]` placeholders
 * for what the media officer must write. The placeholders are of the forms
 * lint's `placeholder-text` rule reports as errors, so a half-written release
 * cannot pass `generate --strict`; the source still parses and generates as it is.
 */
import YAML from 'yaml';
import type { InitWords, LocaleData, TemplateSettings } from '../templates/types.js';

interface NewSource {
  /** `template:` as it will be written: a name, or a path relative to the new file */
  templateRef: string;
  settings: TemplateSettings;
  locale: LocaleData;
  /** `lang:` as asked for (`fr-CA`) */
  lang: string;
  headline?: string;
  city?: string;
  /** YYYY-MM-DD */
  today: string;
  id: string;
}

/**
 * The placeholders when the locale gives none (a press office's own locale file
 * without `init:`). The six built-in locales give theirs in `init:`, in their
 * language. Paragraphs start with a capital, as sentences do: lint's
 * `broken-paragraph` would join two that start in lower case.
 */
const PLACEHOLDER: InitWords = {
  insert: 'insert',
  headline: '[insert headline]',
  city: '[insert city]',
  lead: '[Insert the lead: who did what, where and when, in one paragraph of at most 45 words]',
  body: '[Insert the body: facts, figures and context, the most important first]',
  quote: '“[Insert a quotation],” said [insert the speaker’s name], [insert their role].',
  contact: '[insert name], [insert role], [insert phone], [insert e-mail]',
  background: '[Insert background for editors, or delete this section]',
};

/** A YAML scalar: double-quoted, so that phone numbers, `[…]` and `: ` stay text. */
function scalar(v: string): string {
  return YAML.stringify(v, { defaultStringType: 'QUOTE_DOUBLE', lineWidth: 0 }).trimEnd();
}

/** ASCII words of a text, joined by `-` (accents dropped); empty for a text in another script. */
export function slug(text: string, maxWords = 6): string {
  const words = text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/['’]/g, '')
    .toLowerCase()
    .match(/[a-z0-9]+/g);
  return (words ?? []).slice(0, maxWords).join('-');
}

/** A dated id, so that the outputs of many releases are not all called `release.pdf`. */
export function releaseId(today: string, headline?: string, fileBase?: string): string {
  if (fileBase && /^\d{4}-\d{2}-\d{2}/.test(fileBase) && slug(fileBase)) return slug(fileBase, 12);
  // the name the officer chose for the file, else the headline's first words
  const words = (fileBase && slug(fileBase)) || (headline && slug(headline)) || 'release';
  return `${today}-${words}`;
}

/** The template's default contacts, as front matter. */
function contactLines(settings: TemplateSettings): string[] {
  return settings.contactsDefault.flatMap((c) =>
    Object.entries(c)
      .filter(([, v]) => v !== undefined)
      .map(([k, v], i) => `${i ? '    ' : '  - '}${k}: ${scalar(String(v))}`),
  );
}

export function newSource(o: NewSource): string {
  const words = o.locale.init ?? PLACEHOLDER;
  const background = o.locale.sections.background[0] ?? 'Background';
  const contactsHeading = o.locale.sections.contacts[0] ?? 'Contacts';
  const defaults = o.settings.contactsDefault.length > 0;
  const frontMatter = [
    '---',
    `# Written by \`pressready init\`. Write your words in place of each bracketed placeholder; \`pressready lint\` lists what is left.`,
    `id: ${o.id}`,
    `headline: ${scalar(o.headline?.trim() || words.headline)}`,
    `# subheadline: "a one-line deck under the headline"`,
    'dateline:',
    `  city: ${scalar(o.city?.trim() || words.city)}`,
    `  date: ${o.today}`,
    `lang: ${o.lang}`,
    `template: ${YAML.stringify(o.templateRef).trimEnd()}`,
    `# embargo: ${o.today}T10:00:00+00:00   # an embargo line instead of the immediate-release line`,
    `# reference: PR/${o.today.slice(2, 4)}/001`,
    ...(defaults ? ['# the template’s media contacts; edit or add to them', 'contacts:', ...contactLines(o.settings)] : []),
    '---',
  ];
  const body = [
    words.lead,
    words.body,
    // a quotation in the language's marks, with its speech verb: the paragraph a release quotes its speaker in
    words.quote,
    // media contacts, one list item each: name, role, phone, e-mail
    ...(defaults ? [] : [`## ${contactsHeading}`, `- ${words.contact}`]),
    `## ${background}`,
    words.background,
  ];
  return `${frontMatter.join('\n')}\n\n${body.join('\n\n')}\n`;
}
