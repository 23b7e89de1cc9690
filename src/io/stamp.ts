/**
 * Caches of what was made from files (a template's settings, a locale's words, a
 * folder's digest, a parsed font), valid only while those files are the same. A
 * file's stamp is its inode, size, modification and change times: a save in
 * place changes the times, an editor's save by rename changes the inode, a
 * deleted file has no stamp. `generate` pays a few `stat` calls a source for it
 * (microseconds); a long-lived process (`watch`, `preview`) never serves an old
 * template, locale, logo or font. What `watch` sees change it also `forget`s at
 * once, so that two saves within one tick of a coarse file-system clock count too.
 *
 * Caches keyed by objects that never change (a LocaleData, a Composed) need none
 * of this: a changed file gives a new object.
 */
import { statSync } from 'node:fs';
import path from 'node:path';

type Stamp = string;

/** A file's stamp now; `-` when there is none (missing or unreadable). */
export function stampOf(file: string): Stamp {
  try {
    const st = statSync(file, { throwIfNoEntry: false });
    return st ? `${st.ino}:${st.size}:${st.mtimeMs}:${st.ctimeMs}` : '-';
  } catch {
    return '-';
  }
}

/** `watch`: the stamps taken since the last batch of changes, by file (undefined: every check takes them anew). */
let taken: Map<string, Stamp> | undefined;

/**
 * From now on, a file's stamp is taken once between two batches of changes (a
 * `forget`): a save's run checks a locale file in every cache that was made from
 * it (a save of one release stat'ed its locale file 8 times, 51 stats in all). A
 * file that changes during a run is seen by the watcher, whose `forget` starts the
 * next batch; what was read meanwhile was stamped before it was read, so it is read
 * again then. The watcher's own checks (./../watch/watcher.ts) always stat.
 */
export function stampOncePerBatch(): void {
  if (taken) return;
  taken = new Map();
  onForget(() => taken!.clear());
}

/** A file's stamp for the caches: once a batch in `watch`, else now. */
function stampFor(file: string): Stamp {
  if (!taken) return stampOf(file);
  let s = taken.get(file);
  if (s === undefined) taken.set(file, (s = stampOf(file)));
  return s;
}

/** Whether `file` is one of `changed`, or inside one of them (a folder). */
export function touches(file: string, changed: readonly string[]): boolean {
  return changed.some((c) => file === c || file.startsWith(c.endsWith(path.sep) ? c : c + path.sep));
}

/** The files a cached value was made from, with their stamps when it was made. */
export class Stamps {
  private readonly stamps = new Map<string, Stamp>();

  /** `file`'s stamp as it is now: call before reading it, so that a change while it is read shows next time. */
  add(...files: string[]): this {
    for (const f of files) if (!this.stamps.has(f)) this.stamps.set(f, stampFor(f));
    return this;
  }

  addAll(other: Stamps): this {
    for (const [f, s] of other.stamps) if (!this.stamps.has(f)) this.stamps.set(f, s);
    return this;
  }

  /** The files whose stamp is not what it was (none: the value still holds). */
  changed(): string[] {
    const out: string[] = [];
    for (const [f, s] of this.stamps) if (stampFor(f) !== s) out.push(f);
    return out;
  }

  touchedBy(changed: readonly string[]): boolean {
    for (const f of this.stamps.keys()) if (touches(f, changed)) return true;
    return false;
  }

  get files(): string[] {
    return [...this.stamps.keys()];
  }
}

type Forgetter = (changed: readonly string[]) => void;
const forgetters = new Set<Forgetter>();

/** Called with the files (or folders) that changed, to drop what was made from them. */
export function onForget(fn: Forgetter): void {
  forgetters.add(fn);
}

/**
 * Files or folders that changed (a watcher saw them, or a cache found a stamp
 * changed): every cache drops what it made from them or from inside them.
 */
export function forget(changed: readonly string[]): void {
  if (!changed.length) return;
  for (const fn of forgetters) fn(changed);
}

/** A map whose values hold while the files they were made from are the same. */
export class FileCache<K, V> {
  private readonly entries = new Map<K, { value: V; stamps: Stamps }>();

  constructor() {
    onForget((changed) => {
      for (const [k, e] of this.entries) if (e.stamps.touchedBy(changed)) this.entries.delete(k);
    });
  }

  /** The value, when every file it was made from is unchanged; otherwise undefined (and the other caches told). */
  get(key: K): V | undefined {
    const e = this.entries.get(key);
    if (!e) return undefined;
    const changed = e.stamps.changed();
    if (!changed.length) return e.value;
    this.entries.delete(key);
    forget(changed);
    return undefined;
  }

  /** The value as it was stored, without checking its files (just after `get` or `set` checked them). */
  peek(key: K): V | undefined {
    return this.entries.get(key)?.value;
  }

  /** The stamps the value was made with, as `get` last found them still valid. */
  stampsOf(key: K): Stamps | undefined {
    return this.entries.get(key)?.stamps;
  }

  set(key: K, value: V, stamps: Stamps): V {
    this.entries.set(key, { value, stamps });
    return value;
  }

  delete(key: K): void {
    this.entries.delete(key);
  }

  clear(): void {
    this.entries.clear();
  }
}
