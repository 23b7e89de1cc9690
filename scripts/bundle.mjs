#!/usr/bin/env node
/**
 * After `tsc`: bundle the CLI and the worker entry into lib/bundle/ with rolldown
 * (the bundler vite 8 is built on). Why: Node 20 has no module compile cache, and
 * loading the Markdown stack as ~300 small ES modules took ~150 ms of every cold
 * start (measured by `npm run bench`; bundled, the same code loads in ~60 ms).
 * Dynamic imports stay separate chunks, so a renderer still loads only when its
 * format is asked for.
 *
 * Left outside the bundle: piscina (it starts workers from its own files), the
 * font packages (only their files are read), and Node's built-ins. pdfkit and
 * fontkit are inside (issue 16): loaded from node_modules they were ~1.9 MB of
 * JavaScript compiled on every cold run that makes a PDF (Node 20 keeps no cache
 * of node_modules), ~70 ms; bundled, they are minified and compiled from the code
 * cache like the rest. What they read beside their code is mended below
 * (pdfkitFiles), and fontkit's Brotli decoder (for WOFF2 fonts, 800 KB of
 * JavaScript) is Node's own (src/adapters/brotli-zlib.cts). docx is inside:
 * tree-shaken and minified, its 2 MB of source
 * become 260 KB, which every worker thread of a pool held as a string (part of
 * getting 1,000 sources under 300 MB). Paths our code builds from `import.meta.url` are checked
 * below: the bundle sits at lib/bundle/, the same depth as lib/<folder>/.
 */
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { builtinModules, createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'rolldown';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const OUT = path.join(ROOT, 'lib', 'bundle');
const EXTERNAL = [/^piscina(\/|$)/, /^@embedpdf\//];
const BUILTIN = new Set(builtinModules);

const external = (id) => id.startsWith('node:') || BUILTIN.has(id) || BUILTIN.has(id.split('/')[0]) || EXTERNAL.some((re) => re.test(id));

/**
 * pdfkit reads two things beside its own file: the standard fonts (`#standard-fonts/<name>`, through its
 * package.json's imports, which only its own files may use), which pressready never asks for but a bundled
 * pdfkit would not find, so they are taken from the package's public exports; and the sRGB profile of PDF/A,
 * `./data/sRGB_IEC61966_2_1.icc` from its file, which is copied beside the bundle below. A pdfkit that
 * changes either makes the build fail here rather than a PDF fail later.
 */
const pdfkitFiles = {
  name: 'pdfkit-files',
  transform(code, id) {
    if (!/[\\/]pdfkit[\\/]js[\\/]pdfkit\.js$/.test(id)) return null;
    const fonts = code.match(/require\$1\('#standard-fonts\//g)?.length ?? 0;
    if (fonts !== 14 || !code.includes("new URL('./data/sRGB_IEC61966_2_1.icc'")) throw new Error('bundle: pdfkit no longer reads its standard fonts or sRGB profile as scripts/bundle.mjs expects');
    return code.replaceAll("require$1('#standard-fonts/", "require$1('pdfkit/standard-fonts/");
  },
};

/**
 * fdir (tinyglobby's folder walker) loads picomatch with a `require` made at run time, which the bundler
 * cannot see: a second copy of picomatch compiled from node_modules on every run, beside the one bundled for
 * tinyglobby. It gets the bundled one.
 */
const fdirPicomatch = {
  name: 'fdir-picomatch',
  transform(code, id) {
    if (!/[\\/]fdir[\\/]dist[\\/]index\.mjs$/.test(id)) return null;
    const load = /try \{\s*__require\.resolve\("picomatch"\);\s*pm = __require\("picomatch"\);\s*\} catch \{\}/;
    if (!load.test(code)) throw new Error('bundle: fdir no longer loads picomatch as scripts/bundle.mjs expects');
    return `import picomatch$bundled from 'picomatch';\n${code.replace(load, 'pm = picomatch$bundled;')}`;
  },
};

rmSync(OUT, { recursive: true, force: true });
await build({
  input: { cli: path.join(ROOT, 'lib/cli/main.js'), worker: path.join(ROOT, 'lib/pipeline/worker.js') },
  platform: 'node',
  external,
  // Node's zlib in place of the JavaScript inflater that unpacks Unicode tables (src/adapters/tiny-inflate.ts),
  // Node's Brotli for fontkit's WOFF2 fonts (src/adapters/brotli-zlib.cts), and pdfkit's AES loaded when first
  // called (src/adapters/aes-on-demand.cts)
  resolve: {
    alias: {
      'tiny-inflate': path.join(ROOT, 'lib/adapters/tiny-inflate-zlib.cjs'),
      'brotli/decompress.js': path.join(ROOT, 'lib/adapters/brotli-zlib.cjs'),
      '@noble/ciphers/aes': path.join(ROOT, 'lib/adapters/aes-on-demand.cjs'),
    },
  },
  plugins: [pdfkitFiles, fdirPicomatch],
  logLevel: 'warn',
  // CommonJS, not ES modules: Node 20 keeps no compiled code of ES modules between runs, but a CommonJS
  // file can be compiled with V8's code cache (bin/code-cache.cjs); lib/bundle/package.json says so to Node.
  output: { dir: OUT, format: 'cjs', entryFileNames: '[name].js', chunkFileNames: '[name]-[hash].js', minify: true },
});
writeFileSync(path.join(OUT, 'package.json'), '{ "type": "commonjs" }\n');
// pdfkit's sRGB profile for PDF/A, where the bundled pdfkit looks for it (pdfkitFiles)
mkdirSync(path.join(OUT, 'data'));
copyFileSync(path.join(path.dirname(createRequire(import.meta.url).resolve('pdfkit')), 'data', 'sRGB_IEC61966_2_1.icc'), path.join(OUT, 'data', 'sRGB_IEC61966_2_1.icc'));

// Every `new URL('<relative>', import.meta.url)` in the bundle must still lead somewhere.
const missing = [];
for (const file of readdirSync(OUT).filter((f) => f.endsWith('.js'))) {
  const code = readFileSync(path.join(OUT, file), 'utf8');
  // (CommonJS output: rolldown writes import.meta.url as require("url").pathToFileURL(__filename).href)
  for (const m of code.matchAll(/new URL\(\s*(["'`])(\.{1,2}\/[^"'`]*)\1\s*,\s*(?:import\.meta\.url|require\(["'`]url["'`]\)\.pathToFileURL\(__filename\)\.href)\s*\)/g)) {
    if (!existsSync(path.join(OUT, m[2]))) missing.push(`${file}: ${m[2]}`);
  }
}
if (missing.length) {
  console.error(`bundle: paths relative to import.meta.url that do not exist from lib/bundle/:\n  ${missing.join('\n  ')}`);
  process.exit(1);
}
