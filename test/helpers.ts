/** Shared test helpers: run the real binary, load a fixture through the pipeline, temporary folders. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach } from 'vitest';
import { loadRelease, type Loaded } from '../src/pipeline/load.js';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const BIN = path.join(ROOT, 'bin', 'pressready.js');
export const FIXTURES = path.join(ROOT, 'fixtures');

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Run `pressready` as a user would: a separate process, from `cwd`. */
export function runCli(args: string[], opts: { cwd?: string; env?: Record<string, string>; input?: string } = {}): RunResult {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd: opts.cwd ?? ROOT,
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0', GITHUB_ACTIONS: '', ...opts.env },
    input: opts.input,
    encoding: 'utf8',
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

export function fixture(...parts: string[]): string {
  return path.join(FIXTURES, ...parts);
}

export async function loadFixture(rel: string): Promise<Loaded> {
  return loadRelease(path.relative(ROOT, fixture(rel)), { cwd: ROOT });
}

/** A temporary folder with the given files; removed by the returned function. */
export function tempDir(files: Record<string, string> = {}): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(path.join(tmpdir(), 'pressready-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** For one test file: `temp(files)` makes a temporary folder that is removed after the test. */
export function tempDirs(): (files?: Record<string, string>) => string {
  const cleanups: (() => void)[] = [];
  afterEach(() => cleanups.splice(0).forEach((c) => c()));
  return (files = {}) => {
    const t = tempDir(files);
    cleanups.push(t.cleanup);
    return t.dir;
  };
}

/** The words of a text (letters and digits), for "every word of the source is in the output" checks. */
export function words(text: string): string[] {
  return text.normalize('NFC').match(/[\p{L}\p{N}]+(?:[’'][\p{L}]+)*/gu) ?? [];
}

/** Every file under a folder, as sorted POSIX paths relative to it. */
export function allFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join('/'))
    .sort();
}
