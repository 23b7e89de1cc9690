#!/usr/bin/env node
/**
 * The startup-snapshot trial of issue 16, kept so that it can be run again on a
 * newer Node (`npm run build` first):
 *
 *   node scripts/bench/snapshot.mjs [--runs 10]      (with the node to try)
 *
 * Builds the CLI as one CommonJS file with the generate path and the txt, docx and
 * pdf renderers loaded, makes a V8 startup snapshot of it (`node --snapshot-blob
 * … --build-snapshot`), checks that a release generated from the snapshot is byte
 * for byte the normal run's, and times both (wall, medians). pressready does not
 * ship this: see README, "Benchmark", for what it gave. What building it took:
 *
 * - one file: userland `require` is not there while a snapshot is built, so the
 *   renderers' dynamic imports are inlined (`codeSplitting: false`), and what
 *   loads files at run time is bundled (fdir's picomatch, as scripts/bundle.mjs);
 * - node:http and node:https cannot be loaded while building (Node 20), so they
 *   are loaded on first use (only `preview` and the e-mail renderer use them);
 * - objects holding native state cannot be in a snapshot: TextDecoders for other
 *   encodings than UTF-8 (fontkit makes one when it loads) and Intl objects
 *   (string-width makes an Intl.Segmenter) are made when first used;
 * - `process.argv` has no script path in a snapshot's run: one is put back.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { builtinModules, createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'rolldown';
import { median } from './measure.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const RUNS = Number(process.argv[process.argv.indexOf('--runs') + 1] || 10);
// at lib/<folder>/, as the bundle is: the CLI finds ../../package.json and the templates from there
const OUT = path.join(ROOT, 'lib', 'snapshot-trial');
const WORK = path.join(ROOT, '.tmp', 'snapshot-trial');
const req = createRequire(import.meta.url);

const PRELUDE = `
let building = true;
const RealDecoder = globalThis.TextDecoder;
globalThis.TextDecoder = class TextDecoder {
  #args; #real;
  constructor(...args) { this.#args = args; }
  // while building, a decoder for the one call (fflate tries one as it loads), never kept
  #get() { return building ? new RealDecoder(...this.#args) : (this.#real ??= new RealDecoder(...this.#args)); }
  decode(...a) { return this.#get().decode(...a); }
  get encoding() { return this.#get().encoding; }
  get fatal() { return this.#get().fatal; }
  get ignoreBOM() { return this.#get().ignoreBOM; }
};
const realIntl = {};
for (const name of ['Segmenter', 'Collator', 'DateTimeFormat', 'NumberFormat', 'PluralRules', 'ListFormat', 'RelativeTimeFormat', 'DisplayNames']) {
  const Real = Intl[name];
  if (!Real) continue;
  realIntl[name] = Real;
  const Lazy = class { #args; #real; constructor(...args) { this.#args = args; } get real() { return (this.#real ??= new Real(...this.#args)); } };
  for (const key of Object.getOwnPropertyNames(Real.prototype)) {
    const d = Object.getOwnPropertyDescriptor(Real.prototype, key);
    if (key === 'constructor' || !d) continue;
    if (typeof d.value === 'function') Object.defineProperty(Lazy.prototype, key, { value(...a) { return this.real[key](...a); } });
    else if (d.get) Object.defineProperty(Lazy.prototype, key, { get() { return this.real[key]; } });
  }
  Intl[name] = Lazy;
}
export function restore() { building = false; globalThis.TextDecoder = RealDecoder; Object.assign(Intl, realIntl); }
`;

const ENTRY = `
import { restore } from './prelude.mjs';
import v8 from 'node:v8';
import { main } from '../../lib/cli/main.js';
import '../../lib/cli/commands/generate.js';
import '../../lib/pipeline/run-unit.js';
import '../../lib/render/txt.js';
import '../../lib/render/docx/index.js';
import '../../lib/render/pdf/index.js';
v8.startupSnapshot.setDeserializeMainFunction(() => {
  restore();
  process.argv.splice(1, 0, ${JSON.stringify(path.join(ROOT, 'bin', 'pressready.js'))});
  // the V8 flags of a normal start (bin/v8-flags.cjs), loaded now: userland require works once running
  require('node:module').createRequire(process.argv[1])('./v8-flags.cjs').forShortRun(process);
  main();
});
`;

const BUILTIN = new Set(builtinModules);
const LAZY = new Set(['http', 'https']);
const bare = (id) => id.replace(/^node:/, '');
const isBuiltin = (id) => id.startsWith('node:') || BUILTIN.has(id) || BUILTIN.has(id.split('/')[0]);

const lazyBuiltins = {
  name: 'lazy-builtins',
  resolveId: (id) => (LAZY.has(bare(id)) ? { id: `\0lazy:${bare(id)}` } : null),
  load(id) {
    if (!id.startsWith('\0lazy:')) return null;
    const name = id.slice('\0lazy:'.length);
    const keys = Object.keys(req(`node:${name}`)).filter((k) => /^[A-Za-z_$][\w$]*$/.test(k) && k !== 'default');
    return [
      `const r$ = require; let m$; const load$ = () => (m$ ??= r$('node:${name}'));`,
      ...keys.map((k) => `export function ${k}(...a) { return load$().${k}(...a); }`),
      'export default new Proxy({}, { get: (_, k) => load$()[k] });',
    ].join('\n');
  },
};

const fdirPicomatch = {
  name: 'fdir-picomatch',
  transform(code, id) {
    if (!/[\\/]fdir[\\/]dist[\\/]index\.mjs$/.test(id)) return null;
    return `import picomatch$b from 'picomatch';\n${code.replace(/try \{\s*__require\.resolve\("picomatch"\);\s*pm = __require\("picomatch"\);\s*\} catch \{\}/, 'pm = picomatch$b;')}`;
  },
};

function timed(cmd, args) {
  const t = performance.now();
  const r = spawnSync(cmd, args, { cwd: WORK, encoding: 'utf8', env: { ...process.env, CI: 'true', NO_COLOR: '1' } });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status}):\n${r.stderr}`);
  return performance.now() - t;
}

rmSync(WORK, { recursive: true, force: true });
mkdirSync(WORK, { recursive: true });
try {
  writeFileSync(path.join(WORK, 'prelude.mjs'), PRELUDE);
  writeFileSync(path.join(WORK, 'entry.mjs'), ENTRY);
  await build({
    input: { snap: path.join(WORK, 'entry.mjs') },
    platform: 'node',
    external: (id) => isBuiltin(id) && !LAZY.has(bare(id)),
    plugins: [lazyBuiltins, fdirPicomatch],
    resolve: {
      alias: {
        'tiny-inflate': path.join(ROOT, 'lib/text/tiny-inflate.cjs'),
        'brotli/decompress.js': path.join(ROOT, 'lib/text/brotli-decompress.cjs'),
        '@noble/ciphers/aes': path.join(ROOT, 'lib/render/pdf/aes-on-demand.cjs'),
      },
    },
    logLevel: 'silent',
    output: { dir: OUT, format: 'cjs', entryFileNames: '[name].cjs', codeSplitting: false, minify: true },
  });
  const blob = path.join(WORK, 'snap.blob');
  const made = spawnSync(process.execPath, ['--snapshot-blob', blob, '--build-snapshot', path.join(OUT, 'snap.cjs')], { cwd: WORK, encoding: 'utf8' });
  if (!existsSync(blob)) throw new Error(`no snapshot:\n${made.stderr}`);

  const sample = path.join(ROOT, 'fixtures', 'cedaw-trafficking', 'release.md');
  const normal = ['generate', sample, '-o', 'normal', '-q'];
  timed(process.execPath, [path.join(ROOT, 'bin', 'pressready.js'), ...normal]); // the code cache, written
  timed(process.execPath, ['--snapshot-blob', blob, 'generate', sample, '-o', 'snap', '-q']);
  for (const ext of ['txt', 'docx', 'pdf']) {
    if (!readFileSync(path.join(WORK, 'normal', `release.${ext}`)).equals(readFileSync(path.join(WORK, 'snap', `release.${ext}`)))) throw new Error(`release.${ext} differs from the snapshot`);
  }
  const rows = {
    'node -e 0': () => timed(process.execPath, ['-e', '0']),
    'empty snapshot': () => timed(process.execPath, ['--snapshot-blob', path.join(WORK, 'empty.blob')]),
    'pressready help': () => timed(process.execPath, [path.join(ROOT, 'bin', 'pressready.js'), 'help']),
    'pressready help, snapshot': () => timed(process.execPath, ['--snapshot-blob', blob, 'help']),
    'one release': () => timed(process.execPath, [path.join(ROOT, 'bin', 'pressready.js'), ...normal]),
    'one release, snapshot': () => timed(process.execPath, ['--snapshot-blob', blob, 'generate', sample, '-o', 'snap', '-q']),
  };
  writeFileSync(path.join(WORK, 'empty.cjs'), "require('node:v8').startupSnapshot.setDeserializeMainFunction(() => {});\n");
  spawnSync(process.execPath, ['--snapshot-blob', path.join(WORK, 'empty.blob'), '--build-snapshot', path.join(WORK, 'empty.cjs')], { cwd: WORK });
  const ms = Object.fromEntries(Object.keys(rows).map((k) => [k, []]));
  for (let i = 0; i < RUNS; i++) for (const [k, run] of Object.entries(rows)) ms[k].push(run());
  const mb = (f) => `${(statSync(f).size / 2 ** 20).toFixed(1)} MB`;
  process.stdout.write(`Node ${process.version}: snapshot ${mb(blob)} (an empty one ${mb(path.join(WORK, 'empty.blob'))}); outputs identical\n`);
  for (const [k, xs] of Object.entries(ms)) process.stdout.write(`${k.padEnd(30)} ${median(xs).toFixed(0).padStart(6)} ms\n`);
} finally {
  rmSync(OUT, { recursive: true, force: true });
  rmSync(WORK, { recursive: true, force: true });
}
