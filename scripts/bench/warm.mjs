/**
 * Warm figures, in one process as a worker sees them after its first source:
 * the time to load a release (parse + model) and to render each format, per
 * language, as medians of repeated runs after a warm-up.
 */
import path from 'node:path';
import { median } from './measure.mjs';

const lib = (p) => new URL(`../../lib/${p}`, import.meta.url).href;

async function timed(n, fn) {
  for (let i = 0; i < 3; i++) await fn(); // warm-up: modules, fonts, JIT
  const xs = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await fn();
    xs.push(performance.now() - t);
  }
  return median(xs);
}

/** One row a fixture source: { lang, file, loadMs, formats: { fmt: ms } }, or { lang, file, error }. */
export async function warmFigures(groups, root, iterations) {
  const { plan, renderOne } = await import(lib('pipeline/generate.js'));
  const { DEFAULT_FORMATS, FORMATS } = await import(lib('render/registry.js'));
  const formats = FORMATS.filter((f) => DEFAULT_FORMATS.includes(f));
  const sources = [];
  for (const g of groups) {
    for (const s of g.sources) {
      const file = path.relative(root, path.join(g.dir, s.file));
      const ref = { file, base: path.dirname(path.join(root, file)), named: true };
      const opts = { formats, outDir: 'unused', cwd: root, render: { env: {} } };
      sources.push({ lang: s.lang, file, ref, opts, p: await plan(ref, opts) });
    }
  }
  // A worker in a run has rendered many releases before most of its sources: every fixture is
  // rendered in every format a few times first, so that the figures are not those of code the JIT
  // has not optimized yet (3 warm-ups of one fixture alone left the first one measured at twice
  // its later time).
  const loaded = sources.filter((x) => x.p.loaded);
  for (let round = 0; round < 5; round++) for (const { p, opts } of loaded) for (const f of formats) await renderOne(p, f, opts);

  const rows = [];
  for (const { lang, file, ref, opts, p } of sources) {
    if (!p.loaded) {
      rows.push({ lang, file, error: p.messages[0]?.reason ?? 'does not load' });
      continue;
    }
    const loadMs = await timed(iterations, () => plan(ref, opts));
    const perFormat = {};
    for (const f of formats) perFormat[f] = await timed(iterations, () => renderOne(p, f, opts));
    rows.push({ lang, file, loadMs, formats: perFormat });
  }
  return { formats, rows };
}
