/**
 * `pressready watch`: generate once, then again on every save, only what the
 * change affects — the source itself; the translations of a changed original
 * (they inherit its front matter; their pages link it); the whole unit when a
 * language version appears, vanishes or changes its id or language; the sources
 * of a changed template (any file in its folders), locale, logo or config file;
 * sources that appear in a watched folder or glob. The pipeline is generate's
 * own (scan, units, runUnit in this thread), and so is its reporting; the caches
 * it reads through are told what changed (../io/stamp.ts).
 *
 * A source that fails is reported and its last good outputs stay; the watch goes
 * on. A deleted source is said to be gone, and generated again when it comes back.
 */
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { forget } from '../io/stamp.js';
import { type Message, UserError } from '../messages.js';
import type { GenerateFlags } from '../options/generate-flags.js';
import type { GenerateOptions } from '../pipeline/generate.js';
import type { SourceRef } from '../pipeline/inputs.js';
import type { SourceReport, UnitTask } from '../pipeline/run-unit.js';
import type { Scanned } from '../pipeline/scan.js';
import { type Io, printMessages } from '../report/io.js';
import { progressBar } from '../report/progress.js';
import { RunReport } from '../report/run-report.js';
import { configCandidates, DependencyMap, pathVariants } from './deps.js';
import type { Batch, Watcher } from './watcher.js';

/** Renderings of a release before the watch starts (see WatchSession.rehearse). */
const REHEARSALS = 5;

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** The folder a glob's matches are under: its path up to the first part with a wildcard. */
function globBase(pattern: string, cwd: string): string {
  const parts = pattern.split(/[\\/]/);
  const fixed: string[] = [];
  for (const part of parts) {
    if (/[*?[\]{}()!+@]/.test(part)) break;
    fixed.push(part);
  }
  return path.resolve(cwd, fixed.join('/') || '.');
}

export class WatchSession {
  private opts!: GenerateOptions;
  private quiet = false;
  private readonly sources = new Map<string, Scanned>();
  private readonly deps = new DependencyMap();
  /** sources whose last run did not load (a template error, say): what they depend on is not known, so any change retries them */
  private readonly unknownDeps = new Set<string>();
  /** messages about inputs already told (a skipped file, a pattern that matches nothing) */
  private readonly told = new Set<string>();
  /** after each batch, for tests and the bench: the reports of the sources generated */
  onGenerated?: (reports: SourceReport[]) => void;

  constructor(
    private readonly args: string[],
    private readonly given: GenerateFlags,
    private readonly io: Io,
    private readonly watcher: Watcher,
  ) {}

  get outDir(): string {
    return path.resolve(this.io.cwd, this.opts?.outDir ?? this.given.out ?? 'dist');
  }

  /** The options, from the flags and the config's `generate:` defaults (read again when the config changes). */
  async options(): Promise<void> {
    const { generateOptions } = await import('../options/generate-options.js');
    const { flags, opts } = await generateOptions(this.given, this.io);
    this.opts = opts;
    this.quiet = flags.quiet === true;
  }

  /** The first run: every source; then the folders to watch. */
  async start(): Promise<number> {
    await this.options();
    const found = await this.findSources();
    await this.generate(new Set(found.keys()), found, new Set());
    await this.rehearse();
    // the named folders, the folders of named files and of globs, and the config files that give the defaults
    for (const arg of this.args) {
      const abs = path.resolve(this.io.cwd, arg);
      const st = statSync(abs, { throwIfNoEntry: false });
      if (st?.isDirectory()) this.watcher.watchDeep([abs]);
      else if (st?.isFile() || !(await import('tinyglobby')).isDynamicPattern(arg)) this.watcher.watchFilesOf([abs]);
      else this.watcher.watchDeep([globBase(arg, this.io.cwd)]);
    }
    this.watcher.watchFilesOf(configCandidates(this.io.cwd, this.io.cwd));
    return this.sources.size;
  }

