/**
 * Font subsets as pdfkit embeds them: fontkit's, made faster where they were
 * slow. pdfkit asks the font it is given for `createSubset()` (./fonts.ts).
 *
 * - CFF fonts (the Chinese faces): without subroutines (./cff-flat.ts).
 * - TrueType fonts: a simple glyph is copied as its bytes without being decoded
 *   first. fontkit decoded every glyph (its points and flags) only to learn
 *   whether it was made of other glyphs, which it then adds too — 14% of an
 *   Arabic release's warm render. A composite glyph still goes through fontkit.
 */
import type * as fontkit from 'fontkit';
import { withoutSubroutines, type Subset } from './cff-flat.js';

interface TrueTypeSubset {
  font: TrueTypeFont;
  glyf: Uint8Array[];
  offset: number;
  loca: { offsets: number[] };
  hmtx: { metrics: { advance: number; bearing: number }[] };
  _addGlyph(gid: number): number;
}

interface TrueTypeFont {
  loca: { offsets: ArrayLike<number> };
  _variationProcessor?: unknown;
  _getTableStream(tag: string): { pos: number; readBuffer(n: number): Uint8Array };
  getGlyph(gid: number): { advanceWidth: number; _getMetrics(): { leftBearing: number } };
}

export function createSubset(font: fontkit.Font): Subset {
  const subset = (font as unknown as { createSubset(): Subset }).createSubset();
  if (subset.cff) return withoutSubroutines(subset, font);
  const ttf = subset as unknown as TrueTypeSubset;
  if (typeof ttf._addGlyph !== 'function' || !ttf.font?.loca) return subset;
  const original = ttf._addGlyph;
  ttf._addGlyph = function (this: TrueTypeSubset, gid: number): number {
    const f = this.font;
    if (f._variationProcessor) return original.call(this, gid);
    const start = f.loca.offsets[gid]!;
    const end = f.loca.offsets[gid + 1]!;
    const stream = f._getTableStream('glyf');
    stream.pos += start;
    const bytes = stream.readBuffer(end - start);
    // numberOfContours, the glyph's first field: negative for a composite glyph
    if (bytes.length >= 2 && ((bytes[0]! << 24) | (bytes[1]! << 16)) >> 16 < 0) return original.call(this, gid);
    const glyph = f.getGlyph(gid);
    this.glyf.push(bytes);
    this.loca.offsets.push(this.offset);
    this.hmtx.metrics.push({ advance: glyph.advanceWidth, bearing: glyph._getMetrics().leftBearing });
    this.offset += bytes.length;
    return this.glyf.length - 1;
  };
  return subset;
}
