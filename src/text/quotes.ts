/**
 * Finding quotation marks in a paragraph: which marks open, which close, which
 * pair up, and which are left alone or pair with a mark of another style. The
 * quote extractor and the `quote-balance` lint rule both read this one scan.
 */

export interface QuoteMarks {
  primary: readonly [string, string];
  secondary: readonly [string, string];
}

export interface QuoteSpan {
  /** index of the opening mark */
  open: number;
  /** index of the closing mark */
  close: number;
  openMark: string;
  closeMark: string;
  /** nesting depth, 0 for the outermost */
  depth: number;
  /** the closing mark is not the one that matches the opening mark */
  mismatched: boolean;
}

interface QuoteScan {
  spans: QuoteSpan[];
  /** marks that found no partner; `opens`: an opening mark never closed (else a closing mark never opened) */
  unpaired: { index: number; mark: string; opens: boolean }[];
}

/** Double marks in common use, each with the marks that may close it. */
const GENERIC_PAIRS: [string, string[]][] = [
  ['“', ['”']],
  ['„', ['“', '”']],
  ['«', ['»']],
  ['「', ['」']],
  ['『', ['』']],
  ['‹', ['›']],
  ['"', ['"']],
];
/** Single marks are only read inside a double-quoted span: `’` is also an apostrophe. */
const SINGLE_PAIRS: [string, string[]][] = [
  ['‘', ['’']],
  ['‚', ['‘', '’']],
];

function table(marks: QuoteMarks | undefined): Map<string, string[]> {
  const t = new Map<string, string[]>();
  const add = (open: string, close: string[]) => t.set(open, [...new Set([...(t.get(open) ?? []), ...close])]);
  if (marks) add(marks.primary[0], [marks.primary[1]]);
  for (const [o, c] of GENERIC_PAIRS) add(o, c);
  return t;
}

const isLetter = (ch: string | undefined) => ch !== undefined && /[\p{L}\p{N}]/u.test(ch);

/** The marks that may close `open` (the locale's first). */
export function closersOf(open: string, marks?: QuoteMarks): string[] {
  return table(marks).get(open) ?? (marks?.secondary[0] === open ? [marks.secondary[1]] : (SINGLE_PAIRS.find(([o]) => o === open)?.[1] ?? []));
}

/** The mark that opens a quotation closed by `close` (the locale's first). */
export function openerOf(close: string, marks?: QuoteMarks): string | undefined {
  if (marks?.primary[1] === close) return marks.primary[0];
  if (marks?.secondary[1] === close) return marks.secondary[0];
  return [...table(marks)].find(([, closers]) => closers.includes(close))?.[0];
}

/** Whether a text holds any quotation mark the scanner reads (most paragraphs hold none). */
export function hasQuoteMarks(text: string, marks?: QuoteMarks): boolean {
  return /[“”„«»「」『』‹›"]/.test(text) || (marks !== undefined && (text.includes(marks.primary[0]) || text.includes(marks.primary[1])));
}

export function scanQuotes(text: string, marks?: QuoteMarks): QuoteScan {
  const doubles = table(marks);
  const singles = new Map(SINGLE_PAIRS);
  if (marks) singles.set(marks.secondary[0], [marks.secondary[1], ...(singles.get(marks.secondary[0]) ?? [])]);
  const doubleClosers = new Set([...doubles.values()].flat());
  const stack: { index: number; mark: string; single: boolean }[] = [];
  const spans: QuoteSpan[] = [];
  const unpaired: QuoteScan['unpaired'] = [];

  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    // An apostrophe inside a word (don’t, l’eau) is not a quotation mark.
    if ((ch === '’' || ch === "'") && isLetter(text[i - 1]) && isLetter(text[i + 1])) continue;
    const top = stack[stack.length - 1];
    if (top && ((top.single ? singles : doubles).get(top.mark) ?? []).includes(ch)) {
      stack.pop();
      spans.push({ open: top.index, close: i, openMark: top.mark, closeMark: ch, depth: stack.length, mismatched: false });
    } else if (doubles.has(ch)) {
      stack.push({ index: i, mark: ch, single: false });
    } else if (singles.has(ch)) {
      // Single marks count only inside a double-quoted span; elsewhere they are apostrophes or scare quotes.
      if (stack.length) stack.push({ index: i, mark: ch, single: true });
    } else if (doubleClosers.has(ch)) {
      // A closing mark of another style closes the innermost open double mark, but does not match it.
      const at = stack.map((s) => !s.single).lastIndexOf(true);
      if (at < 0) {
        unpaired.push({ index: i, mark: ch, opens: false });
        continue;
      }
      const open = stack[at]!;
      stack.length = at;
      spans.push({ open: open.index, close: i, openMark: open.mark, closeMark: ch, depth: at, mismatched: true });
    }
  }
  for (const s of stack) if (!s.single) unpaired.push({ index: s.index, mark: s.mark, opens: true });
  spans.sort((a, b) => a.open - b.open);
  unpaired.sort((a, b) => a.index - b.index);
  return { spans, unpaired };
}
