/**
 * `docx` (9.15) by itself writes a different file at every run (pressready promises
 * the same bytes: docs/outputs.md#reproducible-bytes): zip entry
 * timestamps, `docProps/core.xml` dates that are always "now", hyperlink
 * relationship ids with random characters, and image names from a counter shared
 * by every document in the process. This pass takes the package's parts as the
 * `docx` compiler gives them (../../adapters/docx.ts), rewrites those four, and
 * zips the parts once, so that identical input gives identical bytes, in any
 * process and time zone.
 *
 * The zip container is fflate's (its `Zip` takes entries compressed elsewhere);
 * the compression is Node's zlib, which is native: 2.5× faster than fflate's
 * JavaScript deflate here, and the same bytes on every machine with the same
 * Node. Zipping once instead of twice (docx's own zip, unzipped again to be
 * rewritten) took 5 ms off every DOCX.
 */

import { crc32, deflateRawSync } from 'node:zlib';
import { Zip, type ZipInputFile } from 'fflate';
import { LRUCache } from 'lru-cache';

/** The earliest time a zip entry can hold (1980-01-01), in local time as zip stores it: the same in every time zone. */
const ZIP_EPOCH = new Date(1980, 0, 1, 12, 0, 0);

/** A package part as the `docx` compiler gives it. */
type PartData = string | Uint8Array;

function renumber(xml: string, pattern: RegExp, make: (n: number) => string, seen: Map<string, string>): string {
  return xml.replace(pattern, (m) => {
    let v = seen.get(m);
    if (!v) seen.set(m, (v = make(seen.size + 1)));
    return v;
  });
}

/** word/styles.xml as `docx` writes it, with the styles and the paragraph defaults it cannot declare (see makeDeterministic). */
export function withStyles(styles: string, extraStyles: string, paragraphDefaults: string): string {
  return styles.replace('</w:styles>', `${extraStyles}</w:styles>`).replace('<w:pPrDefault/>', `<w:pPrDefault>${paragraphDefaults}</w:pPrDefault>`);
}

/**
 * `parts`: the package's files by path, as `docx`'s compiler gives them.
 * `extraStyles`: style definitions the `docx` package cannot declare (a table
 * style), added to word/styles.xml in the same pass; `fontTable`: word/fontTable.xml;
 * `paragraphDefaults`: the w:pPr every paragraph has (w:pPrDefault).
 */
export function makeDeterministic(parts: ReadonlyMap<string, PartData>, date: Date, extraStyles = '', fontTable = '', paragraphDefaults = ''): Uint8Array {
  const files = new Map(parts);
  const iso = date.toISOString().replace(/\.\d{3}Z$/, 'Z');
  const text = (name: string) => {
    const v = files.get(name);
    return v === undefined ? undefined : typeof v === 'string' ? v : Buffer.from(v).toString('utf8');
  };
  const put = (name: string, value: string) => files.set(name, value);

  const styles = text('word/styles.xml');
  if (styles && (extraStyles || paragraphDefaults)) put('word/styles.xml', withStyles(styles, extraStyles, paragraphDefaults));

  // `docx` writes an empty font table: the faces the document names, described so that Word can substitute
  if (fontTable && files.has('word/fontTable.xml')) put('word/fontTable.xml', fontTable);

  const core = text('docProps/core.xml');
  if (core) put('docProps/core.xml', core.replace(/(<dcterms:(created|modified)[^>]*>)[^<]*(<\/dcterms:\2>)/g, `$1${iso}$3`));

  // Relationship ids and media names, numbered in order of first appearance in the document.
  const rels = new Map<string, string>();
  const media = new Map<string, string>();
  const docName = 'word/document.xml';
  const relName = 'word/_rels/document.xml.rels';
  const doc = text(docName);
  const rel = text(relName);
  if (doc && rel) {
    const idPattern = /\brId[A-Za-z0-9_-]*[A-Za-z_-][A-Za-z0-9_-]*/g; // ids docx made random (rId + letters)
    const newDoc = renumber(doc, idPattern, (n) => `rIdX${n}`, rels);
    let newRel = renumber(rel, idPattern, (n) => `rIdX${n}`, rels);
    for (const name of [...files.keys()].filter((f) => f.startsWith('word/media/')).sort()) {
      const base = name.slice('word/media/'.length);
      if (!newRel.includes(`media/${base}`)) continue;
      const ext = base.slice(base.lastIndexOf('.'));
      const next = `image${media.size + 1}${ext}`;
      media.set(base, next);
      newRel = newRel.split(`media/${base}"`).join(`media/${next}"`);
    }
    put(docName, newDoc);
    put(relName, newRel);
    const renamed: [string, PartData][] = [];
    for (const [from, to] of media) {
      renamed.push([`word/media/${to}`, files.get(`word/media/${from}`)!]);
      files.delete(`word/media/${from}`);
    }
    for (const [name, data] of renamed) files.set(name, data);
  }

  const names = [...files.keys()].sort((a, b) => (a === '[Content_Types].xml' ? -1 : b === '[Content_Types].xml' ? 1 : a < b ? -1 : 1));
  return zip(names.map((name) => [name, files.get(name)!]));
}

