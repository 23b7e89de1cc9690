/**
 * The quick scan of many sources, before any is fully loaded: read each file
 * once, hash it, and read the two front-matter keys that decide how the run is
 * split — `id` (where the outputs go, so that two sources writing one path are
 * refused before anything is written) and `translation-of` (a translation goes
 * with its original, to the same worker and the same shard). It loads `yaml`,
 * not the Markdown parser: with a pool, the main thread does only this.
 * A file the scan cannot read is not an error here; loading it reports why.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import YAML from 'yaml';
import { releaseId } from '../model/id.js';
import { frontMatterText } from '../source/fence.js';
import { scriptsIn } from '../text/scripts.js';
import type { GenerateOptions } from './generate.js';
import type { SourceRef } from './inputs.js';
import { stemOf } from './stem.js';

export interface Scanned {
  ref: SourceRef;
  abs: string;
  /** sha256 of the file's bytes; empty when it could not be read */
  sha256: string;
  /** where its outputs go, without extension; undefined when the front matter does not parse */
  stem?: string;
  /** the absolute path of the original, for a translation */
  original?: string;
  /** scripts beyond Latin its text has characters of, for the fonts a pool shares (../text/scripts.ts) */
  scripts?: ('Arab' | 'Hans')[];
  /** its language (`lang`, `en` when not written), for the links between an original and its translations */
  lang?: string;
}

/** `lang: xx` as a block key at the top of the front matter: read without parsing the YAML (most sources are not parsed here). */
function langOf(yaml: string, fm: Record<string, unknown>): string {
  if (typeof fm.lang === 'string') return fm.lang;
  return /^lang[ \t]*:[ \t]*["']?([A-Za-z0-9-]+)["']?[ \t]*(?:#.*)?$/m.exec(yaml)?.[1] ?? 'en';
}

export function sha256(data: Uint8Array | string): string {
  return createHash('sha256').update(data).digest('hex');
}

/** `id` or `translation-of` written as a key: block, flow or quoted (`? id` too). */
const KEYS = /(?:^|[\s{,"'])(?:id|translation-of)["']?\s*:/;

function frontMatterKeys(text: string): Record<string, unknown> | undefined {
  const yaml = frontMatterText(text);
  if (yaml === undefined) return undefined;
  // Most sources name neither key; parsing their YAML here would only cost time (a worker parses it anyway).
  if (!KEYS.test(yaml)) return {};
  try {
    const value: unknown = YAML.parse(yaml);
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

export async function scanSource(ref: SourceRef, opts: Pick<GenerateOptions, 'cwd' | 'outDir'>): Promise<Scanned> {
  const abs = path.resolve(opts.cwd, ref.file);
  const bytes = await readFile(abs).catch(() => undefined);
  if (!bytes) return { ref, abs, sha256: '' };
  const text = bytes.toString('utf8');
  const scripts = scriptsIn(text);
  const fm = frontMatterKeys(text);
  if (!fm) return { ref, abs, sha256: sha256(bytes), scripts };
  const of = fm['translation-of'];
  return {
    ref,
    abs,
    sha256: sha256(bytes),
    scripts,
    lang: langOf(frontMatterText(text) ?? '', fm),
    stem: stemOf(ref, releaseId(ref.file, fm.id), opts),
    ...(typeof of === 'string' && of ? { original: path.resolve(path.dirname(abs), of) } : {}),
  };
}

export async function scanSources(refs: SourceRef[], opts: Pick<GenerateOptions, 'cwd' | 'outDir'>): Promise<Scanned[]> {
  return Promise.all(refs.map((r) => scanSource(r, opts)));
}
