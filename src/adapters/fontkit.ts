/**
 * fontkit where pressready reaches past its public API: the only module in src/
 * that touches fontkit's private members (test/adapters.test.ts checks that, and
 * has a contract test for each patch here, which fails when an upgrade of fontkit
 * changes what the patch relies on). fontkit is pinned in package.json.
 *
 * The patches, each measured by disabling it (warm renders of the examples, in
 * one process, against the patched build; README "Patched dependencies"):
 *
 * 1. forgetGlyphCache — empties `font._glyphs`, fontkit's glyph cache. Its
 *    subsetters create the components of composite glyphs (the `E` of `É`)
 *    without their code points and the cache keeps them so: a later document
 *    that draws that `E` maps it to no text (`UNICEF` read `UN CEF`).
 *    Correctness; costs ~2 ms a PDF. Upstream: foliojs/fontkit#154, with a fix
 *    proposed in foliojs/fontkit#387; once released, this patch can go.
 * 2. createSubset, CFF — a CFF font's subset written without subroutines
 *    (`subsetCharstrings`, `subsetFontdict`, `createCIDFontdict` of fontkit's
 *    CFFSubset replaced): fontkit keeps every subroutine slot of the font, 22,293
 *    of them in the Chinese face. Chinese release 188 → 97 KB and 74 ms faster.
 *    No upstream issue found; a desubroutinizing subset belongs in fontkit.
 * 2b. createSubset, TrueType — simple glyphs copied as their bytes, undecoded
 *    (`_addGlyph` of fontkit's TTFSubset replaced; it reads `loca`, `glyf`,
 *    `hmtx`, `offset`, `_getTableStream`, `_variationProcessor`, `_getMetrics`):
 *    1–2 ms a PDF (5–10% of a warm render; a subset of 138 Cyrillic glyphs 2.1 →
 *    0.8 ms), the same bytes. Kept, narrowly: its contract test compares it byte
 *    for byte with fontkit's own subset. No upstream issue found.
 * 3. compactCff — the Chinese faces' CFF indexes (`topDict.CharStrings`, the
 *    subroutine indexes: ~110,000 `{ offset, length }` objects) held in typed
 *    arrays behind the same interface: 6.5 MB less heap in every process that
 *    loaded them, which every garbage collection marked. Memory (the pool's);
 *    no time cost measurable. No upstream issue found.
 * 4. postHeaderFirst — a font's `post` table read for its header only (fontkit's
 *    `_tables` cache filled ahead): pdfkit asks it for `isFixedPitch` as it
 *    embeds a font, and fontkit decoded the whole table for that; a version 2
 *    table holds the names of all glyphs, 4,268 in Noto Sans: 9–15 ms a face in
 *    a cold process, ~21 ms of a one-release run in Latin (the Arabic and Chinese
 *    faces' tables are version 3, without names: no gain there). The glyph names
 *    (`glyph.name`, which nothing here reads) are still decoded by fontkit when
 *    first asked. Not for WOFF2 files, whose tables fontkit finds only once it
 *    has decompressed them. No upstream issue found.
 */
import type * as fontkit from 'fontkit';

// ---------------------------------------------------------------------------
// 1. The glyph cache

/**
 * Empty fontkit's glyph cache of `font` (its parsed tables stay). Returns false
 * when the font has no such cache (another fontkit): the caller then opens the
 * font afresh instead.
 */
export function forgetGlyphCache(font: fontkit.Font): boolean {
  const f = font as unknown as { _glyphs?: Record<number, unknown> };
  if (!f._glyphs || typeof f._glyphs !== 'object') return false;
  f._glyphs = {};
  return true;
}

// ---------------------------------------------------------------------------
// 2. Subsets (TrueType and CFF)

/** What pdfkit uses of a fontkit subset (pdfkit's EmbeddedFont: `includeGlyph`, `encode`, `cff`). */
interface FontSubset {
  cff?: unknown;
  includeGlyph(gid: number): number;
  encode(): Uint8Array;
}

/** fontkit's subset of `font`: a TrueType font's copying simple glyphs undecoded, a CFF font's written without subroutines. */
export function createSubset(font: fontkit.Font): FontSubset {
  const subset = (font as unknown as { createSubset(): FontSubset }).createSubset();
  return subset.cff ? withoutSubroutines(subset as unknown as CffSubset, font) : copySimpleGlyphs(subset);
}

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

