import { createRequire } from 'node:module';
import path from 'node:path';
import * as fontkit from 'fontkit';
import { describe, expect, it } from 'vitest';
import { createSubset, flattenCharstring } from '../src/adapters/fontkit.js';

const require = createRequire(import.meta.url);
const fontsDir = path.join(path.dirname(path.dirname(require.resolve('@embedpdf/fonts-sc'))), 'fonts');

interface Range {
  offset: number;
  length: number;
}
type Cff = {
  stream: { pos: number; readBuffer(n: number): Uint8Array };
  globalSubrIndex: Range[];
  topDict: { CharStrings: Range[]; FDArray: { Private?: { Subrs?: Range[] } }[] };
  fdForGlyph(gid: number): number;
  privateDictForGlyph(gid: number): Record<string, unknown>;
  getCharString(gid: number): Uint8Array;
  version: number;
};

/** The outline fontkit reads from `charstring` alone: the glyph's own reader, over a font with no subroutines. */
function outlineOf(glyph: fontkit.Glyph, cff: Cff, charstring: Uint8Array): string {
  const bytes = charstring;
  const stream = {
    pos: 0,
    readUInt8: () => bytes[stream.pos++]!,
    readInt16BE: () => {
      const v = ((bytes[stream.pos]! << 24) | (bytes[stream.pos + 1]! << 16)) >> 16;
      stream.pos += 2;
      return v;
    },
    readInt32BE: () => {
      const v = (bytes[stream.pos]! << 24) | (bytes[stream.pos + 1]! << 16) | (bytes[stream.pos + 2]! << 8) | bytes[stream.pos + 3]!;
      stream.pos += 4;
      return v;
    },
  };
  const priv = { ...cff.privateDictForGlyph(glyph.id), Subrs: [] };
  const fake = { stream, version: cff.version, topDict: { CharStrings: { [glyph.id]: { offset: 0, length: bytes.length } } }, globalSubrIndex: [], privateDictForGlyph: () => priv };
  const self = Object.create(Object.getPrototypeOf(glyph)) as { id: number; _font: unknown; _getPath(): { toSVG(): string } };
  self.id = glyph.id;
  self._font = { 'CFF ': fake, _variationProcessor: null };
  return self._getPath().toSVG();
}

describe('CFF subsets without subroutines', () => {
  const font = fontkit.openSync(path.join(fontsDir, 'NotoSansHans-Regular.otf')) as fontkit.Font;
  const cff = (font as unknown as { 'CFF ': Cff })['CFF '];
  const read = (r: Range) => {
    cff.stream.pos = r.offset;
    return cff.stream.readBuffer(r.length);
  };

  it('gives every glyph the outline it has with its subroutines', () => {
    const text = '日内瓦（2026年3月22日）——联合国人权事务高级专员办事处今天发布报告。ABCxyz0123，“”';
    const gids = [0, ...[...text].map((c) => font.glyphForCodePoint(c.codePointAt(0)!).id)];
    // and a spread of the font's glyphs, from every font dict
    for (let gid = 1; gid < font.numGlyphs; gid += 97) gids.push(gid);
    let calls = 0;
    for (const gid of gids) {
      const fd = cff.fdForGlyph(gid);
      const local = cff.topDict.FDArray[fd]?.Private?.Subrs ?? [];
      const original = cff.getCharString(gid);
      const flat = flattenCharstring(original, read, local, cff.globalSubrIndex);
      if (original.includes(10) || original.includes(29)) calls++;
      expect(outlineOf(font.getGlyph(gid), cff, flat), `glyph ${gid}`).toBe(font.getGlyph(gid).path.toSVG());
    }
    // the check means something only if glyphs did call subroutines
    expect(calls).toBeGreaterThan(100);
  });

  it('writes a subset with no subroutines, much smaller than fontkit’s', () => {
    const gids = [...'新闻发布禁发至年月日时间编号'].map((c) => font.glyphForCodePoint(c.codePointAt(0)!).id);
    const ours = createSubset(font);
    const theirs = (font as unknown as { createSubset(): { includeGlyph(g: number): number; encode(): Uint8Array } }).createSubset();
    for (const g of gids) {
      ours.includeGlyph(g);
      theirs.includeGlyph(g);
    }
    const a = ours.encode();
    const b = theirs.encode();
    expect(a.length).toBeLessThan(b.length / 4);
    expect(a.length).toBeGreaterThan(1000);
  });
});

describe('TrueType subsets', () => {
  it('are byte for byte fontkit’s own, composite glyphs (É, ç, ё) and all', () => {
    const latin = path.join(path.dirname(path.dirname(require.resolve('@embedpdf/fonts-latin'))), 'fonts', 'NotoSans-Regular.ttf');
    const arabic = path.join(path.dirname(path.dirname(require.resolve('@embedpdf/fonts-arabic'))), 'fonts', 'NotoNaskhArabic-Regular.ttf');
    for (const [file, text] of [
      [latin, 'Genève, Ginebra, Женева — Éçàñøёй “quoted” 2026'],
      [arabic, 'جنيف (٢٠٢٦) — لجنة حقوق الإنسان'],
    ] as const) {
      const font = fontkit.openSync(file) as fontkit.Font;
      const gids = [...new Set(font.layout(text).glyphs.map((g) => g.id))];
      const ours = createSubset(font);
      const theirs = (font as unknown as { createSubset(): { includeGlyph(g: number): number; encode(): Uint8Array } }).createSubset();
      for (const g of gids) expect(ours.includeGlyph(g)).toBe(theirs.includeGlyph(g));
      expect(Buffer.from(ours.encode()).equals(Buffer.from(theirs.encode())), path.basename(file)).toBe(true);
    }
  });
});
