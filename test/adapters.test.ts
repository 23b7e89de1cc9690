/**
 * Contract tests of the patches to dependencies (src/adapters/): for each patch,
 * that the private internal it relies on still exists and behaves as the patch
 * assumes (so that an upgrade of fontkit, pdfkit, docx or tiny-inflate that
 * changes it fails here, not in a user's PDF), and, where the effect shows
 * without a clock, that it is real (those tests fail with the patch taken out:
 * each was checked so). And that nothing else in src/ reaches into those packages.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { deflateRawSync } from 'node:zlib';
import { Document, Footer, Packer, Paragraph, TextRun } from 'docx';
import { unzipSync } from 'fflate';
import * as fontkit from 'fontkit';
import PDFDocument from 'pdfkit';
import { describe, expect, it } from 'vitest';
import { compileParts } from '../src/adapters/docx.js';
import { compactCff, createSubset, forgetGlyphCache, postHeaderFirst } from '../src/adapters/fontkit.js';
import { currentFont, defaultFontAs, escapeXmp, fontForPdfkit, type GlyphRun } from '../src/adapters/pdfkit.js';
import { tinyInflateFiles } from '../src/adapters/tiny-inflate.js';
import { compose } from '../src/render/compose.js';
import { makeDeterministic } from '../src/render/docx/deterministic.js';
import { pdfRenderer } from '../src/render/pdf/index.js';
import { BIN, loadFixture, ROOT, tempDirs, woff2 } from './helpers.js';

const require = createRequire(import.meta.url);
const fontFile = (pkg: string, name: string) => path.join(path.dirname(path.dirname(require.resolve(pkg))), 'fonts', name);
const LATIN = fontFile('@embedpdf/fonts-latin', 'NotoSans-Regular.ttf');
const ARABIC = fontFile('@embedpdf/fonts-arabic', 'NotoNaskhArabic-Regular.ttf');
const CHINESE = fontFile('@embedpdf/fonts-sc', 'NotoSansHans-Regular.otf');
const open = (file: string) => fontkit.openSync(file) as fontkit.Font;
const temp = tempDirs();

/** A PDF's bytes, once pdfkit has ended it. */
function pdfBytes(doc: PDFKit.PDFDocument): Promise<Buffer> {
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  return new Promise((resolve) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.end();
  });
}

