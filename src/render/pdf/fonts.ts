/**
 * Fonts for the PDF: the template's faces by role, then, character by character,
 * a face that has the glyph — the role's own faces for a script, then the bundled
 * Noto fonts for it (Latin, Cyrillic and Greek always; Arabic; Simplified Chinese,
 * loaded only when a character needs it). Coverage comes from fontkit (the font
 * engine pdfkit embeds with), so a character is never drawn from a font that lacks it.
 */
import path from 'node:path';
import * as fontkit from 'fontkit';
import { compactCff, createSubset, forgetGlyphCache, postHeaderFirst } from '../../adapters/fontkit.js';
import { fontForPdfkit, type GlyphPosition } from '../../adapters/pdfkit.js';
import { onForget, touches } from '../../io/stamp.js';
import type { FontFaces, Template } from '../../templates/types.js';
import { ARABIC_CHARS, CHINESE_CHARS } from '../../text/scripts.js';
import { SCRIPT_TYPOGRAPHY } from '../scripts.js';
import { BUNDLED, bundledFile, SCRIPT_FACES, sharedFont } from './bundled.js';

const SCRIPTS = ['Latn', 'Arab', 'Hans'] as const;
type Script = (typeof SCRIPTS)[number];

/** The script a character needs a face for (ISO 15924; ./bundled.ts says which characters go where). */
export function scriptOf(ch: string): Script {
  if (ARABIC_CHARS.test(ch)) return 'Arab';
  if (CHINESE_CHARS.test(ch)) return 'Hans';
  return 'Latn';
}

/** The chain of Chinese faces only, for punctuation in Chinese text. */
const HAN_ONLY = 'Hans!';

/**
 * Punctuation that Latin and Chinese text share (curly quotes, middle dot,
 * dashes, ellipsis: the Latin-1 middle dot and the General Punctuation block).
 * The Latin faces have them narrow; in Chinese text they are set from the
 * Chinese face, which has them full width.
 */
const SHARED_PUNCTUATION = /[\u00B7\u2010-\u2027\u2030-\u205E]/u;

/** Characters that make their surroundings Chinese text: ideographs, kana, bopomofo. */
const HAN_TEXT = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Bopomofo}]/u;

/**
 * For each UTF-16 index of `text`: whether the character stands in Chinese
 * text, that is, the nearest letter before it (or, at the start, after it) is
 * an ideograph (or kana, bopomofo).
 */
export function hanContext(text: string): boolean[] {
  const out = new Array<boolean>(text.length).fill(false);
  if (!HAN_TEXT.test(text)) return out;
  let last: boolean | undefined;
  const pending: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (HAN_TEXT.test(ch) || /[\p{L}\p{N}]/u.test(ch)) {
      last = HAN_TEXT.test(ch) || (ch >= '\uD800' && ch <= '\uDBFF' && HAN_TEXT.test(text.slice(i, i + 2)));
      for (const k of pending.splice(0)) out[k] = last;
    }
    if (last === undefined) pending.push(i);
    out[i] = last ?? false;
  }
  return out;
}

export interface Face {
  /** the name pdfkit knows the face by */
  key: string;
  file: string;
  /** the size of its text relative to the style's: a script's own face may be set larger (../../scripts.ts) */
  scale: number;
}

type Variant = 'regular' | 'bold' | 'italic' | 'boldItalic';

function variantOf(bold: boolean, italic: boolean): Variant {
  return bold ? (italic ? 'boldItalic' : 'bold') : italic ? 'italic' : 'regular';
}

interface Opened {
  face: Face;
  readonly font: fontkit.Font;
}

const openedFonts = new Map<string, fontkit.Font>();
// a template's font file that changed (the template's cache saw it, or a watch did) is opened afresh (../../io/stamp.ts)
onForget((changed) => {
  for (const file of openedFonts.keys()) if (touches(file, changed)) openedFonts.delete(file);
});

