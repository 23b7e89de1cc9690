/**
 * `pressready generate`: options → scan → units (shard, up to date) → run (pool
 * or main thread) → report and manifest. Only light modules are imported here;
 * the pipeline itself loads where it runs (a worker, or the main thread for one
 * unit), so `--version`, `--help` and a pool's main thread stay quick.
 */
import path from 'node:path';
import { type Message, UserError } from '../../messages.js';
import type { NewsItem } from '../../newsroom/item.js';
import { type GenerateFlags, usage } from '../../options/generate-flags.js';
import { generateOptions } from '../../options/generate-options.js';
import type { GenerateOptions, Output } from '../../pipeline/generate.js';
import { expandInputs } from '../../pipeline/inputs.js';
import type { ManifestEntry } from '../../pipeline/manifest.js';
import { inShard } from '../../pipeline/shard.js';
import { type Io, printMessages } from '../../report/io.js';
import { progressBar } from '../../report/progress.js';
import { RunReport } from '../../report/run-report.js';

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

export async function generateCommand(args: string[], given: GenerateFlags, io: Io, version = '0.0.0'): Promise<number> {
  const started = performance.now();
  // standard input gives one output on standard output: plain text unless a format is named on the command line
  const { flags, formats, jobs, shard, opts } = await generateOptions(given, io, args.length === 1 && args[0] === '-');

  if (args.length === 1 && args[0] === '-') {
    if (flags.feed) throw usage('--feed writes files: it cannot be used with `-` (standard output)', 'Give the sources as files or folders, for example: pressready generate archive/ -f html --feed');
    return generateStdin(opts, io);
  }
  // loaded before the heap flags change: V8 takes code compiled from its cache only under the flags it was
  // made with (bin/code-cache.cjs; Node 22+'s compile cache alike), and rejects it in between
  const [{ scanSources }, { collisions }, { groupUnits, unitTasks }, { runUnits }] = await Promise.all([
    import('../../pipeline/scan.js'),
    import('../../pipeline/collisions.js'),
    import('../../pipeline/units.js'),
    import('../../pipeline/pool.js'),
  ]);
  // until it is known whether workers will do the work, keep the main thread's heap small (../../pipeline/heap.ts)
  (await import('../../pipeline/heap.js')).beforeScan();
  if (args.includes('-')) throw usage('`-` (standard input) cannot be mixed with other sources', 'Give `-` alone.');

  const inputs = await expandInputs(args, { cwd: io.cwd, outDir: flags.out });
  printMessages(
    io,
    inputs.messages.filter((m) => m.severity !== 'info' || !flags.quiet),
  );
  const scanned = await scanSources(inputs.sources, opts);
  // Every source, not only this shard's: every CI job refuses the same clash.
  const clash = collisions(scanned, formats);
  if (clash.length) throw new UserError(clash, 2);

  const allUnits = groupUnits(scanned, io.cwd);
  const units = allUnits.filter((u) => inShard(u.key, shard));
  const sources = units.flatMap((u) => u.sources);

  const manifest = flags.manifest ? await import('../../pipeline/manifest.js') : undefined;
  const paths = manifest && flags.manifest ? new manifest.ManifestPaths(path.resolve(io.cwd, flags.manifest)) : undefined;
  const options = manifest?.manifestOptions(opts);

  let reused = new Map<string, ManifestEntry>();
  if (flags.incremental && paths && options && flags.manifest) {
    const found = await (await import('../../pipeline/incremental.js')).upToDate(sources, { version, options, paths, cwd: io.cwd, shown: flags.manifest });
    if (found.notice) printMessages(io, [found.notice]);
    reused = found.reused;
    // A unit is generated whole or not at all: its releases link one another (a translation added or changed, the original's page lists it)
    for (const u of units) if (u.sources.some((s) => !reused.has(s.abs))) for (const s of u.sources) reused.delete(s.abs);
  }

  const progress = progressBar(io, sources.length, { ...(flags.quiet ? { quiet: true } : {}) });
  const report = new RunReport(
    io,
    sources.map((s) => s.ref.file),
    { ...(flags.quiet ? { quiet: true } : {}), progress },
  );
  for (const s of sources) if (reused.has(s.abs)) report.add({ kind: 'up-to-date', file: s.ref.file });

  const tasks = unitTasks(units, reused, opts);
  const entries: ManifestEntry[] = [...reused.values()];
  const news: NewsItem[] = [];
  const toRender = new Set(tasks.flatMap((t) => t.sources.map((s) => path.resolve(io.cwd, s.ref.file))));
  const fontsForWorkers = async () => {
    const scripts = new Set(scanned.filter((s) => toRender.has(s.abs)).flatMap((s) => s.scripts ?? []));
    return (await import('../../render/pdf/bundled.js')).fontsForWorkers(scripts);
  };
  await runUnits(
    tasks,
    jobs,
    (_i, reports) => {
      for (const r of reports) {
        report.add({ kind: 'report', report: r });
        if (r.news) news.push(r.news);
        if (manifest && paths) entries.push(manifest.entryOf(r, io.cwd, paths));
      }
    },
    formats.includes('pdf') ? fontsForWorkers : undefined,
  );
  progress.clear();
  report.environmentSummary();

  let site: Output[] = [];
  if (opts.feed && !report.environment.size) {
    // the units this run did not render (up to date, or another shard's) are listed too: loaded, not rendered
    const rendered = new Set(units.filter((u) => u.sources.some((s) => !reused.has(s.abs))).map((u) => u.key));
    const others = unitTasks(
      allUnits.filter((u) => !rendered.has(u.key)),
      new Set<string>(),
      opts,
    );
    const { unitNews } = await import('../../pipeline/run-unit.js');
    for (const t of others) news.push(...(await unitNews(t)));
    const written = await (await import('../../pipeline/newsroom.js')).writeNewsroom(news, opts);
    if ('problem' in written) {
      printMessages(io, [written.problem]);
      return 2;
    }
    site = written.outputs;
  }

  if (manifest && paths && options) {
    const { writeAtomic, writeProblem } = await import('../../io/write.js');
    try {
      await writeAtomic(
        paths.file,
        manifest.serializeManifest(
          manifest.makeManifest(
            version,
            options,
            shard ? `${shard.index}/${shard.count}` : undefined,
            entries,
            site.map((o) => ({ ...o, path: paths.rel(path.resolve(io.cwd, o.path)) })),
          ),
        ),
      );
    } catch (e) {
      const problem = writeProblem(e, flags.manifest ?? paths.file);
      if (!problem) throw e;
      throw new UserError({ file: flags.manifest ?? paths.file, ruleId: 'write', severity: 'error', reason: problem.reason, hint: problem.hint }, 2);
    }
  }

  const failed = report.failed + inputs.messages.filter((m) => m.severity === 'error').length;
  if (!flags.quiet) {
    const extra = [report.upToDate ? `${report.upToDate} up to date` : '', failed ? `${failed} failed` : ''].filter(Boolean);
    const scope = shard ? ` (shard ${shard.index}/${shard.count})` : '';
    io.out(`${plural(sources.length, 'source')}${scope} → ${plural(report.files, 'file')} in ${seconds(performance.now() - started)}${extra.map((e) => `; ${e}`).join('')}\n`);
  }
  // the machine, not a source, is wrong (a full disk, a read-only -o): exit 2, as for a wrong command
  if (report.environment.size) return 2;
  return failed || inputs.sources.length === 0 ? 1 : 0;
}

