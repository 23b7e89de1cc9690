/**
 * The DOCX as a reader's word processor lays it out (LibreOffice) against our
 * PDF: the same pages, `more` at the foot of every page before the end marker's,
 * the source's words whole and in order, no slanted Arabic or Chinese, and faces
 * of the right script.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import * as fontkit from 'fontkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Loaded } from '../src/release/load.js';
import { type Composed, compose } from '../src/render/compose.js';
import { docxRenderer } from '../src/render/docx/index.js';
import { bundledFile } from '../src/render/pdf/bundled.js';
import { pdfRenderer } from '../src/render/pdf/index.js';
import { SCRIPT_TYPOGRAPHY } from '../src/render/scripts.js';
import { ALL_FIXTURES, loadFixture, tempDir } from './helpers.js';

const name = (f: string) => f.replace(/\//g, '__').replace(/\.md$/, '');

/** The words of a text, whole (Arabic with its vowel signs), each Han character alone, and every quotation mark and bracket. */
function tokens(text: string): string[] {
  return (
    text
      .normalize('NFC')
      .replace(/[\u200B-\u200F\u202A-\u202E\u2066-\u2069\uFEFF]/g, '')
      // a word ends where its script does: the template's Arabic phrasing joins a prefix to a Latin name (بـVivian)
      .match(
        /\p{Script=Han}|[\p{scx=Arabic}\p{M}]+|(?:(?![\p{Script=Han}\p{scx=Arabic}])[\p{L}\p{M}\p{N}])+(?:[’'](?:(?![\p{Script=Han}\p{scx=Arabic}])[\p{L}\p{M}])+)*|[«»“”‘’„"'()（）[\]「」『』《》〈〉]/gu,
      ) ?? []
  );
}

/** The source's paragraphs as a reader finds them: headline, subheadline, and the body without Markdown's own marks. */
function sourceParagraphs(l: Loaded): string[] {
  const body = l.source.text
    .slice(l.source.bodyOffset)
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/^(\s*)\d+[.)](?=\s)/gm, '$1')
    .split('\n')
    .filter((line) => {
      const h = /^##\s+(.*)$/.exec(line);
      if (!h) return true;
      const heading = h[1]!.trim();
      return !(l.release.background?.heading === heading && l.template.settings.backgroundHeading === 'label') && !l.locale.sections.contacts.some((c) => c.toLowerCase() === heading.toLowerCase());
    })
    .join('\n');
  // the media section is printed in the release's words, not as the source names it
  const desks = l.release.contacts.filter((c) => c.desk && c.from === 'body').map((c) => c.name);
  const printed = desks.reduce((t, name) => t.split(name).join(''), body);
  return [l.release.headline, l.release.subheadline ?? '', ...printed.split(/\n\s*\n/)].filter((p) => p.trim());
}

/** The first token of `want` that is not found in `have` in order after the ones before it, or undefined. */
function outOfOrder(want: string[], have: string[]): string | undefined {
  let at = 0;
  for (const t of want) {
    const i = have.indexOf(t, at);
    if (i < 0) return t;
    at = i + 1;
  }
  return undefined;
}

const pages = (pdf: string) => Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' }))![1]);
const pageText = (pdf: string, n: number) => execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', '-f', String(n), '-l', String(n), pdf, '-'], { encoding: 'utf8' });
/** A line as printed, without spaces and invisible direction marks. */
const bare = (s: string) => s.normalize('NFC').replace(/[\s\u200B-\u200F\u202A-\u202E\u2066-\u2069]/g, '');

