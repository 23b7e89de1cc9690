/**
 * Finding and loading templates. Templates are data, read once while their files
 * are the same (../io/stamp.ts: a long-lived `watch` sees a saved template); every
 * problem in them is a positioned message in the template's own files. A
 * template may `extend` another: the stack is merged key by key, and each file a
 * template names is resolved in the folder of the template that names it.
 */
import { existsSync, readdirSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { FileCache, Stamps } from '../io/stamp.js';
import { type Message, UserError } from '../messages.js';
import { checkTemplateFile, type FileKind } from './files.js';
import { checkComplete, deepMerge, getIn, messageAt } from './merge.js';
import { type Layer, readLayer } from './read.js';
import { FONT_FILE, templateSpec } from './schema.js';
import type { Template, TemplateSettings } from './types.js';

export { loadLocale, resolveLanguage } from './locale.js';

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
  links: { schemes: [] },
  fonts: {},
  styles: {},
  contactsDefault: [],
};

/** Keys a template never takes from the one it extends: they say what *this* template is. */
const OWN_KEYS = ['name', 'description', 'extends'] as const;

function withoutOwnKeys<T extends object>(settings: T): T {
  return Object.fromEntries(Object.entries(settings).filter(([k]) => !(OWN_KEYS as readonly string[]).includes(k))) as T;
}

/** Whether a `-t`/`template:`/`extends:` value names a folder rather than a template name. */
function looksLikePath(ref: string): boolean {
  return ref.includes('/') || ref.includes('\\') || ref.startsWith('.');
}

interface FindOptions {
  /** folders whose `templates/` sub-folder holds project templates, nearest first */
  searchDirs: string[];
}

function isTemplateDir(dir: string): boolean {
  return existsSync(path.join(dir, 'template.yaml'));
}

/** Where a template lives, or undefined when there is none by that name. */
export function findTemplateDir(ref: string, opts: FindOptions): { dir: string; origin: Template['origin'] } | undefined {
  if (looksLikePath(ref)) {
    for (const base of opts.searchDirs) {
      const dir = path.resolve(base, ref);
      if (isTemplateDir(dir)) return { dir, origin: 'path' };
    }
    return undefined;
  }
  for (const base of opts.searchDirs) {
    if (isBuiltinFolder(path.join(base, 'templates'))) continue;
    const dir = path.join(base, 'templates', ref);
    if (isTemplateDir(dir)) return { dir, origin: 'project' };
  }
  const builtin = path.join(BUILTIN_DIR, ref);
  if (isTemplateDir(builtin)) return { dir: builtin, origin: 'built-in' };
  return undefined;
}

export function builtinTemplateNames(): string[] {
  return readdirSync(BUILTIN_DIR)
    .filter((n) => isTemplateDir(path.join(BUILTIN_DIR, n)))
    .sort();
}

/** Templates in a project's `templates/` folder, by folder name. */
/** Working in pressready's own folder, its `templates/` are the built-ins, not a project's. */
function isBuiltinFolder(dir: string): boolean {
  // most projects have no templates/ folder: no realpath (and no exception) for it at every source
  if (!existsSync(dir)) return false;
  try {
    return realpathSync(dir) === (builtinReal ??= realpathSync(BUILTIN_DIR));
  } catch {
    return false;
  }
}

/** The built-in templates' real folder: the package does not move while it runs. */
let builtinReal: string | undefined;

export function projectTemplateNames(base: string): string[] {
  const dir = path.join(base, 'templates');
  if (!existsSync(dir) || !statSync(dir).isDirectory() || isBuiltinFolder(dir)) return [];
  return readdirSync(dir)
    .filter((n) => !n.startsWith('.') && isTemplateDir(path.join(dir, n)))
    .sort();
}

/**
 * Loaded templates by real folder, with their stacks of layers; each valid while
 * the files it was made from are the same: every template.yaml of its chain, the
 * `locales` folders (their files are its languages) and the logo and font files
 * it names (checked whole when loaded).
 */
const templateCache = new FileCache<string, { template: Template; stack: Layer[] }>();

/** The folder `extends` names: a path relative to the template's folder, or a built-in. */
function parentDir(layer: Layer, ref: string): { dir: string; origin: Template['origin'] } {
  const fail = (reason: string, hint: string) => new UserError(messageAt([layer], ['extends'], reason, hint));
  if (looksLikePath(ref)) {
    const dir = path.resolve(layer.dir, ref);
    if (!isTemplateDir(dir))
      throw fail(
        `\`extends\` names \`${ref}\`, which is not a template folder (no template.yaml in ${dir})`,
        'Name a folder that holds a template.yaml; a path is relative to this template’s folder.',
      );
    return { dir, origin: 'path' };
  }
  const dir = path.join(BUILTIN_DIR, ref);
  if (!isTemplateDir(dir)) {
    throw fail(
      `\`extends\` names \`${ref}\`, which is not a built-in template`,
      `Built in: ${builtinTemplateNames()
        .map((n) => `\`${n}\``)
        .join(', ')}. To extend another template folder, write its path, e.g. \`extends: ../${ref}\`.`,
    );
  }
  return { dir, origin: 'built-in' };
}

