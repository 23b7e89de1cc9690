/**
 * generate over many sources, through the real binary: isolation of a broken
 * source, identical bytes whatever --jobs / argument order / TZ, --incremental,
 * --shard, a crashing worker, and what is printed where (CI, pipes, GitHub).
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { allFiles, fixture, ROOT, runCli, tempDir } from './helpers.js';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

const release = (headline: string, extra = '') =>
  `---\nheadline: ${headline}\ndateline:\n  city: Geneva\n  date: 2026-03-22\n${extra}---\n\nThe lead of ${headline}.\n\n“We act today,” said Ines Carvalho-Mendes, the Independent Expert.\n`;
const translation = (of: string, headline: string) => `---\ntranslation-of: ${of}\nheadline: ${headline}\nlang: en-GB\n---\n\nThe lead of ${headline}, in British English.\n`;
const BROKEN = '---\nheadline: Broken\ndateline:\n  city: Geneva\n  date: 2026-14-01\n---\n\nLead.\n';

/** A small archive: originals, translations beside them, sub-folders, a project template, and one broken source. */
function archive(opts: { broken?: boolean } = {}): Record<string, string> {
  const files: Record<string, string> = {
    'news/alpha.md': release('Alpha'),
    'news/alpha.en-GB.md': translation('alpha.md', 'Alpha (GB)'),
    'news/2026/beta.md': release('Beta', 'template: house\n'),
    'news/2026/beta.en-GB.md': translation('beta.md', 'Beta (GB)'),
    'news/2026/cedaw/release.md': readFileSync(fixture('cedaw-trafficking/release.md'), 'utf8'),
    'news/2025/gamma.md': release('Gamma', 'template: wire\n'),
    'news/2025/delta.md': release('Delta'),
    'news/2025/water/epsilon.md': release('Epsilon', 'id: water-epsilon\n'),
  };
  if (opts.broken) files['news/2025/broken.md'] = BROKEN;
  return files;
}

/** A temporary project holding the archive and a copy of the built-in default template as `templates/house`. */
function project(files: Record<string, string>): string {
  const t = tempDir(files);
  cleanups.push(t.cleanup);
  cpSync(path.join(ROOT, 'templates', 'default'), path.join(t.dir, 'templates', 'house'), { recursive: true });
  return t.dir;
}

/** Every file under a folder with its bytes, by relative path. */
function snapshot(dir: string): Record<string, string> {
  return Object.fromEntries(allFiles(dir).map((f) => [f, readFileSync(path.join(dir, f)).toString('base64')]));
}

