/**
 * A user's file that pressready rewrites (`lint --fix`, `translations --mark-current`)
 * keeps its mode, owner and symbolic link, and an edit saved meanwhile is never lost.
 */
import { chmodSync, lstatSync, mkdirSync, readdirSync, readFileSync, readlinkSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { rewriteFile } from '../src/io/write.js';
import { UserError } from '../src/messages.js';
import { fixture, runCli, tempDirs } from './helpers.js';

const temp = tempDirs();

// one fixable problem: straight quotes where the locale wants curly ones
const FIXABLE = readFileSync(fixture('cedaw-trafficking/release.md'), 'utf8').replace(
  '“Combatting trafficking also entails discouraging the demand,”',
  '"Combatting trafficking also entails discouraging the demand,"',
);

describe('lint --fix and translations --mark-current rewrite a user’s file in place', () => {
  it('keep a 0600 file at 0600 (and 0640 at 0640)', () => {
    for (const mode of [0o600, 0o640]) {
      const dir = temp({ 'release.md': FIXABLE });
      const file = path.join(dir, 'release.md');
      chmodSync(file, mode);
      const r = runCli(['lint', 'release.md', '--fix'], { cwd: dir });
      expect(r.stderr).toMatch(/fixed 1 problem/);
      expect(readFileSync(file, 'utf8')).toContain('“Combatting trafficking also entails discouraging the demand,”');
      expect(statSync(file).mode & 0o777).toBe(mode);
    }
  });

  it('fix a symlinked source through its link: the link stays a link, the file it names is fixed', () => {
    const dir = temp({ 'real/release.md': FIXABLE });
    mkdirSync(path.join(dir, 'news'));
    symlinkSync('../real/release.md', path.join(dir, 'news', 'release.md'));
    chmodSync(path.join(dir, 'real/release.md'), 0o600);
    const r = runCli(['lint', 'news/release.md', '--fix'], { cwd: dir });
    expect(r.stderr).toMatch(/fixed 1 problem/);
    expect(lstatSync(path.join(dir, 'news', 'release.md')).isSymbolicLink()).toBe(true);
    expect(readlinkSync(path.join(dir, 'news', 'release.md'))).toBe('../real/release.md');
    expect(readFileSync(path.join(dir, 'real/release.md'), 'utf8')).toContain('“Combatting trafficking also entails');
    expect(statSync(path.join(dir, 'real/release.md')).mode & 0o777).toBe(0o600);
    // no temporary file left in either folder
    expect(readdirSync(path.join(dir, 'real'))).toEqual(['release.md']);
    expect(readdirSync(path.join(dir, 'news'))).toEqual(['release.md']);
  });

  it('--mark-current keeps the translation’s mode, its link and its byte-order mark', () => {
    const original = readFileSync(fixture('water-report/release.md'), 'utf8');
    const fr = `\uFEFF${readFileSync(fixture('water-report/release.fr.md'), 'utf8').replace(/^source-hash: .*\n/m, '')}`;
    const dir = temp({ 'release.md': original, 'src/release.fr.md': fr });
    symlinkSync('src/release.fr.md', path.join(dir, 'release.fr.md'));
    chmodSync(path.join(dir, 'src/release.fr.md'), 0o600);
    const r = runCli(['translations', '--mark-current', 'release.fr.md'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(lstatSync(path.join(dir, 'release.fr.md')).isSymbolicLink()).toBe(true);
    const marked = readFileSync(path.join(dir, 'src/release.fr.md'), 'utf8');
    expect(marked.startsWith('\uFEFF---\n')).toBe(true);
    expect(marked).toMatch(/^source-hash: "v1:/m);
    expect(statSync(path.join(dir, 'src/release.fr.md')).mode & 0o777).toBe(0o600);
  });

  it('an edit saved while pressready worked is kept: nothing is written, the user is told', async () => {
    const dir = temp({ 'release.md': 'as read\n' });
    const file = path.join(dir, 'release.md');
    // the editor saved a new line after pressready read the file
    writeFileSync(file, 'as read\na line the editor appended\n');
    const err = await rewriteFile(file, 'as read\n', 'fixed\n', 'release.md').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UserError);
    expect((err as UserError).messages[0]).toMatchObject({ file: 'release.md', ruleId: 'changed', severity: 'error' });
    expect((err as UserError).messages[0]!.hint).toMatch(/run the command again/);
    expect(readFileSync(file, 'utf8')).toBe('as read\na line the editor appended\n');
    expect(readdirSync(dir)).toEqual(['release.md']);
    // and when nothing changed, the new text is written
    await rewriteFile(file, 'as read\na line the editor appended\n', 'fixed\n');
    expect(readFileSync(file, 'utf8')).toBe('fixed\n');
  });
});
