/**
 * One unit of work — an original and its translations — from sources to files on
 * disk and a report per source. The same function runs in a worker thread
 * (worker.ts) and, for a single unit or `--jobs 1`, in the main thread.
 */
import path from 'node:path';
import { fileHash, templateInputs, type InputRecord } from './fingerprint.js';
import { familyOf, type Member } from './family.js';
import { build, plan, type GenerateOptions, type Planned, type SourceResult } from './generate.js';
import type { Loaded } from './load.js';
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
function checkStem(p: Planned, planned: string | undefined): void {
  if (!p.loaded || p.stem === planned) return;
  p.messages.push({
    file: p.ref.file,
    ruleId: 'internal',
    severity: 'error',
    reason: `Not generated: the scan planned ${planned ?? 'no output'} for this source, but it would write ${p.stem}`,
    hint: 'This is a bug in pressready; please report it with this source’s front matter.',
  });
  delete p.loaded;
}

export async function runUnit(task: UnitTask): Promise<SourceReport[]> {
  const originals = new Map<string, Promise<Loaded>>();
  const reports: SourceReport[] = [];
  for (const { ref, stem } of task.sources) {
    const p = await plan(ref, task.opts, originals);
    // An original comes first in its unit: its translations reuse this load instead of parsing it again.
    if (p.loaded && !p.loaded.source.frontMatter['translation-of']) originals.set(path.resolve(task.opts.cwd, ref.file), Promise.resolve(p.loaded));
    checkStem(p, stem);
    const family = familyOf(p, task.members ?? [], task.opts);
    if (family) p.family = family;
    (await import('../lint/strict.js')).lintPlanned([p], task.opts.cwd, task.opts.strict === true);
    const result = await build(p, task.opts);
    reports.push({ ...result, inputs: await inputsOf(p, task) });
  }
  return reports;
}
