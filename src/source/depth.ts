/**
 * How deeply lists and block quotes nest, read from the text before the Markdown
 * parser sees it: the parser's time grows faster than the square of the depth (a
 * list 400 deep takes seconds, 1,000 deep minutes, then the stack runs out), so a
 * source nested beyond the limit is refused at the line where it goes too deep.
 *
 * Per line, the bound is: one level for each `>` or list marker that opens the
 * line, plus one for every two columns of indentation before them (a nested list
 * item is indented at least two columns more than its parent). It is an upper
 * bound: text indented by many columns counts as deep even where it is code.
 */
/** One container marker at a position, with the spaces after it: `>`, a bullet, an ordered-list number. */
const MARKER = /(?:>|[-+*](?=[ \t])|\d{1,9}[.)](?=[ \t]))[ \t]*/y;
const INDENT = /[ \t]*/y;

function columns(ws: string): number {
  let col = 0;
  for (const ch of ws) col = ch === '\t' ? col + 4 - (col % 4) : col + 1;
  return col;
}

/** The offset of the first line nested deeper than `limit`; undefined when none is. */
export function tooDeep(text: string, from: number, limit: number): number | undefined {
  let start = from;
  while (start < text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    INDENT.lastIndex = start;
    const indent = INDENT.exec(text)![0];
    let depth = Math.floor(columns(indent) / 2);
    // marker after marker (`> - 1. …`), each read where the last ended: linear in the line, however long its markers
    MARKER.lastIndex = start + indent.length;
    while (depth <= limit && MARKER.lastIndex < end && MARKER.exec(text)) depth++;
    if (depth > limit) return start;
    start = end + 1;
  }
  return undefined;
}
