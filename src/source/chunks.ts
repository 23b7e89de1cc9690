/**
 * A long Markdown body parsed a piece at a time. The parser (micromark) keeps an
 * event for every token of the whole text until the tree is built — about 150
 * bytes of heap per byte of source, 300 MB for 1 MB of short paragraphs — where
 * the tree itself takes a tenth of that. Cut at places where nothing is open, a
 * text parses as the concatenation of its pieces' trees, each piece's positions
 * moved to where it is in the whole text; only one piece's events are alive at a
 * time.
 *
 * A place where nothing is open: the start of a line that begins with a letter
 * after an empty line (no spaces: a line of spaces may still be code inside a
 * list item). The empty line ends any paragraph, table or block quote; a line
 * that is not indented ends any list item and indented code (a line after an
 * empty one is never a lazy continuation). A piece ends before its empty lines,
 * so that what its end closes (a list whose last line opened a fence) ends where
 * the next line closes it in the whole text. What may still be open is a fenced
 * code block or an HTML block at the top level, which run across empty lines
 * (and front matter, checked): a piece whose last block is code or HTML is cut
 * before that block instead (the rest goes with the next piece). Definitions (`[label]: url`, footnotes) are seen by
 * the parser across the whole text — whether `[label]` is a link depends on a
 * definition anywhere — so a text that may have one (`]:`) is parsed whole.
 */
import type { Root, RootContent } from 'mdast';
import type { Point, Position } from 'unist';

/**
 * A piece is about this many characters; a text no longer than two pieces is
 * parsed whole. Measured on 1 MB of short paragraphs, parsed alone: peak RSS
 * 208 MB with 64 KB pieces, 189 with 32 KB, 135 with 8 KB, 136 with 2 KB.
 */
export const PIECE = 8 * 1024;

const SPLIT = /\n\r?\n(?=\p{L})/gu;

/** Where a piece may end (a line start at which nothing is open, see above), in order, after `from`. */
function cutsAfter(text: string, from: number, min: number): number | undefined {
  SPLIT.lastIndex = Math.max(from, min) - 1;
  // a cut is the start of the line after the blank one; the match may begin before `min` but must end after it
  for (let m = SPLIT.exec(text); m; m = SPLIT.exec(text)) {
    const at = m.index + m[0].length;
    if (at > min) return at;
  }
  return undefined;
}

const CUT = /(?<=\n\r?\n)\p{L}/uy;

function isCut(text: string, at: number): boolean {
  CUT.lastIndex = at;
  return CUT.test(text);
}

const BLANK = /\r?\n/y;

/**
 * A piece ends after its last line that is not blank: at its end the parser closes
 * what is open where the whole text's parser closes it on the next line (a list
 * whose last line opened a fence ends before the blank lines, not after them).
 */
function beforeBlankLines(text: string, at: number, floor: number): number {
  while (at > floor) {
    const prev = text.lastIndexOf('\n', at - 2) + 1;
    BLANK.lastIndex = prev;
    if (prev < floor || !BLANK.test(text) || BLANK.lastIndex !== at) break;
    at = prev;
  }
  return at;
}

function movePoint(p: Point, lines: number, offset: number): void {
  p.line += lines;
  if (p.offset !== undefined) p.offset += offset;
}

function move(node: { position?: Position; children?: unknown[] }, lines: number, offset: number): void {
  if (node.position) {
    movePoint(node.position.start, lines, offset);
    movePoint(node.position.end, lines, offset);
  }
  if (node.children) for (const c of node.children) move(c as typeof node, lines, offset);
}

/** Line endings in `text` from `from` to `to`, as the parser counts them: LF, CRLF, and CR alone (a file may mix them). */
function linesIn(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) n++;
  }
  return n;
}

/**
 * `parse(text)` for the whole text, from `parse` called on pieces of it. `piece`:
 * the length aimed at (tests give a small one to cut everywhere).
 */
export function parseInPieces(text: string, parse: (text: string) => Root, piece = PIECE): Root {
  if (text.length <= 2 * piece || text.includes(']:')) return parse(text);
  const children: RootContent[] = [];
  let start = 0;
  let line = 0; // lines before `start`
  let last: { line: number; start: number; end: Point } | undefined;
  let size = piece;
  while (start < text.length) {
    const cut = cutsAfter(text, start, start + size);
    // (a piece of blank lines only, where nothing can be open, keeps them)
    const trimmed = cut === undefined ? text.length : beforeBlankLines(text, cut, start);
    const end = trimmed > start ? trimmed : cut!;
    const tree = parse(text.slice(start, end));
    let keep = tree.children.length;
    let next = end;
    if (cut !== undefined && start === 0 && /^---[ \t]*\r?\n/.test(text) && tree.children[0]?.type !== 'yaml') {
      // the front matter is not closed in this piece (a blank line and a key inside it look like a place to cut)
      size *= 2;
      continue;
    }
    if (cut !== undefined) {
      // a fenced code or HTML block at the end may run on into the next piece: cut before it
      const tail = tree.children[keep - 1];
      if (tail && (tail.type === 'code' || tail.type === 'html')) {
        // the last block before it that starts at a place to cut: what comes before that block is complete
        let k = keep - 2;
        while (k > 0 && !isCut(text, start + tree.children[k]!.position!.start.offset!)) k--;
        if (k <= 0) {
          // no place to cut before it in this piece: try again with a piece twice as long
          size *= 2;
          continue;
        }
        keep = k;
        next = beforeBlankLines(text, start + tree.children[k]!.position!.start.offset!, start);
      }
    }
    for (let i = 0; i < keep; i++) {
      const c = tree.children[i]!;
      move(c, line, start);
      children.push(c);
    }
    if (next === text.length) last = { line, start, end: tree.position!.end };
    line += linesIn(text, start, next);
    start = next;
    size = piece;
  }
  const end = { ...last!.end };
  movePoint(end, last!.line, last!.start);
  return { type: 'root', children, position: { start: { line: 1, column: 1, offset: 0 }, end } };
}
