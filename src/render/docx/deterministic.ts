/**
 * `docx` writes a different file at every run (../../../NOTES.md): zip entry
 * timestamps, `docProps/core.xml` dates that are always "now", hyperlink
 * relationship ids with random characters, and image names from a counter shared
 * by every document in the process. This pass rewrites those four so that
 * identical input gives identical bytes, in any process and time zone.
 */
import { strFromU8, strToU8, unzipSync, zipSync, type Zippable } from 'fflate';

/** The earliest time a zip entry can hold (1980-01-01), in local time as zip stores it: the same in every time zone. */
const ZIP_EPOCH = new Date(1980, 0, 1, 12, 0, 0);

function renumber(xml: string, pattern: RegExp, make: (n: number) => string, seen: Map<string, string>): string {
  return xml.replace(pattern, (m) => {
    let v = seen.get(m);
    if (!v) seen.set(m, (v = make(seen.size + 1)));
    return v;
  });
}

/**
 * `extraStyles`: style definitions the `docx` package cannot declare (a table
 * style), added to word/styles.xml in the same pass.
 */
export function makeDeterministic(docx: Uint8Array, date: Date, extraStyles = ''): Uint8Array {
  const files = unzipSync(docx);
  const iso = date.toISOString().replace(/\.\d{3}Z$/, 'Z');
  const text = (name: string) => (files[name] ? strFromU8(files[name]!) : undefined);
  const put = (name: string, value: string) => (files[name] = strToU8(value));

  const styles = text('word/styles.xml');
  if (styles && extraStyles) put('word/styles.xml', styles.replace('</w:styles>', `${extraStyles}</w:styles>`));

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
    for (const name of Object.keys(files).filter((f) => f.startsWith('word/media/')).sort()) {
      const base = name.slice('word/media/'.length);
      if (!newRel.includes(`media/${base}`)) continue;
      const ext = base.slice(base.lastIndexOf('.'));
      const next = `image${media.size + 1}${ext}`;
      media.set(base, next);
      newRel = newRel.split(`media/${base}"`).join(`media/${next}"`);
    }
    put(docName, newDoc);
    put(relName, newRel);
    const renamed: Record<string, Uint8Array> = {};
    for (const [from, to] of media) {
      renamed[`word/media/${to}`] = files[`word/media/${from}`]!;
      delete files[`word/media/${from}`];
    }
    Object.assign(files, renamed);
  }

  const zippable: Zippable = {};
  for (const name of Object.keys(files).sort((a, b) => (a === '[Content_Types].xml' ? -1 : b === '[Content_Types].xml' ? 1 : a < b ? -1 : 1))) {
    zippable[name] = [files[name]!, { mtime: ZIP_EPOCH, level: 6 }];
  }
  return zipSync(zippable);
}
