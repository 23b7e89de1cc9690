/**
 * Source → release model, for one file: read, parse, inherit from the original
 * (translations), find the template and the locale, extract. The layer below
 * lint, translations and the batch pipeline: each of them loads a release here.
 * Each step returns what it made and its messages: a problem of the source, its
 * original, its template or its config comes back as positioned messages, and
 * only a bug is thrown.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Node as YamlNode } from 'yaml';
import { configOrganization, loadConfig } from '../config/load.js';
import { LIMITS, type Limits } from '../limits.js';
import { isUserError, type Message, type Place } from '../messages.js';
import { extractRelease, mediaSectionWords } from '../model/extract/index.js';
import type { Contact, Release, Section } from '../model/types.js';
import { decodeSource } from '../source/decode.js';
import { type FrontMatter, NOT_INHERITED } from '../source/front-matter.js';
import { parseSource, type Source } from '../source/parse.js';
import { findTemplateDir, loadLocale, loadTemplate, resolveLanguage } from '../templates/load.js';
import type { LocaleData, Template } from '../templates/types.js';
import { placeOf } from '../yaml/parse.js';
import { templateBoilerplate } from './boilerplate.js';

export interface Loaded {
  source: Source;
  /** the front matter after inheritance from the original */
  frontMatter: FrontMatter;
  release: Release;
  template: Template;
  locale: LocaleData;
  /** the locale's boilerplate (`About …`) as blocks: printed when the source has none of its own */
  boilerplate: Section[];
  /** the original of a translation, loaded the same way */
  original?: Loaded;
}

/** A release, or the messages that say why it did not load; `messages` may also hold warnings beside a release. */
export interface LoadResult {
  loaded?: Loaded;
  messages: Message[];
}

export interface LoadOptions {
  /** `-t`: wins over the front matter's `template` */
  template?: string;
  /** the working folder, searched for `templates/` after the source's folder */
  cwd: string;
  /** the text, when it does not come from the file (standard input) */
  text?: string;
  /** the translation that asked for this original (to name a cycle) */
  from?: string;
  /** the source, already parsed (lint parses it first): not read or parsed again */
  source?: Source;
  /** originals already loaded, by absolute path: the translations of one original load it once */
  originals?: Map<string, Promise<LoadResult>>;
  /** the bounds on what is read (`--limit`) */
  limits?: Limits;
}

/** Where a front-matter key's value is written, for messages about it. */
export function placeOfKey(source: Source, keys: string[]): Place | undefined {
  const node = source.yaml.doc.getIn(keys, true) as YamlNode | undefined;
  return placeOf(source.yaml.src, node) ?? placeOf(source.yaml.src, source.yaml.doc.contents as YamlNode);
}

function sourceError(source: Source, keys: string[], ruleId: string, reason: string, hint: string): Message {
  return { file: source.file, place: placeOfKey(source, keys), ruleId, severity: 'error', reason, hint };
}

/** A step of a lower layer that tells its problems by throwing (templates, config): its problems as messages. */
function attempt<T>(step: () => T): { value?: T; messages: Message[] } {
  try {
    return { value: step(), messages: [] };
  } catch (e) {
    if (!isUserError(e)) throw e;
    return { messages: e.messages };
  }
}

/** A source file's text (decoded: UTF-8, within the limits), or why it cannot be read. */
export async function readSourceText(abs: string, file = abs, limits = LIMITS): Promise<{ text?: string; messages: Message[] }> {
  let bytes: Buffer;
  try {
    bytes = await readFile(abs);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return {
      messages: [
        {
          file,
          ruleId: 'read',
          severity: 'error',
          reason: code === 'ENOENT' ? 'No such file' : code === 'EISDIR' ? 'This is a folder, not a source' : `Cannot read the file (${code ?? 'error'})`,
          hint: code === 'ENOENT' ? 'Check the path.' : 'Check that the file is readable.',
        },
      ],
    };
  }
  const decoded = decodeSource(bytes, file, limits);
  return decoded.ok ? { text: decoded.text, messages: [] } : { messages: [decoded.message] };
}

