/** `pressready translations --diff`: the original's changed blocks, old (from git history) and new, in a real repository. */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempDirs } from './helpers.js';

const temp = tempDirs();

const ORIGINAL = `---
headline: Water for all
dateline:
  city: Geneva
  date: 2026-03-22
---

First paragraph, about rivers.

Second paragraph: the expert called for water in every home.

Third paragraph, about wells.

Fourth paragraph, about rain.
`;
const FR = `---\ntranslation-of: release.md\nheadline: L’eau pour tous\nlang: fr\n---\n\nPremier.\n\nDeuxième.\n\nTroisième.\n\nQuatrième.\n`;

/** git in `dir`, as a user with a name and no global settings of this machine. */
function git(dir: string, ...args: string[]): string {
  const r = spawnSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.org', '-c', 'commit.gpgsign=false', '-c', 'init.defaultBranch=main', ...args], {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1' },
  });
  if (r.status !== 0) throw new Error(`git ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}

/** Outside any repository, whatever folder the temporary one is in. */
const env = (dir: string) => ({ GIT_CEILING_DIRECTORIES: path.dirname(dir) });

/** A repository with the original and its French translation marked current, committed; then paragraph 2 changed and committed. */
function repository(): string {
  const dir = temp({ 'release.md': ORIGINAL, 'release.fr.md': FR });
  git(dir, 'init', '-q');
  expect(runCli(['translations', '--mark-current', 'release.fr.md'], { cwd: dir }).code).toBe(0);
  git(dir, 'add', '.');
  git(dir, 'commit', '-q', '-m', 'French translation up to date');
  writeFileSync(path.join(dir, 'release.md'), ORIGINAL.replace('water in every home', 'safe water in every home and school'));
  git(dir, 'commit', '-q', '-a', '-m', 'Second paragraph: safe water, schools');
  return dir;
}

describe('translations --diff', () => {
  it('shows the changed paragraph as it was when the translation was marked and as it is now, the changed words marked, and nothing else', () => {
    const dir = repository();
    const r = runCli(['translations', '--diff', 'release.md'], { cwd: dir, env: env(dir) });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toMatch(/^release\.fr\.md \(fr\) is stale: release\.md as of [0-9a-f]{7} \(\d{4}-\d{2}-\d{2} “French translation up to date”\) → now$/);
    expect(lines[1]).toBe('  the paragraph at line 10 (“Second paragraph: the expert…”) changed:');
    expect(lines[2]).toBe('      Second paragraph: the expert called for {+safe +}water in every home{+ and school+}.');
    expect(lines[3]).toBe('1 stale translation');
    for (const unchanged of ['First paragraph', 'Third paragraph', 'Fourth paragraph']) expect(r.stdout).not.toContain(unchanged);
  });

  it('an uncommitted change: old from history, new from the file as it is', () => {
    const dir = repository();
    writeFileSync(path.join(dir, 'release.md'), readFileSync(path.join(dir, 'release.md'), 'utf8').replace('about wells.', 'about deep wells.'));
    const r = runCli(['translations', '--diff', '.'], { cwd: dir, env: env(dir) });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('      Second paragraph: the expert called for {+safe +}water in every home{+ and school+}.\n');
    expect(r.stdout).toContain('  the paragraph at line 12 (“Third paragraph, about deep…”) changed:\n      Third paragraph, about {+deep +}wells.\n');
    expect(r.stdout).not.toMatch(/First|Fourth/);
  });

  it('--diff-style blocks: the old block, then the new; --format json: old and new per change', () => {
    const dir = repository();
    const r = runCli(['translations', '--diff-style', 'blocks', 'release.fr.md'], { cwd: dir, env: env(dir) });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('    - Second paragraph: the expert called for water in every home.\n    + Second paragraph: the expert called for {+safe +}water in every home{+ and school+}.\n');
    const json = JSON.parse(runCli(['translations', '--diff', '--format', 'json', 'release.md'], { cwd: dir, env: env(dir) }).stdout);
    expect(json.translations).toHaveLength(1);
    const t = json.translations[0];
    expect(t).toMatchObject({ file: 'release.fr.md', lang: 'fr', original: 'release.md', revision: { subject: 'French translation up to date', path: 'release.md' } });
    expect(t.changes).toEqual([
      {
        kind: 'changed',
        old: { kind: 'paragraph', line: 10, text: 'Second paragraph: the expert called for water in every home.' },
        new: { kind: 'paragraph', line: 10, text: 'Second paragraph: the expert called for safe water in every home and school.' },
        words: [{ value: 'Second paragraph: the expert called for ' }, { value: 'safe ', added: true }, { value: 'water in every home' }, { value: ' and school', added: true }, { value: '.' }],
      },
    ]);
    const bad = runCli(['translations', '--diff-style', 'columns', 'release.md'], { cwd: dir });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('Unknown --diff-style `columns`');
  });

  it('a removed and an added paragraph; a renamed original is followed through its history', () => {
    const dir = temp({ 'old-name.md': ORIGINAL, 'old-name.fr.md': FR.replace('release.md', 'old-name.md') });
    git(dir, 'init', '-q');
    runCli(['translations', '--mark-current', 'old-name.fr.md'], { cwd: dir });
    git(dir, 'add', '.');
    git(dir, 'commit', '-q', '-m', 'Marked under the old name');
    git(dir, 'mv', 'old-name.md', 'release.md');
    git(dir, 'mv', 'old-name.fr.md', 'release.fr.md');
    writeFileSync(path.join(dir, 'release.fr.md'), readFileSync(path.join(dir, 'release.fr.md'), 'utf8').replace('old-name.md', 'release.md'));
    // the renamed original changes too: the text the translation was made from is only under the old name
    const renamed = ORIGINAL.replace('about rain', 'about hail');
    writeFileSync(path.join(dir, 'release.md'), renamed);
    git(dir, 'commit', '-q', '-a', '-m', 'Renamed, and hail');
    writeFileSync(path.join(dir, 'release.md'), `${renamed.replace('Third paragraph, about wells.\n\n', '')}\nA new last paragraph.\n`);
    const r = runCli(['translations', '--diff', 'release.md'], { cwd: dir, env: env(dir) });
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/as of [0-9a-f]{7} \(\S+ “Marked under the old name”\)/);
    expect(r.stdout).toContain('  the paragraph (“Third paragraph, about wells.”) was removed (line 12 then):\n      [-Third paragraph, about wells.-]\n');
    expect(r.stdout).toContain('  the paragraph at line 12 (“Fourth paragraph, about hail.”) changed:\n      Fourth paragraph, about [-rain-]{+hail+}.\n');
    expect(r.stdout).toContain('  the paragraph at line 14 (“A new last paragraph.”) is new:\n      {+A new last paragraph.+}\n');
  });

  it('no commit with the stored fingerprint: says so, and still names the changed blocks', () => {
    const dir = repository();
    // marked against a version never committed
    writeFileSync(path.join(dir, 'release.md'), ORIGINAL.replace('about rain', 'about snow'));
    runCli(['translations', '--mark-current', 'release.fr.md'], { cwd: dir });
    writeFileSync(path.join(dir, 'release.md'), ORIGINAL.replace('about rain', 'about hail'));
    const r = runCli(['translations', '--diff', 'release.md'], { cwd: dir, env: env(dir) });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("release.fr.md: error: No commit of release.md has the text this translation's source-hash was taken from (all 2 searched) [git-history]");
    expect(r.stdout).toContain('release.fr.md (fr) is stale: release.md\n  - the paragraph at line 14 (“Fourth paragraph, about hail.”) changed\n');
  });

  it('not in a git repository, an untracked original, git not installed: a clear message, exit 1, the changed blocks named', () => {
    const dir = temp({ 'release.md': ORIGINAL, 'release.fr.md': FR });
    runCli(['translations', '--mark-current', 'release.fr.md'], { cwd: dir });
    writeFileSync(path.join(dir, 'release.md'), ORIGINAL.replace('about rain', 'about hail'));
    const named = 'release.fr.md (fr) is stale: release.md\n  - the paragraph at line 14 (“Fourth paragraph, about hail.”) changed\n';

    let r = runCli(['translations', '--diff', 'release.md'], { cwd: dir, env: env(dir) });
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      'release.md: error: release.md is not in a git repository, so its earlier text cannot be found [git-history]\n  → Compare the translation with the original by hand (the report names the blocks that changed), or keep the sources in git.\n',
    );
    expect(r.stdout).toContain(named);

    git(dir, 'init', '-q');
    r = runCli(['translations', '--diff', 'release.md'], { cwd: dir, env: env(dir) });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('release.md: error: release.md is not tracked by git, so it has no earlier text [git-history]');
    expect(r.stdout).toContain(named);

    // no git on the PATH (node is run by its full path)
    const empty = temp();
    mkdirSync(path.join(empty, 'bin'));
    r = runCli(['translations', '--diff', 'release.md'], { cwd: dir, env: { ...env(dir), PATH: path.join(empty, 'bin') } });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('pressready: error: git is not installed (or not on the PATH), so the original’s earlier text cannot be found [git-history]');
    expect(r.stdout).toContain(named);
    expect(r.stderr).not.toMatch(/\bat \S+:\d+:\d+/);
  });

  it('an up-to-date and an unmarked translation: nothing to show, the unmarked one told', () => {
    const dir = temp({ 'release.md': ORIGINAL, 'release.fr.md': FR, 'release.es.md': FR.replace('lang: fr', 'lang: es') });
    git(dir, 'init', '-q');
    runCli(['translations', '--mark-current', 'release.fr.md'], { cwd: dir });
    const r = runCli(['translations', '--diff', '.'], { cwd: dir, env: env(dir) });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      'release.es.md: no source-hash, so nothing tells which text of the original it was made from; after checking it, run pressready translations --mark-current release.es.md\nNo stale translations.\n',
    );
  });
});
