/**
 * Units of work: an original with its translations. A translation is loaded with
 * its original (it inherits from it), so they go to the same worker — which then
 * loads the original once — and to the same CI shard.
 */
import path from 'node:path';
import type { GenerateOptions } from './generate.js';
import type { UnitTask } from './run-unit.js';
import type { Scanned } from './scan.js';

interface Unit {
  /** the original's path relative to the working folder, POSIX: the unit's name, and what its shard is decided by */
  key: string;
  /** the original first when it is among the sources, then its translations, by path */
  sources: Scanned[];
}

function posix(p: string): string {
  return p.split(path.sep).join('/');
}

const byPath = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export function groupUnits(scanned: readonly Scanned[], cwd: string): Unit[] {
  const groups = new Map<string, Scanned[]>();
  for (const s of scanned) {
    const key = posix(path.relative(cwd, s.original ?? s.abs));
    groups.set(key, [...(groups.get(key) ?? []), s]);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => byPath(a, b))
    .map(([key, sources]) => ({
      key,
      sources: sources.sort((a, b) => Number(a.original !== undefined) - Number(b.original !== undefined) || byPath(a.ref.file, b.ref.file)),
    }));
}

/** The tasks for a run: each unit's sources that are not up to date, with the scan's findings. */
export function unitTasks(units: readonly Unit[], skip: ReadonlySet<string> | ReadonlyMap<string, unknown>, opts: GenerateOptions): UnitTask[] {
  return units
    .map((u) => ({
      sources: u.sources.filter((s) => !skip.has(s.abs)).map((s) => ({ ref: s.ref, ...(s.stem ? { stem: s.stem } : {}) })),
      // every source of the unit, up to date or not: the web page links each language version
      members: u.sources.map((s) => ({ file: s.ref.file, translation: s.original !== undefined, ...(s.stem ? { stem: s.stem } : {}), ...(s.lang ? { lang: s.lang } : {}) })),
      // the scan hashed the bytes it read; a file changed since then is only generated again next time
      hashes: Object.fromEntries(u.sources.filter((s) => s.sha256).map((s) => [s.abs, s.sha256])),
      opts,
    }))
    .filter((t) => t.sources.length);
}
