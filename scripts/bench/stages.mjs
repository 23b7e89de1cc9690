/**
 * Where one large source's time and memory go: each stage of generate run in turn
 * in one process (parse + model, lint, compose, each renderer), with its time
 * (wall clock, and CPU time of all threads: steadier on a shared machine),
 * the heap live after it (after a full collection) and the peak RSS so far.
 *
 *   node --expose-gc scripts/bench/stages.mjs <source.md> [formats, default txt,docx,pdf]
 */
import path from 'node:path';

const lib = (p) => new URL(`../../lib/${p}`, import.meta.url).href;
const [file, fmts = 'txt,docx,pdf'] = process.argv.slice(2);
if (!file) throw new Error('usage: stages.mjs <source.md> [formats]');
const MB = (n) => (n / 1048576).toFixed(0);
const gc = globalThis.gc ?? (() => {});
const rows = [];
let t = performance.now();
let cpu = process.cpuUsage();
function mark(stage) {
  const ms = performance.now() - t;
  const used = process.cpuUsage(cpu);
  gc();
  const m = process.memoryUsage();
  if (process.env.STAGES_TRACE) process.stderr.write(`-- ${stage}\n`);
  rows.push({
    stage,
    ms: ms.toFixed(0),
    cpuMs: ((used.user + used.system) / 1000).toFixed(0),
    heapMB: MB(m.heapUsed),
    extMB: MB(m.external + m.arrayBuffers),
    rssMB: MB(m.rss),
    peakMB: MB(process.resourceUsage().maxRSS * 1024),
  });
  t = performance.now();
  cpu = process.cpuUsage();
}

const { plan, renderOne } = await import(lib('pipeline/generate.js'));
const { renderer } = await import(lib('render/registry.js'));
const { composeFor } = await import(lib('pipeline/generate.js'));
const { lintPlanned } = await import(lib('pipeline/lint.js'));
const formats = fmts.split(',');
for (const f of formats) await renderer(f);
mark('start (modules)');
const cwd = process.cwd();
const ref = { file: path.relative(cwd, path.resolve(file)), base: path.dirname(path.resolve(file)), named: true };
const opts = { formats, outDir: 'unused', cwd, render: { env: {} } };
const p = await plan(ref, opts);
if (!p.loaded) throw new Error(p.messages.map((m) => m.reason).join('; '));
mark('parse + model');
const [linted] = lintPlanned([p], cwd, false);
mark('lint');
const composed = composeFor(linted.loaded ?? p.loaded, opts);
mark('compose');
const keep = [];
for (const f of formats) {
  const { data } = await renderOne(p, f, opts, composed);
  keep.push(data);
  mark(`render ${f} (${(data.length / 1024).toFixed(0)} KB)`);
}
console.table(rows);