const pdftotext = (bytes: Buffer) => {
  const file = path.join(temp(), 'a.pdf');
  writeFileSync(file, bytes);
  return execFileSync('pdftotext', ['-raw', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
};

/** The font as the renderer gives it to pdfkit, with the hooks' calls counted. */
function hooked(font: fontkit.Font, layout: (text: string) => GlyphRun = (t) => font.layout(t)) {
  const calls = { layout: [] as string[], subsets: 0 };
  const src = fontForPdfkit(font, {
    layout: (text) => {
      calls.layout.push(text);
      return layout(text);
    },
    createSubset: () => {
      calls.subsets++;
      return createSubset(font);
    },
  });
  return { src, calls };
}

describe('fontkit: the glyph cache (forgetGlyphCache)', () => {
  it('is `_glyphs`, the object fontkit fills with the glyphs it makes, and emptying it makes them afresh', () => {
    const font = open(LATIN);
    const e = font.glyphForCodePoint(0x45);
    const cache = (font as unknown as { _glyphs: Record<number, unknown> })._glyphs;
    expect(cache[e.id]).toBe(e);
    expect(forgetGlyphCache(font)).toBe(true);
    expect(Object.keys((font as unknown as { _glyphs: object })._glyphs)).toEqual([]);
    expect(font.glyphForCodePoint(0x45)).not.toBe(e);
    expect(forgetGlyphCache({} as fontkit.Font)).toBe(false);
  });

  it('is still needed: fontkit’s subset caches the E of É without its code point (foliojs/fontkit#154), and forgetting the cache mends it', () => {
    const font = open(LATIN);
    const subset = font.createSubset() as unknown as { includeGlyph(g: number): number; encode(): Uint8Array };
    subset.includeGlyph(font.glyphForCodePoint(0xc9).id);
    subset.encode();
    // when fontkit mends this upstream, this fails: then forgetGlyphCache (and its ~2 ms a PDF) can go
    expect(font.glyphForCodePoint(0x45).codePoints).toEqual([]);
    forgetGlyphCache(font);
    expect(font.glyphForCodePoint(0x45).codePoints).toEqual([0x45]);
  });

  it('keeps the text of the next PDF whole: one with É (and no E), then one with E, from the same parsed font', async () => {
    const font = open(LATIN);
    const draw = async (text: string) => {
      const doc = new PDFDocument({ font: hooked(font).src, margin: 50 });
      doc.fontSize(24).text(text);
      return pdfBytes(doc);
    };
    forgetGlyphCache(font);
    expect(pdftotext(await draw('ÉTÉ'))).toContain('ÉTÉ');
    forgetGlyphCache(font); // what the renderer does between two documents
    expect(pdftotext(await draw('ENFANCE'))).toContain('ENFANCE');
  });
});

describe('fontkit: TrueType subsets copying simple glyphs (createSubset)', () => {
  const text = 'Genève, Ginebra, Женева — Éçàñøёй “quoted” 2026';
  type TtfSubset = {
    includeGlyph(g: number): number;
    encode(): Uint8Array;
    _addGlyph(g: number): number;
    glyf: Uint8Array[];
    offset: number;
    loca: { offsets: number[] };
    hmtx: { metrics: { advance: number; bearing: number }[] };
  };

  it('fontkit’s TrueType subset adds a glyph with `_addGlyph`, which returns its new id, from the font’s `loca`, `glyf` and metrics', () => {
    const font = open(LATIN);
    const f = font as unknown as { loca: { offsets: ArrayLike<number> }; _variationProcessor: unknown; _getTableStream(t: string): { pos: number; readBuffer(n: number): Uint8Array } };
    expect(f.loca.offsets.length).toBe(font.numGlyphs + 1);
    expect(f._variationProcessor ?? null).toBeNull();
    expect(typeof f._getTableStream('glyf').readBuffer).toBe('function');
    expect(typeof (font.getGlyph(40) as unknown as { _getMetrics(): { leftBearing: number } })._getMetrics().leftBearing).toBe('number');
    const subset = font.createSubset() as unknown as TtfSubset;
    expect(typeof subset._addGlyph).toBe('function');
    for (const g of font.layout(text).glyphs) subset.includeGlyph(g.id);
    subset.encode();
    const n = subset.glyf.length;
    expect(n).toBeGreaterThan(20);
    expect(subset.loca.offsets).toHaveLength(n + 1); // the last offset is the end of the table
    expect(subset.hmtx.metrics).toHaveLength(n);
    expect(subset._addGlyph(font.glyphForCodePoint(0x5a).id)).toBe(n);
    expect(subset.glyf).toHaveLength(n + 1);
  });

  it('decodes only the composite glyphs, and writes fontkit’s bytes', () => {
    const decoded = (ours: boolean) => {
      const font = open(LATIN);
      const proto = Object.getPrototypeOf(font.getGlyph(40)) as { _decode(): unknown };
      const decode = proto._decode;
      let n = 0;
      proto._decode = function (this: unknown) {
        n++;
        return decode.call(this);
      };
      try {
        const subset = ours ? createSubset(font) : (font.createSubset() as unknown as TtfSubset);
        for (const g of font.layout(text).glyphs) subset.includeGlyph(g.id);
        n = 0; // the layout's own decoding is not the subset's
        const bytes = Buffer.from(subset.encode());
        return { n, bytes };
      } finally {
        proto._decode = decode;
      }
    };
    const ours = decoded(true);
    const theirs = decoded(false);
    expect(ours.bytes.equals(theirs.bytes)).toBe(true);
    expect(theirs.n).toBeGreaterThan(20);
    expect(ours.n).toBeGreaterThan(0); // É, ç, à, ñ, ё, й are made of other glyphs
    expect(ours.n).toBeLessThan(theirs.n / 2);
  });
});

describe('fontkit: CFF subsets without subroutines (createSubset)', () => {
  const font = open(CHINESE);
  const text = '新闻发布禁发至年月日时间编号';

  it('fontkit’s CFF subset has the parts the patch reads and replaces', () => {
    const subset = font.createSubset() as unknown as Record<string, unknown> & { cff: Record<string, unknown> };
    for (const m of ['subsetCharstrings', 'subsetFontdict', 'createCIDFontdict', 'includeGlyph', 'encode']) expect(typeof subset[m], m).toBe('function');
    expect(Array.isArray(subset.glyphs)).toBe(true);
    const cff = subset.cff as {
      stream: { readBuffer?: unknown };
      isCIDFont: boolean;
      topDict: { CharStrings: unknown[]; FDArray?: unknown[] };
      fdForGlyph?: unknown;
      getCharString?: unknown;
      globalSubrIndex?: unknown[];
    };
    expect(typeof cff.stream.readBuffer).toBe('function');
    expect(typeof cff.fdForGlyph).toBe('function');
    expect(typeof cff.getCharString).toBe('function');
    expect(cff.isCIDFont).toBe(true);
    expect(cff.topDict.CharStrings.length).toBe(font.numGlyphs);
    expect(Array.isArray(cff.topDict.FDArray)).toBe(true);
    expect(Array.isArray(cff.globalSubrIndex)).toBe(true);
  });

  it('encodes a subset a quarter of fontkit’s size or less, with the same glyphs', () => {
    const gids = [...text].map((c) => font.glyphForCodePoint(c.codePointAt(0)!).id);
    const ours = createSubset(font);
    const theirs = font.createSubset() as unknown as { includeGlyph(g: number): number; encode(): Uint8Array };
    for (const g of gids) expect(ours.includeGlyph(g)).toBe(theirs.includeGlyph(g));
    const a = ours.encode();
    const b = theirs.encode();
    expect(a.length).toBeGreaterThan(1000);
    expect(a.length).toBeLessThan(b.length / 4);
  });
});

describe('fontkit: compact CFF indexes (compactCff)', () => {
  it('fontkit reads a CFF index only by `[i]` and `length`: the compacted font draws every glyph as before', () => {
    const plain = open(CHINESE);
    const compacted = open(CHINESE);
    const cff = (compacted as unknown as { 'CFF ': { topDict: { CharStrings: { offset: number; length: number }[] } } })['CFF '];
    const before = cff.topDict.CharStrings;
    expect(before.length).toBeGreaterThan(1000);
    expect(before[1234]).toEqual({ offset: expect.any(Number), length: expect.any(Number) });
    compactCff(compacted);
    const after = cff.topDict.CharStrings;
    expect(after).not.toBe(before);
    expect(after.length).toBe(before.length);
    expect(after[1234]).toEqual(before[1234]);
    for (let gid = 1; gid < plain.numGlyphs; gid += 401) expect(compacted.getGlyph(gid).path.toSVG(), `glyph ${gid}`).toBe(plain.getGlyph(gid).path.toSVG());
    // and a subset of it is the same
    const gids = [...'联合国人权'].map((c) => plain.glyphForCodePoint(c.codePointAt(0)!).id);
    const [a, b] = [plain, compacted].map((f) => {
      const s = createSubset(f);
      for (const g of gids) s.includeGlyph(g);
      return Buffer.from(s.encode());
    });
    expect(a!.equals(b!)).toBe(true);
  });

  it('holds no object an entry: a Chinese face’s ~55,000 index entries are not on the heap', () => {
    const font = open(CHINESE);
    const cff = (font as unknown as { 'CFF ': { topDict: { CharStrings: object; FDArray: { Private?: { Subrs?: object } }[] }; globalSubrIndex: object } })['CFF '];
    const indexes = () => [cff.topDict.CharStrings, cff.globalSubrIndex, ...cff.topDict.FDArray.map((d) => d.Private?.Subrs ?? [])];
    // the entries held as objects (an index's own keys), of the indexes with more than 1,000
    const held = () => indexes().reduce((n, index) => n + ((index as unknown[]).length > 1000 ? Object.keys(index).length : 0), 0);
    expect(held()).toBeGreaterThan(50_000);
    compactCff(font);
    expect(held()).toBe(0);
    expect(indexes().reduce((n, index) => n + (index as unknown[]).length, 0)).toBeGreaterThan(50_000);
  });
});

describe('fontkit: the `post` table read for its header first (postHeaderFirst)', () => {
  const HEADER = ['version', 'italicAngle', 'underlinePosition', 'underlineThickness', 'isFixedPitch', 'minMemType42', 'maxMemType42', 'minMemType1', 'maxMemType1'] as const;
  type Post = Record<string, unknown> & { names?: string[] };
  /** fontkit's tables decoded so far, by tag, counted */
  const counted = (font: fontkit.Font) => {
    const decoded: string[] = [];
    const f = font as unknown as { _decodeTable(t: { tag: string }): unknown };
    const decode = f._decodeTable.bind(font);
    f._decodeTable = (t) => {
      decoded.push(t.tag);
      return decode(t);
    };
    return decoded;
  };

  it.each([
    ['Noto Sans (TrueType, post version 2: 4,268 glyph names)', LATIN, fontFile('@embedpdf/fonts-latin', 'NotoSans-Italic.ttf'), 2],
    ['Noto Naskh Arabic (TrueType, post version 3)', ARABIC, ARABIC, 3],
    ['Noto Sans SC (CFF, post version 3)', CHINESE, CHINESE, 3],
  ])('%s: the header is fontkit’s, field for field, without decoding the table', (_name, file, italic, version) => {
    for (const f of [file, italic]) {
      const plain = (open(f) as unknown as { post: Post }).post;
      const font = open(f);
      const decoded = counted(font);
      expect(postHeaderFirst(font)).toBe(true);
      const post = (font as unknown as { post: Post }).post;
      for (const key of HEADER) expect(post[key], key).toBe(plain[key]);
      // what pdfkit reads as it embeds: the fixed pitch flag and, through fontkit, the italic angle
      const angle = (x: fontkit.Font) => (x as unknown as { italicAngle: number }).italicAngle;
      expect(angle(font)).toBe(angle(open(f)));
      expect(decoded).not.toContain('post');
      expect(post.version).toBe(version);
    }
  });

  it('a WOFF2 font (its tables placed once fontkit decompresses them) is left to fontkit, and reads as before', () => {
    const bytes = woff2(readFileSync(fontFile('@embedpdf/fonts-latin', 'NotoSans-Italic.ttf')));
    const font = fontkit.create(bytes) as fontkit.Font;
    expect(postHeaderFirst(font)).toBe(false);
    const angle = (x: fontkit.Font) => (x as unknown as { italicAngle: number }).italicAngle;
    expect(angle(font)).toBe(angle(open(fontFile('@embedpdf/fonts-latin', 'NotoSans-Italic.ttf'))));
    expect(angle(font)).toBeLessThan(-11);
  });

  it('the glyph names are still fontkit’s when asked for: the whole table is decoded then, once', () => {
    const plain = open(LATIN);
    const font = open(LATIN);
    const decoded = counted(font);
    postHeaderFirst(font);
    const gid = plain.glyphForCodePoint(0x00e9).id;
    const name = (x: fontkit.Font) => (x.getGlyph(gid) as unknown as { name: string }).name;
    expect(name(font)).toBe('eacute');
    expect(name(font)).toBe(name(plain));
    expect((font as unknown as { post: Post }).post.names?.length).toBe(((plain as unknown as { post: Post }).post.names ?? []).length);
    expect(decoded.filter((t) => t === 'post')).toEqual(['post']);
    expect(((plain as unknown as { post: Post }).post.names ?? []).length).toBeGreaterThan(4000);
  });

  it('a font whose `post` table fontkit has decoded already is left as it is', () => {
    const font = open(LATIN);
    const before = (font as unknown as { post: Post }).post;
    expect(postHeaderFirst(font)).toBe(false);
    expect((font as unknown as { post: Post }).post).toBe(before);
    expect(postHeaderFirst({} as fontkit.Font)).toBe(false);
  });
});

describe('pdfkit: the font it embeds (fontForPdfkit)', () => {
  it('pdfkit lays text out word by word through `font.layout(text)` with no features, and subsets through `font.createSubset()`, once', async () => {
    const font = open(LATIN);
    const { src, calls } = hooked(font);
    const doc = new PDFDocument({ font: src });
    doc.text('Geneva, 22 March');
    doc.text('Geneva');
    await pdfBytes(doc);
    expect(calls.layout).toEqual(expect.arrayContaining(['Geneva, ', '22 ', 'March']));
    expect(calls.subsets).toBe(1);
  });

  it('pdfkit scales the positions of a layout in place (EmbeddedFont.layoutRun): what the copy guards against', () => {
    const font = open(ARABIC);
    expect(font.unitsPerEm).toBe(2048);
    const shared = font.layout('جنيف');
    const before = shared.positions.map((p) => p.xAdvance);
    // pdfkit given a font of its own that hands it the same run every time, as a cache would
    const bare = new Proxy(font, {
      get: (t, k) => {
        if (k === 'layout') return (text: string, ...rest: unknown[]) => (text === 'جنيف' ? shared : (t.layout as (...a: unknown[]) => unknown)(text, ...rest));
        const v = Reflect.get(t, k) as unknown;
        return typeof v === 'function' ? (v as () => unknown).bind(t) : v;
      },
    });
    const doc = new PDFDocument({ font: bare as unknown as string });
    doc.text('جنيف');
    expect(shared.positions.map((p) => p.xAdvance)).toEqual(before.map((x) => x * (1000 / 2048)));
  });

  it('gives pdfkit its own positions: a run remembered for the process is laid out the same in every document', async () => {
    const font = open(ARABIC);
    const remembered = new Map<string, GlyphRun>();
    const layout = (t: string) => remembered.get(t) ?? (remembered.set(t, font.layout(t)), remembered.get(t)!);
    const positions = async () => {
      const doc = new PDFDocument({ font: hooked(font, layout).src });
      const [, pos] = currentFont(doc).encode('جنيف');
      await pdfBytes(doc);
      return pos.map((p) => p.xAdvance);
    };
    const first = await positions();
    expect(first.length).toBeGreaterThan(1);
    expect(await positions()).toEqual(first);
    expect(await positions()).toEqual(first);
    // and the remembered run is as fontkit laid it out, in the font's units
    expect(remembered.get('جنيف')!.positions.map((p) => p.xAdvance)).toEqual(font.layout('جنيف').positions.map((p) => p.xAdvance));
  });

  it('the same Arabic release twice in one process gives the same bytes', async () => {
    const l = await loadFixture('cedaw-trafficking/release.ar.md');
    const render = async () => Buffer.from((await pdfRenderer.render({ ...l, composed: compose(l), options: { env: {} }, warn: () => {} })) as Uint8Array);
    const a = await render();
    const b = await render();
    expect(a.length).toBeGreaterThan(10_000);
    expect(a.equals(b)).toBe(true);
  });
});

describe('pdfkit: the XMP metadata (escapeXmp)', () => {
  const INFO = { Title: 'Water & sanitation <2026>', Author: 'UN "Water"', Creator: 'pressready', Producer: 'pressready', CreationDate: new Date(Date.UTC(2026, 2, 22)) };
  const xmp = (bytes: Buffer) => /<x:xmpmeta[\s\S]*?<\/x:xmpmeta>/.exec(bytes.toString('latin1'))?.[0] ?? '';

  it('pdfkit writes the information into the XMP through `_addInfo`, at `end()`, without escaping it (still needed)', async () => {
    const doc = new PDFDocument({ info: INFO, pdfVersion: '1.7' });
    const d = doc as unknown as { _addInfo: () => void };
    expect(typeof d._addInfo).toBe('function');
    let called = 0;
    const addInfo = d._addInfo.bind(doc);
    d._addInfo = () => {
      called++;
      addInfo();
    };
    const out = xmp(await pdfBytes(doc));
    expect(called).toBe(1);
    // when pdfkit escapes these itself, this fails: then escapeXmp must go (it would escape twice)
    expect(out).toContain('<rdf:li xml:lang="x-default">Water & sanitation <2026></rdf:li>');
  });

  it('with escapeXmp the XMP is well-formed, escaped once, and the Info dictionary keeps the title as written', async () => {
    const doc = new PDFDocument({ info: INFO, pdfVersion: '1.7' });
    escapeXmp(doc);
    const bytes = await pdfBytes(doc);
    const out = xmp(bytes);
    expect(out).toContain('<rdf:li xml:lang="x-default">Water &amp; sanitation &lt;2026&gt;</rdf:li>');
    expect(out).toContain('<rdf:li>UN &quot;Water&quot;</rdf:li>');
    expect(out).not.toMatch(/&(?!amp;|lt;|gt;|quot;|apos;|#)/);
    expect(out).not.toContain('&amp;amp;');
    const file = path.join(temp(), 'a.pdf');
    writeFileSync(file, bytes);
    expect(execFileSync('pdfinfo', [file], { encoding: 'utf8' })).toMatch(/^Title:\s+Water & sanitation <2026>$/m);
  });
});

describe('pdfkit: the default font by its key (defaultFontAs)', () => {
  it('`_fontFamilies` holds the fonts by key and `_font` the current one; pdfkit reopens the default font at each switch to its key without the patch, not with it', () => {
    const opens = (patched: boolean) => {
      const font = open(LATIN);
      const { src, calls } = hooked(font);
      const doc = new PDFDocument({ font: src, autoFirstPage: false });
      const d = doc as unknown as { _fontFamilies: Record<string, unknown>; _font: { name: string } };
      expect(d._fontFamilies[d._font.name]).toBe(d._font);
      doc.registerFont('main', src);
      if (patched) defaultFontAs(doc, 'main');
      doc.addPage();
      for (let i = 0; i < 3; i++) doc.font('main').text('x');
      expect(d._font).toBe(d._fontFamilies[font.postscriptName!]);
      return calls.subsets;
    };
    expect(opens(false)).toBe(4);
    expect(opens(true)).toBe(1);
  });
});

describe('pdfkit: the current font (currentFont)', () => {
  it('is the font and size `font()` and `fontSize()` set, encodes text as pdfkit’s own `text()` does, and is a resource of the page', async () => {
    const mine = new PDFDocument({ compress: false });
    mine.registerFont('main', LATIN).font('main').fontSize(17);
    const f = currentFont(mine);
    expect(f.id).toMatch(/^F\d+$/);
    expect(f.size).toBe(17);
    const [ids, positions] = f.encode('Geneva');
    expect(ids).toHaveLength(6);
    expect(positions[0]!.advanceWidth).toBeGreaterThan(0);
    expect(mine.page.fonts[f.id]).toBeDefined();
    mine.addContent(`BT /${f.id} 17 Tf <${ids.join('')}> Tj ET`);
    expect(pdftotext(await pdfBytes(mine))).toContain('Geneva');

    // pdfkit's text() writes the same glyph ids (in one or more hex strings, split where it kerns)
    const theirs = new PDFDocument({ compress: false });
    theirs.registerFont('main', LATIN).font('main').fontSize(17).text('Geneva');
    const content = /stream\n([\s\S]*?)endstream/.exec((await pdfBytes(theirs)).toString('latin1'))![1]!;
    expect([...content.matchAll(/<([0-9a-f]+)>/g)].map((m) => m[1]).join('')).toBe(ids.join(''));
  });
});

describe('docx: the parts before zipping (compileParts)', () => {
  const doc = () =>
    new Document({
      title: 'T',
      sections: [{ footers: { default: new Footer({ children: [new Paragraph('foot')] }) }, children: [new Paragraph({ children: [new TextRun('Geneva & <Vienna>')] })] }],
    });
  const date = /(<dcterms:(created|modified)[^>]*>)[^<]*/g;
  const text = (v: string | Uint8Array) => (typeof v === 'string' ? v : Buffer.from(v).toString('utf8')).replace(date, '$1');

  it('`Packer.compiler.compile` gives the package’s parts by path, unzipped: those `Packer.toBuffer` zips', async () => {
    expect(typeof (Packer as unknown as { compiler?: { compile?: unknown } }).compiler?.compile).toBe('function');
    const parts = compileParts(doc());
    expect(parts).toBeInstanceOf(Map);
    expect(parts.get('word/document.xml')).toMatch(/^<\?xml[\s\S]*Geneva &amp; &lt;Vienna&gt;/);
    const zipped = unzipSync(new Uint8Array(await Packer.toBuffer(doc())));
    expect([...parts.keys()].sort()).toEqual(Object.keys(zipped).sort());
    for (const [name, value] of parts) expect(text(value), name).toBe(text(zipped[name]!));
  });

  it('the DOCX made from them is the one made from docx’s own zip', async () => {
    const date0 = new Date(Date.UTC(2026, 2, 22));
    const ours = makeDeterministic(compileParts(doc()), date0);
    const theirs = makeDeterministic(new Map(Object.entries(unzipSync(new Uint8Array(await Packer.toBuffer(doc()))))), date0);
    expect(Buffer.from(ours).equals(Buffer.from(theirs))).toBe(true);
  });
});

describe('tiny-inflate: Node’s zlib in its place (useNativeInflate)', () => {
  it('fontkit and its unicode-trie still require tiny-inflate, whose contract the zlib one keeps', () => {
    const built = path.join(ROOT, 'lib', 'adapters', 'tiny-inflate-zlib.cjs');
    expect(existsSync(built), 'run `npm run build` first').toBe(true);
    const inflate = require(built) as (s: Uint8Array, d: Uint8Array) => Uint8Array;
    const files = tinyInflateFiles();
    expect(files.length).toBeGreaterThan(0);
    for (const f of files) expect(f).toMatch(/node_modules[/\\]tiny-inflate[/\\]/);
    const fontkitDir = path.dirname(require.resolve('fontkit'));
    for (const dist of ['main.cjs', 'module.mjs']) expect(readFileSync(path.join(fontkitDir, dist), 'utf8')).toMatch(/(require\(|from )"tiny-inflate"/);
    const original = createRequire(files[0]!)(files[0]!) as (s: Uint8Array, d: Uint8Array) => Uint8Array;
    const data = Buffer.from(Array.from({ length: 70_000 }, (_, i) => (i * 7919) % 251));
    const packed = deflateRawSync(data);
    for (const size of [data.length, data.length + 10]) {
      expect(Buffer.from(inflate(packed, new Uint8Array(size))).equals(Buffer.from(original(packed, new Uint8Array(size))))).toBe(true);
    }
  });

  it('a cold `generate` never runs tiny-inflate’s own code: the bundle’s fontkit and line breaker inflate their tables with the zlib module it was built with', () => {
    expect(existsSync(path.join(ROOT, 'lib', 'bundle', 'cli.js')), 'run `npm run build` first').toBe(true);
    const dir = temp();
    const probe = path.join(dir, 'probe.cjs');
    // after the run: what each tiny-inflate file in Node's module cache is, and from which file each call of zlib's inflate came
    writeFileSync(
      probe,
      `const zlib = require('node:zlib'); const from = []; const raw = zlib.inflateRawSync;
zlib.inflateRawSync = (...a) => { from.push((new Error().stack.split('\\n')[2] || '').replace(/^.*\\(|:\\d+:\\d+\\)?$/g, '').trim()); return raw(...a); };
process.on('exit', () => process.stderr.write('PROBE ' + JSON.stringify({ from, cached: Object.entries(require.cache).filter(([f]) => /[\\\\/]tiny-inflate[\\\\/]/.test(f)).map(([f, m]) => String(m.exports).includes('inflateRawSync')) }) + '\\n'));\n`,
    );
    const r = spawnSync(process.execPath, ['--require', probe, BIN, 'generate', path.join(ROOT, 'fixtures/cedaw-trafficking/release.ar.md'), '-f', 'pdf', '-o', dir, '-q'], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    expect(readdirSync(dir)).toContain('release.ar.pdf');
    const probed = JSON.parse(/^PROBE (.*)$/m.exec(r.stderr)![1]!) as { from: string[]; cached: boolean[] };
    // fontkit's tiny-inflate, as Node's module cache holds it: the zlib one (useNativeInflate)
    expect(probed.cached.length).toBeGreaterThan(0);
    expect(probed.cached.every(Boolean)).toBe(true);
    const files = probed.from.map((f) => path.relative(ROOT, f).split(path.sep).join('/'));
    // fontkit's tables and the line breaker's, both inside the bundle (scripts/bundle.mjs): inflated by the zlib one
    // the bundle was built with (its alias), ten tables for an Arabic PDF
    expect(files.length, files.join('\n')).toBeGreaterThanOrEqual(5);
    expect(
      files.every((f) => f.startsWith('lib/bundle/')),
      files.join('\n'),
    ).toBe(true);
  });
});

describe('nothing outside src/adapters/ reaches into a dependency', () => {
  it('no private member (`._x`, `["_x"]`), no `require.cache`, no `Packer.compiler`, no fontkit table by its tag', () => {
    const files = readdirSync(path.join(ROOT, 'src'), { recursive: true, encoding: 'utf8' }).filter((f) => /\.c?ts$/.test(f) && !f.startsWith(`adapters${path.sep}`));
    expect(files.length).toBeGreaterThan(50);
    const forbidden = [
      /\._[A-Za-z]/,
      /\[\s*['"`]_[A-Za-z]/,
      /require\.cache|\.cache\[|\bModule\b.*\bexports\b/,
      /Packer\s*(as[^)]*\))?\s*\.\s*compiler|\bcompiler\.compile\b/,
      /\[\s*['"`](CFF |CFF2|glyf|loca|hmtx)['"`]\s*\]/,
    ];
    const found: string[] = [];
    for (const f of files) {
      readFileSync(path.join(ROOT, 'src', f), 'utf8')
        .split('\n')
        .forEach((line, i) => {
          if (forbidden.some((re) => re.test(line))) found.push(`src/${f}:${i + 1}: ${line.trim()}`);
        });
    }
    expect(found).toEqual([]);
  });
});
