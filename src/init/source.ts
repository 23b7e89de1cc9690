/**
 * The text of a new source (`pressready init`): front matter with today's date,
 * a dated `id`, the template's default contacts, and `[insert …]` placeholders
 * for what the media officer must write. The placeholders are of the forms
 * lint's `placeholder-text` rule reports as errors, so a half-written release
 * cannot pass `generate --strict`; the source still parses and generates as it is.
 */
import YAML from 'yaml';
import type { LocaleData, TemplateSettings } from '../templates/types.js';

export interface NewSource {
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

export const PLACEHOLDER = {
  headline: '[insert headline]',
  city: '[insert city]',
  contact: { name: '[insert name]', role: '[insert role]', phone: '[insert phone]', email: '[insert e-mail]' },
  // Paragraphs start with a capital, as sentences do: lint's `broken-paragraph` would join two that start in lower case.
  lead: '[Insert the lead: who did what, where and when, in one paragraph of at most 45 words]',
  body: '[Insert the body: facts, figures and context, the most important first]',
  quote: '[Insert a quotation]',
  speaker: '[insert the speaker’s name], [insert their role]',
  background: '[Insert background for editors, or delete this section]',
} as const;

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

function contactLines(settings: TemplateSettings): string[] {
  const contacts = settings.contactsDefault.length ? settings.contactsDefault : [PLACEHOLDER.contact];
  return contacts.flatMap((c) =>
    Object.entries(c)
      .filter(([, v]) => v !== undefined)
      .map(([k, v], i) => `${i ? '    ' : '  - '}${k}: ${scalar(String(v))}`),
  );
}

export function newSource(o: NewSource): string {
  const background = o.locale.sections.background[0] ?? 'Background';
  const frontMatter = [
    '---',
    `# Written by \`pressready init\`. Write your words in place of each bracketed placeholder; \`pressready lint\` lists what is left.`,
    `id: ${o.id}`,
    `headline: ${scalar(o.headline?.trim() || PLACEHOLDER.headline)}`,
    `# subheadline: "a one-line deck under the headline"`,
    'dateline:',
    `  city: ${scalar(o.city?.trim() || PLACEHOLDER.city)}`,
    `  date: ${o.today}`,
    `lang: ${o.lang}`,
    `template: ${YAML.stringify(o.templateRef).trimEnd()}`,
    `# embargo: ${o.today}T10:00:00+00:00   # an embargo line instead of the immediate-release line`,
    `# reference: PR/${o.today.slice(2, 4)}/001`,
    o.settings.contactsDefault.length ? '# the template’s media contacts; edit or add to them' : '# media contacts: a name and a phone number or e-mail each',
    'contacts:',
    ...contactLines(o.settings),
    '---',
  ];
  const body = [
    PLACEHOLDER.lead,
    PLACEHOLDER.body,
    // a block quote (no quotation marks) with a `—` attribution reads the same in every language
    `> ${PLACEHOLDER.quote}\n>\n> — ${PLACEHOLDER.speaker}`,
    `## ${background}`,
    PLACEHOLDER.background,
  ];
  return `${frontMatter.join('\n')}\n\n${body.join('\n\n')}\n`;
}
