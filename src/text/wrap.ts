/**
 * Line breaking by the Unicode rules (UAX #14, via the `linebreak` package that
 * pdfkit uses too): Latin breaks at spaces and hyphens, Chinese between
 * characters but never before closing punctuation, Arabic at spaces. Widths are
 * display columns (a Chinese character is two), from `string-width`.
 */
import LineBreaker from 'linebreak';
import stringWidth from 'string-width';
import { unbreakableRanges } from './unbreakable.js';

/**
 * A piece of text between two break opportunities; `required` marks a hard
 * break after it, `whole` a piece that holds an address or a phone number
 * (./unbreakable.ts), never broken inside even when it is wider than a line.
 */
interface Piece {
  text: string;
  required: boolean;
  whole?: true;
}

/**
 * The text cut into the pieces between break opportunities, with no break
 * inside a URL, an e-mail address, a phone number or one of the `known` strings.
 */
export function breakPieces(text: string, known: readonly string[] = []): Piece[] {
  const out: Piece[] = [];
  const keep = unbreakableRanges(text, known);
  const breaker = new LineBreaker(text);
  let last = 0;
  let k = 0;
  for (let b = breaker.nextBreak(); b; b = breaker.nextBreak()) {
    while (k < keep.length && keep[k]![1] <= last) k++;
    const range = keep[k];
    // a break strictly inside a range is no break: the piece goes on
    if (range && !b.required && b.position > range[0] && b.position < range[1]) continue;
    const piece: Piece = { text: text.slice(last, b.position), required: b.required };
    if (range && range[0] < b.position && range[1] > last) piece.whole = true;
    out.push(piece);
    last = b.position;
  }
  return out;
}

export const width = (s: string): number => stringWidth(s);

/**
 * Wrap one paragraph at `columns`, the first line after `first` and the others
 * after `rest` (a hanging indent). A piece longer than a line stands alone:
 * words are never cut, nor are addresses and phone numbers (a URL longer than
 * the line stands alone on its line, past the width: a reader's mail client
 * links it only whole). `known`: more strings to keep whole (contacts' numbers).
 */
export function wrap(text: string, columns: number | undefined, first = '', rest = first, known: readonly string[] = []): string[] {
  if (!columns) return text.split('\n').map((l, i) => (i ? rest : first) + l);
  const lines: string[] = [];
  let line = first;
  let prefixWidth = width(first);
  let lineWidth = prefixWidth;
  const flush = () => {
    lines.push(line.replace(/\s+$/, ''));
    line = rest;
    prefixWidth = lineWidth = width(rest);
  };
  for (const piece of breakPieces(text, known)) {
    const body = piece.text.replace(/[\r\n]+$/, '');
    const trimmedWidth = width(body.replace(/\s+$/, ''));
    if (lineWidth > prefixWidth && lineWidth + trimmedWidth > columns) flush();
    line += lineWidth === prefixWidth ? body.replace(/^\s+/, '') : body;
    lineWidth = width(line);
    if (piece.required && /\n$/.test(piece.text)) flush();
  }
  if (line.trim() || lines.length === 0) lines.push(line.replace(/\s+$/, ''));
  return lines;
}
