/**
 * One unit of work — an original and its translations — from sources to files on
 * disk and a report per source. The same function runs in a worker thread
 * (worker.ts) and, for a single unit or `--jobs 1`, in the main thread.
 */
import path from 'node:path';
import { type NewsItem, newsItem } from '../newsroom/item.js';
import type { LoadResult } from '../release/load.js';
import { familyOf, type Member } from './family.js';
import { fileHash, type InputRecord, templateInputs } from './fingerprint.js';
import { build, type GenerateOptions, type Planned, plan, refused, type SourceResult, startElsewhere } from './generate.js';
import type { SourceRef } from './inputs.js';

/** What a task carries: plain data, so that it crosses to a worker thread. */
export interface UnitTask {
  /** each source with the output stem the scan planned (and checked for collisions) */
  sources: { ref: SourceRef; stem?: string }[];
  /** sha256 of files the scan read, by absolute path: not read again to hash them */
  hashes?: Record<string, string>;
  /** every source of the unit (those up to date too), for the links between language versions */
  members?: Member[];
  opts: GenerateOptions;
}

/** What generate made of one source, and from what. */
export interface SourceReport extends SourceResult {
  inputs: InputRecord[];
  /** milliseconds it took: its load, its share of the unit's lint, its rendering and writing (`watch` prints it) */
  ms?: number;
}

async function inputsOf(p: Planned, task: UnitTask): Promise<InputRecord[]> {
  const hash = async (abs: string) => task.hashes?.[abs] ?? (await fileHash(abs)) ?? '';
  const abs = path.resolve(task.opts.cwd, p.ref.file);
  const records: InputRecord[] = [{ role: 'source', path: abs, sha256: await hash(abs) }];
  const loaded = p.loaded;
  if (!loaded) return records;
  if (loaded.original) {
    const original = path.resolve(task.opts.cwd, loaded.original.source.file);
    records.push({ role: 'original', path: original, sha256: await hash(original) });
  }
  records.push(...(await templateInputs(loaded.template, loaded.release.template)));
  return records;
}

/**
 * The scan planned where this source writes before it was loaded; the load must
 * agree, or a collision could slip past the check made on the scan's paths.
 */
function checkStem(p: Planned, planned: string | undefined): Planned {
  if (!p.loaded || p.stem === planned) return p;
  return refused(p, [
    {
      file: p.ref.file,
      ruleId: 'internal',
      severity: 'error',
      reason: `Not generated: the scan planned ${planned ?? 'no output'} for this source, but it would write ${p.stem}`,
      hint: 'This is a bug in pressready; please report it with this source’s front matter.',
    },
  ]);
}

/**
 * Load every source of a unit (the original first: its translations reuse that load), check where each writes, lint.
 * `ms`: the milliseconds each source's load and its share of the lint took, in the order of the sources.
 */
async function planUnit(task: UnitTask): Promise<{ planned: Planned[]; ms: number[] }> {
  const originals = new Map<string, Promise<LoadResult>>();
  const loaded: Planned[] = [];
  const ms: number[] = [];
  for (const { ref, stem } of task.sources) {
    const started = performance.now();
    const p = await plan(ref, task.opts, originals);
    ms.push(performance.now() - started);
    if (p.loaded && !p.loaded.source.frontMatter['translation-of']) originals.set(path.resolve(task.opts.cwd, ref.file), Promise.resolve({ loaded: p.loaded, messages: [] }));
    const checked = checkStem(p, stem);
    startElsewhere(checked, task.opts);
    loaded.push(checked);
  }
  const started = performance.now();
  const planned = (await import('./lint.js')).lintPlanned(loaded, task.opts.cwd, task.opts.strict === true);
  const lint = (performance.now() - started) / Math.max(1, planned.length);
  return { planned, ms: ms.map((t) => t + lint) };
}

const isOriginal = (p: Planned) => !p.loaded!.source.frontMatter['translation-of'];

function newsOf(p: Planned, planned: readonly Planned[]): NewsItem {
  const { release, template, locale } = p.loaded!;
  const others = planned.filter((q) => q !== p && q.loaded && q.stem).map((q) => ({ lang: q.loaded!.release.lang, stem: q.stem! }));
  return newsItem(release, template, locale, p.stem!, isOriginal(p), others);
}

export async function runUnit(task: UnitTask): Promise<SourceReport[]> {
  const { planned, ms } = await planUnit(task);
  const reports: SourceReport[] = [];
  for (const [i, p] of planned.entries()) {
    const started = performance.now();
    const family = familyOf(p, task.members ?? [], task.opts);
    const result = await build(family ? { ...p, family } : p, task.opts);
    if (task.opts.feed && result.ok) result.news = newsOf(p, planned);
    reports.push({ ...result, inputs: await inputsOf(p, task), ms: ms[i]! + performance.now() - started });
  }
  return reports;
}

/**
 * What the newsroom lists of a unit this run does not generate (up to date, or
 * another shard's): its sources loaded and linted as generate would, not rendered.
 */
export async function unitNews(task: UnitTask): Promise<NewsItem[]> {
  const { planned } = await planUnit(task);
  return planned.filter((p) => p.loaded && p.stem).map((p) => newsOf(p, planned));
}