/**
 * Parts deflated, by their text: most parts of a DOCX are the same from one document to
 * the next (the theme, the settings, the relationships; the styles and footers of one
 * template and language), and each deflate costs ~0.1 ms however small the part (zlib's
 * set-up): 29 parts, ~3.5 ms a document; found here, ~0.5 ms (`watch` saving one release,
 * `generate` writing many). Deflating is a function of the text alone: the same bytes.
 * A part is kept when a second document has it: a document's own text (word/document.xml,
 * its dates, its headline in two headers) changes with every document, and would only
 * take memory. Bounded by what it holds, the parts used longest ago dropped.
 */
type Deflated = { size: number; crc: number; data: Uint8Array<ArrayBuffer> };
const deflated = new LRUCache<string, Deflated>({
  maxSize: 1024 * 1024,
  // a string's characters take up to two bytes
  sizeCalculation: (v, text) => Math.max(1, 2 * text.length + v.data.length),
});
/** The document that last had a part, by the part's CRC and length (only whether to keep a part depends on this, never its bytes). */
const seen = new LRUCache<string, number>({ max: 4096 });
/** Documents zipped so far in this process. */
let documents = 0;

function deflatePart(data: PartData, doc: number): Deflated {
  const known = typeof data === 'string' ? deflated.get(data) : undefined;
  if (known) return known;
  const raw = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  const made = { size: raw.length, crc: crc32(raw), data: deflateRawSync(raw, { level: 6 }) };
  if (typeof data !== 'string') return made;
  const key = `${made.crc}:${made.size}`;
  // kept as a copy of its own: zlib's result is a slice of its 16 KB output buffer (and a small Buffer's copy,
  // of Node's 8 KB pool), which a kept slice would hold whole
  const before = seen.get(key);
  if (before !== undefined && before !== doc) deflated.set(data, { ...made, data: new Uint8Array(made.data) });
  else seen.set(key, doc);
  return made;
}

/** A zip of `entries`, in that order, each deflated by zlib (level 6) and dated ZIP_EPOCH. */
function zip(entries: [string, PartData][]): Uint8Array {
  const doc = ++documents;
  const chunks: Uint8Array[] = [];
  let failed: Error | null = null;
  const archive = new Zip((err, chunk) => {
    if (err) failed = err;
    else chunks.push(chunk);
  });
  for (const [filename, data] of entries) {
    const part = deflatePart(data, doc);
    const entry: ZipInputFile = { filename, size: part.size, crc: part.crc, compression: 8, mtime: ZIP_EPOCH };
    archive.add(entry);
    entry.ondata!(null, part.data, true);
  }
  archive.end();
  if (failed) throw failed;
  return Buffer.concat(chunks);
}
