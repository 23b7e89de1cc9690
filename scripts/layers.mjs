#!/usr/bin/env node
/**
 * The import check: which folder of src/ may import which (docs/architecture.md).
 * Every import of every TypeScript source is read — static, `export … from`,
 * `import type`, dynamic `import()`, a type's `import('…')` and `require` — and
 * each one that crosses folders is checked against the layers below, the rules
 * the layers exist for, and cycles between folders. test/layers.test.ts runs it;
 * `node scripts/layers.mjs [src]` prints what it finds, exit 1 when anything.
 *
 * Why not dependency-cruiser: its releases that still run on Node 20 read
 * TypeScript through the TypeScript compiler's JavaScript API, which TypeScript 7
 * (this project's compiler) no longer has. The sources are parsed here by oxc, the
 * parser of rolldown (already the bundler, scripts/bundle.mjs), which reads
 * TypeScript as the compiler does; the rules are a few lines of data.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseAst } from 'rolldown/parseAst';

/** The files directly in src/ (messages.ts, limits.ts), which every layer may use. */
export const ROOT_FILES = '(top-level files)';

/**
 * The layers, lowest first: a folder may import its own files, the top-level
 * files and the folders of the layers below its own, nothing else (not the other
 * folders of its own layer). A folder of src/ that is in no layer is refused: add it here.
 */
export const LAYERS = [
  ['text', 'io', 'report', 'types', 'adapters'],
  ['yaml'],
  ['config', 'source', 'templates'],
  ['model'],
  ['release'],
  ['render', 'translations'],
  ['lint', 'newsroom'],
  ['pipeline'],
  ['options'],
  ['watch', 'init'],
  ['cli'],
];

/** What the layers are for: an import that breaks one of these is told with its reason. */
export const RULES = [
  { from: ['render'], to: ['source'], reason: 'a renderer knows nothing of Markdown: it receives model blocks (release/ parses what the source and the locale write as Markdown)' },
  { from: ['model'], to: ['render', 'cli'], reason: 'the model knows nothing of output formats or of the command line' },
  { from: ['lint'], to: ['render', 'cli'], reason: 'lint loads no renderer and runs without the command line (the link policy is model/links.ts)' },
  { from: ['*'], to: ['cli'], reason: 'only bin/ imports cli/: the command line is the top layer (shared reporting is report/, generate’s options options/)' },
];

const SOURCE = /\.(?:c|m)?ts$/;
const TS_OF_JS = { '.js': '.ts', '.cjs': '.cts', '.mjs': '.mts' };

function folderOf(rel) {
  const parts = rel.split('/');
  return parts.length > 1 ? parts[0] : ROOT_FILES;
}

function lineColumn(text, offset) {
  let line = 1;
  let start = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    start = i + 1;
  }
  return { line, column: offset - start + 1 };
}

/** A module specifier written as a literal: a string, or a template without `${}`. */
function literal(node) {
  if (!node) return undefined;
  if (node.type === 'Literal' && typeof node.value === 'string') return node.value;
  if (node.type === 'TemplateLiteral' && node.expressions.length === 0) return node.quasis.map((q) => q.value.cooked).join('');
  return undefined;
}

/** Every module a source names, with where: `specifier` undefined for an `import()` of a computed name. */
export function importsOf(code, file) {
  const ast = parseAst(code, { lang: file.endsWith('ts') ? 'ts' : 'js' }, file);
  const found = [];
  const add = (node, at) => found.push({ specifier: literal(node), offset: at.start });
  const walk = (node) => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== 'object') return;
    switch (node.type) {
      case 'ImportDeclaration':
      case 'ExportAllDeclaration':
        add(node.source, node);
        break;
      case 'ExportNamedDeclaration':
        if (node.source) add(node.source, node);
        break;
      case 'ImportExpression':
      case 'TSImportType':
        add(node.source, node);
        break;
      case 'TSExternalModuleReference':
        add(node.expression, node);
        break;
      case 'CallExpression':
        if (node.callee?.type === 'Identifier' && node.callee.name === 'require' && node.arguments.length === 1) add(node.arguments[0], node);
        break;
    }
    for (const key of Object.keys(node)) if (key !== 'type' && key !== 'start' && key !== 'end') walk(node[key]);
  };
  walk(ast);
  return found;
}

function sourceFiles(root) {
  return readdirSync(root, { recursive: true })
    .map((f) => f.split(path.sep).join('/'))
    .filter((f) => SOURCE.test(f) && !f.endsWith('.d.ts'))
    .sort();
}

/** The file a relative specifier names, relative to `root` (POSIX), or undefined when it leaves `root`. */
function resolve(root, fromRel, specifier) {
  const abs = path.resolve(root, path.dirname(fromRel), specifier);
  const rel = path.relative(root, abs).split(path.sep).join('/');
  if (rel.startsWith('../') || path.isAbsolute(rel)) return undefined;
  const ext = path.extname(rel);
  return TS_OF_JS[ext] ? rel.slice(0, -ext.length) + TS_OF_JS[ext] : rel;
}