/** A source parsed (read first unless `text` is given), or its problems. */
export async function parseFile(file: string, cwd: string, text?: string, limits = LIMITS): Promise<{ source?: Source; messages: Message[] }> {
  if (text === undefined) {
    const read = await readSourceText(path.resolve(cwd, file), file, limits);
    if (read.text === undefined) return { messages: read.messages };
    text = read.text;
  }
  const parsed = parseSource(file, text, limits);
  return parsed.ok ? { source: parsed.source, messages: [] } : { messages: parsed.messages };
}

function inherit(own: FrontMatter, original: FrontMatter): FrontMatter {
  const merged: FrontMatter = { ...own };
  for (const [k, v] of Object.entries(original)) {
    if (NOT_INHERITED.has(k)) continue;
    if (k === 'dateline') merged.dateline = { ...original.dateline, ...own.dateline };
    else if (!(k in own)) merged[k] = v;
  }
  return merged;
}

/**
 * What names the media section beyond the release's own locale and author: the
 * template's other languages' words, the organization's names in every language
 * (locales, the project config) and a translation's original's author.
 */
function mediaNames(template: Template, config: ReturnType<typeof loadConfig>, original?: Loaded): { words: ReturnType<typeof mediaSectionWords>[]; organizations: string[] } {
  const words: ReturnType<typeof mediaSectionWords>[] = [];
  const organizations: string[] = [];
  for (const lang of template.languages) {
    try {
      const l = loadLocale(template, lang);
      words.push(mediaSectionWords(l));
      if (l.letterhead?.organization) organizations.push(l.letterhead.organization);
    } catch (e) {
      // another language's broken locale is that language's problem, not this release's
      if (!isUserError(e)) throw e;
    }
  }
  const o = config.organization;
  if (o) organizations.push(...(typeof o === 'string' ? [o] : Object.values(o)));
  if (original?.release.metadata.author) organizations.push(original.release.metadata.author);
  return { words, organizations };
}

/**
 * A translation's front-matter contact that gives words only (a name, a role in
 * the translation's language) takes its phone number and addresses from the
 * original's contact it translates: the one of the same name (or desk), else
 * the one at the same place when both list as many.
 */
function completeContact(c: Contact, own: readonly Contact[], originals: readonly Contact[]): Contact {
  if (c.phones.length || c.emails.length) return c;
  const same = (o: Contact) => (c.desk ? o.desk === c.desk : o.name.trim().toLocaleLowerCase() === c.name.trim().toLocaleLowerCase());
  const fm = own.filter((x) => x.from === 'front-matter');
  const byPlace = fm.length === originals.length ? originals[fm.indexOf(c)] : undefined;
  const o = originals.find(same) ?? byPlace;
  if (!o) return c;
  return { ...c, phones: [...o.phones], ...(o.phoneE164 ? { phoneE164: o.phoneE164 } : {}), emails: [...o.emails], ...(o.desk && !c.desk ? { desk: o.desk } : {}) };
}

function resolveTemplate(ref: string, source: Source, opts: LoadOptions, fromFlag: boolean): { value?: Template; messages: Message[] } {
  const found = findTemplateDir(ref, { searchDirs: [path.dirname(path.resolve(opts.cwd, source.file)), opts.cwd] });
  if (!found) {
    const hint = 'Use a built-in template (`default`, `wire`), a folder under `templates/`, or a path to a template folder. `pressready templates` lists them.';
    // `-t` names no template: `generate` refuses the flag (exit 2) before any source is loaded
    if (fromFlag) return { messages: [{ file: source.file, ruleId: 'template', severity: 'error', reason: `No template \`${ref}\``, hint }] };
    return { messages: [sourceError(source, ['template'], 'template', `No template \`${ref}\``, hint)] };
  }
  return attempt(() => loadTemplate(found.dir, found.origin));
}