  /**
   * Before the watch says it is watching: a release rendered REHEARSALS times more, in
   * memory (nothing written, nothing told), in both threads. V8 compiles a save's code
   * for what it meets only after some runs: without this, the first saves of a release
   * took 2–4 times as long as the tenth (fixtures/cedaw-trafficking, txt+docx+pdf: the
   * first save 160–300 ms, the fifteenth ~50 ms; with it, the first ~100–180 ms), for
   * ~0.5 s more before the watch starts.
   */
  private async rehearse(): Promise<void> {
    const first = [...this.sources.values()].find((s) => s.sha256);
    if (!first) return;
    try {
      const { build, plan } = await import('../pipeline/generate.js');
      const { lintPlanned } = await import('../pipeline/lint.js');
      const planned = await plan(first.ref, this.opts);
      if (!planned.loaded) return;
      const [p] = lintPlanned([planned], this.io.cwd, false);
      for (let i = 0; i < REHEARSALS; i++) await build(p!, this.opts, false);
    } catch {
      // what the first run met, it told
    }
  }

  /** The sources the arguments name now, by absolute path; messages about inputs told once. */
  private async findSources(): Promise<Map<string, SourceRef>> {
    const { expandInputs } = await import('../pipeline/inputs.js');
    const inputs = await expandInputs(this.args, { cwd: this.io.cwd, outDir: this.opts.outDir });
    const fresh = inputs.messages.filter((m) => {
      const key = `${m.file}\0${m.reason}`;
      if (this.told.has(key)) return false;
      this.told.add(key);
      // each said once: a skipped file, a named source that is not there (yet)
      return m.severity !== 'info' || !this.quiet;
    });
    printMessages(this.io, fresh);
    return new Map(inputs.sources.map((s) => [path.resolve(this.io.cwd, s.file), s]));
  }

  /** What a batch of changed files means: the sources to generate again. */
  async onBatch(batch: Batch): Promise<void> {
    try {
      await this.handle(batch);
    } catch (e) {
      // the watch goes on whatever one batch met
      const messages: Message[] =
        e instanceof UserError
          ? e.messages
          : [
              {
                file: 'pressready',
                ruleId: 'internal',
                severity: 'error',
                reason: `Internal error: ${(e as Error)?.message ?? String(e)}`,
                hint: 'This is a bug in pressready; please report it with what you saved. The watch goes on.',
              },
            ];
      printMessages(this.io, messages);
    }
  }

  private async handle(batch: Batch): Promise<void> {
    const changed = [...batch.changed].flatMap(pathVariants);
    forget(changed);
    const configChanged = changed.some((c) => path.basename(c) === 'pressready.config.yaml');
    if (configChanged) await this.options();
    const affected = configChanged ? new Set(this.sources.keys()) : this.deps.affected(changed);
    // a change to anything but a source retries the sources that did not load
    if (changed.some((c) => !this.sources.has(c))) for (const s of this.unknownDeps) affected.add(s);
    // sources saved, and nothing else of theirs: generated again only when their bytes changed (an editor may write twice)
    const saved = new Set(changed.filter((c) => this.sources.has(c) && !affected.has(c)));
    for (const c of saved) affected.add(c);

    let found: Map<string, SourceRef> | undefined;
    const removed = new Set<string>();
    if ([...batch.addedOrRemoved].some((p) => p.endsWith('.md') || !path.extname(p)) || configChanged) {
      found = await this.findSources();
      for (const abs of found.keys()) if (!this.sources.has(abs)) affected.add(abs);
      for (const [abs, s] of this.sources) {
        if (found.has(abs)) continue;
        removed.add(abs);
        const gone = existsSync(abs) ? 'no longer a source (no front matter)' : 'deleted';
        this.io.err(`${s.ref.file}: ${gone}; its outputs are kept, and it is generated again if it comes back\n`);
      }
    }
    if (!affected.size && !removed.size) return;
    await this.generate(affected, found, removed, saved);
  }

