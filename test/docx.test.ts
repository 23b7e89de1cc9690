import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compose } from '../src/render/compose.js';
import { docxRenderer } from '../src/render/docx/index.js';
import { ALL_FIXTURES, decodeXml, expectedWords, generateInTwoTimeZones, loadFixture, missingLetters, missingWords, ROOT, runCli, tempDir } from './helpers.js';

const FIXTURES = ALL_FIXTURES;

async function render(fixture: string): Promise<Uint8Array> {
  const l = await loadFixture(fixture);
  return (await docxRenderer.render({ ...l, composed: compose(l), options: { env: {} }, warn: () => {} })) as Uint8Array;
}

interface Docx {
  files: Record<string, string>;
  /** paragraphs of document.xml: style id and text */
  paragraphs: { style: string; text: string; xml: string }[];
}

function open(bytes: Uint8Array): Docx {
  const files = Object.fromEntries(
    Object.entries(unzipSync(bytes))
      .filter(([n]) => /\.(xml|rels)$/.test(n))
      .map(([n, b]) => [n, strFromU8(b)]),
  );
  const doc = files['word/document.xml']!;
  const paragraphs = [...doc.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map(([xml]) => ({
    xml,
    style: /<w:pStyle w:val="([^"]+)"/.exec(xml)?.[1] ?? 'Normal',
    text: decodeXml([...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('')),
  }));
  return { files, paragraphs };
}