describe('generate: a folder of many sources', () => {
  it('generates everything but the broken source, says where it is broken, and exits 1', () => {
    const dir = project(archive({ broken: true }));
    const r = runCli(['generate', 'news', '-f', 'txt', '-o', 'out', '--jobs', '2'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('news/2025/broken.md:5:9: error: `dateline.date` is `2026-14-01`, which is not a real date');
    expect(allFiles(path.join(dir, 'out'))).toEqual([
      '2025/delta.txt',
      '2025/gamma.txt',
      '2025/water/water-epsilon.txt',
      '2026/beta.en-GB.txt',
      '2026/beta.txt',
      '2026/cedaw/release.txt',
      'alpha.en-GB.txt',
      'alpha.txt',
    ]);
    expect(r.stdout).toMatch(/^9 sources → 8 files in [\d.]+ s; 1 failed$/m);
    // the translation inherits the original's date and template
    expect(readFileSync(path.join(dir, 'out/2026/beta.en-GB.txt'), 'utf8')).toContain('GENEVA (22 March 2026) — The lead of Beta (GB), in British English.');
    // generated with its original (which it then reuses) or alone (loading the original itself): the same bytes
    const alone = runCli(['generate', 'news/2026/beta.en-GB.md', '-f', 'txt', '-o', 'alone'], { cwd: dir });
    expect(alone.code).toBe(0);
    expect(readFileSync(path.join(dir, 'alone/beta.en-GB.txt'))).toEqual(readFileSync(path.join(dir, 'out/2026/beta.en-GB.txt')));
  });

  it('writes the same bytes and the same manifest whatever --jobs, the order of the arguments and TZ', () => {
    // with Arabic and Chinese, whose fonts a pool's workers read from memory the main thread shares
    const water = Object.fromEntries(['release.md', 'release.ar.md', 'release.zh.md'].map((f) => [`news/2024/water/${f}`, readFileSync(fixture(`water-report/${f}`), 'utf8')]));
    const files = { ...archive({ broken: true }), ...water };
    const runs = [
      { args: ['news'], jobs: '1', tz: 'UTC' },
      { args: ['news'], jobs: '2', tz: 'Pacific/Kiritimati' },
      // the same sources named one by one, shuffled (their common folder is news/, as for the folder argument)
      { args: Object.keys(files).reverse(), jobs: '2', tz: 'America/Los_Angeles' },
      { args: ['news/**/*.md'], jobs: '3', tz: 'Asia/Kolkata' },
    ].map(({ args, jobs, tz }) => {
      const dir = project(files);
      const r = runCli(['generate', ...args, '-f', 'all', '-o', 'out', '--jobs', jobs, '--manifest', 'out/manifest.json'], { cwd: dir, env: { TZ: tz } });
      expect(r.code).toBe(1);
      return snapshot(path.join(dir, 'out'));
    });
    expect(Object.keys(runs[0]!)).toContain('manifest.json');
    expect(Object.keys(runs[0]!)).toEqual(expect.arrayContaining(['2024/water/release.ar.pdf', '2024/water/release.zh.pdf']));
    expect(Object.keys(runs[0]!).length).toBeGreaterThan(8);
    for (const run of runs.slice(1)) expect(run).toEqual(runs[0]);
  }, 180_000); // four runs of every format over the folder: ~30 s on a quiet machine, over 60 s on a loaded one

  it('without --jobs on two cores, the PDFs rendered on a second thread are the bytes --jobs 1 writes', async () => {
    // src/pipeline/pool.ts, pdfThreadFor: this machine must have the two cores that choose the PDF thread
    const { availableParallelism } = await import('node:os');
    expect(availableParallelism()).toBeGreaterThanOrEqual(2);
    const water = Object.fromEntries(['release.md', 'release.ar.md', 'release.zh.md'].map((f) => [`news/2024/water/${f}`, readFileSync(fixture(`water-report/${f}`), 'utf8')]));
    const files = { ...archive(), ...water };
    const runs = [['--jobs', '1'], []].map((jobs) => {
      const dir = project(files);
      const r = runCli(['generate', 'news', '-f', 'txt,docx,pdf', '-o', 'out', ...jobs, '--manifest', 'out/manifest.json'], { cwd: dir });
      expect(r.code, r.stderr).toBe(0);
      return snapshot(path.join(dir, 'out'));
    });
    expect(Object.keys(runs[0]!).filter((f) => f.endsWith('.pdf'))).toHaveLength(11);
    expect(runs[1]).toEqual(runs[0]);
  }, 120_000);

  it('writes a manifest: tool version, inputs with their hashes, outputs, errors; POSIX paths relative to it', () => {
    const dir = project(archive({ broken: true }));
    const r = runCli(['generate', 'news', '-f', 'txt', '-o', 'out', '--manifest', 'build/manifest.json'], { cwd: dir });
    expect(r.code).toBe(1);
    const m = JSON.parse(readFileSync(path.join(dir, 'build/manifest.json'), 'utf8'));
    expect(m.tool).toEqual({ name: 'pressready', version: JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version });
    expect(m.sources.map((s: { source: string }) => s.source)).toEqual([...m.sources.map((s: { source: string }) => s.source)].sort());
    const beta = m.sources.find((s: { source: string }) => s.source === '../news/2026/beta.en-GB.md');
    expect(beta.status).toBe('generated');
    expect(beta.inputs.map((i: { role: string; path: string }) => `${i.role} ${i.path}`)).toEqual([
      'source ../news/2026/beta.en-GB.md',
      'original ../news/2026/beta.md',
      'template ../templates/house',
    ]);
    const txt = readFileSync(path.join(dir, 'out/2026/beta.en-GB.txt'));
    expect(beta.outputs).toEqual([{ path: '../out/2026/beta.en-GB.txt', format: 'txt', bytes: txt.byteLength, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) }]);
    expect(beta.outputs[0].sha256).toBe(createHash('sha256').update(txt).digest('hex'));
    expect(m.sources.find((s: { source: string }) => s.source === '../news/alpha.md').inputs[1]).toMatchObject({ role: 'template', path: 'pressready:templates/default', name: 'default' });
    const broken = m.sources.find((s: { source: string }) => s.source === '../news/2025/broken.md');
    expect(broken).toMatchObject({ status: 'failed', outputs: [], errors: [{ file: '../news/2025/broken.md', line: 5, column: 9, rule: 'front-matter' }] });
  });

  it('a worker that dies loses only its own source: the others are written and the run says what failed', () => {
    const dir = project(archive());
    const r = runCli(['generate', 'news', '-f', 'txt', '-o', 'out', '--jobs', '2', '--manifest', 'out/manifest.json'], {
      cwd: dir,
      // test/assets/worker-crash.cjs: the worker that reads delta.md exits (86) in the middle of its unit
      env: { NODE_OPTIONS: `--require ${JSON.stringify(path.join(ROOT, 'test/assets/worker-crash.cjs'))}`, PRESSREADY_TEST_CRASH: path.join('news', '2025', 'delta.md') },
    });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/news\/2025\/delta\.md: error: The worker generating this source stopped \(.*86.*\)/);
    expect(allFiles(path.join(dir, 'out'))).toHaveLength(8); // 7 outputs and the manifest
    expect(existsSync(path.join(dir, 'out/2025/delta.txt'))).toBe(false);
    expect(r.stdout).toMatch(/^8 sources → 7 files in [\d.]+ s; 1 failed$/m);
    const m = JSON.parse(readFileSync(path.join(dir, 'out/manifest.json'), 'utf8'));
    expect(m.sources.filter((s: { status: string }) => s.status === 'failed').map((s: { source: string }) => s.source)).toEqual(['../news/2025/delta.md']);
  });
});

