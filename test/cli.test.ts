import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { allFiles, BIN, fixture, runCli, tempDir } from './helpers.js';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));
function temp(files: Record<string, string> = {}) {
  const t = tempDir(files);
  cleanups.push(t.cleanup);
  return t.dir;
}

const GOOD = (h: string) => `---\nheadline: ${h}\ndateline:\n  city: Geneva\n  date: 2020-11-11\n---\n\nThe lead of ${h}.\n`;
const NO_STACK = /^\s+at .+:\d+:\d+\)?$/m;

describe('pressready generate (the real binary)', () => {
  it('writes the text and the model of the example, and says what it wrote', () => {
    const out = temp();
    const r = runCli(['generate', fixture('cedaw-trafficking/release.md'), '-f', 'txt,json', '-o', out]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(allFiles(out)).toEqual(['release.json', 'release.txt']);
    expect(r.stdout).toMatch(/release\.txt\n/);
    expect(r.stdout).toMatch(/1 source → 2 files in [\d.]+ s\n$/);
    const model = JSON.parse(readFileSync(path.join(out, 'release.json'), 'utf8'));
    expect(model.quotes).toHaveLength(5);
    expect(model.contacts).toHaveLength(2);
    expect(readFileSync(path.join(out, 'release.txt'), 'utf8')).toContain('GENEVA (11 November 2020) — The UN women’s rights committee');
  });

  it('a bad source among good ones: the good outputs are written, exit 1, file:line:column', () => {
    const dir = temp({
      'a.md': GOOD('Alpha'),
      'b.md': '---\nheadline: Beta\ndateline:\n  city: Geneva\n  date: 2020-14-01\n---\n\nLead.\n',
      'c.md': GOOD('Gamma'),
    });
    const r = runCli(['generate', 'a.md', 'b.md', 'c.md', '-f', 'txt', '-o', 'out'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('b.md:5:9: error: `dateline.date` is `2020-14-01`, which is not a real date');
    expect(r.stderr).toMatch(/YYYY-MM-DD/);
    expect(r.stderr).not.toMatch(NO_STACK);
    expect(allFiles(path.join(dir, 'out'))).toEqual(['a.txt', 'c.txt']);
    expect(r.stdout).toMatch(/3 sources → 2 files in .* s; 1 failed/);
  });

  it('an unknown format is a usage error: exit 2, nothing written', () => {
    const dir = temp({ 'a.md': GOOD('Alpha') });
    const r = runCli(['generate', 'a.md', '-f', 'txt,odt'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/Unknown format `odt`/);
    expect(existsSync(path.join(dir, 'dist'))).toBe(false);
  });

  it('an unknown option is exit 2', () => {
    const r = runCli(['generate', fixture('cedaw-trafficking/release.md'), '--colour']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown option '--colour'/);
  });

  it('an unknown -t template is exit 2; one named in front matter is that source’s error, exit 1', () => {
    const dir = temp({ 'a.md': GOOD('Alpha'), 'b.md': GOOD('Beta').replace('headline:', 'template: glossy\nheadline:') });
    const flag = runCli(['generate', 'a.md', '-t', 'glossy', '-f', 'txt'], { cwd: dir });
    expect(flag.code).toBe(2);
    expect(flag.stderr).toMatch(/No template `glossy`/);
    const fm = runCli(['generate', 'a.md', 'b.md', '-f', 'txt'], { cwd: dir });
    expect(fm.code).toBe(1);
    expect(fm.stderr).toContain('b.md:2:11: error: No template `glossy`');
    expect(existsSync(path.join(dir, 'dist', 'a.txt'))).toBe(true);
  });

  it('-t wins over the front matter', () => {
    const dir = temp({ 'b.md': GOOD('Beta').replace('headline:', 'template: default\nheadline:') });
    const r = runCli(['generate', 'b.md', '-t', 'wire', '-f', 'txt'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(readFileSync(path.join(dir, 'dist', 'b.txt'), 'utf8')).toContain('FOR IMMEDIATE RELEASE');
  });

  it('a language the template lacks names the languages it has', () => {
    const dir = temp({ 'a.md': GOOD('Alpha').replace('headline:', 'lang: sw\nheadline:') });
    const r = runCli(['generate', 'a.md', '-f', 'txt'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/a\.md:2:7: error: The template `default` has no `sw` locale/);
    expect(r.stderr).toMatch(/It has: .*en/);
  });

  it('in a folder, a .md without front matter is skipped with a notice; named, it is an error', () => {
    const dir = temp({ 'news/a.md': GOOD('Alpha'), 'news/README.md': '# Notes\n' });
    const folder = runCli(['generate', 'news', '-f', 'txt'], { cwd: dir });
    expect(folder.code).toBe(0);
    expect(folder.stderr).toMatch(/news\/README\.md: notice: Skipped: no front matter/);
    const named = runCli(['generate', 'news/README.md', '-f', 'txt'], { cwd: dir });
    expect(named.code).toBe(1);
    expect(named.stderr).toMatch(/news\/README\.md:1:1: error: The source has no front matter/);
  });

  it('outputs mirror the sub-folders of a folder argument', () => {
    const dir = temp({ 'archive/2026/cedaw/release.md': GOOD('A'), 'archive/2025/water/release.md': GOOD('B') });
    const r = runCli(['generate', 'archive', '-f', 'txt', '-o', 'out'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(allFiles(path.join(dir, 'out'))).toEqual(['2025/water/release.txt', '2026/cedaw/release.txt']);
  });

  it('two sources writing the same output are exit 2 before anything is written', () => {
    const dir = temp({ 'a/release.md': GOOD('A'), 'a/x.md': GOOD('B').replace('headline:', 'id: release\nheadline:') });
    const r = runCli(['generate', 'a', '-f', 'txt', '-o', 'out'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/a\/release\.md and a\/x\.md would both write out\/release\.txt/);
    expect(existsSync(path.join(dir, 'out'))).toBe(false);
  });

  it('reads a source on standard input and writes one format to standard output', () => {
    const r = runCli(['generate', '-', '-f', 'txt'], { input: GOOD('Piped') });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('GENEVA (11 November 2020) — The lead of Piped.');
    const bad = runCli(['generate', '-', '-f', 'txt'], { input: 'no front matter' });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/<stdin>:1:1: error/);
  });

  it('standard input without -f gives plain text; a reader that closes the pipe early ends it quietly', () => {
    const r = runCli(['generate', '-'], { input: GOOD('Piped') });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('GENEVA (11 November 2020) — The lead of Piped.');
    // `generate -f pdf - | head -c 0`: the pipe is closed before the PDF is written
    const sh = spawnSync('sh', ['-c', `"${process.execPath}" "${BIN}" generate -f pdf - < "${fixture('cedaw-trafficking/release.md')}" | head -c 0; echo "exit $?"`], { encoding: 'utf8' });
    expect(sh.stderr).toBe('');
    expect(sh.stdout).toBe('exit 0\n');
  });

  it('lint - reads standard input like generate -', () => {
    const r = runCli(['lint', '-'], { input: GOOD('Piped').replace('The lead of Piped.', '"The lead of Piped,” she said.') });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^<stdin>$/m);
    expect(r.stdout).toMatch(/^ +8:1 +error +The quotation opened with " is closed with ” +quote-balance$/m);
    const clean = runCli(['lint', '-'], { input: readFileSync(fixture('cedaw-trafficking/release.md'), 'utf8') });
    expect(clean.stdout).toBe('');
    expect(clean.code).toBe(0);
    const fix = runCli(['lint', '-', '--fix'], { input: GOOD('Piped') });
    expect(fix.code).toBe(2);
    expect(fix.stderr).toContain('--fix rewrites files; standard input is not one');
  });

  it('leaves no temporary files behind', () => {
    const dir = temp({ 'a.md': GOOD('Alpha') });
    runCli(['generate', 'a.md', '-f', 'txt,json'], { cwd: dir });
    expect(allFiles(path.join(dir, 'dist'))).toEqual(['a.json', 'a.txt']);
  });

  it('--help shows examples; --version the version', () => {
    const help = runCli(['generate', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/Examples:\n\s+pressready generate release\.md/);
    const version = runCli(['--version']);
    expect(version.code).toBe(0);
    expect(version.stdout.trim()).toBe(JSON.parse(readFileSync(path.join(__dirname, '..', 'package.json'), 'utf8')).version);
  });
});

describe('pressready.config.yaml: generate defaults', () => {
  it('fills in flags that were not given; flags win; a wrong value is exit 2 at its line', () => {
    const dir = temp({ 'a.md': GOOD('Alpha, with a headline long enough to wrap somewhere'), 'pressready.config.yaml': 'generate:\n  format: [txt, json]\n  out: build\n  wrap: 30\n' });
    const r = runCli(['generate', 'a.md'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(allFiles(path.join(dir, 'build'))).toEqual(['a.json', 'a.txt']);
    for (const line of readFileSync(path.join(dir, 'build', 'a.txt'), 'utf8').split('\n')) expect(line.length).toBeLessThanOrEqual(30);

    const flags = runCli(['generate', 'a.md', '-o', 'other', '-f', 'txt'], { cwd: dir });
    expect(flags.code).toBe(0);
    expect(allFiles(path.join(dir, 'other'))).toEqual(['a.txt']);

    const bad = temp({ 'a.md': GOOD('Alpha'), 'pressready.config.yaml': 'generate:\n  wrap: wide\n' });
    const r2 = runCli(['generate', 'a.md'], { cwd: bad });
    expect(r2.code).toBe(2);
    expect(r2.stderr).toMatch(/pressready\.config\.yaml:2:9: error: `generate\.wrap` must be a number/);
  });
});

describe('init, then lint and generate --strict', () => {
  it('a release just started cannot pass generate --strict until its placeholders are written', () => {
    const dir = temp();
    expect(runCli(['init', 'new.md', '--headline', 'Water for all', '--city', 'Geneva'], { cwd: dir }).code).toBe(0);
    const lint = runCli(['lint', 'new.md'], { cwd: dir });
    expect(lint.code).toBe(1);
    expect(lint.stdout).toMatch(/placeholder-text/);
    const strict = runCli(['generate', 'new.md', '--strict', '-f', 'txt'], { cwd: dir });
    expect(strict.code).toBe(1);
    expect(strict.stderr).toMatch(/Not generated: \d+ lint errors? \(--strict\)/);
    expect(existsSync(path.join(dir, 'dist'))).toBe(false);
  });
});