/**
 * A TrueType subset whose simple glyphs are copied as their bytes, without being
 * decoded first: fontkit's `_addGlyph` decodes every glyph (its points and flags)
 * only to learn whether it is made of other glyphs, which it then adds too. A
 * composite glyph, or a font with variations, still goes through fontkit. The
 * subset is byte for byte fontkit's own (test/subset.test.ts).
 */
function copySimpleGlyphs(subset: FontSubset): FontSubset {
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

/*
 * CFF (PostScript-outline) subsets without subroutines. fontkit's CFF subset
 * keeps every subroutine slot of the font: the Chinese font has 22,293 local
 * subroutines in one of its font dicts, so each subset wrote an index of that
 * many entries (one byte for each unused one), and read every kept glyph's
 * outline to learn which it calls. Here each kept glyph's charstring
 * has its subroutine calls inlined ("desubroutinized", as fontTools and most
 * PDF producers do), and the subset has no subroutines at all.
 *
 * The Type 2 charstring format (Adobe TN #5177): numbers are 1, 2, 3 or 5
 * bytes; `callsubr` (10) and `callgsubr` (29) take the index (minus a bias set
 * by the index's size) from the stack; `return` (11) ends a subroutine and
 * `endchar` (14) the glyph; `hintmask` (19) and `cntrmask` (20) are followed by
 * one bit per stem hint declared so far. Anything else is copied as it is.
 * A charstring this cannot follow (a subroutine index computed by arithmetic)
 * leaves the font to fontkit's own subset.
 */

interface Range {
  offset: number;
  length: number;
}

interface Dict {
  Private?: { Subrs?: Range[] } & Record<string, unknown>;
  [k: string]: unknown;
}

/** fontkit's parsed CFF table, as far as the subset below reads it. */
interface CFF {
  stream: { pos: number; readBuffer(n: number): Uint8Array };
  isCIDFont: boolean;
  globalSubrIndex?: Range[];
  topDict: Dict & { CharStrings: Range[]; FDArray?: Dict[]; Private?: Dict['Private'] };
  fdForGlyph(gid: number): number | null;
  getCharString(gid: number): Uint8Array;
}

/** fontkit's CFFSubset: what of it is read, and the three methods replaced. */
interface CffSubset extends FontSubset {
  cff: CFF;
  glyphs: number[];
  charstrings: Uint8Array[];
  gsubrs: Uint8Array[];
  subsetCharstrings(): void;
  subsetFontdict(topDict: Dict): void;
  createCIDFontdict(topDict: Dict): void;
}

class Unflattenable extends Error {}

const bias = (n: number) => (n < 1240 ? 107 : n < 33900 ? 1131 : 32768);

/** The number whose encoding starts at `at`. */
function numberAt(b: ArrayLike<number>, at: number): number {
  const b0 = b[at]!;
  if (b0 >= 32 && b0 <= 246) return b0 - 139;
  if (b0 >= 247 && b0 <= 250) return (b0 - 247) * 256 + b[at + 1]! + 108;
  if (b0 >= 251 && b0 <= 254) return -(b0 - 251) * 256 - b[at + 1]! - 108;
  if (b0 === 28) return ((b[at + 1]! << 24) | (b[at + 2]! << 16)) >> 16;
  // 255: 16.16 fixed
  return ((b[at + 1]! << 24) | (b[at + 2]! << 16) | (b[at + 3]! << 8) | b[at + 4]!) / 65536;
}

const numberLength = (b0: number) => (b0 === 28 ? 3 : b0 <= 246 ? 1 : b0 <= 254 ? 2 : 5);

/** One glyph's charstring with every subroutine call replaced by the subroutine's body. */
export function flattenCharstring(charstring: Uint8Array, read: (r: Range) => Uint8Array, local: Range[], global: Range[]): Uint8Array {
  const out: number[] = [];
  /** where each number now on the stack starts in `out` */
  const numbers: number[] = [];
  let stems = 0;
  let ended = false;
  const run = (code: Uint8Array, depth: number) => {
    if (depth > 10) throw new Unflattenable('subroutines nested more than 10 deep');
    let i = 0;
    while (i < code.length && !ended) {
      const b = code[i]!;
      if (b >= 32 || b === 28) {
        const n = numberLength(b);
        numbers.push(out.length);
        for (let k = 0; k < n; k++) out.push(code[i + k]!);
        i += n;
        continue;
      }
      if (b === 10 || b === 29) {
        const at = numbers.pop();
        if (at === undefined) throw new Unflattenable('a subroutine index that is not a number');
        const index = numberAt(out, at);
        out.length = at;
        const subrs = b === 10 ? local : global;
        const subr = subrs[index + bias(subrs.length)];
        if (!subr) throw new Unflattenable(`no subroutine ${index}`);
        run(read(subr), depth + 1);
        i++;
        continue;
      }
      if (b === 11) return; // return
      if (b === 14) {
        out.push(14);
        ended = true;
        return;
      }
      if (b === 1 || b === 3 || b === 18 || b === 23) stems += numbers.length >> 1; // hstem vstem hstemhm vstemhm
      if (b === 19 || b === 20) {
        stems += numbers.length >> 1; // vstem hints implied before the first mask
        const n = (stems + 7) >> 3;
        for (let k = 0; k <= n; k++) out.push(code[i + k]!);
        i += n + 1;
      } else if (b === 12) {
        out.push(12, code[i + 1]!);
        i += 2;
      } else {
        out.push(b);
        i++;
      }
      numbers.length = 0;
    }
  };
  run(charstring, 0);
  return Uint8Array.from(out);
}

/** fontkit's subset of a CFF font (`subset.cff`), made to write no subroutines. */
function withoutSubroutines(subset: CffSubset, font: fontkit.Font): FontSubset {
  const cff = subset.cff;
  if ((font as unknown as { CFF2?: unknown }).CFF2) return subset;
  const read = (r: Range) => {
    cff.stream.pos = r.offset;
    return cff.stream.readBuffer(r.length);
  };
  const original = { subsetCharstrings: subset.subsetCharstrings, subsetFontdict: subset.subsetFontdict, createCIDFontdict: subset.createCIDFontdict };
  let flat = true;
  subset.subsetCharstrings = function (this: CffSubset) {
    try {
      const global = cff.globalSubrIndex ?? [];
      this.charstrings = this.glyphs.map((gid) => {
        const fd = cff.isCIDFont ? cff.fdForGlyph(gid) : null;
        const priv = fd === null ? cff.topDict.Private : cff.topDict.FDArray?.[fd]?.Private;
        return flattenCharstring(cff.getCharString(gid), read, priv?.Subrs ?? [], global);
      });
      this.gsubrs = [];
    } catch (e) {
      if (!(e instanceof Unflattenable)) throw e;
      flat = false;
      original.subsetCharstrings.call(this);
    }
  };
  const withoutSubrs = (priv: Dict['Private'] | undefined): Dict['Private'] => {
    const p = { ...priv };
    delete p.Subrs;
    return p;
  };
  // fontkit's own, without reading every glyph's path for the subroutines it uses
  subset.subsetFontdict = function (this: CffSubset, topDict: Dict) {
    if (!flat) return original.subsetFontdict.call(this, topDict);
    const fdArray: Dict[] = [];
    const fds: number[] = [];
    const index = new Map<number, number>();
    for (const gid of this.glyphs) {
      const fd = cff.fdForGlyph(gid);
      if (fd === null || fd === undefined) continue;
      let i = index.get(fd);
      if (i === undefined) {
        index.set(fd, (i = fdArray.length));
        const dict: Dict = { ...cff.topDict.FDArray![fd] };
        delete dict.FontName;
        dict.Private = withoutSubrs(dict.Private);
        fdArray.push(dict);
      }
      fds.push(i);
    }
    topDict.FDArray = fdArray;
    topDict.FDSelect = { version: 0, fds };
  };
  subset.createCIDFontdict = function (this: CffSubset, topDict: Dict) {
    if (!flat) return original.createCIDFontdict.call(this, topDict);
    topDict.FDArray = [{ Private: withoutSubrs(cff.topDict.Private) }];
    topDict.FDSelect = { version: 3, nRanges: 1, ranges: [{ first: 0, fd: 0 }], sentinel: this.charstrings.length };
  };
  return subset;
}

// ---------------------------------------------------------------------------
// 3. Compact CFF indexes

/** Indexes with more entries than this are kept compact. */
const COMPACT_FROM = 1000;

/**
 * An INDEX as fontkit decodes it (an object per entry) → two typed arrays
 * behind the same reading interface: `index[i]` gives `{ offset, length }`,
 * `index.length` the count.
 */
function compact(index: Range[]): Range[] {
  const n = index.length;
  const offsets = new Float64Array(n);
  const lengths = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    offsets[i] = index[i]!.offset;
    lengths[i] = index[i]!.length;
  }
  return new Proxy([] as Range[], {
    get(target, key) {
      if (key === 'length') return n;
      if (typeof key === 'string') {
        const i = Number(key);
        if (Number.isInteger(i)) return i >= 0 && i < n ? { offset: offsets[i]!, length: lengths[i]! } : undefined;
      }
      return Reflect.get(target, key) as unknown;
    },
  });
}