describe('generate --incremental', () => {
  const run = (dir: string, extra: string[] = []) => runCli(['generate', 'news', '-f', 'txt,json', '-o', 'out', '--manifest', 'out/manifest.json', '--incremental', ...extra], { cwd: dir });
  const written = (stdout: string) =>
    stdout
      .split('\n')
      .filter((l) => l.startsWith('out/'))
      .sort();
  const inode = (dir: string, f: string) => statSync(path.join(dir, 'out', f)).ino;

  it('skips what is unchanged and redoes a source after it, its original or its template changes, or its output is deleted or altered', () => {
    const dir = project(archive());
    const first = run(dir);
    expect(first.code).toBe(0);
    expect(written(first.stdout)).toHaveLength(16);
    const manifest = readFileSync(path.join(dir, 'out/manifest.json'), 'utf8');

    const again = run(dir);
    expect(again.code).toBe(0);
    expect(written(again.stdout)).toEqual([]);
    expect(again.stdout).toContain('news/alpha.md: up to date\n');
    expect(again.stdout).toMatch(/^8 sources → 0 files in [\d.]+ s; 8 up to date$/m);
    expect(readFileSync(path.join(dir, 'out/manifest.json'), 'utf8')).toBe(manifest);

    // the original changes: it and its translation are generated again, nothing else
    const alphaTxt = inode(dir, 'alpha.txt');
    const deltaTxt = inode(dir, '2025/delta.txt');
    writeFileSync(path.join(dir, 'news/alpha.md'), release('Alpha, revised'));
    const original = run(dir);
    expect(written(original.stdout)).toEqual(['out/alpha.en-GB.json', 'out/alpha.en-GB.txt', 'out/alpha.json', 'out/alpha.txt']);
    expect(original.stdout).toMatch(/; 6 up to date$/m);
    expect(inode(dir, 'alpha.txt')).not.toBe(alphaTxt);
    expect(inode(dir, '2025/delta.txt')).toBe(deltaTxt);
    expect(readFileSync(path.join(dir, 'out/alpha.txt'), 'utf8')).toContain('Alpha, revised');

    // the project template changes: the sources that use it (beta, and its translation through it)
    const locale = path.join(dir, 'templates/house/locales/en.yaml');
    writeFileSync(locale, readFileSync(locale, 'utf8').replace(/endMarker: .*/, 'endMarker: "- ends -"'));
    const template = run(dir);
    expect(written(template.stdout)).toEqual(['out/2026/beta.en-GB.json', 'out/2026/beta.en-GB.txt', 'out/2026/beta.json', 'out/2026/beta.txt']);
    expect(readFileSync(path.join(dir, 'out/2026/beta.txt'), 'utf8')).toContain('- ends -');

    // an output deleted, another altered
    rmSync(path.join(dir, 'out/2025/gamma.json'));
    writeFileSync(path.join(dir, 'out/2025/delta.txt'), 'edited by hand\n');
    const outputs = run(dir);
    expect(written(outputs.stdout)).toEqual(['out/2025/delta.json', 'out/2025/delta.txt', 'out/2025/gamma.json', 'out/2025/gamma.txt']);
    expect(readFileSync(path.join(dir, 'out/2025/delta.txt'), 'utf8')).toContain('The lead of Delta.');

    // other options: nothing is up to date
    const wrapped = run(dir, ['--wrap', '60']);
    expect(written(wrapped.stdout)).toHaveLength(16);
  });

  it('a source that failed is tried again; a manifest it cannot read means a full run, with a warning', () => {
    const dir = project({ 'news/a.md': release('A'), 'news/b.md': BROKEN });
    expect(run(dir).code).toBe(1);
    writeFileSync(path.join(dir, 'news/b.md'), release('B'));
    const mended = run(dir);
    expect(mended.code).toBe(0);
    expect(written(mended.stdout)).toEqual(['out/b.json', 'out/b.txt']);
    writeFileSync(path.join(dir, 'out/manifest.json'), '{ not json');
    const corrupt = run(dir);
    expect(corrupt.code).toBe(0);
    expect(corrupt.stderr).toMatch(/out\/manifest\.json: warning: The manifest is not one this version of pressready wrote/);
    expect(written(corrupt.stdout)).toHaveLength(4);
    // valid JSON of the wrong shape, down to one entry: the same warning and a full run, not an internal error
    const good = JSON.parse(readFileSync(path.join(dir, 'out/manifest.json'), 'utf8'));
    for (const broken of [
      { ...good, sources: 'all' },
      { ...good, sources: [{ ...good.sources[0], outputs: null }] },
      { ...good, sources: [{ ...good.sources[0], inputs: [{ role: 'source', path: 7 }] }] },
      [],
      null,
    ]) {
      writeFileSync(path.join(dir, 'out/manifest.json'), JSON.stringify(broken));
      const r = run(dir);
      expect(r.code).toBe(0);
      expect(r.stderr).toMatch(/out\/manifest\.json: warning: The manifest is not one this version of pressready wrote/);
      expect(r.stderr).not.toMatch(/internal/i);
      expect(written(r.stdout)).toHaveLength(4);
    }
  });

  it('needs --manifest', () => {
    const dir = project({ 'news/a.md': release('A') });
    const r = runCli(['generate', 'news', '--incremental'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--incremental needs --manifest/);
    expect(existsSync(path.join(dir, 'dist'))).toBe(false);
  });
});

describe('generate --shard', () => {
  it('splits the sources into disjoint shards whose union is the whole run, each translation with its original', () => {
    const files = archive();
    for (let i = 0; i < 6; i++) files[`news/more/r${i}.md`] = release(`R${i}`);
    files['news/more/r0.en-GB.md'] = translation('r0.md', 'R0 (GB)');
    const whole = project(files);
    expect(runCli(['generate', 'news', '-f', 'txt', '-o', 'out'], { cwd: whole }).code).toBe(0);
    const all = allFiles(path.join(whole, 'out'));
    expect(all).toHaveLength(15);

    const shards = [1, 2, 3].map((i) => {
      const dir = project(files);
      const r = runCli(['generate', 'news', '-f', 'txt', '-o', 'out', '--shard', `${i}/3`, '--manifest', 'out/manifest.json'], { cwd: dir });
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(new RegExp(`sources? \\(shard ${i}/3\\) →`));
      const out = allFiles(path.join(dir, 'out')).filter((f) => f !== 'manifest.json');
      // the same files as the whole run, byte for byte
      for (const f of out) expect(readFileSync(path.join(dir, 'out', f))).toEqual(readFileSync(path.join(whole, 'out', f)));
      const m = JSON.parse(readFileSync(path.join(dir, 'out/manifest.json'), 'utf8'));
      expect(m.shard).toBe(`${i}/3`);
      return out;
    });
    expect(shards.flat().sort()).toEqual(all);
    expect(new Set(shards.flat()).size).toBe(all.length);
    for (const out of shards) {
      for (const f of out.filter((f) => f.endsWith('.en-GB.txt'))) expect(out).toContain(f.replace('.en-GB', ''));
    }
    expect(shards.filter((s) => s.length > 0).length).toBeGreaterThan(1);
  });

  it('refuses a clash in every shard, and a shard that is not i/n', () => {
    const dir = project({ 'news/a/release.md': release('A'), 'news/a/x.md': release('B', 'id: release\n') });
    for (const shard of ['1/2', '2/2']) {
      const r = runCli(['generate', 'news', '-f', 'txt', '-o', 'out', '--shard', shard], { cwd: dir });
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/would both write out\/a\/release\.txt/);
    }
    expect(existsSync(path.join(dir, 'out'))).toBe(false);
    for (const bad of ['0/2', '3/2', '1/0', 'two']) expect(runCli(['generate', 'news', '--shard', bad], { cwd: dir }).code).toBe(2);
    expect(runCli(['generate', 'news', '--jobs', '0'], { cwd: dir }).code).toBe(2);
  });
});