describe('DOCX: what Word reads', () => {
  it.each(FIXTURES)('%s: every word of the source is in document.xml', async (f) => {
    const l = await loadFixture(f);
    const d = open(await render(f));
    expect(missingWords(expectedWords(l), d.paragraphs.map((p) => p.text).join('\n'))).toEqual([]);
    // and of the contacts, as the template phrases them
    // (the media section in the release's words, which the furniture test checks: here its number)
    for (const c of l.release.contacts) expect(d.paragraphs.some((p) => p.style === 'Contacts' && p.text.includes(c.desk ? c.phones[0]! : c.name))).toBe(true);
  });

  it('uses named styles: Title, Subtitle, Dateline, Quote, lists with real numbering, a real table', async () => {
    const cedaw = open(await render('cedaw-trafficking/release.md'));
    expect(cedaw.paragraphs.find((p) => p.style === 'Title')?.text).toBe('UN women’s rights committee calls for action on trafficking of women and girls in the digital age');
    expect(cedaw.paragraphs.find((p) => p.style === 'Subtitle')?.text).toMatch(/^New general recommendation/);
    expect(cedaw.paragraphs.find((p) => p.style === 'Dateline')?.text).toMatch(/^GENEVA \(11 November 2020\) — The UN women’s rights/);
    expect(cedaw.paragraphs.find((p) => p.style === 'EndMarker')?.text).toBe('END');
    expect(cedaw.paragraphs.filter((p) => p.style === 'Background')).toHaveLength(2);
    expect(cedaw.paragraphs.filter((p) => p.style === 'Boilerplate')).toHaveLength(2);
    expect(cedaw.paragraphs.find((p) => p.style === 'Contacts')?.text).toBe(
      'For media inquiries, please contact Vivian Kwok at +41 (0) 22 917 9362 / vkwok@ohchr.org or the UN Human Rights Office Media Section at +41 (0) 22 928 9855 / media@ohchr.org',
    );
    const styles = cedaw.files['word/styles.xml']!;
    for (const id of ['Title', 'Subtitle', 'Heading2', 'Quote', 'ListBullet', 'ListNumber', 'Dateline', 'EndMarker', 'Contacts', 'Background', 'Boilerplate', 'ReleaseTable']) {
      expect(styles).toContain(`w:styleId="${id}"`);
    }
    expect(styles).toMatch(/<w:style w:type="table" w:styleId="ReleaseTable">/);

    const water = open(await render('water-report/release.md'));
    expect(water.paragraphs.filter((p) => p.style === 'Quote').map((p) => p.text)).toEqual([expect.stringMatching(/^Access to water cannot depend/)]);
    expect(water.paragraphs.find((p) => p.style === 'QuoteAttribution')?.text).toBe('— Ines Carvalho-Mendes, UN Independent Expert on water in informal settlements');
    const numbered = water.paragraphs.filter((p) => p.style === 'ListNumber');
    expect(numbered).toHaveLength(3);
    for (const p of numbered) expect(p.xml).toMatch(/<w:numPr><w:ilvl w:val="0"\/><w:numId w:val="\d+"\/><\/w:numPr>/);
    expect(water.files['word/numbering.xml']).toMatch(/<w:numFmt w:val="decimal"\/>/);
    expect(water.paragraphs.find((p) => p.style === 'Heading3')?.text).toBe('Financing');

    const vaccine = open(await render('vaccine-report/release.md'));
    const doc = vaccine.files['word/document.xml']!;
    expect(doc).toMatch(/<w:tbl>[\s\S]*<w:tblStyle w:val="ReleaseTable"\/>/);
    expect(doc.match(/<w:tr>/g)).toHaveLength(7);
    expect(doc).toMatch(/<w:tblHeader\/>/);
    const bullets = vaccine.paragraphs.filter((p) => p.style === 'ListBullet');
    expect(bullets.map((b) => /<w:ilvl w:val="(\d)"/.exec(b.xml)?.[1])).toEqual(['0', '0', '0', '1', '1']);
    expect(vaccine.paragraphs.some((p) => /<w:b\/>/.test(p.xml) && p.text.includes('zero-dose'))).toBe(true);
    expect(vaccine.paragraphs.some((p) => /<w:i\/>/.test(p.xml) && p.text.includes('solar-powered'))).toBe(true);
  });

  it('links are hyperlinks to their targets', async () => {
    const d = open(await render('cedaw-trafficking/release.md'));
    const rels = d.files['word/_rels/document.xml.rels']!;
    const links = [...d.files['word/document.xml']!.matchAll(/<w:hyperlink [^>]*r:id="([^"]+)"[^>]*>([\s\S]*?)<\/w:hyperlink>/g)].map(([, id, xml]) => ({
      target: new RegExp(`Id="${id}"[^>]*Target="([^"]+)"`).exec(rels)?.[1],
      text: decodeXml([...xml!.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('')),
    }));
    expect(links).toContainEqual({ target: 'https://www.ohchr.org/en/treaty-bodies/cedaw', text: 'Committee on the Elimination of Discrimination against Women (CEDAW)' });
    expect(links).toContainEqual({ target: 'mailto:vkwok@ohchr.org', text: 'vkwok@ohchr.org' });
    // 6 in the body and background, the address in the boilerplate, 2 e-mail addresses
    expect(links.length).toBe(9);
  });

  it('sets the language, the header from page 2, Page X of Y, and the core properties', async () => {
    const d = open(await render('cedaw-trafficking/release.md'));
    expect(d.files['word/styles.xml']).toMatch(/<w:docDefaults><w:rPrDefault><w:rPr>(?:(?!<\/w:rPr>).)*<w:lang w:val="en-GB"\/>/);
    expect(d.files['word/document.xml']).toMatch(/<w:titlePg\/>/);
    const footer = Object.entries(d.files).find(([n, x]) => n.startsWith('word/footer') && x.includes('PAGE'))![1];
    expect(footer).toMatch(/Page <\/w:t>[\s\S]*PAGE[\s\S]*> of <\/w:t>[\s\S]*NUMPAGES/);
    const headers = Object.entries(d.files)
      .filter(([n]) => n.startsWith('word/header'))
      .map(([, x]) => x);
    expect(headers.some((h) => h.includes('UN women’s rights committee calls for action on trafficking of women…'))).toBe(true);
    const core = d.files['docProps/core.xml']!;
    expect(core).toContain('<dc:title>UN women’s rights committee calls for action on trafficking of women and girls in the digital age</dc:title>');
    expect(core).toContain('<dc:subject>New general recommendation warns');
    expect(core).toContain('<dc:creator>UN Human Rights Office</dc:creator>');
    expect(core).toContain('<cp:keywords>CEDAW, trafficking, women&apos;s rights, general recommendation</cp:keywords>');
    expect(core).toMatch(/<dcterms:created[^>]*>2020-11-11T00:00:00Z<\/dcterms:created>/);
  });

  it('Arabic is right to left; Chinese has its East Asian language', async () => {
    const ar = open(await render('water-report/release.ar.md'));
    // Latin text in an Arabic or Chinese release is English (else LibreOffice breaks it between any two letters)
    expect(ar.files['word/styles.xml']).toMatch(/<w:lang w:val="en-GB" w:bidi="ar"\/>/);
    const body = ar.paragraphs.filter((p) => p.text.trim());
    expect(body.every((p) => p.xml.includes('<w:bidi/>'))).toBe(true);
    expect(ar.paragraphs.find((p) => p.style === 'Dateline')?.xml).toMatch(/<w:rtl\/>/);
    expect(ar.paragraphs.find((p) => p.style === 'Dateline')?.text).toMatch(/^نيويورك، 22 آذار\/مارس 2026 – /);
    const zh = open(await render('water-report/release.zh.md'));
    expect(zh.files['word/styles.xml']).toMatch(/<w:lang w:val="en-GB" w:eastAsia="zh-CN"\/>/);
    expect(zh.files['word/styles.xml']).toMatch(/w:eastAsia="Microsoft YaHei"/);
    expect(zh.files['word/fontTable.xml']).toMatch(
      /<w:font w:name="Microsoft YaHei"><w:altName w:val="微软雅黑"\/><w:panose1 w:val="020B0503020204020204"\/><w:charset w:val="86"\/><w:family w:val="swiss"\/>/,
    );
    expect(zh.paragraphs.find((p) => p.style === 'Dateline')?.text).toMatch(/^纽约，2026年3月22日——一位独立专家/);
  });

  it('a template logo is an image with its alt text', async () => {
    const png = readFileSync(path.join(ROOT, 'test', 'assets', 'logo.png'));
    const t = tempDir({
      'templates/house/template.yaml': 'name: house\nextends: default\nletterhead:\n  organization: Acme Relief\n  logo: logo.png\n',
      'r.md':
        '---\nheadline: H\ntemplate: house\ndateline: {city: Geneva, date: 2020-11-11}\ncontacts: [{ name: Ana Ruiz, email: a.ruiz@example.org }]\n---\n\nAcme Relief today opened forty wells in the Sahel.\n',
    });
    try {
      mkdirSync(path.join(t.dir, 'templates', 'house'), { recursive: true });
      (await import('node:fs')).writeFileSync(path.join(t.dir, 'templates', 'house', 'logo.png'), png);
      const r = runCli(['generate', 'r.md', '-f', 'docx'], { cwd: t.dir });
      expect(r.stderr).toBe('');
      const d = open(readFileSync(path.join(t.dir, 'dist', 'r.docx')));
      expect(d.files['word/document.xml']).toMatch(/<wp:docPr id="\d+" name="Logo" descr="Acme Relief" title="Acme Relief"\/>/);
      expect(Object.keys(unzipSync(readFileSync(path.join(t.dir, 'dist', 'r.docx'))))).toContain('word/media/image1.png');
    } finally {
      t.cleanup();
    }
  });
});