/** The large indexes of a CFF font (glyph outlines, subroutines), kept compact for the process. A font without CFF is left as it is. */
export function compactCff(font: fontkit.Font): void {
  const cff = (font as unknown as { 'CFF '?: CFF })['CFF '];
  if (!cff) return;
  const top = cff.topDict;
  if (top.CharStrings.length > COMPACT_FROM) top.CharStrings = compact(top.CharStrings);
  if (cff.globalSubrIndex && cff.globalSubrIndex.length > COMPACT_FROM) cff.globalSubrIndex = compact(cff.globalSubrIndex);
  for (const dict of [top, ...(top.FDArray ?? [])]) {
    const subrs = dict.Private?.Subrs;
    if (subrs && subrs.length > COMPACT_FROM) dict.Private!.Subrs = compact(subrs);
  }
}

// ---------------------------------------------------------------------------
// 4. The `post` table's header

interface PostFont {
  _tables?: Record<string, unknown>;
  directory?: { tables?: Record<string, { offset: number; length: number }> };
  _getTable?(entry: { offset: number; length: number }): unknown;
  _getTableStream?(tag: string): { pos: number; readBuffer(n: number): Uint8Array } | null;
  stream?: { pos: number };
}

/** A `post` table's header: the same 32 bytes in every version (OpenType `post`). */
const POST_HEADER = 32;