/** Folder cycles: the strongly connected components of the folder graph with more than one folder (Tarjan). */
function cycles(graph) {
  const index = new Map();
  const low = new Map();
  const stack = [];
  const on = new Set();
  const out = [];
  let next = 0;
  const visit = (v) => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    on.add(v);
    for (const w of graph.get(v)?.keys() ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v), low.get(w)));
      } else if (on.has(w)) low.set(v, Math.min(low.get(v), index.get(w)));
    }
    if (low.get(v) === index.get(v)) {
      const component = [];
      let w;
      do {
        w = stack.pop();
        on.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1) out.push(component.sort());
    }
  };
  for (const v of [...graph.keys()].sort()) if (!index.has(v)) visit(v);
  return out;
}

const matches = (list, folder) => list.includes('*') || list.includes(folder);

/**
 * Check the sources under `root` (src/). Each problem: the file and place of the
 * import (or of the first import of a cycle), the folders, and what is wrong.
 */
export function checkLayers(root, { layers = LAYERS, rules = RULES } = {}) {
  const level = new Map(layers.flatMap((names, i) => names.map((n) => [n, i])));
  const problems = [];
  /** folder → folder → the first import that makes the edge */
  const graph = new Map();
  const unknown = new Set();
  for (const rel of sourceFiles(root)) {
    const code = readFileSync(path.join(root, rel), 'utf8');
    const from = folderOf(rel);
    if (from !== ROOT_FILES && !level.has(from) && !unknown.has(from)) {
      unknown.add(from);
      problems.push({ file: rel, line: 1, column: 1, from, rule: 'layer', reason: `the folder ${from}/ is in no layer: add it to LAYERS in scripts/layers.mjs and to docs/architecture.md` });
    }
    let imports;
    try {
      imports = importsOf(code, rel);
    } catch (e) {
      problems.push({ file: rel, line: 1, column: 1, from, rule: 'parse', reason: `cannot read its imports: ${e.message.split('\n')[0]}` });
      continue;
    }
    for (const { specifier, offset } of imports) {
      const at = { file: rel, ...lineColumn(code, offset) };
      if (specifier === undefined) {
        problems.push({ ...at, from, rule: 'import', reason: 'an import() of a computed name: the check cannot tell which folder it reaches; name the module' });
        continue;
      }
      if (!specifier.startsWith('.')) continue; // a package or a Node built-in
      const target = resolve(root, rel, specifier);
      if (!target) {
        problems.push({ ...at, from, specifier, rule: 'import', reason: `\`${specifier}\` leads out of the source folder` });
        continue;
      }
      const to = folderOf(target);
      if (to === from) continue;
      if (!graph.has(from)) graph.set(from, new Map());
      if (!graph.get(from).has(to)) graph.get(from).set(to, { ...at, specifier });
      const edge = { ...at, from, to, specifier };
      const rule = rules.find((r) => matches(r.from, from) && r.to.includes(to) && from !== to);
      if (rule) {
        problems.push({ ...edge, rule: `${from} → ${to}`, reason: rule.reason });
        continue;
      }
      if (to === ROOT_FILES) continue; // every folder may use the top-level files
      if (from === ROOT_FILES) {
        problems.push({ ...edge, rule: `${from} → ${to}`, reason: 'the top-level files are below every folder: they import none' });
        continue;
      }
      if (!level.has(from) || !level.has(to)) continue; // told once, as a folder in no layer
      if (level.get(to) < level.get(from)) continue;
      problems.push({ ...edge, rule: `${from} → ${to}`, reason: level.get(to) === level.get(from) ? `${to}/ is in the same layer as ${from}/, not below it` : `${to}/ is in a layer above ${from}/` });
    }
  }
  for (const component of cycles(graph)) {
    const inCycle = new Set(component);
    const steps = component.flatMap((a) => [...(graph.get(a)?.entries() ?? [])].filter(([b]) => inCycle.has(b)).map(([b, e]) => `${a} → ${b} (${e.file}:${e.line})`));
    const first = graph.get(component[0]).get([...graph.get(component[0]).keys()].find((b) => inCycle.has(b)));
    problems.push({
      file: first.file,
      line: first.line,
      column: first.column,
      from: component[0],
      rule: 'cycle',
      reason: `the folders ${component.join(', ')} import one another: ${steps.join('; ')}`,
    });
  }
  return problems;
}

/** `file:line:column: rule: reason`; `dir`: what the file is shown under (src/). */
export function formatProblem(p, dir = '') {
  return `${dir ? `${dir}/` : ''}${p.file}:${p.line}:${p.column}: ${p.rule}: ${p.specifier ? `\`${p.specifier}\`: ` : ''}${p.reason}`;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = path.resolve(process.argv[2] ?? path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'src'));
  const problems = checkLayers(root);
  for (const p of problems) console.error(formatProblem(p, path.relative(process.cwd(), root) || '.'));
  console.error(problems.length ? `${problems.length} import problem${problems.length === 1 ? '' : 's'}` : 'layers: every import goes down');
  process.exit(problems.length ? 1 : 0);
}