describe('generate: output for the place it runs', () => {
  /** Runs the binary on a pseudo-terminal (util-linux `script`), as a person at a terminal would. */
  function onTerminal(args: string[], cwd: string, env: Record<string, string> = {}) {
    const cmd = [process.execPath, path.join(ROOT, 'bin', 'pressready.js'), ...args].map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
    const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !['CI', 'NO_COLOR', 'FORCE_COLOR', 'GITHUB_ACTIONS'].includes(k)));
    const r = spawnSync('script', ['-qec', cmd, '/dev/null'], { cwd, env: { ...clean, TERM: 'xterm-256color', ...env }, encoding: 'utf8' });
    return { code: r.status, output: r.stdout };
  }
  const BAR = /░/;

  it('draws progress on a terminal, never in CI, when piped or with --quiet', () => {
    const dir = project(archive());
    const tty = onTerminal(['generate', 'news', '-f', 'txt', '-o', 'out', '--jobs', '1'], dir);
    expect(tty.code).toBe(0);
    expect(tty.output).toMatch(BAR);
    expect(tty.output).toMatch(/8\/8 sources/);
    const ci = onTerminal(['generate', 'news', '-f', 'txt', '-o', 'out', '--jobs', '1'], dir, { CI: 'true' });
    expect(ci.code).toBe(0);
    expect(ci.output).not.toMatch(BAR);
    expect(onTerminal(['generate', 'news', '-f', 'txt', '-o', 'out', '-q'], dir).output).not.toMatch(BAR);
    const piped = runCli(['generate', 'news', '-f', 'txt', '-o', 'out'], { cwd: dir });
    expect(piped.stdout + piped.stderr).not.toMatch(BAR);
  });

  it('colours on a terminal; NO_COLOR turns it off there, FORCE_COLOR turns it on in a pipe', () => {
    const dir = project({ 'news/b.md': BROKEN });
    const ESC = /\x1b\[3\dm/;
    expect(onTerminal(['generate', 'news', '-f', 'txt'], dir).output).toMatch(ESC);
    expect(onTerminal(['generate', 'news', '-f', 'txt'], dir, { NO_COLOR: '1' }).output).not.toMatch(ESC);
    expect(runCli(['generate', 'news', '-f', 'txt'], { cwd: dir, env: { NO_COLOR: '', FORCE_COLOR: '1' } }).stderr).toMatch(ESC);
    expect(runCli(['generate', 'news', '-f', 'txt'], { cwd: dir }).stderr).not.toMatch(ESC);
  });

  it('prints GitHub annotations under GitHub Actions', () => {
    const dir = project({ 'news/a.md': release('A'), 'news/b.md': BROKEN });
    const r = runCli(['generate', 'news', '-f', 'txt'], { cwd: dir, env: { GITHUB_ACTIONS: 'true', CI: 'true' } });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^::error file=news\/b\.md,line=5,col=9,.*title=front-matter::`dateline\.date` is `2026-14-01`/m);
    expect(runCli(['generate', 'news', '-f', 'txt'], { cwd: dir }).stdout).not.toMatch(/::error/);
  });
});