/**
 * Fill fontkit's cache of `font`'s `post` table with its header alone, read from
 * its 32 bytes; the rest (glyph names) is fontkit's own decoding of the table, the
 * first time a field of it is read. Returns false (and changes nothing) when the
 * font is not as this expects: no `post` table, one already decoded, another fontkit.
 */
export function postHeaderFirst(font: fontkit.Font): boolean {
  const f = font as unknown as PostFont;
  const entry = f.directory?.tables?.post;
  // a WOFF2 file's entries have their offsets once fontkit has decompressed its tables
  if (!entry || typeof entry.offset !== 'number' || entry.length < POST_HEADER || !f._tables || 'post' in f._tables) return false;
  if (typeof f._getTable !== 'function' || typeof f._getTableStream !== 'function' || !f.stream) return false;
  const at = f.stream.pos;
  let bytes: Uint8Array | undefined;
  try {
    bytes = f._getTableStream('post')?.readBuffer(POST_HEADER);
  } finally {
    f.stream.pos = at; // as fontkit's own _decodeTable leaves it
  }
  if (!bytes || bytes.length < POST_HEADER) return false;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const tables = f._tables;
  const getTable = f._getTable.bind(f);
  const header: Record<string, number> = {
    version: view.getInt32(0) / 65536,
    italicAngle: view.getInt32(4) / 65536,
    underlinePosition: view.getInt16(8),
    underlineThickness: view.getInt16(10),
    isFixedPitch: view.getUint32(12),
    minMemType42: view.getUint32(16),
    maxMemType42: view.getUint32(20),
    minMemType1: view.getUint32(24),
    maxMemType1: view.getUint32(28),
  };
  /** fontkit's whole table, decoded once, when a field beyond the header is asked for (the header, if fontkit cannot) */
  let full: Record<string | symbol, unknown> | undefined;
  const whole = () => {
    if (!full) {
      delete tables.post;
      full = (getTable(entry) ?? header) as Record<string | symbol, unknown>;
      tables.post = full;
    }
    return full;
  };
  tables.post = new Proxy(header, {
    get: (target, key) => (typeof key === 'string' && key in target ? target[key] : whole()[key]),
    has: (target, key) => key in target || key in whole(),
  });
  return true;
}