function open(file: string): fontkit.Font {
  let f = openedFonts.get(file);
  if (!f) {
    const shared = sharedFont(file);
    const opened = shared ? fontkit.create(shared) : fontkit.openSync(file);
    f = ('fonts' in opened ? (opened as unknown as { fonts: fontkit.Font[] }).fonts[0]! : opened) as fontkit.Font;
    compactCff(f);
    postHeaderFirst(f);
    openedFonts.set(file, f);
  }
  return f;
}

/**
 * Parsed fonts are kept for the process (parsing three faces costs ~100 ms a
 * document), but not their glyph cache: fontkit's subsetter creates the
 * components of composite glyphs (the `E` of `É`) without their code points, and
 * fontkit caches them so; a later document that draws that `E` would then map it
 * to no text (../../adapters/fontkit.ts). Called before and after each document.
 */
export function forgetGlyphs(): void {
  for (const [file, font] of openedFonts) {
    if (!forgetGlyphCache(font)) openedFonts.delete(file); // another fontkit: open it afresh next time
  }
}

/** The faces one release may draw with, and which one draws a given character. */
export class FontSet {
  /** faces in use, in the order they were first used: registered with pdfkit by the renderer */
  readonly used = new Map<string, Face>();
  private readonly chains = new Map<string, Opened[]>();

  constructor(private readonly template: Template) {}

  /** A face value (bundled name or template file) → its file. */
  private fileOf(value: string, key: string): string {
    return BUNDLED[value] ? bundledFile(value) : (this.template.files[key] ?? bundledFile('noto-sans'));
  }

  /** The faces to try for a role and variant, best first; each opened lazily. */
  private chain(role: string, variant: Variant, script: string): Opened[] {
    const id = `${role}/${variant}/${script}`;
    const cached = this.chains.get(id);
    if (cached) return cached;
    const candidates: [string, string, number][] = [];
    const roleFaces = this.template.settings.fonts[role];
    // a face made for the character's script sets it at that script's size; the role's own (Latin) faces at the style's
    const pick = (faces: FontFaces | undefined, prefix: string, scale = 1) => {
      if (!faces) return;
      // a missing variant falls back within the faces: bold italic → bold → regular
      const order: Variant[] = variant === 'boldItalic' ? ['boldItalic', 'bold', 'italic', 'regular'] : variant === 'regular' ? ['regular'] : [variant, 'regular'];
      const v = order.find((o) => faces[o]);
      if (v) candidates.push([faces[v]!, `${prefix}.${v}`, scale]);
    };
    if (script === HAN_ONLY) {
      // the Chinese faces alone: the role's, then the bundled one
      const scale = SCRIPT_TYPOGRAPHY.Hans?.sizeScale ?? 1;
      pick(roleFaces?.scripts?.Hans, `fonts.${role}.scripts.Hans`, scale);
      pick(SCRIPT_FACES.Hans, 'bundled', scale);
    } else {
      const scale = SCRIPT_TYPOGRAPHY[script]?.sizeScale ?? 1;
      if (script !== 'Latn') pick(roleFaces?.scripts?.[script], `fonts.${role}.scripts.${script}`, scale);
      pick(roleFaces, `fonts.${role}`);
      if (script !== 'Latn') pick(SCRIPT_FACES[script], 'bundled', scale);
      pick(SCRIPT_FACES.Latn, 'bundled');
    }
    const chain = candidates.map(([value, key, scale]): Opened => {
      const file = this.fileOf(value, key);
      return {
        face: { key: path.basename(file).replace(/\W/g, '_'), file, scale },
        // opened on first use: the 8 MB Chinese font only when a Chinese character asks for it
        get font() {
          return open(file);
        },
      };
    });
    this.chains.set(id, chain);
    return chain;
  }

  /** chosen faces by role and style, then code point */
  private readonly chosen = new Map<string, Map<number, Face | null>>();
  private lastStyle: { role: string; bold: boolean; italic: boolean; byCp: Map<number, Face | null> } | undefined;