export async function loadRelease(file: string, opts: LoadOptions, depth = 0): Promise<LoadResult> {
  if (depth > 0 && opts.originals) {
    const key = path.resolve(opts.cwd, file);
    let loading = opts.originals.get(key);
    if (!loading) opts.originals.set(key, (loading = loadRelease(file, { ...opts, originals: undefined }, depth)));
    return loading;
  }
  let source = opts.source;
  if (!source) {
    const parsed = await parseFile(file, opts.cwd, opts.text, opts.limits);
    if (!parsed.source) return { messages: parsed.messages };
    source = parsed.source;
  }
  let fm = source.frontMatter;
  let original: Loaded | undefined;
  const of = fm['translation-of'];
  if (of) {
    const originalFile = path.join(path.dirname(file), of);
    if (depth > 0) {
      const back = path.normalize(originalFile) === path.normalize(opts.from ?? '');
      return {
        messages: [
          sourceError(
            source,
            ['translation-of'],
            'translation-of',
            back ? `\`translation-of\` forms a cycle: ${opts.from} → ${file} → ${opts.from}` : 'An original cannot itself be a translation',
            'Point `translation-of` at the source in the original language.',
          ),
        ],
      };
    }
    const loadedOriginal = await loadRelease(originalFile, { ...opts, text: undefined, source: undefined, from: file }, depth + 1);
    if (!loadedOriginal.loaded) {
      const missing = loadedOriginal.messages.some((m) => m.ruleId === 'read');
      return {
        messages: [
          {
            file: source.file,
            place: placeOfKey(source, ['translation-of']),
            ruleId: 'translation-of',
            severity: 'error',
            reason: missing ? `The original \`${of}\` does not exist` : `The original \`${of}\` has errors`,
            hint: missing ? 'Check the path; it is relative to this file’s folder.' : 'Mend the original first.',
          },
          ...(missing ? [] : loadedOriginal.messages),
        ],
      };
    }
    original = loadedOriginal.loaded;
    fm = inherit(fm, original.frontMatter);
    for (const key of ['city', 'date'] as const) {
      if (!fm.dateline?.[key])
        return {
          messages: [
            sourceError(source, ['translation-of'], 'front-matter', `Neither this translation nor its original has \`dateline.${key}\``, `Add \`${key}:\` under \`dateline:\` in the original.`),
          ],
        };
    }
  }

  const templateRef = opts.template ?? fm.template ?? 'default';
  const resolved = resolveTemplate(templateRef, source, opts, opts.template !== undefined);
  if (!resolved.value) return { messages: resolved.messages };
  const template = resolved.value;
  const lang = fm.lang ?? 'en';
  const localeName = resolveLanguage(template, lang);
  if (!localeName) {
    return {
      messages: [
        sourceError(
          source,
          ['lang'],
          'lang',
          `The template \`${template.name}\` has no \`${lang}\` locale`,
          `It has: ${template.languages.join(', ') || 'none'}. Use one of those, or add locales/${lang.split('-')[0]}.yaml to the template.`,
        ),
      ],
    };
  }
  // the project's name for its organization in this language wins over the template's
  const config = attempt(() => loadConfig(path.dirname(path.resolve(opts.cwd, file)), opts.cwd));
  if (!config.value) return { messages: config.messages };
  const projectOrganization = configOrganization(config.value, lang) ?? configOrganization(config.value, localeName);
  const templateLocale = attempt(() => loadLocale(template, localeName));
  if (!templateLocale.value) return { messages: templateLocale.messages };
  const locale = projectOrganization ? { ...templateLocale.value, letterhead: { ...templateLocale.value.letterhead, organization: projectOrganization } } : templateLocale.value;
  const release = extractRelease({ source, frontMatter: fm, locale, template, templateRef, media: mediaNames(template, config.value, original) });
  const ownContacts = source.frontMatter.contacts?.length || release.contacts.some((c) => c.from === 'body');
  if (original && !ownContacts) release.contacts = original.release.contacts.map((c) => ({ ...c }));
  else if (original) release.contacts = release.contacts.map((c) => (c.from === 'front-matter' ? completeContact(c, release.contacts, original.release.contacts) : c));
  const loaded: Loaded = { source, frontMatter: fm, release, template, locale, boilerplate: templateBoilerplate(locale), ...(original ? { original } : {}) };
  return { loaded, messages: [] };
}
