/**
 * Which files changed, in batches: the folders `watch` and `preview` look at,
 * their events gathered for a moment (an editor's save is often several events:
 * a temporary file, a rename, a change of mode) and handed over one batch at a
 * time, never two at once.
 *
 * chokidar (well kept, used by most build tools' watch modes; v4 runs on Node 14
 * and later, with two small dependencies) rather than `fs.watch` alone: it
 * follows folders recursively on every platform, turns an editor's atomic save
 * (write a temporary file, rename it over the source) into one `change`, tells a
 * file that vanishes and comes back, and stats what it reports. Folders are
 * watched rather than files: a watched file that is deleted is forgotten by
 * chokidar and not seen when it comes back; its folder is.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { type FSWatcher, watch } from 'chokidar';
import { stampOf } from '../io/stamp.js';

/** Longer than chokidar's throttle of `change` events (50 ms a path). */
const RECHECK_MS = 80;

export interface Batch {
  /** absolute paths of files added, changed or removed */
  changed: Set<string>;
  /** of those, files that appeared or vanished (a new source in a watched folder, a deleted one) */
  addedOrRemoved: Set<string>;
}

interface WatcherOptions {
  /** folders or files never reported (the output folder) */
  ignore?: (abs: string) => boolean;
  /** how long to gather events after the first one of a batch, in ms */
  settle?: number;
}

export class Watcher {
  /** folders watched with everything in them, and folders watched for their own files only */
  private readonly deep: FSWatcher;
  private readonly shallow: FSWatcher;
  private readonly deepDirs = new Set<string>();
  private readonly shallowDirs = new Set<string>();
  private pending: Batch = { changed: new Set(), addedOrRemoved: new Set() };
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private closed = false;
  /** folders asked for before `start` */
  private readonly held = new Map<FSWatcher, string[]>();
  private started = false;

  constructor(
    private readonly onBatch: (batch: Batch) => Promise<void>,
    private readonly opts: WatcherOptions = {},
  ) {
    const ignored = (p: string) => {
      const abs = path.resolve(p);
      // hidden files and folders (an editor's swap file, .git) and node_modules are never sources nor template files
      if (path.basename(abs).startsWith('.') && !this.deepDirs.has(abs) && !this.shallowDirs.has(abs)) return true;
      if (path.basename(abs) === 'node_modules') return true;
      return opts.ignore?.(abs) ?? false;
    };
    const common = { ignoreInitial: true, atomic: true, ignored, ignorePermissionErrors: true } as const;
    this.deep = watch([], common);
    this.shallow = watch([], { ...common, depth: 0 });
    for (const w of [this.deep, this.shallow]) {
      w.on('all', (event, p) => {
        const abs = path.resolve(p);
        this.note(abs, event === 'add' || event === 'unlink' || event === 'addDir' || event === 'unlinkDir');
      });
      // a folder that cannot be watched (too many watches, permissions) is no reason to stop: its files are still generated
      w.on('error', () => {});
    }
  }

  /** Watch these folders and everything in them (source folders, template folders). */
  watchDeep(dirs: Iterable<string>): void {
    const add = [...dirs].map((d) => path.resolve(d)).filter((d) => !this.deepDirs.has(d) && existsSync(d));
    for (const d of add) this.deepDirs.add(d);
    if (add.length) this.add(this.deep, add);
  }

  /** Watch the folders of these files, for the files themselves: a named source, a config file, an original. */
  watchFilesOf(files: Iterable<string>): void {
    const dirs = new Set<string>();
    for (const f of files) {
      // the nearest folder that exists: a config file may appear in a folder made later
      let d = path.dirname(path.resolve(f));
      while (!existsSync(d) && path.dirname(d) !== d) d = path.dirname(d);
      if (!this.shallowDirs.has(d) && ![...this.deepDirs].some((deep) => d === deep || d.startsWith(deep + path.sep))) dirs.add(d);
    }
    for (const d of dirs) this.shallowDirs.add(d);
    if (dirs.size) this.add(this.shallow, [...dirs]);
  }

  private add(w: FSWatcher, dirs: string[]): void {
    if (!this.started) {
      this.held.set(w, [...(this.held.get(w) ?? []), ...dirs]);
      return;
    }
    w.add(dirs);
  }

  /**
   * Start watching the folders asked for so far, all at once (chokidar says `ready`
   * once a watcher, when the paths it was first given are scanned); resolves then.
   * Folders asked for later are watched from a moment after they are asked for.
   */
  async start(): Promise<void> {
    this.started = true;
    const ready: Promise<void>[] = [];
    for (const [w, dirs] of this.held) {
      ready.push(new Promise<void>((r) => void w.once('ready', () => r())));
      w.add(dirs);
    }
    this.held.clear();
    // a bound, so that a watch whose watcher never says it is ready still starts
    await Promise.race([Promise.all(ready), new Promise((r) => setTimeout(r, 5000).unref())]);
  }

  /**
   * Paths reported, with their stamps then, to look at again once chokidar's throttle is over:
   * each at its own time (`due`), RECHECK_MS after its own report. (One timer for all, set by an
   * earlier report, looked at a later one too soon: a save that followed it within chokidar's
   * throttle was then dropped by chokidar and passed by the re-check, and never generated.)
   */
  private readonly recheck = new Map<string, { stamp: string; due: number }>();
  private recheckTimer: NodeJS.Timeout | undefined;

  private note(abs: string, addedOrRemoved: boolean): void {
    if (this.closed) return;
    // chokidar passes on one `change` a file in 50 ms and drops the rest: a second save within them would be lost.
    // So each path reported is looked at again after that: a stamp that moved since is a change of its own.
    this.recheck.set(abs, { stamp: stampOf(abs), due: Date.now() + RECHECK_MS });
    this.scheduleRecheck();
    this.pending.changed.add(abs);
    if (addedOrRemoved) this.pending.addedOrRemoved.add(abs);
    if (!this.timer && !this.running) this.timer = setTimeout(() => void this.flush(), this.opts.settle ?? 5);
  }

  private scheduleRecheck(): void {
    if (this.recheckTimer || this.closed || !this.recheck.size) return;
    let next = Infinity;
    for (const { due } of this.recheck.values()) next = Math.min(next, due);
    this.recheckTimer = setTimeout(() => this.rechecked(), Math.max(0, next - Date.now()));
  }

  private rechecked(): void {
    this.recheckTimer = undefined;
    const now = Date.now();
    for (const [abs, { stamp, due }] of [...this.recheck]) {
      if (due > now) continue;
      this.recheck.delete(abs);
      if (stampOf(abs) !== stamp) this.note(abs, false);
    }
    this.scheduleRecheck();
  }

  private async flush(): Promise<void> {
    this.timer = undefined;
    if (this.closed || !this.pending.changed.size) return;
    const batch = this.pending;
    this.pending = { changed: new Set(), addedOrRemoved: new Set() };
    this.running = this.onBatch(batch).catch(() => {});
    await this.running;
    this.running = undefined;
    // what changed while this batch ran: the next batch
    if (this.pending.changed.size && !this.closed) this.timer = setTimeout(() => void this.flush(), this.opts.settle ?? 5);
  }

  /** Stop watching; resolves when the batch being handled (if any) is done, so that no file is left half-written. */
  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    if (this.recheckTimer) clearTimeout(this.recheckTimer);
    await Promise.all([this.deep.close(), this.shallow.close()]);
    await this.running;
  }
}
