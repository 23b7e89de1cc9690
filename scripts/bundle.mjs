#!/usr/bin/env node
/**
 * After `tsc`: bundle the CLI and the worker entry into lib/bundle/ with rolldown
 * (the bundler vite 8 is built on). Why: Node 20 has no module compile cache, and
 * loading the Markdown stack as ~300 small ES modules took ~150 ms of every cold
 * start (measured by `npm run bench`; bundled, the same code loads in ~60 ms).
 * Dynamic imports stay separate chunks, so a renderer still loads only when its
 * format is asked for.
 *
 * Left outside the bundle: packages that read files beside their own code or
 * start workers from their own files (piscina, pdfkit and its fonts), and
 * Node's built-ins. docx is inside: tree-shaken and minified, its 2 MB of source
 * become 260 KB, which every worker thread of a pool held as a string (part of
 * getting 1,000 sources under 300 MB). Paths our code builds from `import.meta.url` are checked
 * below: the bundle sits at lib/bundle/, the same depth as lib/<folder>/.
 */
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'rolldown';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const OUT = path.join(ROOT, 'lib', 'bundle');
const EXTERNAL = [/^piscina(\/|$)/, /^pdfkit(\/|$)/, /^fontkit(\/|$)/, /^@embedpdf\//];
const BUILTIN = new Set(builtinModules);

const external = (id) => id.startsWith('node:') || BUILTIN.has(id) || BUILTIN.has(id.split('/')[0]) || EXTERNAL.some((re) => re.test(id));

rmSync(OUT, { recursive: true, force: true });
await build({
  input: { cli: path.join(ROOT, 'lib/cli/main.js'), worker: path.join(ROOT, 'lib/pipeline/worker.js') },
  platform: 'node',
  external,
  // Node's zlib in place of the JavaScript inflater that unpacks Unicode tables (src/adapters/tiny-inflate.ts)
  resolve: { alias: { 'tiny-inflate': path.join(ROOT, 'lib/adapters/tiny-inflate-zlib.cjs') } },
  logLevel: 'warn',
  // CommonJS, not ES modules: Node 20 keeps no compiled code of ES modules between runs, but a CommonJS
  // file can be compiled with V8's code cache (bin/code-cache.cjs); lib/bundle/package.json says so to Node.
  output: { dir: OUT, format: 'cjs', entryFileNames: '[name].js', chunkFileNames: '[name]-[hash].js', minify: true },
});
writeFileSync(path.join(OUT, 'package.json'), '{ "type": "commonjs" }\n');

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
