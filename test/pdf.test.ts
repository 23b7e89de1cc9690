import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compose } from '../src/render/compose.js';
import { BULLETS } from '../src/render/lists.js';
import { FontSet } from '../src/render/pdf/fonts.js';
import { pdfRenderer } from '../src/render/pdf/index.js';
import { TextLayout } from '../src/render/pdf/layout/lines.js';
import { ALL_FIXTURES, expectedText, generateInTwoTimeZones, loadFixture, ROOT, runCli, tempDir, woff2, wordsAndMarks } from './helpers.js';

const require = createRequire(import.meta.url);

const FIXTURES = ALL_FIXTURES;

const out = tempDir();
afterAll(() => out.cleanup());
const files = new Map<string, string>();

async function render(fixture: string): Promise<string> {
  const l = await loadFixture(fixture);
  const bytes = (await pdfRenderer.render({ ...l, composed: compose(l), options: { env: {} }, warn: () => {} })) as Uint8Array;
  const file = path.join(out.dir, fixture.replace(/\//g, '__').replace(/\.md$/, '.pdf'));
  writeFileSync(file, bytes);
  return file;
}

const run = (cmd: string, args: string[]) => execFileSync(cmd, args, { encoding: 'utf8' });
const text = (file: string, page?: number) => run('pdftotext', ['-raw', '-enc', 'UTF-8', ...(page ? ['-f', String(page), '-l', String(page)] : []), file, '-']);
/** The PDF with its objects uncompressed, to read its catalog and metadata as text. */
const qdf = (file: string) => {
  const plain = `${file}.qdf`;
  execFileSync('qpdf', ['--qdf', '--object-streams=disable', file, plain]);
  return readFileSync(plain, 'latin1');
};

/** Of each right-to-left fixture: runs of digits and Latin that must come out whole and in their order. */
const LEFT_TO_RIGHT: Record<string, string[]> = {
  'water-report/release.ar.md': ['2026', '34', 'A/81/212', 'PR/26/014', '+1 212 555 0147', 'a.lindqvist@example.org'],
  'cedaw-trafficking/release.ar.md': ['2020', '189', '23', 'Vivian Kwok', '+41 (0) 22 917 9362', 'vkwok@ohchr.org', '+41 (0) 22 928 9855', 'media@ohchr.org', '@UNHumanRights', '#Standup4humanrights'],
};

/** Whether `sub` appears in `list` in order (other words may come between: page furniture). */
function inOrder(sub: string[], list: string[]): string[] {
  let i = 0;
  for (const w of list) {
    if (w === sub[i]) i++;
    // pdftotext joins a word broken after its hyphen at the end of a line (conflict-|affected → conflictaffected)
    else if (w === `${sub[i]}${sub[i + 1]}`) i += 2;
  }
  return sub.slice(i, i + 5);
}

beforeAll(async () => {
  for (const f of FIXTURES) files.set(f, await render(f));
}, 120_000);

describe('PDF: read as its readers read it', () => {
  it.each(FIXTURES)('%s: every word of the source (Arabic with its vowel signs) and every quotation mark and bracket is in the text, in order', async (f) => {
    const l = await loadFixture(f);
    const expected = wordsAndMarks(expectedText(l));
    expect(expected.length).toBeGreaterThan(100);
    for (const mode of [[], ['-layout']]) {
      const got = run('pdftotext', [...mode, '-enc', 'UTF-8', files.get(f)!, '-']);
      // in order: the words as they come, page furniture and list numbers in between
      expect(inOrder(expected, wordsAndMarks(got)), `pdftotext ${mode.join(' ')}`).toEqual([]);
      if (l.release.dir === 'rtl') {
        // digits and Latin inside right-to-left text come out whole, in their own order
        expect(LEFT_TO_RIGHT[f], `no digits and Latin listed for ${f}`).toBeDefined();
        for (const s of LEFT_TO_RIGHT[f]!) expect(got).toContain(s);
      }
    }
  });

  it('Arabic and Chinese are never slanted (a style’s italics apply where the script is set in italics); French keeps its italic subheadline', () => {
    const fonts = (f: string) => run('pdffonts', [files.get(f)!]);
    for (const f of ['cedaw-trafficking/release.ar.md', 'cedaw-trafficking/release.zh.md', 'water-report/release.ar.md', 'water-report/release.zh.md']) expect(fonts(f), f).not.toMatch(/Italic/);
    expect(fonts('cedaw-trafficking/release.fr.md')).toMatch(/NotoSans-Italic/);
  });

  it('generated with every format by two workers, one source after another, each PDF still reads as its page (no glyph of one release or format left mapped wrong in the next: the property suite found `UNICEF` read as `UN CEF`)', async () => {
    const dir = path.join(out.dir, 'all-formats');
    const r = runCli(['generate', ...FIXTURES.map((f) => path.join(ROOT, 'fixtures', f)), '-f', 'all', '--jobs', '2', '-o', dir]);
    expect(r.code).toBe(0);
    for (const f of FIXTURES) {
      const l = await loadFixture(f);
      const pdf = path.join(dir, f.replace(/\.md$/, '.pdf'));
      expect(inOrder(wordsAndMarks(expectedText(l)), wordsAndMarks(run('pdftotext', ['-enc', 'UTF-8', pdf, '-']))), f).toEqual([]);
    }
  }, 120_000);

  it.each(FIXTURES)('%s: every font is embedded and subset; qpdf finds no error', (f) => {
    const fonts = run('pdffonts', [files.get(f)!])
      .split('\n')
      .slice(2)
      .filter(Boolean);
    expect(fonts.length).toBeGreaterThan(0);
    for (const row of fonts) expect(row).toMatch(/\+\S+\s+(CID TrueType|CID Type 0C|Type 1C)\s+Identity-H\s+yes yes yes/);
    expect(run('qpdf', ['--check', files.get(f)!])).toMatch(/No syntax or stream encoding errors found/);
  });

  it('is tagged, has its language, shows its title, and carries the metadata', () => {
    const file = files.get('cedaw-trafficking/release.md')!;
    const info = run('pdfinfo', [file]);
    expect(info).toMatch(/^Tagged:\s+yes$/m);
    expect(info).toMatch(/^Title:\s+UN women’s rights committee calls for action/m);
    expect(info).toMatch(/^Author:\s+UN Human Rights Office$/m);
    expect(info).toMatch(/^Subject:\s+New general recommendation/m);
    expect(info).toMatch(/^Keywords:\s+CEDAW, trafficking/m);
    expect(info).toMatch(/^CreationDate:.*2020/m);
    const plain = qdf(file);
    expect(plain).toMatch(/\/Lang \(en\)/);
    expect(plain).toMatch(/\/DisplayDocTitle true/);
    expect(plain).toMatch(/\/StructTreeRoot \d+ 0 R/);
    for (const tag of ['H1', 'P', 'H2']) expect(plain).toContain(`/S /${tag}\n`);
    expect(plain).toMatch(/\/Artifact/);
    const water = qdf(files.get('water-report/release.md')!);
    for (const tag of ['L', 'LI', 'Lbl', 'LBody', 'BlockQuote', 'H3']) expect(water).toContain(`/S /${tag}\n`);
    const vaccine = qdf(files.get('vaccine-report/release.md')!);
    for (const tag of ['Table', 'TR', 'TH', 'TD']) expect(vaccine).toContain(`/S /${tag}\n`);
    expect(qdf(files.get('water-report/release.ar.md')!)).toMatch(/\/Lang \(ar\)/);
  });

  it('the CEDAW example fits on two pages and in 60 KB', () => {
    const file = files.get('cedaw-trafficking/release.md')!;
    expect(Number(/^Pages:\s+(\d+)/m.exec(run('pdfinfo', [file]))![1])).toBeLessThanOrEqual(2);
    expect(readFileSync(file).length).toBeLessThanOrEqual(60 * 1024);
  });

  it('links are clickable', () => {
    const plain = qdf(files.get('cedaw-trafficking/release.md')!);
    expect(plain).toMatch(/\/URI \(https:\/\/www\.ohchr\.org\/en\/treaty-bodies\/cedaw\)/);
    expect(plain).toMatch(/\/URI \(mailto:vkwok@ohchr\.org\)/);
  });

  it('Chinese: no line starts with closing punctuation', () => {
    const lines = text(files.get('water-report/release.zh.md')!).split('\n');
    expect(lines.filter((l) => /\p{Script=Han}/u.test(l)).length).toBeGreaterThan(10);
    expect(lines.filter((l) => /^[，。、；：！？）」』”]/.test(l))).toEqual([]);
  });

  it('Arabic: digits and Latin keep their order inside right-to-left text', () => {
    const t = text(files.get('water-report/release.ar.md')!);
    expect(t).toContain('UTC-04:00 (14:00 GMT)');
    expect(t).toContain('+1 212 555 0147');
    expect(t).toContain('1.1');
  });
});

describe('PDF: pages', () => {
  const long = tempDir({
    'long.md': [
      '---',
      'headline: A long release that runs over several pages & tests <pagination> of a press office’s work',
      'reference: TEST/1',
      'dateline: {city: Geneva, date: 2026-05-04}',
      'keywords: [test]',
      '---',
      '',
      ...Array.from(
        { length: 14 },
        (_, i) =>
          `Paragraph ${i + 1} of the body says something a press office would say, at some length, so that the text fills the page and runs over to the next one; it goes on for a while before it ends.\n`,
      ),
      '### Figures by country',
      '',
      '| Country | Cases | Deaths |',
      '| --- | ---: | ---: |',
      ...Array.from({ length: 40 }, (_, i) => `| Country ${i + 1} | ${1000 + i} | ${i} |`),
      '',
      'The last paragraph.',
      '',
    ].join('\n'),
  });
  afterAll(() => long.cleanup());
  let pdf = '';
  beforeAll(() => {
    const r = runCli(['generate', 'long.md', '-f', 'pdf', '--pdf-standard', 'pdfa-2b'], { cwd: long.dir });
    expect(r.code).toBe(0);
    pdf = path.join(long.dir, 'dist', 'long.pdf');
  });

  it('numbers every page, prints - more - on all but the last, and a running header from page 2', () => {
    const pages = Number(/^Pages:\s+(\d+)/m.exec(run('pdfinfo', [pdf]))![1]);
    expect(pages).toBeGreaterThanOrEqual(3);
    for (let p = 1; p <= pages; p++) {
      const t = text(pdf, p);
      expect(t).toContain(`Page ${p} of ${pages}`);
      expect(t.includes('- more -')).toBe(p < pages);
      // the running header is the headline's short form (it ends in …): not on the first page
      expect(t.includes('A long release that runs over several pages & tests <pagination> of a…')).toBe(p > 1);
    }
  });

  it('leaves no heading alone at the foot of a page', () => {
    const pages = Number(/^Pages:\s+(\d+)/m.exec(run('pdfinfo', [pdf]))![1]);
    for (let p = 1; p <= pages; p++) {
      const lines = text(pdf, p)
        .split('\n')
        .filter((l) => l.trim() && !/^(- more -|Page \d+ of \d+|A long release)/.test(l));
      expect(lines.at(-1)).not.toBe('Figures by country');
    }
    const withHeading = Array.from({ length: pages }, (_, i) => text(pdf, i + 1)).find((t) => t.includes('Figures by country'))!;
    expect(withHeading).toMatch(/Figures by country\nCountry Cases Deaths\nCountry 1 1000 0/);
  });

  it('repeats the table header row on each page the table runs onto', () => {
    const pages = Number(/^Pages:\s+(\d+)/m.exec(run('pdfinfo', [pdf]))![1]);
    const withRows = Array.from({ length: pages }, (_, i) => text(pdf, i + 1)).filter((t) => /Country \d+/.test(t));
    expect(withRows.length).toBeGreaterThanOrEqual(2);
    for (const t of withRows) expect(t).toMatch(/Country Cases Deaths/);
  });

  it('PDF/A-2b: the XMP is well-formed with & and < in the title, and names the standard', () => {
    const plain = qdf(pdf);
    const xmp = /<x:xmpmeta[\s\S]*?<\/x:xmpmeta>/.exec(plain)![0];
    expect(xmp).toContain('A long release that runs over several pages &amp; tests &lt;pagination&gt; of');
    expect(xmp).not.toMatch(/&(?!amp;|lt;|gt;|quot;|apos;|#)/);
    expect(xmp).toMatch(/<pdfaid:part>2<\/pdfaid:part>/);
    expect(xmp).toMatch(/<pdfaid:conformance>B<\/pdfaid:conformance>/);
    expect(run('pdfinfo', [pdf])).toMatch(/^Title:\s+A long release that runs over several pages & tests <pagination> of a press office’s work$/m);
  });
});

describe('PDF: the same bytes for the same input', () => {
  it('across processes and time zones', () => {
    const [a, b] = generateInTwoTimeZones('water-report/release.ar.md', 'pdf');
    expect(a.length).toBeGreaterThan(10_000);
    expect(a.equals(b)).toBe(true);
  });
});

describe('PDF: a character no font has', () => {
  it('is a warning naming it and its place; under --strict an error, and nothing is written', () => {
    const t = tempDir({
      'r.md': '---\nheadline: H\ndateline: {city: Addis Ababa, date: 2026-01-01}\ncontacts: [{name: A B, email: a@example.org}]\n---\n\nThe word ሰላም means peace in Amharic, said the press office.\n',
    });
    try {
      const r = runCli(['generate', 'r.md', '-f', 'pdf'], { cwd: t.dir });
      expect(r.code).toBe(0);
      expect(r.stderr).toMatch(/r\.md:7:10: warning: No font has the character U\+1230 “ሰ”/);
      const strict = runCli(['generate', 'r.md', '-f', 'pdf', '--strict', '-o', 'strict'], { cwd: t.dir });
      expect(strict.code).toBe(1);
      expect(strict.stderr).toMatch(/r\.md:7:10: error: No font has the character U\+1230/);
      expect(() => readFileSync(path.join(t.dir, 'strict', 'r.pdf'))).toThrow();
    } finally {
      t.cleanup();
    }
  });
});

describe('PDF: a template of a press office’s own', () => {
  it('draws its logo (with alt text) and its own font files', () => {
    const fontsDir = path.dirname(path.dirname(require.resolve('@embedpdf/fonts-latin')));
    const t = tempDir({
      'templates/house/template.yaml': 'name: house\nextends: default\nletterhead:\n  organization: Acme Relief\n  logo: logo.png\nfonts:\n  sans: { regular: house.ttf }\n',
      'r.md':
        '---\nheadline: Acme opens a field office\ntemplate: house\ndateline: {city: Geneva, date: 2026-02-02}\ncontacts: [{name: A B, email: a@example.org}]\n---\n\nAcme Relief opened a field office today, the organization said.\n',
    });
    try {
      writeFileSync(path.join(t.dir, 'templates', 'house', 'logo.png'), readFileSync(path.join(ROOT, 'test', 'assets', 'logo.png')));
      // a face of the press office's own: here Noto Sans Light, which the built-in templates never use
      writeFileSync(path.join(t.dir, 'templates', 'house', 'house.ttf'), readFileSync(path.join(fontsDir, 'fonts', 'NotoSans-Light.ttf')));
      const r = runCli(['generate', 'r.md', '-f', 'pdf'], { cwd: t.dir });
      expect(r.stderr).toBe('');
      const pdf = path.join(t.dir, 'dist', 'r.pdf');
      expect(
        run('pdfimages', ['-list', pdf])
          .split('\n')
          .filter((l) => /^\s+1\s/.test(l)),
      ).toHaveLength(1);
      expect(run('pdffonts', [pdf])).toMatch(/\+NotoSans-Light\s/);
      expect(qdf(pdf)).toMatch(/\/S \/Figure[\s\S]{0,200}\/Alt \(Acme Relief\)|\/Alt \(Acme Relief\)[\s\S]{0,200}\/S \/Figure/);
      expect(text(pdf)).toContain('Acme Relief opened a field office today');
    } finally {
      t.cleanup();
    }
  });
});

describe('PDF: a WOFF2 font file of the template’s own', () => {
  it('is read (its Brotli decoded by Node’s zlib, scripts/bundle.mjs) and embedded', () => {
    const fontsDir = path.dirname(path.dirname(require.resolve('@embedpdf/fonts-latin')));
    const t = tempDir({
      'templates/house/template.yaml': 'name: house\nextends: default\nfonts:\n  sans: { regular: house.woff2 }\n',
      'r.md':
        '---\nheadline: Acme opens a field office\ntemplate: house\ndateline: {city: Geneva, date: 2026-02-02}\ncontacts: [{name: A B, email: a@example.org}]\n---\n\nAcme Relief opened a field office today, the organization said.\n',
    });
    try {
      writeFileSync(path.join(t.dir, 'templates', 'house', 'house.woff2'), woff2(readFileSync(path.join(fontsDir, 'fonts', 'NotoSans-Light.ttf'))));
      const r = runCli(['generate', 'r.md', '-f', 'pdf'], { cwd: t.dir });
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      const pdf = path.join(t.dir, 'dist', 'r.pdf');
      expect(run('pdffonts', [pdf])).toMatch(/\+NotoSans-Light\s/);
      expect(text(pdf)).toContain('Acme Relief opened a field office today');
    } finally {
      t.cleanup();
    }
  });
});

describe('PDF: labels in each language', () => {
  it.each([
    ['water-report/release.fr.md', ['COMMUNIQUÉ', '###', 'Contact presse', 'Page 1 sur']],
    ['water-report/release.es.md', ['COMUNICADO', 'Contacto de prensa', 'Página 1 de']],
    ['water-report/release.ru.md', ['НОВОСТИ', 'Контакт для СМИ', 'Страница 1 из']],
    ['water-report/release.zh.md', ['新闻发布', '媒体联系人', '第1页']],
    ['water-report/release.ar.md', ['إخباري', 'جهة', '###']],
  ])('%s', (f, labels) => {
    const t = text(files.get(f)!);
    for (const l of labels) expect(t).toContain(l);
  });
});

describe('PDF: Chinese text', () => {
  it('takes the quotation marks, middle dot and dashes of Chinese text from the Chinese face, those of Latin text from the Latin face', async () => {
    const l = await loadFixture('water-report/release.zh.md');
    const layout = new TextLayout(new FontSet(l.template), () => {});
    const span = { bold: false, italic: false, color: '#000000', size: 10.5, underline: false };
    const faceOf = (text: string, ch: string) => layout.lines([{ ...span, text }], 'sans', 1000, 'ltr', 1.3)[0]!.runs.find((r) => r.text.includes(ch))!.face.file;
    for (const ch of ['“', '”', '‘', '’', '·', '—', '…']) {
      expect(faceOf(`各国政府${ch}已经知道`, ch), ch).toMatch(/Hans/);
      expect(faceOf(`The report${ch} says so`, ch), ch).not.toMatch(/Hans/);
    }
    // full width: “ in Chinese text as wide as an ideograph; in Latin text narrow
    const width = (t: string, ch: string) => {
      const r = layout.lines([{ ...span, text: t }], 'sans', 1000, 'ltr', 1.3)[0]!.runs.find((x) => x.text.includes(ch))!;
      return layout.measure(r.face, 10, ch);
    };
    expect(width('各国“政府', '“')).toBeGreaterThan(0.8 * width('各国“政府', '国'));
    expect(width('The “report', '“')).toBeLessThan(0.5 * width('各国“政府', '国'));
  });

  it('justifies body paragraphs: every line but the last ends at the right margin', () => {
    const xml = run('pdftotext', ['-bbox-layout', '-f', '1', '-l', '1', files.get('water-report/release.zh.md')!, '-']);
    const blocks = [...xml.matchAll(/<block [^>]*>([\s\S]*?)<\/block>/g)].map((b) =>
      [...b[1]!.matchAll(/<line xMin="[\d.]+" yMin="[\d.]+" xMax="([\d.]+)"[^>]*>([\s\S]*?)<\/line>/g)].map((m) => ({
        xMax: Number(m[1]),
        text: [...m[2]!.matchAll(/>([^<]+)<\/word>/g)].map((w) => w[1]).join(''),
      })),
    );
    // the lead (纽约…) and the paragraph after it: two lines each, Chinese
    const paras = blocks.filter((lines) => lines.length >= 2 && lines.every((x) => /\p{Script=Han}/u.test(x.text)) && /^(纽约|这位专家)/.test(lines[0]!.text));
    expect(paras.length).toBe(2);
    const margin = Math.max(...paras.flatMap((p) => p.map((x) => x.xMax)));
    // the measure's right edge on an A4 page
    expect(margin).toBeGreaterThan(500);
    expect(margin).toBeLessThan(595.28);
    for (const p of paras) {
      for (const line of p.slice(0, -1)) expect(line.xMax).toBeGreaterThan(margin - 1);
      expect(p.at(-1)!.xMax).toBeLessThan(margin - 20);
    }
  });
});

describe('PDF: lists and the release’s end', () => {
  it('marks nested bullet lists level by level with the DOCX’s glyphs', () => {
    const t = text(files.get('vaccine-report/release.md')!);
    const marks = t.match(/[•◦▪]/gu) ?? [];
    expect(marks).toEqual([BULLETS[0], BULLETS[0], BULLETS[0], BULLETS[1], BULLETS[1]]);
    expect(BULLETS[1]).not.toBe(BULLETS[0]);
  });

  const source = (template: string) =>
    [
      '---',
      'headline: A release whose notes run onto a page of their own',
      `template: ${template}`,
      'dateline: {city: Geneva, date: 2026-05-04}',
      'contacts: [{name: A B, email: a@example.org}]',
      '---',
      '',
      ...Array.from(
        { length: 24 },
        (_, i) =>
          `Paragraph ${i + 1} of the body says something a press office would say, at some length, so that the text fills the page and runs over to the next one; it goes on for a while before it ends.\n`,
      ),
      '## Notes to editors',
      '',
      ...Array.from(
        { length: 30 },
        (_, i) => `Note ${i + 1} tells editors something they may need, at some length, so that the notes after the end marker fill a page of their own and run onto one more.\n`,
      ),
    ].join('\n');

  it.each([
    ['default', 'END'],
    ['wire', '###'],
  ])('%s template: - more - on every page before the one with the end marker (%s), on none from it on', (template, marker) => {
    const t = tempDir({ 'r.md': source(template) });
    try {
      const r = runCli(['generate', 'r.md', '-f', 'pdf'], { cwd: t.dir });
      expect(r.code).toBe(0);
      const pdf = path.join(t.dir, 'dist', 'r.pdf');
      const pages = Number(/^Pages:\s+(\d+)/m.exec(run('pdfinfo', [pdf]))![1]);
      const texts = Array.from({ length: pages }, (_, i) => text(pdf, i + 1));
      const end = texts.findIndex((p) => p.split('\n').some((line) => line.trim() === marker)) + 1;
      expect(end).toBeGreaterThan(1);
      expect(pages).toBeGreaterThan(end);
      texts.forEach((p, i) => expect(p.includes('- more -'), `page ${i + 1}`).toBe(i + 1 < end));
    } finally {
      t.cleanup();
    }
  });
});