  /**
   * Scan the affected sources again, widen them to what they change (translations
   * of an original; a unit whose members changed), and generate those.
   */
  private async generate(affected: Set<string>, found: Map<string, SourceRef> | undefined, removed: Set<string>, saved = new Set<string>()): Promise<void> {
    const { scanSource } = await import('../pipeline/scan.js');
    const { groupUnits } = await import('../pipeline/units.js');
    const { collisions } = await import('../pipeline/collisions.js');
    const { runUnit } = await import('../pipeline/run-unit.js');
    const unitsChanged = new Set<string>();
    const originalOf = (s: Scanned) => s.original ?? s.abs;
    for (const abs of removed) {
      const before = this.sources.get(abs)!;
      unitsChanged.add(originalOf(before));
      this.sources.delete(abs);
      this.deps.delete(abs);
      this.unknownDeps.delete(abs);
    }
    for (const abs of affected) {
      const ref = found?.get(abs) ?? this.sources.get(abs)?.ref;
      if (!ref) continue;
      const before = this.sources.get(abs);
      const now = await scanSource(ref, this.opts);
      this.sources.set(abs, now);
      if (saved.has(abs) && before && now.sha256 && before.sha256 === now.sha256) {
        affected.delete(abs);
        continue;
      }
      // a language version that is new, or changed its id, language or original: its unit's pages link it
      if (!before || before.stem !== now.stem || before.lang !== now.lang || before.original !== now.original) {
        unitsChanged.add(originalOf(now));
        if (before) unitsChanged.add(originalOf(before));
      }
    }
    const all = [...this.sources.values()];
    const toGenerate = new Set<string>();
    for (const s of all) {
      // the source itself; every version of a unit whose members changed; the translations of a changed original
      if (affected.has(s.abs) || unitsChanged.has(originalOf(s)) || (s.original && affected.has(s.original))) toGenerate.add(s.abs);
    }
    // two sources that would write one path: neither is generated until one of them changes its id (generate refuses the run)
    const owners = new Map<string, Scanned[]>();
    for (const s of all) if (s.stem) owners.set(s.stem, [...(owners.get(s.stem) ?? []), s]);
    const clashing = new Set(
      [...owners.values()]
        .filter((o) => o.length > 1)
        .flat()
        .map((s) => s.abs),
    );
    const told = collisions(
      all.filter((s) => clashing.has(s.abs) && [...owners.get(s.stem!)!].some((o) => toGenerate.has(o.abs))),
      this.opts.formats,
    );
    printMessages(this.io, told);
    const units = groupUnits(all, this.io.cwd);
    const tasks: UnitTask[] = [];
    for (const u of units) {
      const sources = u.sources.filter((s) => toGenerate.has(s.abs) && !clashing.has(s.abs));
      if (!sources.length) continue;
      tasks.push({
        sources: sources.map((s) => ({ ref: s.ref, ...(s.stem ? { stem: s.stem } : {}) })),
        members: u.sources.map((s) => ({ file: s.ref.file, translation: s.original !== undefined, ...(s.stem ? { stem: s.stem } : {}), ...(s.lang ? { lang: s.lang } : {}) })),
        hashes: Object.fromEntries(sources.filter((s) => s.sha256).map((s) => [s.abs, s.sha256])),
        opts: this.opts,
      });
    }
    const files = tasks.flatMap((t) => t.sources.map((s) => s.ref.file));
    const report = new RunReport(this.io, files, { quiet: true, progress: progressBar(this.io, 0, { quiet: true }) });
    const done: SourceReport[] = [];
    for (const task of tasks) {
      for (const r of await runUnit(task)) {
        report.add({ kind: 'report', report: r });
        this.line(r);
        this.track(r);
        done.push(r);
      }
    }
    report.environmentSummary();
    this.onGenerated?.(done);
  }

  /** One line a release: its outputs (or that it was not generated) and its time. */
  private line(r: SourceReport): void {
    const ms = `${Math.round(r.ms ?? 0)} ms`;
    if (r.ok && r.outputs.length) {
      if (!this.quiet) this.io.out(`${r.file} → ${r.outputs.map((o) => o.path).join(', ')} (${ms})\n`);
      return;
    }
    const errors = r.messages.filter((m) => m.severity === 'error').length;
    const kept = r.outputs.length ? 'written with errors' : 'not generated; its last outputs are kept';
    this.io.out(`${r.file}: ${kept} (${plural(errors, 'error')}, ${ms})\n`);
  }

  /** What the source depends on now, and the folders to watch for it. */
  private track(r: SourceReport): void {
    const abs = path.resolve(this.io.cwd, r.file);
    const configs = configCandidates(path.dirname(abs), this.io.cwd);
    const deps = this.deps.set(abs, r.inputs, configs);
    if (r.inputs.some((i) => i.role === 'template')) this.unknownDeps.delete(abs);
    else this.unknownDeps.add(abs);
    this.watcher.watchDeep(r.inputs.filter((i) => i.role === 'template').map((i) => i.path));
    this.watcher.watchFilesOf([abs, ...deps.filter((d) => !r.inputs.some((i) => i.role === 'template' && i.path === d))]);
  }

  /** How many sources are watched, and where. */
  summary(): string {
    return `Watching ${plural(this.sources.size, 'source')} (Ctrl-C to stop)`;
  }
}
