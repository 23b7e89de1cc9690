/**
 * The XML under the XLIFF files: a reader that gives each element its line and
 * column, and refuses what a hostile file could use against us; and the escaping
 * the writer needs.
 *
 * Reading uses saxes, a strict, well-kept streaming XML parser that reports line
 * and column for every event (fast-xml-parser does not give positions) and never
 * fetches or expands external entities. Its events are gathered into a small tree
 * here, without recursion, so that a deeply nested file cannot overflow the stack.
 *
 * Writing is done by hand (./export.ts): the shape is fixed, only text and
 * attribute values need escaping, and the text inside `<source>` and `<target>`
 * must come out exactly as given (a builder's pretty-printing would indent mixed
 * content, which changes the text a translator sees).
 */
import { SaxesParser, type SaxesTagNS } from 'saxes';
import type { Place } from '../../messages.js';

export const XLIFF_NS = 'urn:oasis:names:tc:xliff:document:2.0';
export const MDA_NS = 'urn:oasis:names:tc:xliff:metadata:2.0';

/** Bounds on what is read: an XLIFF of the largest source pressready reads is far below each. */
export const XLIFF_LIMITS = {
  /** bytes of one .xlf file */
  bytes: 16 * 1024 * 1024,
  /** elements inside one another */
  depth: 64,
};

export interface XmlElement {
  /** namespace URI and local name */
  ns: string;
  name: string;
  attrs: Record<string, string>;
  children: XmlNode[];
  place: Place;
}
export type XmlNode = XmlElement | { text: string };

export const isElement = (n: XmlNode): n is XmlElement => 'name' in n;

/** A problem in the XML, at its place; the caller turns it into a Message. */
export class XmlProblem extends Error {
  constructor(
    readonly reason: string,
    readonly hint: string,
    readonly place?: Place,
  ) {
    super(reason);
  }
}

/** Parse an XML text into a tree of elements (namespace-aware), or throw an XmlProblem. */
export function parseXml(text: string): XmlElement {
  const parser = new SaxesParser({ xmlns: true, position: true });
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  // where the `<` of the element being opened is: saxes stands just after its name
  let tagStart: Place | undefined;
  const here = (): Place => ({ start: { line: parser.line, column: parser.column + 1, offset: parser.position } });

  parser.on('doctype', () => {
    throw new XmlProblem(
      'The file has a document type declaration (<!DOCTYPE …>), which an XLIFF file does not need and which can define entities',
      'Remove the <!DOCTYPE …> line; XLIFF 2 files are checked against their schema, not a DTD.',
      here(),
    );
  });
  parser.on('opentagstart', (tag) => {
    const line = parser.line;
    // saxes has read the name and the character after it: step back over both to the `<` (1-based)
    const column = parser.column - tag.name.length - 1;
    tagStart = { start: { line, column: Math.max(1, column), offset: parser.position - tag.name.length - 1 } };
  });
  parser.on('opentag', (tag) => {
    const t = tag as SaxesTagNS;
    const attrs: Record<string, string> = {};
    for (const a of Object.values(t.attributes)) {
      // core attributes have no namespace; others are kept by prefix-free `{uri}local`
      attrs[a.uri ? `{${a.uri}}${a.local}` : a.local] = a.value;
    }
    const el: XmlElement = { ns: t.uri, name: t.local, attrs, children: [], place: tagStart ?? here() };
    if (stack.length >= XLIFF_LIMITS.depth) {
      throw new XmlProblem(`Elements are nested more than ${XLIFF_LIMITS.depth} deep`, 'An XLIFF file from pressready nests a few levels; check that the file is an XLIFF translation.', el.place);
    }
    const parent = stack[stack.length - 1];
    if (parent) parent.children.push(el);
    else root = el;
    if (!t.isSelfClosing) stack.push(el);
  });
  parser.on('closetag', (tag) => {
    if (!(tag as SaxesTagNS).isSelfClosing) stack.pop();
  });
  const addText = (s: string) => {
    const parent = stack[stack.length - 1];
    if (!parent) return; // whitespace around the root
    const last = parent.children[parent.children.length - 1];
    if (last && !isElement(last)) last.text += s;
    else parent.children.push({ text: s });
  };
  parser.on('text', addText);
  parser.on('cdata', addText);
  parser.on('error', (e) => {
    throw e;
  });

  try {
    parser.write(text).close();
  } catch (e) {
    if (e instanceof XmlProblem) throw e;
    // saxes's message reads `file:line:column: reason`; keep the reason, give the place as ours
    const reason = String((e as Error).message).replace(/^(?:[^:]*:)?\d+:\d+: /, '');
    throw new XmlProblem(`The file is not well-formed XML: ${reason}`, 'Open it in the CAT tool it came from and export it again, or mend the XML at this place.', here());
  }
  if (!root) throw new XmlProblem('The file has no XML element', 'Name an .xlf file written by pressready translations export.', here());
  return root;
}

/** The text of an element and its descendants, as a reader sees it. */
export function textOf(el: XmlElement): string {
  let out = '';
  const todo: XmlNode[] = [...el.children].reverse();
  while (todo.length) {
    const n = todo.pop()!;
    if (isElement(n)) todo.push(...[...n.children].reverse());
    else out += n.text;
  }
  return out;
}

export const childElements = (el: XmlElement, ns: string, name?: string): XmlElement[] =>
  el.children.filter((c): c is XmlElement => isElement(c) && c.ns === ns && (name === undefined || c.name === name));

// --- writing -------------------------------------------------------------------

/** Characters XML 1.0 cannot hold (most C0 controls, lone surrogates, U+FFFE/U+FFFF): written as XLIFF `<cp>`. */
// eslint-disable-next-line no-control-regex
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Text content: `&`, `<` and `>` (the last for `]]>`) escaped; characters XML cannot hold as `<cp hex>`. */
export function escapeText(s: string): string {
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\r/g, '&#13;')
    .replace(NOT_XML, (c) => `<cp hex="${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}"/>`);
}

/** An attribute value in double quotes; characters XML cannot hold are dropped (attribute values here are ids, paths, hashes). */
export function escapeAttr(s: string): string {
  return s.replace(NOT_XML, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/\t/g, '&#9;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;');
}
