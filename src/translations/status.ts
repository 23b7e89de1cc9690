/**
 * Where each translation stands against its original: up to date, stale (naming
 * the blocks of the original that changed), unmarked (no `source-hash`: counts
 * as stale), or missing (a project language with no file).
 */
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { loadConfig } from '../config/load.js';
import type { Message } from '../messages.js';
import { parseFile, placeOfKey } from '../release/load.js';
import type { Source } from '../source/parse.js';
import { type BlockChange, describeChange, freshness } from './fingerprint.js';

export type State = 'up-to-date' | 'stale' | 'unmarked' | 'missing';

interface TranslationState {
  lang: string;
  /** the translation's file; none when missing */
  file?: string;
  state: State;
  /** for stale: what changed in the original, in words */
  changes?: string[];
  detail?: BlockChange[];
}

export interface OriginalReport {
  file: string;
  lang: string;
  translations: TranslationState[];
}

export interface TranslationsResult {
  originals: OriginalReport[];
  messages: Message[];
}

const posix = (p: string) => p.split(path.sep).join('/');

/** `release.fr.md` → `fr`; the language tag in a translation's file name. */
function langOfName(file: string): string | undefined {
  return /\.([A-Za-z]{2,3}(?:-[A-Za-z0-9]+)*)\.md$/i.exec(file)?.[1];
}

/** The original a translation names, as a path relative to the working folder. */
export function originalPath(source: Source, cwd: string): string {
  const of = source.frontMatter['translation-of']!;
  return posix(path.relative(cwd, path.resolve(cwd, path.dirname(source.file), of)));
}

/** The state of one translation against its (already parsed) original. */
function translationState(original: Source, translation: Source): Omit<TranslationState, 'lang' | 'file'> {
  const f = freshness(translation.frontMatter['source-hash'], original);
  if (f.status === 'up-to-date') return { state: 'up-to-date' };
  if (f.status === 'stale') return { state: 'stale', detail: f.changes, changes: f.changes.map(describeChange) };
  // no hash, or one this version did not write: nothing tells that the translation is current
  return { state: 'unmarked' };
}

/** Parse a source; its problems go to `messages`. */
async function tryParse(file: string, cwd: string, messages: Message[]): Promise<Source | undefined> {
  const parsed = await parseFile(file, cwd);
  // An original that cannot be read is reported once, at the translation that names it.
  if (!parsed.source && !parsed.messages.every((m) => m.ruleId === 'read')) messages.push(...parsed.messages);
  return parsed.source;
}

/** Translations beside an original: `name.<lang>.md` files whose `translation-of` names it. */
async function siblings(original: string, cwd: string): Promise<string[]> {
  const dir = path.dirname(original);
  const stem = path.basename(original, '.md');
  const names = await readdir(path.resolve(cwd, dir)).catch(() => [] as string[]);
  return names.filter((n) => n.startsWith(`${stem}.`) && n.endsWith('.md') && langOfName(n) && n !== path.basename(original)).map((n) => posix(path.join(dir, n)));
}

export async function translationsStatus(files: string[], cwd: string): Promise<TranslationsResult> {
  const messages: Message[] = [];
  const parsed = new Map<string, Source | undefined>();
  const get = async (f: string) => {
    if (!parsed.has(f)) parsed.set(f, await tryParse(f, cwd, messages));
    return parsed.get(f);
  };
  // Every original named, or named by a translation that was named.
  const originals = new Set<string>();
  for (const f of files) {
    const s = await get(f);
    if (!s) continue;
    if (!s.frontMatter['translation-of']) {
      originals.add(f);
      continue;
    }
    const of = originalPath(s, cwd);
    const o = await get(of);
    if (!o) {
      messages.push({
        file: s.file,
        place: placeOfKey(s, ['translation-of']),
        ruleId: 'translation-of',
        severity: 'error',
        reason: `The original \`${s.frontMatter['translation-of']}\` cannot be read or has errors`,
        hint: 'Check the path; it is relative to this file’s folder.',
      });
      continue;
    }
    if (o.frontMatter['translation-of']) {
      messages.push({
        file: s.file,
        place: placeOfKey(s, ['translation-of']),
        ruleId: 'translation-of',
        severity: 'error',
        reason: originalPath(o, cwd) === f ? `\`translation-of\` forms a cycle: ${f} → ${of} → ${f}` : `The original ${of} is itself a translation`,
        hint: 'Point `translation-of` at the source in the original language.',
      });
      continue;
    }
    originals.add(of);
  }

  const reports: OriginalReport[] = [];
  for (const of of [...originals].sort()) {
    const original = (await get(of))!;
    const config = loadConfig(path.resolve(cwd, path.dirname(of)), cwd);
    const lang = original.frontMatter.lang ?? 'en';
    const states: TranslationState[] = [];
    for (const t of await siblings(of, cwd)) {
      const s = await get(t);
      if (!s?.frontMatter['translation-of'] || originalPath(s, cwd) !== of) continue;
      states.push({ lang: s.frontMatter.lang ?? langOfName(t) ?? '?', file: t, ...translationState(original, s) });
    }
    const have = new Set(states.map((s) => s.lang.toLowerCase()));
    for (const l of config.languages) {
      if (l.toLowerCase() !== lang.toLowerCase() && !have.has(l.toLowerCase())) states.push({ lang: l, state: 'missing' });
    }
    states.sort((a, b) => (a.lang < b.lang ? -1 : a.lang > b.lang ? 1 : 0));
    reports.push({ file: of, lang, translations: states });
  }
  return { originals: reports, messages };
}
