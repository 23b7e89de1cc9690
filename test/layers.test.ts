/**
 * The import check (scripts/layers.mjs, docs/architecture.md): src/ passes it, and
 * a small tree that breaks each rule fails it, at the import that breaks it.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain JavaScript module of the repository's scripts, without types
import { checkLayers, formatProblem, LAYERS } from '../scripts/layers.mjs';
import { ROOT, tempDirs } from './helpers.js';

interface Problem {
  file: string;
  line: number;
  column: number;
  rule: string;
  reason: string;
}

const check = (root: string): Problem[] => checkLayers(root);
const temp = tempDirs();

describe('layers: which folder of src/ may import which', () => {
  it('every import in src/ goes to a layer below, and no folders import one another', () => {
    expect(check(path.join(ROOT, 'src')).map((p) => formatProblem(p, 'src'))).toEqual([]);
  });

  it('every folder of src/ is in a layer, and docs/architecture.md names each', async () => {
    const { readdirSync, readFileSync } = await import('node:fs');
    const folders = readdirSync(path.join(ROOT, 'src'), { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => d.name)
      .sort();
    expect((LAYERS as string[][]).flat().sort()).toEqual(folders);
    const doc = readFileSync(path.join(ROOT, 'docs', 'architecture.md'), 'utf8');
    for (const f of folders) expect(doc).toContain(`\`${f}/\``);
  });

  it('fails on each rule, at the import that breaks it: static, type-only, re-exported, dynamic, in a type, by require', () => {
    const dir = temp({
      'messages.ts': 'export type Message = string;\n',
      'source/parse.ts': 'export const parse = (s: string) => s;\n',
      'cli/main.ts': 'export type Z = 1;\n',
      // render → source: a renderer that parses Markdown
      'render/a.ts': "import type { Message } from '../messages.js';\nimport { parse } from '../source/parse.js';\nexport const a = (m: Message) => parse(m);\n",
      // allowed: a package, a built-in, a layer below, the top-level files
      'text/t.ts': 'export type T = string;\n',
      'render/ok.ts': "import YAML from 'yaml';\nimport { readFileSync } from 'node:fs';\nimport type { T } from '../text/t.js';\nexport const ok = [YAML, readFileSync] as unknown as T;\n",
      // model → render (type only), model → cli (in a type)
      'model/m.ts': "import type { a } from '../render/a.js';\nexport type M = typeof a;\nexport type Y = import('../cli/main.js').Z;\n",
      // lint → render (re-exported), lint → cli (dynamic)
      'lint/l.ts': "export * from '../render/a.js';\nexport const cli = () => import('../cli/main.js');\n",
      // anything → cli
      'watch/w.ts': "const main = require('../cli/main.js');\nexport default main;\n",
      // a cycle between folders (and translations/ importing a layer above it)
      'pipeline/p.ts': "import { t } from '../translations/t.js';\nexport const p = t;\n",
      'translations/t.ts': 'export const t = 1;\nexport const back = () => import(`../pipeline/p.js`);\n',
      // a computed name, and a folder in no layer
      'release/r.ts': 'export const load = (name: string) => import(name);\n',
      'fonts/f.ts': 'export const f = 1;\n',
    });
    const problems = check(dir);
    expect(problems.map((p) => [p.file, p.line, p.rule])).toEqual(
      expect.arrayContaining([
        ['render/a.ts', 2, 'render → source'],
        ['model/m.ts', 1, 'model → render'],
        ['model/m.ts', 3, 'model → cli'],
        ['lint/l.ts', 1, 'lint → render'],
        ['lint/l.ts', 2, 'lint → cli'],
        ['watch/w.ts', 1, 'watch → cli'],
        ['translations/t.ts', 2, 'translations → pipeline'],
        ['pipeline/p.ts', 1, 'cycle'],
        ['release/r.ts', 1, 'import'],
        ['fonts/f.ts', 1, 'layer'],
      ]),
    );
    expect(problems).toHaveLength(10);
    expect(problems.find((p) => p.rule === 'render → source')!.reason).toMatch(/knows nothing of Markdown/);
    expect(problems.find((p) => p.rule === 'watch → cli')!.reason).toMatch(/only bin\/ imports cli\//);
    expect(problems.find((p) => p.rule === 'cycle')!.reason).toBe(
      'the folders pipeline, translations import one another: pipeline → translations (pipeline/p.ts:1); translations → pipeline (translations/t.ts:2)',
    );
    expect(problems.find((p) => p.rule === 'translations → pipeline')!.reason).toBe('pipeline/ is in a layer above translations/');
  });

  it('a folder may not import another of its own layer', () => {
    const dir = temp({ 'render/r.ts': "import '../translations/t.js';\n", 'translations/t.ts': 'export {};\n' });
    expect(check(dir).map((p) => `${p.rule}: ${p.reason}`)).toEqual(['render → translations: translations/ is in the same layer as render/, not below it']);
  });

  it('`node scripts/layers.mjs` exits 1 and names the import, 0 on src/', () => {
    const bad = temp({ 'source/parse.ts': 'export {};\n', 'render/a.ts': "import '../source/parse.js';\n" });
    const r = spawnSync(process.execPath, [path.join(ROOT, 'scripts/layers.mjs'), bad], { cwd: bad, encoding: 'utf8' });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('render/a.ts:1:1: render → source: `../source/parse.js`: a renderer knows nothing of Markdown');
    const good = spawnSync(process.execPath, [path.join(ROOT, 'scripts/layers.mjs')], { cwd: ROOT, encoding: 'utf8' });
    expect(good.stderr).toBe('layers: every import goes down\n');
    expect(good.status).toBe(0);
  });
});
