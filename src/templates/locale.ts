/**
 * Locale data: every printed word of a template in one language. A template
 * that extends another merges its locale files over the parent's key by key, so
 * a press office can change one label and keep the rest.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { FileCache, Stamps } from '../io/stamp.js';
import { UserError } from '../messages.js';
import { checkComplete, deepMerge } from './merge.js';
import { readLayer } from './read.js';
import { localeSpec } from './schema.js';
import type { LocaleData, PluralForms, Template } from './types.js';

/** By the template's folders and the language; valid while every locale file it was merged from (or that could be added) is the same. */
const localeCache = new FileCache<string, LocaleData>();

/** The locale file for a language tag: exact, then the language alone (`fr-CA` → `fr`); never another language. */
export function resolveLanguage(template: Template, tag: string): string | undefined {
  const lower = tag.toLowerCase();
  const exact = template.languages.find((l) => l.toLowerCase() === lower);
  if (exact) return exact;
  const base = lower.split('-')[0]!;
  return template.languages.find((l) => l.toLowerCase() === base);
}

/**
 * `contactsHeading` as plural forms. Older locale files give one phrase and a
 * `contactsHeadingPlural`: the first is `one`, the second every other form.
 */
function pluralForms(heading: unknown, plural: unknown): PluralForms {
  if (typeof heading !== 'string') return heading as PluralForms;
  return typeof plural === 'string' ? { one: heading, other: plural } : { other: heading };
}

export function loadLocale(template: Template, lang: string): LocaleData {
  const key = `${template.chain.join('\0')}\0${lang}`;
  const cached = localeCache.get(key);
  if (cached) return cached;
  const what = `the ${lang} locale`;
  const candidates = template.chain.map((dir) => ({ dir, file: path.join(dir, 'locales', `${lang}.yaml`) }));
  // a locale file added to a template of the chain changes the merge too: a missing file is stamped as missing
  const stamps = new Stamps().add(...candidates.map((l) => l.file));
  const stack = candidates.filter((l) => existsSync(l.file)).map((l) => readLayer(l.file, l.dir, localeSpec, what));
  if (!stack.length) {
    throw new UserError({
      file: path.join(template.dir, 'locales', `${lang}.yaml`),
      ruleId: 'template',
      severity: 'error',
      reason: `The template \`${template.name}\` has no ${lang} locale`,
      hint: `It has: ${template.languages.join(', ') || 'none'}.`,
    });
  }
  const merged = stack.reduce<Record<string, unknown>>((acc, l) => deepMerge(acc, l.raw), {});
  const missing = checkComplete(stack, merged, localeSpec, what);
  if (missing.length) throw new UserError(missing);
  const { contactsHeadingPlural, ...labels } = merged.labels as Record<string, unknown>;
  labels.contactsHeading = pluralForms(labels.contactsHeading, contactsHeadingPlural);
  const data = { dir: 'ltr', ...merged, labels, lang } as LocaleData;
  // English section names always work, whatever the language of the source.
  if (lang !== 'en' && template.languages.includes('en')) {
    const en = loadLocale(template, 'en');
    stamps.addAll(localeCache.stampsOf(`${template.chain.join('\0')}\0en`) ?? new Stamps());
    data.sections = {
      contacts: [...data.sections.contacts, ...en.sections.contacts],
      background: [...data.sections.background, ...en.sections.background],
      boilerplate: [...data.sections.boilerplate, ...en.sections.boilerplate],
    };
  }
  localeCache.set(key, data, stamps);
  return data;
}
