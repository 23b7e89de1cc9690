/**
 * `generate --strict` and renderer warnings: a warning a renderer reports (a
 * character no font has) is an error under --strict, and nothing is written.
 * The text renderer never warns, so a stand-in renderer does here.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { build, type GenerateOptions, plan } from '../src/pipeline/generate.js';
import { ROOT, tempDirs } from './helpers.js';

vi.mock('../src/render/registry.js', () => ({
  renderer: async () => ({
    format: 'txt',
    extension: 'txt',
    render: (input: { warn: (m: object) => void }) => {
      input.warn({ ruleId: 'glyph', severity: 'warning', reason: 'No font has the character ☃' });
      return 'text';
    },
  }),
}));

const temp = tempDirs();

async function generate(strict: boolean) {
  const dir = temp();
  const opts: GenerateOptions = { formats: ['txt'], outDir: dir, cwd: ROOT, render: { env: {} }, ...(strict ? { strict } : {}) };
  const planned = await plan({ file: 'fixtures/cedaw-trafficking/release.md', base: path.join(ROOT, 'fixtures/cedaw-trafficking'), named: true }, opts);
  return { result: await build(planned, opts), written: existsSync(path.join(dir, 'release.txt')) };
}

describe('renderer warnings', () => {
  it('are warnings without --strict: the output is written', async () => {
    const { result, written } = await generate(false);
    expect(result.ok).toBe(true);
    expect(result.messages.map((m) => [m.ruleId, m.severity])).toEqual([['glyph', 'warning']]);
    expect(written).toBe(true);
  });

  it('are errors under --strict: nothing is written', async () => {
    const { result, written } = await generate(true);
    expect(result.ok).toBe(false);
    expect(result.messages.map((m) => [m.ruleId, m.severity])).toEqual([['glyph', 'error']]);
    expect(written).toBe(false);
  });
});
