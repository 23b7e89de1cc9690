/**
 * The `docx` package where pressready reaches past its public API: the only
 * module in src/ that touches docx's private members (test/adapters.test.ts
 * checks that, and has the contract test of the patch here, which fails when an
 * upgrade of docx changes what it relies on). docx is pinned in package.json.
 *
 * The patch:
 *
 * 1. compileParts — the package's parts by path, from the compiler `Packer`
 *    zips them with (`Packer.compiler.compile`, private in docx's types, public
 *    at run time): ../render/docx/deterministic.ts rewrites four of them and
 *    zips the parts once, instead of docx zipping them and that pass unzipping
 *    and zipping them again. Speed. Upstream: docx's maintainer prefers not to
 *    expose the compiler (dolanmiu/docx#2938, which asked for it); a
 *    deterministic `Packer` (fixed zip dates and ids) would make the whole pass
 *    unnecessary.
 * 2. emptyStyleSheet — a document given an empty style sheet (`File.styles`, a
 *    private field), for a sheet ../render/docx/index.ts has written before and
 *    puts back as a part: docx builds and writes ~60 styles for every document
 *    (~4 ms), the same for a template and a language. Speed (watch, many sources).
 */
import { type Document, Packer, Styles } from 'docx';

/** A package part as the `docx` compiler gives it: XML as a string, media as bytes. */
type PartData = string | Uint8Array;

/** The compiler as `Packer` holds it. */
interface Compiler {
  compile(file: Document): Map<string, PartData>;
}

/** The parts of `doc`'s package by path (`word/document.xml`, `[Content_Types].xml` …), unzipped. */
export function compileParts(doc: Document): Map<string, PartData> {
  return (Packer as unknown as { compiler: Compiler }).compiler.compile(doc);
}

/** Gives `doc` an empty style sheet in place of the one built from its options (its `word/styles.xml` is then written by the caller). */
export function emptyStyleSheet(doc: Document): void {
  (doc as unknown as { styles: Styles }).styles = new Styles({});
}
