/**
 * Line breaking by the Unicode rules (UAX #14, via the `linebreak` package that
 * pdfkit uses too): Latin breaks at spaces and hyphens, Chinese between
 * characters but never before closing punctuation, Arabic at spaces. Widths are
 * display columns (a Chinese character is two), from `string-width`.
 */
import LineBreaker from 'linebreak';
import stringWidth from 'string-width';

/** The text cut into the pieces between break opportunities; `required` marks a hard break after a piece. */
export function breakPieces(text: string): { text: string; required: boolean }[] {
  const out: { text: string; required: boolean }[] = [];
  const breaker = new LineBreaker(text);
  let last = 0;
  for (let b = breaker.nextBreak(); b; b = breaker.nextBreak()) {
    out.push({ text: text.slice(last, b.position), required: b.required });
    last = b.position;
  }
  return out;
}

export const width = (s: string): number => stringWidth(s);

/**
 * Wrap one paragraph at `columns`, the first line after `first` and the others
 * after `rest` (a hanging indent). A piece longer than a line stands alone:
 * words are never cut.
 */
export function wrap(text: string, columns: number | undefined, first = '', rest = first): string[] {
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
  for (const piece of breakPieces(text)) {
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
