/**
 * pdfkit where pressready reaches past its public API: the only module in src/
 * that touches pdfkit's private members or relies on what pdfkit does with the
 * font objects it is given (test/adapters.test.ts checks that, and has a
 * contract test for each patch here, which fails when an upgrade of pdfkit
 * changes what the patch relies on). pdfkit is pinned in package.json.
 *
 * The patches, each measured by disabling it (warm renders of the examples, in
 * one process, against the patched build; README "Patched dependencies"):
 *
 * 1. fontForPdfkit — the fontkit font pdfkit embeds, behind a Proxy: pdfkit's
 *    `EmbeddedFont` lays text out by calling `font.layout(text)` and subsets by
 *    `font.createSubset()`; both are answered by the caller's own (layout
 *    without OpenType features, shaped words remembered; subsets that are
 *    smaller and faster). pdfkit scales the positions of a layout in place
 *    (`EmbeddedFont.layoutRun`), so each call gets its own copy of them:
 *    without it a remembered Arabic word was scaled again by every later PDF
 *    of the process (Noto Naskh has 2,048 units an em: the second Arabic PDF
 *    came out 2.5 KB larger, its words squeezed). Speed (the layouts: 6 ms a
 *    Latin PDF, 58 ms an Arabic one) and correctness (the copy). No upstream
 *    issue found; pdfkit scaling a copy would make the copy here unnecessary.
 * 2. escapeXmp — pdfkit writes the document information into the XMP
 *    metadata without XML escaping (`_addInfo`): a title with `&` or `<`
 *    makes the XMP malformed and the file fails PDF/A. Correctness. No
 *    upstream issue found.
 * 3. defaultFontAs — the default font (the primary face, given to the
 *    document's constructor) under the key it is registered with too
 *    (`_fontFamilies`): pdfkit knows it by the font's name only, and opened it
 *    again and compared the two fonts' name tables (as JSON) at every switch
 *    back to it: 9 ms of an Arabic PDF (its lines alternate faces), 3 ms of a
 *    Chinese one; and a font number is used up at each reopening, which changes
 *    the bytes. Speed. No upstream issue found (pdfkit's `font()` could
 *    remember the key when it finds the font equal to one it has).
 * 4. currentFont — the font and size pdfkit's `font()` and `fontSize()` set
 *    (`_font`, `_fontSize`), made a resource of the page, and text encoded with
 *    it as pdfkit's own `text()` encodes it (`EmbeddedFont.encode`): the drawer
 *    writes its text objects itself, so that a right-to-left run's ActualText
 *    lies inside the text object (../render/pdf/draw.ts says why). Correctness.
 *
 * Dropped: a copy of pdfkit's `encode` that allocated less (it read
 * `layoutCached`, `subset`, `widths`, `unicode` and `scale` of pdfkit's font):
 * 0.3–1 ms a PDF (2–4%), the same bytes.
 */

import type * as fontkit from 'fontkit';
import type PDFKit from 'pdfkit';

// ---------------------------------------------------------------------------
// 1. The font pdfkit embeds

/** A glyph's position in a layout, in font units (as fontkit gives them). */
export interface GlyphPosition {
  xAdvance: number;
  yAdvance: number;
  xOffset: number;
  yOffset: number;
}

/** A layout as fontkit's `font.layout` gives one: what pdfkit reads of it. */
export interface GlyphRun {
  readonly glyphs: fontkit.Glyph[];
  readonly positions: readonly GlyphPosition[];
}

/** What answers pdfkit's calls on the font. */
interface FontHooks {
  /** the layout of `text` as pdfkit is to draw it (pdfkit asks word by word, features unset) */
  layout(text: string): GlyphRun;
  /** the subset pdfkit embeds (pdfkit uses `includeGlyph`, `encode`, `cff`) */
  createSubset(): unknown;
}

