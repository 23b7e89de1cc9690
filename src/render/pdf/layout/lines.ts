/**
 * A paragraph → lines of positioned runs. Each character gets a face that has
 * its glyph (../fonts.ts); the text breaks at the Unicode line-break
 * opportunities (UAX #14: Chinese between characters, never before closing
 * punctuation); each line is reordered by the Unicode bidi algorithm (UAX #9, via
 * bidi-js), so that Arabic reads right to left while digits and Latin inside it
 * keep their order and brackets are mirrored.
 */

import bidiFactory, { type EmbeddingLevels } from 'bidi-js';
import { onForget, touches } from '../../../io/stamp.js';
import { breakPieces } from '../../../text/wrap.js';
import { type Face, type FontSet, hanContext, isDefaultIgnorable, layoutText, SHAPED } from '../fonts.js';
import type { Line, Run, Span } from './types.js';

const bidi = bidiFactory();

const ARABIC = /\p{Script=Arabic}/u;

/** An ideograph (一): the face that draws it is the Chinese face of a style. */
const HAN_PROBE = 0x4e00;

/** Whether a paragraph is Chinese text: more ideographs (and kana) than other letters. */
export function isHanText(text: string): boolean {
  const han = text.match(/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/gu)?.length ?? 0;
  const other = text.match(/(?![\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}])\p{L}/gu)?.length ?? 0;
  return han > other;
}

/**
 * Chinese justification: every line but the last fills the width, its extra
 * space spread evenly after the glyphs of its Chinese runs (ideographs and
 * their punctuation), the last glyph of the line excepted; Latin words inside
 * keep their letters together. A line with nowhere to spread, or that would
 * need more than half an em a gap, is left as it is.
 */
export function justifyHan(lines: Line[], width: number): Line[] {
  return lines.map((line, n) => {
    const extra = width - line.width;
    if (n === lines.length - 1 || extra <= 0.01) return line;
    const count = (r: Run) => (r.ideographic ? [...r.text].length : 0);
    const last = line.runs[line.runs.length - 1];
    const gaps = line.runs.reduce((g, r) => g + count(r), 0) - (last?.ideographic ? 1 : 0);
    const size = Math.max(...line.runs.map((r) => r.size));
    if (gaps <= 0 || extra / gaps > size / 2) return line;
    const each = extra / gaps;
    let shift = 0;
    const runs = line.runs.map((r) => {
      const k = count(r);
      const out: Run = k ? { ...r, x: r.x + shift, spacing: each, width: r.width + k * each } : { ...r, x: r.x + shift };
      shift += k * each;
      return out;
    });
    return { ...line, runs, width };
  });
}

/** Whether text has a strong right-to-left character (bidi class R or AL). */
const strongRtl = (s: string) => [...s].some((c) => /^(R|AL)$/.test((bidi as unknown as { getBidiCharTypeName(c: string): string }).getBidiCharTypeName(c)));