describe('DOCX as LibreOffice lays it out, against our PDF', () => {
  const out = tempDir();
  const loaded = new Map<string, { l: Loaded; composed: Composed }>();
  const docxDir = path.join(out.dir, 'docx');
  const ours = path.join(out.dir, 'ours');
  const lo = (f: string, ext: string) => path.join(out.dir, ext, `${name(f)}.${ext}`);

  beforeAll(async () => {
    mkdirSync(docxDir, { recursive: true });
    mkdirSync(ours, { recursive: true });
    for (const f of ALL_FIXTURES) {
      const l = await loadFixture(f);
      const composed = compose(l);
      loaded.set(f, { l, composed });
      const input = { ...l, composed, options: { env: {} }, warn: () => {} };
      writeFileSync(path.join(docxDir, `${name(f)}.docx`), (await docxRenderer.render(input)) as Uint8Array);
      writeFileSync(path.join(ours, `${name(f)}.pdf`), (await pdfRenderer.render(input)) as Uint8Array);
    }
    const files = ALL_FIXTURES.map((f) => path.join(docxDir, `${name(f)}.docx`));
    const soffice = (to: string, dir: string) =>
      execFileSync('soffice', [`-env:UserInstallation=file://${out.dir}/profile`, '--headless', '--convert-to', to, '--outdir', path.join(out.dir, dir), ...files], {
        stdio: 'ignore',
        timeout: 240_000,
      });
    // the pages; and the words from LibreOffice's text export, since its PDF's text layer gives Arabic
    // words in pieces (a word's letters split around its ligatures) and brackets mirrored
    soffice('pdf', 'pdf');
    soffice('txt:Text (encoded):UTF8', 'txt');
  }, 400_000);
  afterAll(() => out.cleanup());

  it.each(ALL_FIXTURES)('%s: as many pages as our PDF; `more` on every page before the end marker’s and on none from it on', (f) => {
    const { composed } = loaded.get(f)!;
    const n = pages(lo(f, 'pdf'));
    expect(n).toBe(pages(path.join(ours, `${name(f)}.pdf`)));
    const endMarker = composed.parts.find((p) => p.kind === 'line' && p.style === 'endMarker');
    expect(endMarker?.kind).toBe('line');
    const end = bare((endMarker as { text: string }).text);
    const more = bare(composed.furniture.more);
    const lines = Array.from({ length: n }, (_, i) =>
      pageText(lo(f, 'pdf'), i + 1)
        .split('\n')
        .map(bare),
    );
    const endPage = lines.findIndex((page) => page.includes(end)) + 1;
    expect(endPage).toBeGreaterThan(0);
    lines.forEach((page, i) => expect({ page: i + 1, more: page.includes(more) }).toEqual({ page: i + 1, more: i + 1 < endPage }));
  });

  it.each(ALL_FIXTURES)('%s: LibreOffice shows the source’s words whole and in order, with every quotation mark and bracket', (f) => {
    const { l } = loaded.get(f)!;
    const have = tokens(readFileSync(lo(f, 'txt'), 'utf8'));
    expect(have.length).toBeGreaterThan(200);
    for (const p of sourceParagraphs(l)) {
      const want = tokens(p);
      expect({ paragraph: p.slice(0, 60), missing: outOfOrder(want, have) }).toEqual({ paragraph: p.slice(0, 60), missing: undefined });
    }
  });

  it('Arabic is set larger than Latin, by its script’s scale, as in the PDF', () => {
    const xml = strFromU8(unzipSync(readFileSync(path.join(docxDir, `${name('water-report/release.ar.md')}.docx`)))['word/styles.xml']!);
    const normal = /<w:style [^>]*w:styleId="Normal"[\s\S]*?<\/w:style>/.exec(xml)![0];
    const sz = Number(/<w:sz w:val="(\d+)"\/>/.exec(normal)![1]);
    const szCs = Number(/<w:szCs w:val="(\d+)"\/>/.exec(normal)![1]);
    expect(szCs).toBe(Math.round(sz * SCRIPT_TYPOGRAPHY.Arab!.sizeScale));
    expect(szCs).toBeGreaterThan(sz);
  });

  it('Quote and Subtitle are upright in Arabic and Chinese, italic in English and French', () => {
    const style = (f: string, id: string) => {
      const xml = strFromU8(unzipSync(readFileSync(path.join(docxDir, `${name(f)}.docx`)))['word/styles.xml']!);
      return new RegExp(`<w:style [^>]*w:styleId="${id}"[\\s\\S]*?</w:style>`).exec(xml)![0];
    };
    for (const f of ['water-report/release.ar.md', 'water-report/release.zh.md']) {
      for (const id of ['Quote', 'Subtitle']) {
        expect(style(f, id)).not.toMatch(/<w:i\/>|<w:iCs\/>/);
      }
    }
    for (const f of ['water-report/release.md', 'water-report/release.fr.md']) {
      for (const id of ['Quote', 'Subtitle']) expect(style(f, id)).toMatch(/<w:i\/>/);
    }
    // and as LibreOffice sets them: an italic face in French, none in Arabic or Chinese
    const fonts = (f: string) => execFileSync('pdffonts', [lo(f, 'pdf')], { encoding: 'utf8' });
    expect(fonts('water-report/release.fr.md')).toMatch(/Italic/);
    expect(fonts('water-report/release.ar.md')).not.toMatch(/Italic|Oblique/);
    expect(fonts('water-report/release.zh.md')).not.toMatch(/Italic|Oblique/);
  });

  it('Chinese is set from the Simplified Chinese face: each glyph LibreOffice embeds is the SC face’s glyph for its character', () => {
    // Noto Sans CJK's faces (SC, TC, JP, KR) share one CFF font named “NotoSansCJKjp”, so pdffonts names
    // every face JP; what tells them apart is each face's character map. LibreOffice embeds a subset whose
    // glyph names are the CIDs (glyph ids) it took: they must be the SC face's glyphs for those characters.
    const qdf = execFileSync('qpdf', ['--qdf', '--object-streams=disable', lo('water-report/release.zh.md', 'pdf'), '-'], { maxBuffer: 1 << 28 }).toString('latin1');
    const objects = new Map([...qdf.matchAll(/\n(\d+) 0 obj\n([\s\S]*?)\nendobj/g)].map((m) => [Number(m[1]), m[2]!]));
    const ttc = (weight: string) => execFileSync('fc-match', ['-f', '%{file}', `Noto Sans CJK SC:${weight}`], { encoding: 'utf8' });
    let checked = 0;
    for (const body of objects.values()) {
      const descriptor = /\/FontDescriptor (\d+) 0 R/.exec(body);
      const unicode = /\/ToUnicode (\d+) 0 R/.exec(body);
      if (!descriptor || !unicode) continue;
      const fd = objects.get(Number(descriptor[1]))!;
      if (!/NotoSansCJK/.test(fd)) continue;
      const program = objects.get(Number(/\/FontFile\d? (\d+) 0 R/.exec(fd)![1]))!;
      const cids = new Map([...program.matchAll(/dup (\d+) \/cid(\d+) put/g)].map((m) => [Number(m[1]), Number(m[2])]));
      expect(cids.size).toBeGreaterThan(10);
      const chars = new Map([...objects.get(Number(unicode[1]))!.matchAll(/<([0-9A-Fa-f]{2})>\s*<([0-9A-Fa-f]{4})>/g)].map((m) => [parseInt(m[1]!, 16), String.fromCharCode(parseInt(m[2]!, 16))]));
      const bold = /Bold/.test(fd);
      const sc = fontkit.openSync(ttc(bold ? 'bold' : 'regular'), `NotoSansCJKsc-${bold ? 'Bold' : 'Regular'}`) as fontkit.Font;
      const jp = fontkit.openSync(ttc(bold ? 'bold' : 'regular'), `NotoSansCJKjp-${bold ? 'Bold' : 'Regular'}`) as fontkit.Font;
      let differsFromJp = 0;
      for (const [code, cid] of cids) {
        const ch = chars.get(code);
        if (!ch || !/\p{Script=Han}/u.test(ch)) continue;
        expect({ ch, cid }).toEqual({ ch, cid: sc.glyphForCodePoint(ch.codePointAt(0)!).id });
        if (jp.glyphForCodePoint(ch.codePointAt(0)!).id !== cid) differsFromJp++;
        checked++;
      }
      // the release has characters whose Japanese form differs (the test could tell the faces apart)
      expect(differsFromJp).toBeGreaterThan(0);
    }
    expect(checked).toBeGreaterThan(100);
  });

  it('in Arabic, ( ) / – + @ are set from a face that has them: the Latin face, which the Arabic one lacks', () => {
    const doc = strFromU8(unzipSync(readFileSync(path.join(docxDir, `${name('water-report/release.ar.md')}.docx`)))['word/document.xml']!);
    const naskh = fontkit.openSync(bundledFile('noto-naskh-arabic')) as fontkit.Font;
    const latin = fontkit.openSync(bundledFile('noto-sans')) as fontkit.Font;
    const runs = [...doc.matchAll(/<w:r>([\s\S]*?)<\/w:r>/g)].map((m) => m[1]!);
    let seen = 0;
    for (const ch of '()/–+@') {
      const cp = ch.codePointAt(0)!;
      expect(naskh.hasGlyphForCodePoint(cp)).toBe(false);
      expect(latin.hasGlyphForCodePoint(cp)).toBe(true);
      for (const r of runs.filter((x) => new RegExp(`<w:t[^>]*>[^<]*\\${ch}`).test(x))) {
        // Word sets a right-to-left run's every character in its complex-script font
        expect(r).toMatch(/<w:rFonts w:cs="Noto Sans"\/>/);
        expect(r).toMatch(/<w:rtl\/>/);
        seen++;
      }
    }
    expect(seen).toBeGreaterThan(3);
  });
});
