/**
 * What is not a release, or is beyond the bounds on what is read, gets one clear
 * positioned error — never a hang, a stack trace, U+FFFD in the headline or a raw
 * NUL in the text — and a list nested deeper than Word's nine levels still renders.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONTROL, decodeSource } from '../src/source/decode.js';
import { tooDeep } from '../src/source/depth.js';
import { runCli, tempDirs } from './helpers.js';

const temp = tempDirs();

const HEAD =
  '---\nheadline: Nesting and encoding checks for a release\ndateline:\n  city: Geneva\n  date: 2026-01-05\ncontacts:\n  - { name: Ana Ruiz, email: a.ruiz@example.org }\n---\n\nThe lead paragraph of this release says enough words to count as one.\n\n';
const nestedList = (n: number) => Array.from({ length: n }, (_, i) => `${'  '.repeat(i)}- level ${i + 1} item\n`).join('');

function generate(dir: string, file: string, ...args: string[]) {
  return runCli(['generate', file, '-o', 'out', ...args], { cwd: dir });
}

describe('nesting', () => {
  it('a list nested 11 deep (valid Markdown) renders in every format with every item', () => {
    const dir = temp({ 'r.md': HEAD + nestedList(11) });
    const r = generate(dir, 'r.md', '-f', 'txt,docx,pdf');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const txt = readFileSync(path.join(dir, 'out/r.txt'), 'utf8');
    const pdf = execFileSync('pdftotext', [path.join(dir, 'out/r.pdf'), '-'], { encoding: 'utf8' });
    const docx = execFileSync('unzip', ['-p', path.join(dir, 'out/r.docx'), 'word/document.xml'], { encoding: 'utf8' });
    for (let i = 1; i <= 11; i++) {
      expect(txt).toContain(`level ${i} item`);
      expect(pdf).toContain(`level ${i} item`);
      expect(docx).toContain(`level ${i} item`);
    }
    // Word's deepest level is the ninth (w:ilvl 8): the tenth and eleventh items are set there
    expect(docx.match(/<w:ilvl w:val="8"\/>/g)?.length).toBe(3);
  });

  it('a list nested 1,000 deep and a block quote nested 10,000 deep: a positioned error at once, in generate and lint', () => {
    const dir = temp({ 'list.md': HEAD + nestedList(1000), 'quote.md': `${HEAD + '>'.repeat(10_000)} deep\n` });
    const list = generate(dir, 'list.md', '-f', 'txt');
    expect(list.code).toBe(1);
    // the 33rd item (line 11 + 33) is the first beyond the limit of 32
    expect(list.stderr).toContain('list.md:44:1: error: Lists and block quotes nest more than 32 deep here [limit]');
    expect(list.stderr).toContain('--limit depth=64');
    expect(list.stderr).not.toMatch(/Internal|stack/i);
    const quote = runCli(['lint', 'quote.md'], { cwd: dir });
    expect(quote.code).toBe(1);
    expect(quote.stdout).toMatch(/12:1 +error +Lists and block quotes nest more than 32 deep here/);
  });

  it('--limit depth=N raises the bound', () => {
    const dir = temp({ 'r.md': HEAD + nestedList(40) });
    expect(generate(dir, 'r.md', '-f', 'txt').code).toBe(1);
    const r = generate(dir, 'r.md', '-f', 'txt', '--limit', 'depth=40');
    expect(r.code).toBe(0);
    expect(readFileSync(path.join(dir, 'out/r.txt'), 'utf8')).toContain('level 40 item');
    const bad = generate(dir, 'r.md', '-f', 'txt', '--limit', 'depth=lots');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--limit takes name=number, not `depth=lots`');
  });

  it('the bound counts markers and indentation, and leaves ordinary text alone', () => {
    expect(tooDeep('- a\n  - b\n    - c\n', 0, 3)).toBeUndefined();
    expect(tooDeep('- a\n  - b\n    - c\n', 0, 2)).toBe(10);
    expect(tooDeep('> > > deep\n', 0, 2)).toBe(0);
    expect(tooDeep('1. 2. 3. three on one line\n', 0, 2)).toBe(0);
    expect(tooDeep('Plain text - with * stars and 3. numbers\n', 0, 1)).toBeUndefined();
    // wide markers (`1.    `, `123456789.    `) count however long the line is
    expect(tooDeep(`x\n${'1.    '.repeat(5000)}x\n`, 0, 32)).toBe(2);
    expect(tooDeep(`${'123456789.    '.repeat(40)}x\n`, 0, 32)).toBe(0);
  });

  it('front matter nested 10,000 deep is a YAML error in words, at its place', () => {
    const dir = temp({ 'r.md': HEAD.replace('headline:', `keywords: ${'['.repeat(10_000)}${']'.repeat(10_000)}\nheadline:`) });
    const r = generate(dir, 'r.md', '-f', 'txt');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^r\.md:2:\d+: error: The YAML nests lists and mappings too deeply to be read \[yaml-syntax\]$/m);
    expect(r.stderr).not.toMatch(/call stack/i);
  });
});

describe('wide tables and large template files', () => {
  const table = (cols: number) => `|${Array.from({ length: cols }, (_, i) => ` c${i} `).join('|')}|\n|${'---|'.repeat(cols)}\n|${' v |'.repeat(cols)}\n`;
  it('a table of more than 20 columns, also inside a list, is refused at its place unless the limit is raised', () => {
    const dir = temp({ 'r.md': HEAD + table(25), 'l.md': `${HEAD}- item\n\n${table(21).replace(/^/gm, '  ')}` });
    const r = generate(dir, 'r.md', '-f', 'txt');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('r.md:12:1: error: This table has more than 20 columns [limit]');
    expect(r.stderr).toContain('--limit table-columns=25');
    expect(generate(dir, 'l.md', '-f', 'txt').stderr).toContain('l.md:14:3: error: This table has more than 20 columns [limit]');
    expect(generate(dir, 'r.md', '-f', 'txt', '--limit', 'table-columns=25').code).toBe(0);
    expect(generate(dir, 'r.md', '-f', 'txt', '--limit', 'table-columns=25').code).toBe(0);
    // 20 columns are fine
    expect(generate(temp({ 'ok.md': HEAD + table(20) }), 'ok.md', '-f', 'txt').code).toBe(0);
  });

  it('a template or locale YAML file over 256 KB is the template’s error', () => {
    const dir = temp({
      'templates/big/template.yaml': `name: big\nextends: default\ndescription: "${'x'.repeat(300 * 1024)}"\n`,
      'r.md': HEAD.replace('---\n\n', 'template: big\n---\n\n'),
    });
    const r = generate(dir, 'r.md', '-f', 'txt');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/templates\/big\/template\.yaml: error: The template is 301 KB, over the limit of 256 KB \[template\]/);
  });
});

describe('what is not a release', () => {
  it('invalid UTF-8 (Latin-1): the line and column of the first bad byte; nothing is written', () => {
    const dir = temp();
    writeFileSync(path.join(dir, 'r.md'), Buffer.concat([Buffer.from(HEAD.replace('Nesting', 'Caf')), Buffer.from([0xe9]), Buffer.from(' au lait.\n')]));
    const r = generate(dir, 'r.md', '-f', 'txt');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('r.md:12:1: error: The file is not valid UTF-8: byte 0xE9 cannot start or continue a character here [encoding]');
    expect(r.stderr).toContain('Latin-1 or Windows-1252');
    const lint = runCli(['lint', 'r.md', '--fix'], { cwd: dir });
    expect(lint.code).toBe(1);
    expect(lint.stdout).toMatch(/12:1 +error +The file is not valid UTF-8/);
  });

  it('a NUL or another control character: its place; a tab and CRLF are fine', () => {
    const dir = temp({ 'nul.md': HEAD.replace('Nesting and', 'Nesting\u0000 and'), 'esc.md': `${HEAD}Text with an escape \u001b[31m code.\n`, 'ok.md': `${HEAD}A\ttab.\n`.replace(/\n/g, '\r\n') });
    expect(generate(dir, 'nul.md', '-f', 'txt').stderr).toContain('nul.md:2:18: error: A control character (U+0000) is in the text [encoding]');
    expect(generate(dir, 'esc.md', '-f', 'txt').stderr).toContain('esc.md:12:21: error: A control character (U+001B) is in the text [encoding]');
    expect(generate(dir, 'ok.md', '-f', 'txt').code).toBe(0);
  });

  it('a control character written as a YAML escape (`\\0`, `\\a`) is refused at its place too; a character reference in the body is made U+FFFD by the parser', () => {
    const dir = temp({ 'y.md': HEAD.replace('headline: Nesting and encoding checks for a release', 'headline: "Nesting\\0 and a bell\\a"'), 'b.md': `${HEAD}A bell &#7; rings.\n` });
    const y = generate(dir, 'y.md', '-f', 'txt');
    expect(y.code).toBe(1);
    expect(y.stderr).toContain('y.md:2:11: error: A control character (U+0000) is written here as an escape [encoding]');
    expect(existsSync(path.join(dir, 'out'))).toBe(false);
    expect(generate(dir, 'b.md', '-f', 'txt').code).toBe(0);
    expect(readFileSync(path.join(dir, 'out/b.txt'), 'utf8')).not.toMatch(CONTROL);
  });

  it('UTF-16 and CR-only files are named for what they are', () => {
    const dir = temp();
    writeFileSync(path.join(dir, 'le.md'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(HEAD, 'utf16le')]));
    writeFileSync(path.join(dir, 'be.md'), Buffer.from(HEAD, 'utf16le').swap16());
    writeFileSync(path.join(dir, 'cr.md'), HEAD.replace(/\n/g, '\r'));
    expect(generate(dir, 'le.md', '-f', 'txt').stderr).toContain('le.md:1:1: error: The file is UTF-16 text, not UTF-8 [encoding]');
    expect(generate(dir, 'be.md', '-f', 'txt').stderr).toContain('be.md:1:1: error: The file is UTF-16 text, not UTF-8 [encoding]');
    expect(generate(dir, 'cr.md', '-f', 'txt').stderr).toContain('cr.md:1:1: error: The lines of this file end with CR alone (old Mac OS line endings) [encoding]');
  });

  it('standard input is checked like a file', () => {
    const r = runCli(['generate', '-', '-f', 'txt'], { input: HEAD.replace('Nesting', 'Nul\u0000') });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('<stdin>:2:14: error: A control character (U+0000) is in the text [encoding]');
    expect(r.stdout).toBe('');
  });

  it('a source over the size limit is refused before it is parsed, unless the limit is raised', () => {
    const body = 'A short paragraph of the release, one of many.\n\n'.repeat(25_000);
    const dir = temp({ 'big.md': HEAD + body });
    const r = generate(dir, 'big.md', '-f', 'txt');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^big\.md:1:1: error: The file is 1\d{3} KB, over the limit of 1024 KB for a source \[encoding\]$/m);
    expect(r.stderr).toMatch(/--limit source-kb=1\d{3}/);
    expect(generate(dir, 'big.md', '-f', 'txt', '--limit', 'source-kb=2048').code).toBe(0);
  });

  it('a U+FFFD written in the file is text, not an encoding error; the first bad byte after it is found', () => {
    const ok = decodeSource(Buffer.from('a\uFFFDb'), 'f.md');
    expect(ok).toEqual({ ok: true, text: 'a\uFFFDb' });
    const bad = decodeSource(Buffer.concat([Buffer.from('a\uFFFD\nb'), Buffer.from([0xc3, 0x28])]), 'f.md');
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.message.place?.start).toMatchObject({ line: 2, column: 2 });
  });
});
