/**
 * The layout layer's shapes: text broken into lines of positioned runs, lines
 * and tables into flow items, items into pages. Nothing here knows pdfkit; the
 * drawing code (../draw.ts) only places what the layout decided.
 */
import type { Face } from '../fonts.js';

/** A paragraph style, resolved: every value given. */
export interface ResolvedStyle {
  role: string;
  size: number;
  bold: boolean;
  italic: boolean;
  color: string;
  lineHeight: number;
  spaceBefore: number;
  spaceAfter: number;
  align: 'start' | 'center' | 'end' | 'justify';
  /** indent of both sides, in points */
  indent: number;
}

/** A piece of a paragraph's text with one look (before fonts are chosen). */
export interface Span {
  text: string;
  bold: boolean;
  italic: boolean;
  color: string;
  size: number;
  underline: boolean;
  link?: string;
}

/** A run as drawn: one face, one direction, left to right on the line. */
export interface Run {
  /** the text to hand to the font engine (logical order for right-to-left script runs: the engine reverses them) */
  text: string;
  face: Face;
  size: number;
  color: string;
  underline: boolean;
  link?: string;
  /**
   * For a right-to-left run: the source's characters it draws, unmirrored, in
   * the order they stand on the line (left to right), written as the run's
   * ActualText. Text extraction reads a line's glyphs left to right and turns
   * right-to-left stretches round (poppler, pdf.js do); the glyphs' own
   * Unicode would give ligatures (lam-alef) back to front, vowel signs apart
   * from their letters, and mirrored brackets and guillemets turned round.
   */
  actual?: string;
  /** set from the Chinese face for Chinese text (ideographs, their punctuation): a justified line may space its glyphs out */
  ideographic?: boolean;
  /** points added after each glyph (PDF character spacing): a justified Chinese line */
  spacing?: number;
  /** from the line's left edge */
  x: number;
  width: number;
}

export interface Line {
  runs: Run[];
  width: number;
  height: number;
  /** from the line's top to its baseline */
  baseline: number;
}

/** Where a piece of content belongs in the structure tree (headings, paragraphs, list items, cells). */
export interface StructLeaf {
  id: number;
  type: string;
}

/** A paragraph laid out in a column: its lines, and how it may be split across pages. */
export interface ParaBox {
  kind: 'para';
  leaf: StructLeaf;
  lines: Line[];
  spaceBefore: number;
  spaceAfter: number;
  /** horizontal offset of the column from the content's left edge, and its width */
  left: number;
  width: number;
  align: ResolvedStyle['align'];
  dir: 'ltr' | 'rtl';
  /** a heading: kept with what follows */
  keepWithNext: boolean;
  /** drawn beside the first line (a list item's bullet or number) */
  marker?: { line: Line; leaf: StructLeaf; gap: number };
}

export interface TableBox {
  kind: 'table';
  leaf: StructLeaf;
  /** the first row is the header, repeated on each page the table runs onto */
  rows: { leaf: StructLeaf; height: number; cells: { box: ParaBox; x: number; width: number }[] }[];
  spaceBefore: number;
  spaceAfter: number;
  width: number;
  ruleColor: string;
  headerFill: string;
}

export interface ImageBox {
  kind: 'image';
  leaf: StructLeaf;
  file: string;
  alt: string;
  width: number;
  height: number;
  spaceAfter: number;
  dir: 'ltr' | 'rtl';
}

export type FlowItem = ParaBox | TableBox | ImageBox;