/** `generate -`: one source on standard input, one format on standard output. */
async function generateStdin(opts: GenerateOptions, io: Io): Promise<number> {
  if (opts.formats.length !== 1) throw usage('With `-` (standard input), name exactly one format', 'For example: pressready generate - -f txt < release.md');
  const file = '<stdin>';
  const { decodeSource } = await import('../../source/decode.js');
  const { loadRelease } = await import('../../release/load.js');
  const { renderOne } = await import('../../pipeline/generate.js');
  let messages: Message[] = [];
  try {
    const decoded = decodeSource(await io.readStdin(), file, opts.limits);
    if (!decoded.ok) throw new UserError(decoded.message);
    const text = decoded.text;
    const { loaded, messages: problems } = await loadRelease(file, { cwd: io.cwd, text, ...(opts.limits ? { limits: opts.limits } : {}), ...(opts.template ? { template: opts.template } : {}) });
    if (!loaded) throw new UserError(problems);
    const { data, warnings } = await renderOne({ ref: { file, base: io.cwd, named: true }, loaded, messages: [] }, opts.formats[0]!, opts);
    messages = warnings;
    printMessages(io, messages);
    io.out(data);
    return 0;
  } catch (e) {
    if (e instanceof UserError) {
      printMessages(io, e.messages);
      return e.exitCode;
    }
    throw e;
  }
}
