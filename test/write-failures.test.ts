/**
 * A source that cannot be written leaves nothing behind: all its outputs or none,
 * a machine problem (a full disk, an output path through a file) said once for the
 * run with exit 2, and temporary files of a killed run swept by the next one.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fixture, runCli, tempDirs } from './helpers.js';

const temp = tempDirs();

// a write that fails with ENOSPC, as on a full disk, for the files whose name matches
const failing = vi.hoisted(() => ({ pattern: undefined as RegExp | undefined }));
vi.mock('node:fs/promises', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs/promises')>();
  return {
    ...fs,
    writeFile: async (file: string, ...rest: unknown[]) => {
      if (failing.pattern?.test(String(file))) throw Object.assign(new Error(`ENOSPC: no space left on device, write '${file}'`), { code: 'ENOSPC' });
      return (fs.writeFile as (...a: unknown[]) => Promise<void>)(file, ...rest);
    },
  };
});
vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs')>();
  return {
    ...fs,
    writeFileSync: (file: string, ...rest: unknown[]) => {
      if (failing.pattern?.test(String(file))) throw Object.assign(new Error(`ENOSPC: no space left on device, write '${file}'`), { code: 'ENOSPC' });
      return (fs.writeFileSync as (...a: unknown[]) => void)(file, ...rest);
    },
  };
});
afterEach(() => {
  failing.pattern = undefined;
});

const CEDAW = readFileSync(fixture('cedaw-trafficking/release.md'), 'utf8');

describe('a source whose outputs cannot all be written', () => {
  it('leaves none of them (a full disk at its second file), and the files it would replace stay as they were', async () => {
    const { writeAllAtomic } = await import('../src/io/write.js');
    const dir = temp({ 'out/r.txt': 'the previous text\n' });
    failing.pattern = /r\.docx/;
    const err = await writeAllAtomic([
      { file: path.join(dir, 'out/r.txt'), data: 'new text' },
      { file: path.join(dir, 'out/r.docx'), data: 'new docx' },
    ]).catch((e: NodeJS.ErrnoException) => e);
    expect((err as NodeJS.ErrnoException).code).toBe('ENOSPC');
    expect(readdirSync(path.join(dir, 'out'))).toEqual(['r.txt']);
    expect(readFileSync(path.join(dir, 'out/r.txt'), 'utf8')).toBe('the previous text\n');
  });

  it('the same with the synchronous writes of `watch`; and a folder where a file is to go is refused before any is written', async () => {
    const { writeAllAtomic, writeSynchronously } = await import('../src/io/write.js');
    writeSynchronously();
    try {
      const dir = temp({ 'out/r.txt': 'the previous text\n' });
      failing.pattern = /r\.docx/;
      const err = await writeAllAtomic([
        { file: path.join(dir, 'out/r.txt'), data: 'new text' },
        { file: path.join(dir, 'out/r.docx'), data: 'new docx' },
      ]).catch((e: NodeJS.ErrnoException) => e);
      expect((err as NodeJS.ErrnoException).code).toBe('ENOSPC');
      expect(readdirSync(path.join(dir, 'out'))).toEqual(['r.txt']);
      expect(readFileSync(path.join(dir, 'out/r.txt'), 'utf8')).toBe('the previous text\n');
      failing.pattern = undefined;
      mkdirSync(path.join(dir, 'out/r.pdf'));
      const folder = await writeAllAtomic([
        { file: path.join(dir, 'out/r.txt'), data: 'new text' },
        { file: path.join(dir, 'out/r.pdf'), data: 'new pdf' },
      ]).catch((e: NodeJS.ErrnoException) => e);
      expect((folder as NodeJS.ErrnoException).code).toBe('EISDIR');
      expect(readdirSync(path.join(dir, 'out')).sort()).toEqual(['r.pdf', 'r.txt']);
      expect(readFileSync(path.join(dir, 'out/r.txt'), 'utf8')).toBe('the previous text\n');
      await writeAllAtomic([
        { file: path.join(dir, 'out/r.txt'), data: 'new text' },
        { file: path.join(dir, 'out/r.docx'), data: 'new docx' },
      ]);
      expect(readdirSync(path.join(dir, 'out')).sort()).toEqual(['r.docx', 'r.pdf', 'r.txt']);
      expect(readFileSync(path.join(dir, 'out/r.docx'), 'utf8')).toBe('new docx');
    } finally {
      writeSynchronously(false);
    }
  });

  it('generate: the source is reported failed in words, as a problem of the machine, with no file of it left', async () => {
    const { build, plan } = await import('../src/pipeline/generate.js');
    const dir = temp({ 'r.md': CEDAW });
    const opts = { formats: ['txt', 'docx'], outDir: 'out', cwd: dir, render: { env: {} } };
    failing.pattern = /\.docx\./;
    const result = await build(await plan({ file: 'r.md', base: dir, named: true }, opts), opts);
    expect(result.ok).toBe(false);
    expect(result.environment).toBe('ENOSPC');
    expect(result.messages).toEqual([
      expect.objectContaining({
        ruleId: 'write',
        severity: 'error',
        reason: 'No space left on the disk (ENOSPC): out/r.* was not written',
        hint: 'Free some space, or write the outputs elsewhere with -o.',
      }),
    ]);
    expect(result.outputs).toEqual([]);
    expect(existsSync(path.join(dir, 'out')) ? readdirSync(path.join(dir, 'out')) : []).toEqual([]);
  });
});

describe('the machine, not the source, is wrong', () => {
  it('an output path through a file: said once for the run, not once a source, and exit 2', () => {
    const files: Record<string, string> = { afile: 'not a folder' };
    for (let i = 1; i <= 5; i++) files[`src/r${i}.md`] = CEDAW.replace('headline:', `id: r${i}\nheadline:`);
    const dir = temp(files);
    const r = runCli(['generate', 'src', '-o', 'afile/out', '-f', 'txt'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr.match(/\[write\]/g)).toHaveLength(1);
    expect(r.stderr).toContain('src/r1.md: error: The output path runs through a file, not a folder (ENOTDIR): afile/out/r1.* was not written [write]');
    expect(r.stderr).toContain('pressready: 4 more sources not written for the same reason (ENOTDIR)');
    expect(r.stderr).not.toMatch(/Internal|bug in pressready/);
  });

  it('a folder where an output file is to go: the source is not written at all, nothing it would replace is touched', () => {
    const dir = temp({ 'r.md': CEDAW, 'out/r.txt': 'OLD\n' });
    mkdirSync(path.join(dir, 'out/r.pdf'));
    const r = runCli(['generate', 'r.md', '-f', 'txt,docx,pdf', '-o', 'out'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('r.md: error: A folder stands where an output file is to go (EISDIR): out/r.* was not written [write]');
    expect(r.stderr).not.toMatch(/Internal|bug in pressready/);
    expect(readFileSync(path.join(dir, 'out/r.txt'), 'utf8')).toBe('OLD\n');
    expect(readdirSync(path.join(dir, 'out')).sort()).toEqual(['r.pdf', 'r.txt']);
  });

  it('an id too long for a file name is a positioned front-matter error', () => {
    const dir = temp({ 'r.md': CEDAW.replace('headline:', `id: ${'a'.repeat(300)}\nheadline:`) });
    const r = runCli(['generate', 'r.md', '-f', 'txt'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('r.md:2:5: error: `id` is 300 characters long; outputs are named after it, and a file name may have at most 200 [front-matter]');
  });
});

describe('temporary files of a run that was killed', () => {
  it('are removed by the next run into the folder; one of a process still running is left', () => {
    const dir = temp({ 'r.md': CEDAW });
    mkdirSync(path.join(dir, 'dist'));
    // pid 2^22 + 1 is above Linux's largest pid: no such process
    const dead = `.r.txt.${2 ** 22 + 1}.0123abcd.tmp`;
    const live = `.r.txt.${process.pid}.4567cdef.tmp`;
    writeFileSync(path.join(dir, 'dist', dead), 'half');
    writeFileSync(path.join(dir, 'dist', live), 'being written');
    expect(runCli(['generate', 'r.md', '-f', 'txt'], { cwd: dir }).code).toBe(0);
    expect(readdirSync(path.join(dir, 'dist')).sort()).toEqual([live, 'r.txt'].sort());
  });
});
