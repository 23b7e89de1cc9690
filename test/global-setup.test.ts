import { mkdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { staleReason } from './global-setup.js';
import { tempDir } from './helpers.js';

describe('the test setup rebuilds lib/ when it is older than what it is built from', () => {
  const tree = () => {
    const t = tempDir();
    for (const f of ['src/cli/main.ts', 'lib/bundle/cli.js', 'tsconfig.json']) {
      mkdirSync(path.dirname(path.join(t.dir, f)), { recursive: true });
      writeFileSync(path.join(t.dir, f), '');
    }
    const at = (f: string, s: number) => utimesSync(path.join(t.dir, f), s, s);
    for (const d of ['src', 'src/cli', 'src/cli/main.ts', 'tsconfig.json']) at(d, 1_000);
    at('lib/bundle/cli.js', 2_000);
    return { ...t, at };
  };

  it('is up to date when the bundle is newer than every input', () => {
    const t = tree();
    try {
      expect(staleReason(t.dir)).toBeUndefined();
    } finally {
      t.cleanup();
    }
  });

  it('sees a source file edited after the build, deep in src/', () => {
    const t = tree();
    try {
      t.at('src/cli/main.ts', 3_000);
      expect(staleReason(t.dir)).toBe('src changed after lib/bundle/cli.js was built');
    } finally {
      t.cleanup();
    }
  });

  it('sees a deleted source (its folder changed) and a missing bundle', () => {
    const t = tree();
    try {
      t.at('src/cli', 3_000);
      expect(staleReason(t.dir)).toMatch(/^src changed/);
      rmSync(path.join(t.dir, 'lib'), { recursive: true });
      expect(staleReason(t.dir)).toBe('lib/bundle/cli.js is missing');
    } finally {
      t.cleanup();
    }
  });
});