describe('DOCX: the same bytes for the same input', () => {
  it('across processes and time zones', () => {
    const [a, b] = generateInTwoTimeZones('cedaw-trafficking/release.md', 'docx');
    expect(a.length).toBeGreaterThan(5000);
    expect(a.equals(b)).toBe(true);
  });

  it('in a process that rendered others before (their style sheets and parts kept): the bytes of a process that renders it alone', async () => {
    const some = ['cedaw-trafficking/release.md', 'water-report/release.fr.md', 'water-report/release.ar.md', 'water-report/release.zh.md'];
    const t = tempDir();
    try {
      const alone = some.map((f, i) => {
        const dir = path.join(t.dir, String(i));
        expect(runCli(['generate', path.join(ROOT, 'fixtures', f), '-f', 'docx', '-o', dir, '-q']).code).toBe(0);
        return readFileSync(path.join(dir, `${path.basename(f, '.md')}.docx`));
      });
      for (let round = 0; round < 2; round++) {
        for (const [i, f] of some.entries()) expect(Buffer.from(await render(f)).equals(alone[i]!), `${f}, round ${round + 1}`).toBe(true);
      }
    } finally {
      t.cleanup();
    }
  });

  it('SOURCE_DATE_EPOCH sets the document dates', () => {
    const t = tempDir();
    try {
      runCli(['generate', path.join(ROOT, 'fixtures', 'cedaw-trafficking', 'release.md'), '-f', 'docx', '-o', t.dir], { env: { SOURCE_DATE_EPOCH: '1700000000' } });
      const core = strFromU8(unzipSync(readFileSync(path.join(t.dir, 'release.docx')))['docProps/core.xml']!);
      expect(core).toMatch(/<dcterms:modified[^>]*>2023-11-14T22:13:20Z</);
    } finally {
      t.cleanup();
    }
  });
});