/** A layout as pdfkit reads one: its own positions, which pdfkit scales in place. */
class PdfkitRun {
  readonly positions: GlyphPosition[];
  constructor(
    readonly glyphs: fontkit.Glyph[],
    positions: readonly GlyphPosition[],
  ) {
    this.positions = positions.map((p) => ({ xAdvance: p.xAdvance, yAdvance: p.yAdvance, xOffset: p.xOffset, yOffset: p.yOffset }));
  }
  get advanceWidth(): number {
    let w = 0;
    for (const p of this.positions) w += p.xAdvance;
    return w;
  }
}

/**
 * `font` as pdfkit is to embed it (a font source for `new PDFDocument({ font })`
 * and `registerFont`: pdfkit takes any object with a `layout` method, though its
 * types say a path): layouts and the subset from `hooks`, everything else the
 * font's own. A call with features (which pressready does not make) goes to fontkit.
 */
export function fontForPdfkit(font: fontkit.Font, hooks: FontHooks): string {
  return new Proxy(font, {
    get(target, prop) {
      if (prop === 'createSubset') return () => hooks.createSubset();
      if (prop === 'layout') {
        return (text: string, features?: unknown, ...rest: unknown[]) => {
          if (features !== undefined || rest.length > 0 || typeof text !== 'string') return (target.layout as (...a: unknown[]) => fontkit.GlyphRun)(text, features, ...rest);
          const run = hooks.layout(text);
          return new PdfkitRun(run.glyphs, run.positions);
        };
      }
      const value = Reflect.get(target, prop, target) as unknown;
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  }) as unknown as string;
}

// ---------------------------------------------------------------------------
// 2. XMP

const XMP_KEYS = ['Title', 'Author', 'Subject', 'Keywords', 'Creator', 'Producer'] as const;

function xmlEscape(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** The document information XML-escaped while pdfkit writes it into the XMP (at `end()`); the Info dictionary keeps it as it is. */
export function escapeXmp(doc: PDFKit.PDFDocument): void {
  const d = doc as unknown as { _addInfo: () => void; info: Record<string, unknown> };
  const addInfo = d._addInfo.bind(doc);
  d._addInfo = () => {
    const original = { ...d.info };
    for (const k of XMP_KEYS) if (typeof d.info[k] === 'string') d.info[k] = xmlEscape(d.info[k] as string);
    try {
      addInfo();
    } finally {
      d.info = original;
    }
  };
}

// ---------------------------------------------------------------------------
// 3. The default font by its key

/** The document's current font (its default, right after the constructor) known to `doc.font(key)` as well. */
export function defaultFontAs(doc: PDFKit.PDFDocument, key: string): void {
  const d = doc as unknown as { _fontFamilies?: Record<string, unknown>; _font?: unknown };
  if (d._fontFamilies && d._font && !d._fontFamilies[key]) d._fontFamilies[key] = d._font;
}

// ---------------------------------------------------------------------------
// 4. Text in the current font

/** A glyph's position as pdfkit's `encode` gives it: scaled to 1000 units an em, with the glyph's advance. */
interface EncodedPosition {
  xAdvance: number;
  advanceWidth: number;
  xOffset: number;
  yOffset: number;
}

/** What of pdfkit's embedded font (its EmbeddedFont) the drawer uses. */
interface EmbeddedFont {
  id: string;
  ref(): unknown;
  encode(text: string): [string[], EncodedPosition[]];
}

/** The font and size set by `doc.font()` and `doc.fontSize()`, as a text object needs them. */
interface CurrentFont {
  /** the font's resource name on the page (`/F1`) */
  id: string;
  size: number;
  /** `text` as glyph ids (hex, as a PDF string holds them) and their positions, the glyphs taken into the font's subset */
  encode(text: string): [string[], EncodedPosition[]];
}

/** The current font, made a resource of the current page (as pdfkit's `text()` does). */
export function currentFont(doc: PDFKit.PDFDocument): CurrentFont {
  const d = doc as unknown as { _font: EmbeddedFont; _fontSize: number; page: { fonts: Record<string, unknown> } };
  const font = d._font;
  if (d.page.fonts[font.id] == null) d.page.fonts[font.id] = font.ref();
  return { id: font.id, size: d._fontSize, encode: (text) => font.encode(text) };
}
