/** The part of fontkit (pdfkit's font engine) that pressready and its tests use. */
declare module 'fontkit' {
  export interface Path {
    toSVG(): string;
  }
  export interface Glyph {
    id: number;
    advanceWidth: number;
    codePoints: number[];
    path: Path;
  }
  /** A glyph's position in a layout, in font units. */
  export interface GlyphPosition {
    xAdvance: number;
    yAdvance: number;
    xOffset: number;
    yOffset: number;
  }
  export interface GlyphRun {
    glyphs: Glyph[];
    positions: GlyphPosition[];
    advanceWidth: number;
  }
  /** fontkit's subset of a font (its TrueType or CFF subset class). */
  export interface Subset {
    includeGlyph(glyph: number | Glyph): number;
    encode(): Uint8Array;
  }
  export interface Font {
    unitsPerEm: number;
    ascent: number;
    descent: number;
    familyName: string;
    /** from the font's name table; null when it has none */
    postscriptName: string | null;
    numGlyphs: number;
    hasGlyphForCodePoint(codePoint: number): boolean;
    glyphForCodePoint(codePoint: number): Glyph;
    getGlyph(glyphId: number, codePoints?: number[]): Glyph;
    layout(text: string, features?: string[] | Record<string, boolean>): GlyphRun;
    createSubset(): Subset;
  }
  export function openSync(path: string): Font | { fonts: Font[] };
  /** the font of a collection (TTC) by its PostScript name; null when it has none of that name */
  export function openSync(path: string, postscriptName: string): Font | null;
  export function create(buffer: Uint8Array): Font | { fonts: Font[] };
  export function create(buffer: Uint8Array, postscriptName: string): Font | null;
}