/** LibreOffice opens each DOCX as a reader's word processor would; pdftotext then reads what it laid out. */
describe('DOCX: a real client (LibreOffice) opens every fixture', () => {
  const out = tempDir();
  const pdfText = new Map<string, string>();
  beforeAll(async () => {
    const docx = path.join(out.dir, 'docx');
    mkdirSync(docx, { recursive: true });
    for (const f of FIXTURES) {
      const name = f.replace(/\//g, '__').replace(/\.md$/, '.docx');
      (await import('node:fs')).writeFileSync(path.join(docx, name), await render(f));
    }
    const files = readdirSync(docx).map((n) => path.join(docx, n));
    execFileSync('soffice', [`-env:UserInstallation=file://${out.dir}/profile`, '--headless', '--convert-to', 'pdf', '--outdir', path.join(out.dir, 'pdf'), ...files], {
      stdio: 'ignore',
      timeout: 180_000,
    });
    for (const f of FIXTURES) {
      const pdf = path.join(out.dir, 'pdf', f.replace(/\//g, '__').replace(/\.md$/, '.pdf'));
      pdfText.set(
        f, // -raw: content order, and no joining of words hyphenated at a line end
        execFileSync('pdftotext', ['-raw', '-enc', 'UTF-8', pdf, '-'], { encoding: 'utf8' }),
      );
    }
  }, 240_000);
  afterAll(() => out.cleanup());

  it.each(FIXTURES)('%s: pdftotext of LibreOffice’s PDF holds every word of the source', async (f) => {
    const l = await loadFixture(f);
    const text = pdfText.get(f)!;
    expect(text.length).toBeGreaterThan(500);
    // Arabic comes back from LibreOffice's PDF with ligatures and vowel signs out of order: compare its letters
    if (l.release.dir === 'rtl') expect(missingLetters(expectedWords(l), text)).toEqual({});
    else expect(missingWords(expectedWords(l), text)).toEqual([]);
  });
});

describe('DOCX numbering', () => {
  it('gives each numbered list its own Word list, starting at its own number, wherever it stands', async () => {
    const t = tempDir({
      'release.md': [
        '---',
        'headline: Numbered lists in a body, a quotation and after bullets',
        'dateline: { city: Geneva, date: 2026-03-01 }',
        '---',
        '',
        'The lead paragraph says who did what, where and when, in a sentence.',
        '',
        '3. first at three',
        '4. second',
        '',
        '> 1. quoted one',
        '> 2. quoted two',
        '',
        '- a bullet',
        '',
        '7. seventh',
        '',
      ].join('\n'),
    });
    try {
      expect(runCli(['generate', 'release.md', '-f', 'docx', '-o', 'out', '-q'], { cwd: t.dir }).code).toBe(0);
      const d = open(readFileSync(path.join(t.dir, 'out', 'release.docx')));
      const numbering = d.files['word/numbering.xml']!;
      const abstractStart = new Map([...numbering.matchAll(/<w:abstractNum [^>]*w:abstractNumId="(\d+)"[\s\S]*?<w:start w:val="(\d+)"\/>/g)].map((m) => [m[1]!, Number(m[2])]));
      const numToAbstract = new Map([...numbering.matchAll(/<w:num w:numId="(\d+)"[^>]*>\s*<w:abstractNumId w:val="(\d+)"\/>/g)].map((m) => [m[1]!, m[2]!]));
      const list = (text: string) => {
        const p = d.paragraphs.find((x) => x.text === text)!;
        const numId = /<w:numId w:val="(\d+)"\/>/.exec(p.xml)![1]!;
        return { numId, start: abstractStart.get(numToAbstract.get(numId)!) };
      };
      expect([list('first at three'), list('second'), list('quoted one'), list('seventh')].map((l) => l.start)).toEqual([3, 3, 1, 7]);
      expect(list('first at three').numId).toBe(list('second').numId);
      expect(new Set([list('first at three').numId, list('quoted one').numId, list('seventh').numId, list('a bullet').numId]).size).toBe(4);
    } finally {
      t.cleanup();
    }
  });
});
