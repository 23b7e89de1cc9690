/**
 * Reading a source: Markdown (CommonMark + GFM) with YAML front matter, parsed by
 * unified/remark, the front matter by `yaml` and checked against its schema
 * (./front-matter.ts; docs/source-format.md#front-matter).
 * Every problem is a positioned Message in the source file.
 */
import type { Root, Table } from 'mdast';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { EXIT, visit } from 'unist-util-visit';
import YAML, { type Document } from 'yaml';
import { LIMITS, type Limits } from '../limits.js';
import { LineIndex, type Message } from '../messages.js';
import { codePoint } from '../text/code-point.js';
import { parseYaml, type YamlSource } from '../yaml/parse.js';
import { type UnknownKey, validate } from '../yaml/schema.js';
import { parseInPieces } from './chunks.js';
import { splitCommentLines } from './comment-lines.js';
import { CONTROL } from './decode.js';
import { tooDeep } from './depth.js';
import { hasFrontMatter } from './fence.js';
import { type FrontMatter, frontMatterSpec } from './front-matter.js';
import { resolveReferences } from './references.js';

export interface Source {
  /** the file as the user named it (used in messages) */
  file: string;
  text: string;
  index: LineIndex;
  tree: Root;
  frontMatter: FrontMatter;
  /** the parsed YAML, to find where a key is written */
  yaml: { doc: Document.Parsed; src: YamlSource };
  unknownKeys: UnknownKey[];
  /** offset where the Markdown body starts */
  bodyOffset: number;
}

/**
 * `source` on failure: the YAML parsed but its values break the schema (a missing key,
 * a bad date); lint still checks the body of such a source.
 */
type ParseResult = { ok: true; source: Source; messages: Message[] } | { ok: false; messages: Message[]; source?: Source };

const processor = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).use(remarkGfm);

const parsePiece = (piece: string) => processor.parse(piece) as Root;

/** How a long-lived process parses pieces: `size` aimed at, and `parse` through its memo (../watch/piece-memo.ts). */
export interface PieceParser {
  size: number;
  parse(piece: string, parse: (piece: string) => Root): Root;
}

let pieces: PieceParser | undefined;

/** `watch` parses every text in pieces, each through its memo of the trees of pieces it has seen; undefined: as `generate` does. */
export function parsePiecesWith(parser: PieceParser | undefined): void {
  pieces = parser;
}

/** The tree of a Markdown text; a long one is parsed a piece at a time (./chunks.ts), to the same tree. */
export function parseMarkdown(text: string): Root {
  const p = pieces;
  if (p) return parseInPieces(text, (piece) => p.parse(piece, parsePiece), p.size);
  return parseInPieces(text, parsePiece);
}

