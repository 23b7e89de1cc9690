import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fixture, runCli, tempDir } from './helpers.js';

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

  it('--mark-current over a folder and over a glob marks every translation in it, and no original', () => {
    const es = FR.replace('lang: fr', 'lang: es');
    const dir = project({
      'a/release.md': ORIGINAL,
      'a/release.fr.md': FR,
      'a/release.es.md': es,
      'b/deep/release.md': ORIGINAL,
      'b/deep/release.fr.md': FR,
      'b/deep/release.ru.md': FR.replace('lang: fr', 'lang: ru'),
    });
    const folder = runCli(['translations', '--mark-current', 'a'], { cwd: dir });
    expect(folder.code).toBe(0);
    expect(folder.stdout).toBe('a/release.es.md: source-hash now matches a/release.md\na/release.fr.md: source-hash now matches a/release.md\n');
    const glob = runCli(['translations', '--mark-current', 'b/**/*.??.md'], { cwd: dir });
    expect(glob.code).toBe(0);
    expect(glob.stdout).toBe('b/deep/release.fr.md: source-hash now matches b/deep/release.md\nb/deep/release.ru.md: source-hash now matches b/deep/release.md\n');
    for (const f of ['a/release.fr.md', 'a/release.es.md', 'b/deep/release.fr.md', 'b/deep/release.ru.md']) expect(readFileSync(path.join(dir, f), 'utf8')).toMatch(/^source-hash: "v1:/m);
    for (const f of ['a/release.md', 'b/deep/release.md']) expect(readFileSync(path.join(dir, f), 'utf8')).toBe(ORIGINAL);
    const status = runCli(['translations', 'a', 'b', '--check'], { cwd: dir });
    expect(status.stdout).toMatch(/4 translations: 4 up to date/);
    expect(status.code).toBe(0);
  });
});

