/**
 * Only web pages, e-mail addresses and phone numbers become live links, in every
 * format; every other scheme a stranger's click could run or open is printed as
 * its words, and lint says so.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { isLiveTarget, schemeOf } from '../src/model/links.js';
import { runCli, tempDirs } from './helpers.js';

const temp = tempDirs();

const HOSTILE = [
  'javascript:alert(1)',
  'JaVaScRiPt:alert(2)',
  'jav&#x09;ascript:alert(3)',
  'vbscript:msgbox(4)',
  'file:///etc/passwd',
  'data:text/html;base64,PHNjcmlwdD5hbGVydCg1KTwvc2NyaXB0Pg==',
  'ms-msdt:/id%20PCWDiagnostic',
  '\\\\\\\\host\\\\share',
  'report.pdf',
];

const source = (links: string[], extra = '') => `---
headline: Links of every kind in one release
dateline: {city: Geneva, date: 2026-01-05}
contacts: [{ name: Ana Ruiz, email: a.ruiz@example.org }]
${extra}---

The committee today published its findings on ${links.map((u, i) => `[word${i}](<${u}>)`).join(', ')} and the [web page](https://example.org/ok).
`;

/** Every link target in the DOCX, the PDF and the text. */
function targets(dir: string): { docx: string[]; pdf: string[]; txt: string } {
  const docx = unzipSync(readFileSync(path.join(dir, 'dist/r.docx')));
  const rels = strFromU8(docx['word/_rels/document.xml.rels']!);
  const qdf = path.join(dir, 'r.qdf');
  execFileSync('qpdf', ['--qdf', '--object-streams=disable', path.join(dir, 'dist/r.pdf'), qdf]);
  const pdf = readFileSync(qdf, 'latin1');
  return {
    docx: [...rels.matchAll(/Target="([^"]*)" TargetMode="External"/g)].map((m) => m[1]!),
    pdf: [...pdf.matchAll(/\/URI \(([^)]*)\)/g)].map((m) => m[1]!),
    txt: readFileSync(path.join(dir, 'dist/r.txt'), 'utf8'),
  };
}

describe('links a stranger can safely click', () => {
  it('javascript:, vbscript:, file:, data:, ms-msdt:, a UNC path, a relative address: words in every format, never links; lint errors', () => {
    const dir = temp({ 'r.md': source(HOSTILE) });
    const r = runCli(['generate', 'r.md', '-f', 'txt,docx,pdf'], { cwd: dir });
    expect(r.code).toBe(0);
    const t = targets(dir);
    expect(t.docx.filter((u) => !u.startsWith('mailto:'))).toEqual(['https://example.org/ok']);
    expect(t.pdf.filter((u) => !u.startsWith('mailto:'))).toEqual(['https://example.org/ok']);
    for (let i = 0; i < HOSTILE.length; i++) expect(t.txt).toContain(`word${i}`);
    expect(t.txt).not.toMatch(/javascript|vbscript|file:|data:|ms-msdt|share|report\.pdf/i);
    // generate tells the editor, as lint does (errors under --strict)
    expect(r.stderr.match(/\[link-scheme\]/g)).toHaveLength(HOSTILE.length);
    const lint = runCli(['lint', 'r.md'], { cwd: dir });
    expect(lint.code).toBe(1);
    expect(lint.stdout.match(/link-scheme/g)).toHaveLength(HOSTILE.length);
  });

  it('an autolink with a hostile scheme is no link either', () => {
    const dir = temp({ 'r.md': source([]).replace('and the', 'and <javascript:alert(1)> and the') });
    runCli(['generate', 'r.md', '-f', 'txt,docx,pdf'], { cwd: dir });
    const t = targets(dir);
    expect([...t.docx, ...t.pdf].some((u) => /javascript/i.test(u))).toBe(false);
  });

  it('a scheme the template adds stays a link; one that runs code cannot be added', () => {
    const dir = temp({
      'templates/house/template.yaml': 'name: house\nextends: default\nlinks:\n  schemes: [sms]\n',
      'r.md': source(['sms:+41229179362'], 'template: house\n'),
    });
    const r = runCli(['generate', 'r.md', '-f', 'txt,docx,pdf'], { cwd: dir });
    expect(r.stderr).toBe('');
    expect(targets(dir).docx).toContain('sms:+41229179362');
    const bad = temp({ 'templates/house/template.yaml': 'name: house\nextends: default\nlinks:\n  schemes: [javascript]\n', 'r.md': source([], 'template: house\n') });
    const refused = runCli(['generate', 'r.md', '-f', 'txt'], { cwd: bad });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('template.yaml:4:13: error: `links.schemes[0]` is `javascript`, a scheme that runs code or reads files on the reader');
  });

  it('reads a scheme as a browser does: tabs and line breaks inside and leading spaces do not hide it', () => {
    expect(schemeOf('jav\tascript:x')).toBe('javascript');
    expect(schemeOf('java\nscript:x')).toBe('javascript');
    expect(schemeOf(' \u0001JAVASCRIPT:x')).toBe('javascript');
    expect(schemeOf('www.example.org')).toBeUndefined();
    expect(isLiveTarget('HTTPS://example.org')).toBe(true);
    expect(isLiveTarget('mailto:a@b.org')).toBe(true);
    expect(isLiveTarget('#top')).toBe(false);
    expect(isLiveTarget('sms:+1', ['sms'])).toBe(true);
    expect(isLiveTarget('sms:+1')).toBe(false);
  });
});