export function parseSource(file: string, rawText: string, limits: Limits = LIMITS): ParseResult {
  const text = rawText.startsWith('\uFEFF') ? rawText.slice(1) : rawText;
  const index = new LineIndex(text);
  const err = (reason: string, hint: string, start = 0, end?: number, ruleId = 'front-matter'): ParseResult => ({
    ok: false,
    messages: [{ file, place: index.place(start, end), ruleId, severity: 'error', reason, hint }],
  });

  if (!hasFrontMatter(text)) {
    return err(
      'The source has no front matter',
      'Start the file with a `---` line, then `headline:` and `dateline:` (with `city:` and `date:`), then another `---` line.',
      0,
      Math.min(text.indexOf('\n') >>> 0, text.length),
    );
  }
  const deep = tooDeep(text, 0, limits.depth);
  if (deep !== undefined) {
    return err(
      `Lists and block quotes nest more than ${limits.depth} deep here`,
      `A press release needs two or three levels: flatten the list or the quote. To go beyond the limit: --limit depth=${limits.depth * 2}.`,
      deep,
      undefined,
      'limit',
    );
  }
  const tree = parseMarkdown(text);
  splitCommentLines(tree, text, parseMarkdown);
  resolveReferences(tree);
  let wide: Table | undefined;
  // tables anywhere, in lists and quotes too
  visit(tree, 'table', (t: Table) => {
    if (t.children.some((row) => row.children.length > limits.tableColumns)) {
      wide = t;
      return EXIT;
    }
    return undefined;
  });
  if (wide) {
    return err(
      `This table has more than ${limits.tableColumns} columns`,
      `No page has room for them: split the table, or turn it round (rows for columns). To go beyond the limit: --limit table-columns=${Math.max(...wide.children.map((r) => r.children.length))}.`,
      wide.position?.start.offset ?? 0,
      undefined,
      'limit',
    );
  }
  const first = tree.children[0];
  if (first?.type !== 'yaml' || !first.position) {
    return err('The front matter opened on line 1 is never closed', 'Add a line with only `---` after the last front-matter key.', 0, 3);
  }
  const blockStart = first.position.start.offset ?? 0;
  const blockEnd = first.position.end.offset ?? 0;
  const yamlBase = text.indexOf('\n', blockStart) + 1;
  const closing = text.lastIndexOf('\n', blockEnd - 1);
  const yamlText = closing >= yamlBase ? text.slice(yamlBase, closing + 1) : '';
  const src: YamlSource = { file, text, index, base: yamlBase };

  const parsed = parseYaml(src, yamlText);
  if (parsed.messages.length) return { ok: false, messages: parsed.messages };
  const escaped = escapedControl(parsed.doc, tree, yamlBase);
  if (escaped) {
    return err(
      `A control character (${codePoint(escaped.char)}) is written here as an escape`,
      'Delete the escape (`\\0`, `\\a`, `&#7;` …): such a character prints as nothing or as a box, or breaks the outputs.',
      escaped.at,
      undefined,
      'encoding',
    );
  }
  if (!YAML.isMap(parsed.doc.contents)) {
    return err(
      parsed.doc.contents === null ? 'The front matter is empty' : 'The front matter is not a mapping of `key: value` lines',
      'Write the front matter as `key: value` lines, starting with `headline:` and `dateline:`.',
      parsed.doc.contents?.range ? yamlBase + parsed.doc.contents.range[0] : 0,
      parsed.doc.contents?.range ? yamlBase + parsed.doc.contents.range[1] : 3,
    );
  }
  const fm = parsed.value as FrontMatter;
  const relaxed = typeof fm['translation-of'] === 'string';
  const result = validate(src, parsed.doc.contents, frontMatterSpec(relaxed), 'front-matter', 'the front matter');
  const source: Source = {
    file,
    text,
    index,
    tree,
    frontMatter: fm,
    yaml: { doc: parsed.doc, src },
    unknownKeys: result.unknownKeys,
    bodyOffset: blockEnd,
  };
  if (result.messages.length) return { ok: false, messages: result.messages, source };
  return { ok: true, messages: [], source };
}

/**
 * A control character that the file's bytes do not hold but an escape makes: a YAML
 * string's `\0` or `\a`, or a character reference (`&#7;`) in the body. The file
 * itself was checked as it was read (./decode.ts); these come into being when it is
 * parsed, and would reach the outputs as raw NULs. Where the first is, or undefined.
 */
function escapedControl(doc: Document.Parsed, tree: Root, yamlBase: number): { char: string; at: number } | undefined {
  let found: { char: string; at: number } | undefined;
  YAML.visit(doc, {
    Scalar(_key, node) {
      const m = typeof node.value === 'string' ? CONTROL.exec(node.value) : null;
      if (!m) return undefined;
      found = { char: m[0], at: yamlBase + (node.range?.[0] ?? 0) };
      return YAML.visit.BREAK;
    },
  });
  if (found) return found;
  visit(tree, (node) => {
    const n = node as { value?: unknown; url?: unknown; alt?: unknown };
    for (const v of [n.value, n.url, n.alt]) {
      const m = typeof v === 'string' && node.type !== 'yaml' ? CONTROL.exec(v) : null;
      if (m) {
        found = { char: m[0], at: node.position?.start.offset ?? 0 };
        return EXIT;
      }
    }
    return undefined;
  });
  return found;
}