/** Files the merged settings name, by key path, with the kind of file each must be. */
function fileKeys(settings: TemplateSettings): { keys: string[]; kind: FileKind }[] {
  const out: { keys: string[]; kind: FileKind }[] = [];
  if (settings.letterhead.logo) out.push({ keys: ['letterhead', 'logo'], kind: 'image' });
  for (const lang of Object.keys(settings.letterhead.logos ?? {})) out.push({ keys: ['letterhead', 'logos', lang], kind: 'image' });
  const faces = (prefix: string[], f: Record<string, unknown>) => {
    for (const [face, v] of Object.entries(f)) if (typeof v === 'string' && FONT_FILE.test(v)) out.push({ keys: [...prefix, face], kind: 'font' });
  };
  for (const [role, spec] of Object.entries(settings.fonts)) {
    const { scripts, ...own } = spec;
    faces(['fonts', role], own);
    for (const [script, f] of Object.entries(scripts ?? {})) faces(['fonts', role, 'scripts', script], { ...f });
  }
  return out;
}

/** What the merged stack must satisfy beyond each file's schema. */
function checkMerged(stack: Layer[], settings: TemplateSettings): { files: Record<string, string>; messages: Message[] } {
  const messages = checkComplete(stack, settings, templateSpec, 'the template');
  for (const [name, style] of Object.entries(settings.styles)) {
    if (style?.font && !(style.font in settings.fonts)) {
      const roles = Object.keys(settings.fonts);
      messages.push(
        messageAt(
          stack,
          ['styles', name, 'font'],
          `\`styles.${name}.font\` is \`${style.font}\`, a font role \`fonts\` does not define`,
          roles.length ? `Defined: ${roles.map((r) => `\`${r}\``).join(', ')}.` : 'Add the role under `fonts:`.',
        ),
      );
    }
  }
  const kinds = ['contacts', 'background', 'boilerplate'] as const;
  const missing = kinds.filter((k) => !settings.sections.includes(k));
  if (missing.length || settings.sections.length !== kinds.length) {
    messages.push(
      messageAt(
        stack,
        ['sections'],
        '`sections` must list `contacts`, `background` and `boilerplate`, each once: it sets their order',
        missing.length ? `Add ${missing.map((k) => `\`${k}\``).join(', ')}: a section left out would drop what the source says.` : 'Remove the repeated section.',
      ),
    );
  }
  const files: Record<string, string> = {};
  for (const { keys, kind } of fileKeys(settings)) {
    const key = keys.join('.');
    const layer = stack.findLast((l) => getIn(l.raw, keys) !== undefined)!;
    const r = checkTemplateFile(layer.dir, getIn(settings, keys) as string, key, kind);
    if (r.ok) files[key] = r.path;
    else messages.push(messageAt([layer], keys, r.reason, r.hint));
  }
  return { files, messages };
}

function languagesOf(chain: string[]): string[] {
  const langs = new Set<string>();
  for (const dir of chain) {
    const locales = path.join(dir, 'locales');
    if (!existsSync(locales) || !statSync(locales).isDirectory()) continue;
    for (const f of readdirSync(locales)) if (f.endsWith('.yaml')) langs.add(f.slice(0, -5));
  }
  return [...langs].sort();
}

/**
 * Load the template in `dir` with everything it extends. `seen` is the chain of
 * folders that led here, to name a cycle.
 */
export function loadTemplate(dir: string, origin: Template['origin'], seen: string[] = []): Template {
  const real = realpathSync(dir);
  const hit = templateCache.get(real);
  if (hit) return hit.template.origin === origin ? hit.template : { ...hit.template, origin };
  const stamps = new Stamps().add(path.join(dir, 'template.yaml'), path.join(real, 'template.yaml'), path.join(real, 'locales'));
  const layer = readLayer(path.join(dir, 'template.yaml'), real, templateSpec, 'the template');
  const ref = layer.raw.extends as string | undefined;
  let parent: Template | undefined;
  if (ref !== undefined) {
    const found = parentDir(layer, ref);
    const parentReal = realpathSync(found.dir);
    const chain = [...seen, real];
    if (chain.includes(parentReal)) {
      const names = [...chain.slice(chain.indexOf(parentReal)), parentReal].map((d) => path.basename(d));
      throw new UserError(
        messageAt([layer], ['extends'], `\`extends\` makes a cycle: ${names.join(' → ')}`, 'A template cannot extend itself, directly or through another; remove `extends` from one of them.'),
      );
    }
    parent = loadTemplate(found.dir, found.origin, chain);
    stamps.addAll(templateCache.stampsOf(parent.dir) ?? new Stamps());
  }
  const stack = [...(parent ? templateCache.peek(parent.dir)!.stack : []), layer];
  const inherited = parent ? withoutOwnKeys(parent.settings) : DEFAULT_SETTINGS;
  const settings = deepMerge(inherited, withoutOwnKeys(layer.raw));
  settings.name = typeof layer.raw.name === 'string' ? layer.raw.name : path.basename(real);
  if (typeof layer.raw.description === 'string') settings.description = layer.raw.description;
  const { files, messages } = checkMerged(stack, settings);
  stamps.add(...Object.values(files));
  const chain = [...(parent?.chain ?? []), real];
  const languages = languagesOf(chain);
  // a logo for a language the template has no locale for would never be printed: a typo
  for (const lang of Object.keys(settings.letterhead.logos ?? {})) {
    if (languages.includes(lang)) continue;
    const layer = stack.findLast((l) => getIn(l.raw, ['letterhead', 'logos', lang]) !== undefined)!;
    messages.push(
      messageAt(
        [layer],
        ['letterhead', 'logos', lang],
        `\`letterhead.logos.${lang}\` names a language the template has no locale for`,
        `Its languages: ${languages.join(', ') || 'none'}. Name the logo by one of them (the locale file’s name).`,
      ),
    );
  }
  if (messages.length) throw new UserError(messages);
  const t: Template = { name: settings.name, dir: real, origin, ...(ref ? { extends: ref } : {}), chain, settings, files, languages };
  templateCache.set(real, { template: t, stack }, stamps);
  return t;
}