  /**
   * The face that draws code point `cp`; `undefined` when none of them has it.
   * `han`: the character stands in Chinese text, where punctuation shared by
   * scripts (SHARED_PUNCTUATION) is set from the Chinese face, full width.
   */
  faceFor(cp: number, role: string, bold: boolean, italic: boolean, han = false): Face | undefined {
    // consecutive calls are for one span's characters: the last style's map, without a key string a character
    const last = this.lastStyle;
    let byCp: Map<number, Face | null>;
    if (last && last.role === role && last.bold === bold && last.italic === italic) byCp = last.byCp;
    else {
      const style = `${role}\u0000${bold ? 1 : 0}${italic ? 1 : 0}`;
      byCp = this.chosen.get(style) ?? new Map();
      this.chosen.set(style, byCp);
      this.lastStyle = { role, bold, italic, byCp };
    }
    const ch = String.fromCodePoint(cp);
    const inHan = han && SHARED_PUNCTUATION.test(ch);
    // a shared punctuation mark in Chinese text: its own key, past the last code point
    const key = inHan ? cp + 0x110000 : cp;
    const known = byCp.get(key);
    if (known !== undefined) return known ?? undefined;
    const face = (inHan ? this.chain(role, variantOf(bold, italic), HAN_ONLY).find((c) => c.font.hasGlyphForCodePoint(cp))?.face : undefined) ?? this.choose(ch, role, bold, italic);
    byCp.set(key, face ?? null);
    if (face) this.used.set(face.key, face);
    return face;
  }

  private choose(ch: string, role: string, bold: boolean, italic: boolean): Face | undefined {
    const cp = ch.codePointAt(0)!;
    const script = scriptOf(ch);
    const chain = this.chain(role, variantOf(bold, italic), script);
    // spaces and controls: the first face, whatever its coverage
    const has = (c: Opened) => c.font.hasGlyphForCodePoint(cp);
    const found = /[\s\u200B-\u200F\u2028-\u202E\u2060-\u206F]/u.test(ch)
      ? chain[0]
      : // then the faces of the other scripts: a symbol may be in any of them
        (chain.find(has) ??
        SCRIPTS.filter((s) => s !== script)
          .map((s) => this.chain(role, variantOf(bold, italic), s).find(has))
          .find(Boolean));
    return found?.face;
  }

  /** The role's main face, for what has no glyph anywhere (it draws the font's .notdef). */
  primary(role: string, bold: boolean, italic: boolean): Face {
    const f = this.chain(role, variantOf(bold, italic), 'Latn')[0]!.face;
    this.used.set(f.key, f);
    return f;
  }

  open(face: Face): fontkit.Font {
    return open(face.file);
  }

  metrics(face: Face): { ascent: number; descent: number; unitsPerEm: number } {
    const f = open(face.file);
    return { ascent: f.ascent, descent: f.descent, unitsPerEm: f.unitsPerEm };
  }
}

const PLAIN = Object.fromEntries(['ccmp', 'locl', 'rlig', 'rclt', 'rvrn', 'mark', 'mkmk', 'calt', 'clig', 'liga', 'kern', 'curs', 'dist', 'abvm', 'blwm'].map((f) => [f, false]));
/** Text whose glyphs depend on their neighbours. */
export const SHAPED = /[\p{Script=Arabic}\p{M}]/u;

/**
 * Text fontkit lays out, without features, one glyph per code point from the
 * cmap at its advance width, left to right: scripts with no shaper of their own
 * and no right-to-left direction, no marks, no variation selectors.
 */
const CMAP_ONLY = /^[\p{Script=Latin}\p{Script=Greek}\p{Script=Cyrillic}\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Bopomofo}\p{Script=Common}]*$/u;

/**
 * Default-ignorable code points (DerivedCoreProperties.txt without U+115F,
 * U+1160, U+3164, U+FFA0, as HarfBuzz and fontkit do): laid out as a space
 * with no advance.
 */