describe('pressready translations new', () => {
  const CEDAW = readFileSync(fixture('cedaw-trafficking', 'release.md'), 'utf8');
  const PLACEHOLDER = '[Insert translation]';
  const cedaw = () => {
    const t = tempDir({ 'release.md': CEDAW });
    cleanups.push(t.cleanup);
    return t.dir;
  };

  it('ar, zh and fr skeletons of the CEDAW release: they parse, lint reports every untranslated block at its line, and they are up to date', () => {
    const dir = cedaw();
    const r = runCli(['translations', 'new', 'release.md', '--lang', 'ar', '--lang', 'zh,fr'], { cwd: dir });
    expect(r.stderr).toContain('Write the translation in place of each [Insert translation]');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('release.ar.md\nrelease.zh.md\nrelease.fr.md\n');
    const blocks = CEDAW.slice(CEDAW.indexOf('\n---\n') + 5)
      .split(/\n\n+/)
      .filter((b) => b.trim());
    for (const lang of ['ar', 'zh', 'fr']) {
      const file = `release.${lang}.md`;
      const text = readFileSync(path.join(dir, file), 'utf8');
      expect(text).toMatch(new RegExp(`^---\ntranslation-of: release\\.md\nlang: ${lang}\n`));
      // the original's words, for the translator, in comments that no output shows
      expect(text).toContain('<!-- en: “Combatting trafficking also entails discouraging the demand,” Leinarte stressed. -->\n[Insert translation]\n');
      expect(text).toContain('# en: UN women’s rights committee calls for action on trafficking of women and girls in the digital age\nheadline: "[Insert translation]"\n');
      expect(text).toContain('dateline:\n  # en: Geneva\n  city: "[Insert translation]"\n');
      // the date is inherited from the original, not copied, so that a later change reaches the translation
      expect(text).not.toMatch(/^\s*date:/m);
      // the contact list is copied: names, phones and e-mails are not words to translate
      expect(text).toContain('- Vivian Kwok, +41 (0) 22 917 9362, vkwok@ohchr.org\n');
      // every line with a placeholder, outside the comments
      const lines = text.split('\n');
      let inComment = false;
      const expected: number[] = [];
      lines.forEach((line, k) => {
        if (line.startsWith('<!--')) inComment = !line.includes('-->');
        else if (inComment) inComment = !line.includes('-->');
        else if (line.includes(PLACEHOLDER)) expected.push(k + 1);
      });
      // the headline, subheadline, city, author, 4 keywords, and each block of the body but the contacts list and 3 section headings (one, "About …", keeps a placeholder)
      expect(expected.length).toBe(8 + blocks.length - 3);
      const lint = runCli(['lint', file, '--format', 'json'], { cwd: dir });
      expect(lint.code).toBe(1);
      const messages = JSON.parse(lint.stdout)[0].messages as { ruleId: string; line: number; column: number; message: string }[];
      const found = messages.filter((m) => m.ruleId === 'placeholder-text');
      expect(found.map((m) => m.line)).toEqual(expected);
      for (const m of found) {
        expect(m.message).toBe('Placeholder `[Insert translation]` left in the text');
        expect(lines[m.line - 1]!.slice(m.column - 1).startsWith(PLACEHOLDER)).toBe(true);
      }
      // no error but the placeholders and the lead still to write
      expect(messages.filter((m) => m.ruleId !== 'placeholder-text' && m.ruleId !== 'lead' && m.ruleId !== 'translation-structure')).toEqual([]);
    }
    // the sections under the names each locale knows
    expect(readFileSync(path.join(dir, 'release.fr.md'), 'utf8')).toMatch(
      /\n## Contacts\n[\s\S]*\n## Contexte\n[\s\S]*\n<!-- en: ## About the UN Human Rights Office -->\n## À propos \[Insert translation\]\n/,
    );
    expect(readFileSync(path.join(dir, 'release.zh.md'), 'utf8')).toContain('\n## 关于[Insert translation]\n');
    const status = runCli(['translations', 'release.md', '--check'], { cwd: dir });
    expect(status.stdout).toMatch(/ar\s+up to date\s+release\.ar\.md/);
    expect(status.stdout).toMatch(/fr\s+up to date\s+release\.fr\.md/);
    expect(status.stdout).toMatch(/zh\s+up to date\s+release\.zh\.md/);
    expect(status.code).toBe(0);
  });

  it('refuses to overwrite without --force, leaving the file as it was; --force writes a new skeleton', () => {
    const dir = cedaw();
    runCli(['translations', 'new', 'release.md', '--lang', 'ar'], { cwd: dir });
    const started = readFileSync(path.join(dir, 'release.ar.md'), 'utf8').replace(/\[Insert translation\]\n/, 'دعت لجنة الأمم المتحدة…\n');
    writeFileSync(path.join(dir, 'release.ar.md'), started);
    const again = runCli(['translations', 'new', 'release.md', '--lang', 'ar'], { cwd: dir });
    expect(again.code).toBe(1);
    expect(again.stderr).toBe(
      'release.ar.md: error: The file exists; `translations new` does not overwrite it [translations-new]\n  → Translate in that file, or add --force to replace it with a new skeleton.\n',
    );
    expect(readFileSync(path.join(dir, 'release.ar.md'), 'utf8')).toBe(started);
    expect(runCli(['translations', 'new', 'release.md', '--lang', 'ar', '--force'], { cwd: dir }).code).toBe(0);
    expect(readFileSync(path.join(dir, 'release.ar.md'), 'utf8')).not.toContain('دعت لجنة');
  });

  it('refuses a translation as the original, a language not among the six, and the original’s own language', () => {
    const dir = project();
    let r = runCli(['translations', 'new', 'release.fr.md', '--lang', 'es'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /^release\.fr\.md:2:17: error: This source is itself a translation; a new translation is made from the original \[translation-of\]\n {2}→ Name its original: pressready translations new release\.md --lang …\n$/,
    );
    r = runCli(['translations', 'new', 'release.md', '--lang', 'de'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('`de` is not one of the languages pressready translates into');
    expect(r.stderr).toContain('Use one of: ar, en, es, fr, ru, zh.');
    r = runCli(['translations', 'new', 'release.md', '--lang', 'en'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('The original is in `en` already');
    expect(runCli(['translations', 'new', 'release.md'], { cwd: dir }).code).toBe(2);
    expect(readFileSync(path.join(dir, 'release.fr.md'), 'utf8')).toBe(FR);
  });
});
