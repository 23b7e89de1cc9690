/**
 * Finding and loading templates and their locale data. Templates are data, read
 * once a process; every problem in them is a positioned message in the template's
 * own files.
 */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { LineIndex, UserError, type Message } from '../messages.js';
import { parseYaml, type YamlSource } from '../yaml/parse.js';
import { validate } from '../yaml/schema.js';
import { localeSpec, templateSpec } from './schema.js';
import type { LocaleData, Template, TemplateSettings } from './types.js';

export const BUILTIN_DIR = fileURLToPath(new URL('../../templates/', import.meta.url));

const DEFAULT_SETTINGS: TemplateSettings = {
  name: '',
  page: { size: 'A4', margins: { top: 20, right: 20, bottom: 20, left: 20 } },
  letterhead: {},
  immediateRelease: false,
  dateline: { cityCase: 'upper' },
  contacts: { style: 'sentence' },
  backgroundHeading: 'label',
  sections: ['contacts', 'background', 'boilerplate'],
  runningHeader: 'headline',
  fonts: {},
  styles: {},
  contactsDefault: [],
};

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Merge `over` into `base`: mappings key by key, everything else replaced. */
export function deepMerge<T>(base: T, over: unknown): T {
  if (!isPlainObject(base) || !isPlainObject(over)) return (over === undefined ? base : over) as T;
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(over)) out[k] = k in out ? deepMerge(out[k], v) : v;
  return out as T;
}

function readYamlFile(file: string, spec: typeof templateSpec, what: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new UserError({ file, ruleId: 'template', severity: 'error', reason: `Cannot read ${what}`, hint: 'Check that the file exists and is readable.' });
  }
  const src: YamlSource = { file, text, index: new LineIndex(text), base: 0 };
  const parsed = parseYaml(src, text, 'template');
  if (parsed.messages.length) throw new UserError(parsed.messages);
  const result = validate(src, parsed.doc.contents, spec, 'template', what);
  if (result.messages.length) throw new UserError(result.messages);
  return parsed.value ?? {};
}

const templateCache = new Map<string, Template>();
const localeCache = new Map<string, LocaleData>();

/** Whether a `-t`/`template:` value names a folder rather than a template name. */
function looksLikePath(ref: string): boolean {
  return ref.includes('/') || ref.includes('\\') || ref.startsWith('.');
}

export interface FindOptions {
  /** folders whose `templates/` sub-folder holds project templates, nearest first */
  searchDirs: string[];
}

/** Where a template lives, or undefined when there is none by that name. */
export function findTemplateDir(ref: string, opts: FindOptions): { dir: string; origin: Template['origin'] } | undefined {
  if (looksLikePath(ref)) {
    for (const base of opts.searchDirs) {
      const dir = path.resolve(base, ref);
      if (existsSync(path.join(dir, 'template.yaml'))) return { dir, origin: 'path' };
    }
    return undefined;
  }
  for (const base of opts.searchDirs) {
    const dir = path.join(base, 'templates', ref);
    if (existsSync(path.join(dir, 'template.yaml'))) return { dir, origin: 'project' };
  }
  const builtin = path.join(BUILTIN_DIR, ref);
  if (existsSync(path.join(builtin, 'template.yaml'))) return { dir: builtin, origin: 'built-in' };
  return undefined;
}

export function builtinTemplateNames(): string[] {
  return readdirSync(BUILTIN_DIR).filter((n) => existsSync(path.join(BUILTIN_DIR, n, 'template.yaml'))).sort();
}

export function loadTemplate(dir: string, origin: Template['origin']): Template {
  const cached = templateCache.get(dir);
  if (cached) return cached;
  const file = path.join(dir, 'template.yaml');
  const raw = readYamlFile(file, templateSpec, 'the template');
  const settings = deepMerge(DEFAULT_SETTINGS, raw);
  if (!settings.name) settings.name = path.basename(dir);
  const localesDir = path.join(dir, 'locales');
  const languages = existsSync(localesDir) && statSync(localesDir).isDirectory()
    ? readdirSync(localesDir).filter((f) => f.endsWith('.yaml')).map((f) => f.slice(0, -5)).sort()
    : [];
  const t: Template = { name: settings.name, dir, origin, settings, languages };
  templateCache.set(dir, t);
  return t;
}

/** The locale file for a language tag: exact, then the language alone (`fr-CA` → `fr`); never another language. */
export function resolveLanguage(template: Template, tag: string): string | undefined {
  const lower = tag.toLowerCase();
  const exact = template.languages.find((l) => l.toLowerCase() === lower);
  if (exact) return exact;
  const base = lower.split('-')[0]!;
  return template.languages.find((l) => l.toLowerCase() === base);
}

const REQUIRED_LABELS: (keyof LocaleData['labels'])[] = [
  'release', 'immediate', 'embargo', 'reference', 'endMarker', 'background', 'contactsSentence',
  'contactsHeading', 'contactsHeadingPlural', 'page', 'more',
];

export function loadLocale(template: Template, lang: string): LocaleData {
  const key = template.dir + '\0' + lang;
  const cached = localeCache.get(key);
  if (cached) return cached;
  const file = path.join(template.dir, 'locales', `${lang}.yaml`);
  const raw = readYamlFile(file, localeSpec, `the ${lang} locale`) as Partial<LocaleData>;
  const missing = REQUIRED_LABELS.filter((k) => typeof raw.labels?.[k] !== 'string');
  const problems: Message[] = missing.map((k) => ({
    file,
    ruleId: 'template',
    severity: 'error',
    reason: `The ${lang} locale has no \`labels.${k}\``,
    hint: `Add \`${k}:\` under \`labels:\`; every printed word comes from the locale file.`,
  }));
  for (const k of ['dateline', 'contact', 'sections', 'quotes', 'speech'] as const) {
    if (raw[k] === undefined)
      problems.push({ file, ruleId: 'template', severity: 'error', reason: `The ${lang} locale has no \`${k}\``, hint: `Add \`${k}:\` to the locale file.` });
  }
  if (problems.length) throw new UserError(problems);
  const data = { dir: 'ltr', ...raw, lang } as LocaleData;
  // English section names always work, whatever the language of the source.
  if (lang !== 'en' && template.languages.includes('en')) {
    const en = loadLocale(template, 'en');
    data.sections = {
      contacts: [...data.sections.contacts, ...en.sections.contacts],
      background: [...data.sections.background, ...en.sections.background],
      boilerplate: [...data.sections.boilerplate, ...en.sections.boilerplate],
    };
  }
  localeCache.set(key, data);
  return data;
}
