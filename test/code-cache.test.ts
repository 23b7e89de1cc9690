/**
 * The code cache of the bundle on Node 20 (bin/code-cache.cjs): written where the
 * README says, used again, and never the cause of a failed or different run —
 * a cache cut short, changed, from another build, or a place it cannot be written.
 * Node 22.1+ keeps its own cache (module.enableCompileCache) and writes none of ours.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import Module from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixture, runCli, tempDirs } from './helpers.js';

const temp = tempDirs();
const ours = !(Module as unknown as { enableCompileCache?: unknown }).enableCompileCache;
const source = fixture('cedaw-trafficking', 'release.md');

function generate(tmp: string, out: string, env: Record<string, string> = {}) {
  const r = runCli(['generate', source, '-f', 'txt,docx,pdf', '-o', out, '-q'], { env: { TMPDIR: tmp, ...env } });
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return Object.fromEntries(['txt', 'docx', 'pdf'].map((ext) => [ext, readFileSync(path.join(out, `release.${ext}`))]));
}

function cacheFiles(tmp: string): string[] {
  const top = readdirSync(tmp).filter((d) => d.startsWith('pressready-code-cache-'));
  return top.flatMap((d) =>
    readdirSync(path.join(tmp, d), { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => path.join(e.parentPath, e.name)),
  );
}

describe('code cache', () => {
  it('is written under the temporary folder on Node 20, used again, and changes no output', () => {
    const tmp = temp();
    const first = generate(tmp, path.join(tmp, 'a'));
    const files = cacheFiles(tmp);
    if (!ours) {
      expect(files).toEqual([]);
      return;
    }
    expect(files.length).toBeGreaterThan(3);
    expect(files.every((f) => f.endsWith('.bin'))).toBe(true);
    const before = new Map(files.map((f) => [f, readFileSync(f)]));
    const second = generate(tmp, path.join(tmp, 'b'));
    expect(second).toEqual(first);
    // a run that found its cache writes none again
    for (const [f, bytes] of before) expect(readFileSync(f).equals(bytes)).toBe(true);
  });

  it('a cache cut short or changed is ignored and written again', () => {
    const tmp = temp();
    const first = generate(tmp, path.join(tmp, 'a'));
    const files = cacheFiles(tmp);
    files.forEach((f, i) => {
      const bytes = readFileSync(f);
      if (i % 3 === 0) writeFileSync(f, bytes.subarray(0, bytes.length >> 1));
      else if (i % 3 === 1) {
        bytes[bytes.length - 8] = bytes[bytes.length - 8]! ^ 0xff;
        writeFileSync(f, bytes);
      } else writeFileSync(f, Buffer.alloc(40, 7)); // a foreign file under our name
    });
    expect(generate(tmp, path.join(tmp, 'b'))).toEqual(first);
    expect(generate(tmp, path.join(tmp, 'c'))).toEqual(first);
  });

  it('a temporary folder that cannot be written, or PRESSREADY_CODE_CACHE=0, leaves the run as it is', () => {
    const tmp = temp();
    const first = generate(tmp, path.join(tmp, 'a'), { PRESSREADY_CODE_CACHE: '0' });
    expect(cacheFiles(tmp)).toEqual([]);
    const notAFolder = path.join(tmp, 'file');
    writeFileSync(notAFolder, '');
    expect(generate(notAFolder, path.join(tmp, 'b'))).toEqual(first);
    expect(existsSync(path.join(notAFolder, 'x'))).toBe(false);
  });
});