describe('how many workers', () => {
  it('never more than the units or the cores, whatever --jobs says; without it, a worker for each 8 units', async () => {
    const { workerCount } = await import('../src/pipeline/pool.js');
    expect(workerCount(180, 100_000, 2)).toBe(2);
    expect(workerCount(3, 8, 16)).toBe(3);
    expect(workerCount(1000, undefined, 4)).toBe(4);
    expect(workerCount(10, undefined, 4)).toBe(1);
    expect(workerCount(0, 5, 4)).toBe(1);
    // two cores: the main thread alone for PDF and DOCX (src/pipeline/pool.ts, HEAVY); --jobs still rules
    expect(workerCount(1000, undefined, 2, ['txt', 'docx', 'pdf'])).toBe(1);
    expect(workerCount(1000, 2, 2, ['txt', 'docx', 'pdf'])).toBe(2);
    expect(workerCount(1000, undefined, 2, ['txt'])).toBe(2);
    expect(workerCount(1000, undefined, 4, ['pdf'])).toBe(4);
  });

  it('on two cores without --jobs, a PDF thread beside the main one, for 8 sources or more and no e-mail', async () => {
    const { pdfThreadFor } = await import('../src/pipeline/pool.js');
    expect(pdfThreadFor(['txt', 'docx', 'pdf'], 1000, undefined, 2)).toBe(true);
    expect(pdfThreadFor(['pdf'], 8, undefined, 2)).toBe(true);
    expect(pdfThreadFor(['txt', 'docx', 'pdf'], 7, undefined, 2)).toBe(false);
    expect(pdfThreadFor(['txt', 'docx', 'pdf'], 1000, 1, 2)).toBe(false);
    expect(pdfThreadFor(['txt', 'docx', 'pdf'], 1000, undefined, 1)).toBe(false);
    expect(pdfThreadFor(['txt', 'docx'], 1000, undefined, 2)).toBe(false);
    expect(pdfThreadFor(['pdf', 'eml'], 1000, undefined, 2)).toBe(false);
  });
});