export function isDefaultIgnorable(cp: number): boolean {
  return (
    cp === 0x00ad ||
    cp === 0x034f ||
    cp === 0x061c ||
    (cp >= 0x17b4 && cp <= 0x17b5) ||
    (cp >= 0x180b && cp <= 0x180e) ||
    (cp >= 0x200b && cp <= 0x200f) ||
    (cp >= 0x202a && cp <= 0x202e) ||
    (cp >= 0x2060 && cp <= 0x206f) ||
    (cp >= 0xfe00 && cp <= 0xfe0f) ||
    cp === 0xfeff ||
    (cp >= 0xfff0 && cp <= 0xfff8) ||
    (cp >= 0x1bca0 && cp <= 0x1bca3) ||
    (cp >= 0x1d173 && cp <= 0x1d17a) ||
    (cp >= 0xe0000 && cp <= 0xe0fff)
  );
}

type Position = GlyphPosition;

/** A glyph run as fontkit gives one. Its positions may be shared with other runs of the same text: read them, never change them. */
class Run {
  constructor(
    readonly glyphs: fontkit.Glyph[],
    readonly positions: readonly Position[],
  ) {}
  get advanceWidth(): number {
    let w = 0;
    for (const p of this.positions) w += p.xAdvance;
    return w;
  }
}

/** What fontkit's layout gives for CMAP_ONLY text with every feature off, without its shaping plan (most of its cost). */
function cmapRun(font: fontkit.Font, text: string): Run {
  const glyphs: fontkit.Glyph[] = [];
  const positions: Position[] = [];
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (isDefaultIgnorable(cp)) {
      glyphs.push(font.glyphForCodePoint(0x20));
      positions.push({ xAdvance: 0, yAdvance: 0, xOffset: 0, yOffset: 0 });
    } else {
      const g = font.glyphForCodePoint(cp);
      glyphs.push(g);
      positions.push({ xAdvance: g.advanceWidth, yAdvance: 0, xOffset: 0, yOffset: 0 });
    }
  }
  return new Run(glyphs, positions);
}

/**
 * Shaped runs by font and text, for the process: an Arabic word is shaped once,
 * not once a document (shaping plans each call). Bounded: cleared when full.
 */
const shapedRuns = new WeakMap<fontkit.Font, Map<string, { glyphs: fontkit.Glyph[]; positions: Position[] }>>();
const SHAPED_RUNS_MAX = 50_000;

/** fontkit's layout of `text` with its default features (shaped) or none (PLAIN), remembered. */
function shapedRun(font: fontkit.Font, text: string): Run {
  let runs = shapedRuns.get(font);
  if (!runs) shapedRuns.set(font, (runs = new Map()));
  let run = runs.get(text);
  if (!run) {
    const r = font.layout(text, (SHAPED.test(text) ? undefined : PLAIN) as unknown as string[]) as unknown as Run;
    run = { glyphs: r.glyphs, positions: r.positions.map((p) => ({ xAdvance: p.xAdvance, yAdvance: p.yAdvance, xOffset: p.xOffset, yOffset: p.yOffset })) };
    if (runs.size >= SHAPED_RUNS_MAX) runs.clear();
    runs.set(text, run);
  }
  return new Run(run.glyphs, run.positions);
}

/** The layout of text as the PDF draws it: shaped only where the script needs it (SHAPED). */
export function layoutText(font: fontkit.Font, text: string): Run {
  return CMAP_ONLY.test(text) ? cmapRun(font, text) : shapedRun(font, text);
}

/**
 * The font as pdfkit gets it: its layout is layoutText's. Text that needs no
 * shaping is laid out without OpenType features (kerning, ligatures, contextual
 * forms), so that it has exactly the widths the layout measured, and without
 * fontkit's shaping plan; shaped text is shaped once a process. pdfkit caches
 * layouts word by word only when no features are asked for, so the choice is
 * made here, under it. Its subsets are ../../adapters/fontkit.ts's.
 * (Warm, per release, without it: 6 ms more a Latin PDF, 58 ms more an Arabic one.)
 */
export function plainUnlessShaped(font: fontkit.Font): string {
  return fontForPdfkit(font, { layout: (text) => layoutText(font, text), createSubset: () => createSubset(font) });
}