/** Line breaks and the invisible bidi controls (isolates, marks): not drawn. */
const INVISIBLE = /[\n\u2028\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;

/**
 * Characters that can give text a level other than 0 in a left-to-right
 * paragraph (UAX #9): right-to-left letters and Arabic digits (the Hebrew to
 * Arabic-extended blocks, presentation forms, the right-to-left historic and
 * Adlam/Arabic-mathematical planes) and explicit embeddings and isolates. Text
 * without them is all at level 0: no reordering, no mirroring, and no call to
 * the bidi algorithm, which allocates for every character.
 */
const MAY_REORDER = /[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFE\u200F\u202A-\u202E\u2066-\u2069\u{10800}-\u{10FFF}\u{1E800}-\u{1EFFF}]/u;

interface MissingGlyph {
  char: string;
  /** the text around it, to find it in the source */
  context: string;
}

/** Widths per em by font file and text (shaped) or code point: for the process, as the fonts are. */
const shapedWidths = new Map<string, Map<string, number>>();
const advances = new Map<string, Map<number, number>>();
const WIDTHS_MAX = 50_000;
// a template's font file that changed has other widths (../../../io/stamp.ts)
onForget((changed) => {
  for (const cache of [shapedWidths, advances]) for (const file of cache.keys()) if (touches(file, changed)) cache.delete(file);
});

export class TextLayout {
  /** the paragraph being broken into lines has no character that needs shaping (SHAPED) */
  private plain = false;

  /**
   * `known`: strings a line never breaks inside, beyond the addresses and phone
   * numbers found in the text (../../../text/unbreakable.ts): the release's
   * contacts' numbers and addresses, as compose gives them.
   */
  constructor(
    private readonly fonts: FontSet,
    private readonly missing: (m: MissingGlyph) => void,
    private readonly known: readonly string[] = [],
  ) {}

  /**
   * Width in points. Text that needs shaping (Arabic, combining marks) is laid
   * out by the font engine; other text is the sum of its glyphs' advances, from a
   * cache (it is drawn without kerning, ../draw.ts, so the widths are exact).
   */
  measure(face: Face, size: number, text: string): number {
    if (!SHAPED.test(text)) {
      let w = 0;
      for (const ch of text) w += this.advance(face, ch);
      return w * size;
    }
    let byFace = shapedWidths.get(face.file);
    if (!byFace) shapedWidths.set(face.file, (byFace = new Map()));
    let w = byFace.get(text);
    if (w === undefined) {
      const font = this.fonts.open(face);
      w = layoutText(font, text).advanceWidth / font.unitsPerEm;
      if (byFace.size >= WIDTHS_MAX) byFace.clear();
      byFace.set(text, w);
    }
    return w * size;
  }

  /**
   * measure(face, size, text.slice(a, b)), for text that needs no shaping (the
   * caller knows): the same sum, in the same order, without the slice.
   */
  private measurePlain(face: Face, size: number, text: string, a: number, b: number): number {
    let w = 0;
    for (let i = a; i < b; ) {
      let cp = text.codePointAt(i)!;
      // a pair cut by the end of the range is its first half alone, as in the slice
      if (cp > 0xffff && i + 1 >= b) cp = text.charCodeAt(i);
      w += this.advanceOf(face, cp);
      i += cp > 0xffff ? 2 : 1;
    }
    return w * size;
  }

  /** Advance widths by face and code point (per em): the hot path of line breaking. */
  private advance(face: Face, ch: string): number {
    return this.advanceOf(face, ch.codePointAt(0)!);
  }

  private advanceOf(face: Face, cp: number): number {
    let byFace = advances.get(face.file);
    if (!byFace) advances.set(face.file, (byFace = new Map()));
    let w = byFace.get(cp);
    if (w === undefined) {
      const font = this.fonts.open(face);
      w = isDefaultIgnorable(cp) ? 0 : font.glyphForCodePoint(cp).advanceWidth / font.unitsPerEm;
      byFace.set(cp, w);
    }
    return w;
  }

  /** Lines of at most `width` points; `dir` is the paragraph's base direction. */
  lines(spans: readonly Span[], role: string, width: number, dir: 'ltr' | 'rtl', lineHeight: number): Line[] {
    const text = spans.map((s) => s.text).join('');
    if (!text.trim()) return [];
    const spanAt: number[] = [];
    spans.forEach((s, i) => {
      for (let k = 0; k < s.text.length; k++) spanAt.push(i);
    });
    const han = hanContext(text);
    const faces = this.assignFaces(text, spans, spanAt, role, han);
    const levels = dir === 'ltr' && !MAY_REORDER.test(text) ? null : bidi.getEmbeddingLevels(text, dir);
    // no character of the paragraph needs shaping: widths are sums of advances, measured in place
    this.plain = !SHAPED.test(text);
    const ranges = this.breakLines(text, spans, spanAt, faces, width);
    return ranges.map(([start, end, scale]) => this.line(text, spans, spanAt, faces, han, role, levels, start, end, lineHeight, scale));
  }

  /** A face for every character (a surrogate pair's second half takes the first's). */
  private assignFaces(text: string, spans: readonly Span[], spanAt: number[], role: string, han: boolean[]): Face[] {
    const faces: Face[] = [];
    for (let i = 0; i < text.length; i++) {
      const cp = text.codePointAt(i)!;
      const s = spans[spanAt[i]!]!;
      let face = this.fonts.faceFor(cp, role, s.bold, s.italic, han[i]);
      if (!face) {
        this.missing({ char: String.fromCodePoint(cp), context: text.slice(Math.max(0, i - 20), i + 20) });
        face = this.fonts.primary(role, s.bold, s.italic);
      }
      faces.push(face);
      if (cp > 0xffff) faces.push(face), i++;
    }
    return faces;
  }

  /** The width of text[start, end): the sum, in order, of its stretches of one span and one face. */
  private width(text: string, spans: readonly Span[], spanAt: number[], faces: Face[], start: number, end: number): number {
    let w = 0;
    let a = start;
    for (let i = start + 1; i <= end; i++) {
      if (i === end || spanAt[i] !== spanAt[a] || faces[i] !== faces[a]) {
        const face = faces[a]!;
        // a script's own face at its scale (Arabic is set larger: ../../scripts.ts)
        const size = spans[spanAt[a]!]!.size * face.scale;
        w += this.plain ? this.measurePlain(face, size, text, a, i) : this.measure(face, size, text.slice(a, i));
        a = i;
      }
    }
    return w;
  }

  /**
   * Greedy line filling over the break opportunities. A word longer than a line
   * is cut where it must be; an address or a phone number never is: one wider
   * than the line stands alone on its line, set smaller to fit (the third
   * value, a scale), so that a reader can still read it whole and copy or follow
   * it — cut, it would read as two addresses, and text extracted from the PDF
   * would hold it broken.
   */
  private breakLines(text: string, spans: readonly Span[], spanAt: number[], faces: Face[], max: number): [number, number, number?][] {
    const lines: [number, number, number?][] = [];
    let lineStart = 0;
    let lineEnd = 0;
    let used = 0;
    let offset = 0;
    const flush = () => {
      if (lineEnd > lineStart) lines.push([lineStart, lineEnd]);
      lineStart = lineEnd;
      used = 0;
    };
    for (const piece of breakPieces(text, this.known)) {
      const start = offset;
      const end = offset + piece.text.length;
      offset = end;
      const body = piece.text.replace(/\s+$/, '');
      const content = this.width(text, spans, spanAt, faces, start, start + body.length);
      const full = this.width(text, spans, spanAt, faces, start, end);
      if (used > 0 && used + content > max) flush();
      if (content > max && piece.whole) {
        lineEnd = end;
        lines.push([lineStart, lineEnd, max / content]);
        lineStart = lineEnd;
        used = 0;
      } else if (content > max) {
        // a word wider than the column: cut it between characters (never inside a letter with its marks) into
        // pieces that fit. Each cut is found by galloping, then bisecting, over the places it may go, so that no
        // measure spans more than twice a line: measuring every prefix was quadratic (a 7 KB word took ~40 s).
        const cuts = graphemeEnds(text, start, start + body.length);
        const fits = (a: number, k: number) => this.width(text, spans, spanAt, faces, a, cuts[k]!) <= max;
        let a = start;
        let k = 0;
        while (k < cuts.length - 1) {
          let step = 1;
          while (k + step < cuts.length && fits(a, k + step)) step *= 2;
          if (k + step >= cuts.length && fits(a, cuts.length - 1)) break; // the rest fits on this line
          // the last place that fits lies in [k + step / 2, k + step); k itself is taken even when it does not fit
          let lo = step > 1 ? k + step / 2 : k;
          let hi = Math.min(k + step, cuts.length) - 1;
          while (lo < hi) {
            const mid = (lo + hi + 1) >> 1;
            if (fits(a, mid)) lo = mid;
            else hi = mid - 1;
          }
          lineEnd = cuts[lo]!;
          flush();
          a = lineEnd;
          k = lo + 1;
        }
        lineEnd = end;
        used = this.width(text, spans, spanAt, faces, a, end);
      } else {
        lineEnd = end;
        used += full;
      }
      if (piece.required && /[\n\u2028]$/.test(piece.text)) flush();
    }
    flush();
    return lines;
  }

  private line(
    text: string,
    spans: readonly Span[],
    spanAt: number[],
    faces: Face[],
    han: boolean[],
    role: string,
    levels: EmbeddingLevels | null,
    start: number,
    endWithSpace: number,
    lineHeight: number,
    scale = 1,
  ): Line {
    let end = endWithSpace;
    while (end > start && /[\s\u2028]/.test(text[end - 1]!)) end--;
    // visual order: flip the segments the bidi algorithm names, in turn
    const order = Array.from({ length: end - start }, (_, k) => start + k);
    for (const [a, b] of levels && end > start ? bidi.getReorderSegments(text, levels, start, end - 1) : []) {
      const seg = order.slice(a - start, b - start + 1).reverse();
      order.splice(a - start, seg.length, ...seg);
    }
    const mirrored = levels && end > start ? bidi.getMirroredCharactersMap(text, levels.levels, start, end - 1) : new Map<number, string>();
    const level = (i: number) => (levels ? levels.levels[i]! : 0);
    const runs: Run[] = [];
    let x = 0;
    let k = 0;
    while (k < order.length) {
      const first = order[k]!;
      const rtl = level(first) % 2 === 1;
      let n = k + 1;
      while (n < order.length) {
        const prev = order[n - 1]!;
        const i = order[n]!;
        if (spanAt[i] !== spanAt[first] || faces[i] !== faces[first] || level(i) !== level(first) || i !== prev + (rtl ? -1 : 1)) break;
        n++;
      }
      const indices = order.slice(k, n);
      const chars = indices.map((i) => mirrored.get(i) ?? text[i]!);
      // The font engine lays out Arabic right to left itself: give it Arabic in reading order.
      const logical = rtl && chars.some((c) => ARABIC.test(c));
      // line breaks and the invisible bidi controls (isolates, marks) are not drawn
      const runText = (logical ? [...chars].reverse() : chars).join('').replace(INVISIBLE, '');
      const span = spans[spanAt[first]!]!;
      const face = faces[first]!;
      const size = span.size * scale * face.scale;
      const width = runText ? this.measure(face, size, runText) : 0;
      // What text extraction reads for a right-to-left run (see Run.actual): the source's characters, not mirrored, in the order they stand on the line.
      let actual = rtl
        ? indices
            .map((i) => text[i]!)
            .join('')
            .replace(INVISIBLE, '')
        : undefined;
      // Punctuation the bidi algorithm set right to left (a bracket round Latin or digits in Arabic, the ` / ` between
      // two phone numbers) says so with a right-to-left mark: extraction would otherwise take it with the Latin beside
      // it, turn it round, and read the Latin on either side as one left-to-right stretch in the wrong order.
      if (actual && /\S/u.test(actual) && !strongRtl(actual)) actual = `\u200F${actual}\u200F`;
      const ideographic = han[first]! && face === this.fonts.faceFor(HAN_PROBE, role, span.bold, span.italic);
      if (runText)
        runs.push({
          text: runText,
          face,
          size,
          color: span.color,
          underline: span.underline,
          ...(span.link ? { link: span.link } : {}),
          ...(actual ? { actual } : {}),
          ...(ideographic ? { ideographic } : {}),
          x,
          width,
        });
      x += width;
      k = n;
    }
    let ascent = 0;
    let descent = 0;
    let size = 0;
    for (const r of runs.length ? runs : []) {
      const m = this.fonts.metrics(r.face);
      ascent = Math.max(ascent, (m.ascent / m.unitsPerEm) * r.size);
      descent = Math.max(descent, (-m.descent / m.unitsPerEm) * r.size);
      size = Math.max(size, r.size);
    }
    const height = Math.max(size * lineHeight, ascent + descent);
    return { runs, width: x, height, baseline: (height - (ascent + descent)) / 2 + ascent };
  }
}

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** The ends of the grapheme clusters of text[from, to): where a word too wide for its line may be cut. */
function graphemeEnds(text: string, from: number, to: number): number[] {
  const ends: number[] = [];
  for (const g of graphemes.segment(text.slice(from, to))) ends.push(from + g.index + g.segment.length);
  return ends;
}
