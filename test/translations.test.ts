import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli, tempDir } from './helpers.js';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

const ORIGINAL = `---
headline: Water for all
dateline:
  city: Geneva
  date: 2026-03-22
---

First paragraph.

Second paragraph.

Third paragraph.
`;
const FR = `---\ntranslation-of: release.md\nheadline: L’eau pour tous\nlang: fr\n---\n\nPremier.\n\nDeuxième.\n\nTroisième.\n`;

function project(extra: Record<string, string> = {}) {
  const t = tempDir({ 'release.md': ORIGINAL, 'release.fr.md': FR, ...extra });
  cleanups.push(t.cleanup);
  return t.dir;
}

describe('pressready translations', () => {
  it('--mark-current marks every translation named, and those a folder or glob finds (passing over the original)', () => {
    const ES = FR.replace('lang: fr', 'lang: es').replace('L’eau pour tous', 'Agua para todos');
    const dir = project({ 'release.es.md': ES });
    const r = runCli(['translations', '--mark-current', 'release.fr.md', 'release.es.md'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('release.es.md: source-hash now matches release.md\nrelease.fr.md: source-hash now matches release.md\n');
    for (const f of ['release.fr.md', 'release.es.md']) expect(readFileSync(path.join(dir, f), 'utf8')).toMatch(/^source-hash: "v1:/m);
    const glob = runCli(['translations', '--mark-current', '*.md'], { cwd: dir });
    expect(glob.code).toBe(0);
    expect(glob.stderr).toBe('');
    // named on the command line, an original is an error
    const named = runCli(['translations', '--mark-current', 'release.md'], { cwd: dir });
    expect(named.code).toBe(1);
    expect(named.stderr).toContain('This source is not a translation');
  });

  it('unmarked, then up to date after --mark-current, stale after the original changes, up to date again', () => {
    const dir = project();
    let r = runCli(['translations', 'release.md', '--check'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/fr\s+unmarked\s+release\.fr\.md/);

    r = runCli(['translations', '--mark-current', 'release.fr.md'], { cwd: dir });
    expect(r.code).toBe(0);
    const marked = readFileSync(path.join(dir, 'release.fr.md'), 'utf8');
    // nothing else in the file changes
    expect(marked.replace(/^source-hash: .*\n/m, '')).toBe(FR);

    r = runCli(['translations', 'release.md', '--check'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/fr\s+up to date\s+release\.fr\.md/);

    writeFileSync(path.join(dir, 'release.md'), ORIGINAL.replace('Third paragraph.', 'Third paragraph, now longer.'));
    r = runCli(['translations', '.', '--check'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/fr\s+stale\s+release\.fr\.md\n\s+- the paragraph at line 12 \(“Third paragraph, now longer\.”\) changed/);

    const json = JSON.parse(runCli(['translations', 'release.fr.md', '--format', 'json'], { cwd: dir }).stdout);
    expect(json.originals[0].translations[0]).toMatchObject({ lang: 'fr', state: 'stale', file: 'release.fr.md' });

    runCli(['translations', '--mark-current', 'release.fr.md'], { cwd: dir });
    const again = readFileSync(path.join(dir, 'release.fr.md'), 'utf8');
    expect(again.match(/source-hash:/g)).toHaveLength(1);
    expect(runCli(['translations', 'release.md', '--check'], { cwd: dir }).code).toBe(0);
  });

  it('a project language with no file is missing', () => {
    const dir = project({ 'pressready.config.yaml': 'languages: [en, fr, ar]\n' });
    const r = runCli(['translations', 'release.md'], { cwd: dir });
    expect(r.stdout).toMatch(/ar\s+missing/);
    expect(r.stdout).not.toMatch(/en\s+missing/);
  });

  it('a missing original and a cycle are positioned errors', () => {
    const dir = project({
      'lost.fr.md': '---\ntranslation-of: lost.md\nheadline: H\nlang: fr\n---\n\nTexte.\n',
      'a.md': '---\ntranslation-of: b.md\nheadline: A\ndateline: {city: X, date: 2020-01-01}\n---\n\nA.\n',
      'b.md': '---\ntranslation-of: a.md\nheadline: B\ndateline: {city: X, date: 2020-01-01}\n---\n\nB.\n',
    });
    const lost = runCli(['translations', 'lost.fr.md'], { cwd: dir });
    expect(lost.code).toBe(1);
    expect(lost.stderr).toMatch(/lost\.fr\.md:2:17: error: The original `lost\.md` cannot be read/);
    const cycle = runCli(['translations', 'a.md'], { cwd: dir });
    expect(cycle.code).toBe(1);
    expect(cycle.stderr).toMatch(/a\.md:2:17: error: `translation-of` forms a cycle: a\.md → b\.md → a\.md/);
    const generate = runCli(['generate', 'a.md', '-f', 'txt'], { cwd: dir });
    expect(generate.code).toBe(1);
    expect(generate.stderr).toMatch(/b\.md:2:17: error: `translation-of` forms a cycle: a\.md → b\.md → a\.md/);
  });

  it('the translated water report fixtures are up to date but for the French one, which was never marked', () => {
    const r = runCli(['translations', 'fixtures/water-report']);
    for (const l of ['ar', 'es', 'ru', 'zh']) expect(r.stdout).toMatch(new RegExp(`${l}\\s+up to date`));
    expect(r.stdout).toMatch(/fr\s+unmarked/);
  });
});
