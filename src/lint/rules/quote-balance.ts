/**
 * `quote-balance`: in each paragraph, quotation marks pair up, and a pair is of
 * one style (not `«…”`). Where the pair is clear — one of its marks is the
 * locale's — the fix replaces the other with its partner. Apostrophes (`women’s`,
 * `parties'`) are not quotation marks; `[…]` is a cut, not a problem; a quote
 * that runs over several paragraphs opens each of them and closes only the last.
 */
import type { TextEdit } from '../../messages.js';
import { closersOf, hasQuoteMarks, openerOf, type QuoteMarks, type QuoteSpan, scanQuotes } from '../../text/quotes.js';
import { release } from '../examples.js';
import { defineRule } from '../rule.js';
import { charRange, type ProseBlock, proseBlocks, replaceAt } from '../text.js';

/** The locale's pair that one mark of a mismatched span belongs to. */
function clearPair(span: QuoteSpan, marks: QuoteMarks): readonly [string, string] | undefined {
  for (const pair of [marks.primary, marks.secondary]) {
    if (span.openMark === pair[0] && span.closeMark !== pair[1]) return pair;
    if (span.closeMark === pair[1] && span.openMark !== pair[0]) return pair;
  }
  return undefined;
}

/** An opening mark left open at the end of a paragraph, when the next paragraph opens with it again. */
function continues(blocks: readonly ProseBlock[], i: number, mark: string, text: string): boolean {
  const next = blocks[i + 1];
  const end = blocks[i]!.node.position?.end.offset;
  const start = next?.node.position?.start.offset;
  if (!next || end === undefined || start === undefined) return false;
  return /^[\s>]*$/.test(text.slice(end, start)) && next.text.trimStart().startsWith(mark);
}

const SAID = 'Combatting trafficking also entails discouraging the demand,” Leinarte stressed.';

export default defineRule({
  meta: {
    id: 'quote-balance',
    severity: 'error',
    doc: 'quotation marks in a paragraph that do not pair up, or pair marks of different styles (`«…”`)',
    fixable: true,
    fixDoc: 'where one mark of a pair is the locale’s, the other becomes its partner',
  },
  check(ctx) {
    const marks = ctx.locale?.quotes;
    const blocks = proseBlocks(ctx.source.tree);
    blocks.forEach((block, i) => {
      if (!hasQuoteMarks(block.text, marks)) return;
      const scan = scanQuotes(block.text, marks);
      for (const span of scan.spans) {
        if (!span.mismatched) continue;
        const pair = marks && clearPair(span, marks);
        let fix: TextEdit[] | undefined;
        if (pair) {
          const edit = span.openMark === pair[0] ? replaceAt(ctx.source, block, span.close, span.closeMark, pair[1]) : replaceAt(ctx.source, block, span.open, span.openMark, pair[0]);
          if (edit) fix = [edit];
        }
        ctx.report({
          reason: `The quotation opened with ${span.openMark} is closed with ${span.closeMark}`,
          hint: pair ? `Use one pair: ${pair[0]}…${pair[1]}.` : 'Open and close the quotation with marks of one pair.',
          range: charRange(block, span.open, span.close + 1),
          ...(fix ? { fix } : {}),
        });
      }
      for (const u of scan.unpaired) {
        if (u.opens && continues(blocks, i, u.mark, ctx.source.text)) continue;
        const partner = u.opens ? closersOf(u.mark, marks)[0] : openerOf(u.mark, marks);
        ctx.report({
          reason: u.opens ? `The quotation mark ${u.mark} opens a quotation that is never closed` : `The quotation mark ${u.mark} closes a quotation that was never opened`,
          hint: u.opens
            ? `Close the quotation with ${partner ?? 'its partner'} where the quoted words end, or remove the stray mark.`
            : `Open the quotation with ${partner ?? 'its partner'} where the quoted words begin, or remove the stray mark.`,
          range: charRange(block, u.index, u.index + 1),
        });
      }
    });
  },
  examples: {
    valid: [
      { name: 'a pair', source: release(`“${SAID}`) },
      { name: 'apostrophes are not quotation marks', source: release("The States parties' adherence to women’s rights is someone's duty, the Committee’s members said.") },
      { name: 'a cut inside a quote', source: release('“Access to water […] cannot depend on a land title,” she said.') },
      { name: 'a quote over two paragraphs', source: release('“The first paragraph of a long statement.\n\n“And the second,” she said.') },
      { name: 'marks in code are not quotation marks', source: release('Write `"` for inches, the style guide says.') },
      { name: 'nested quotes', source: release('“The report calls this ‘a crisis’,” she said.') },
    ],
    invalid: [
      {
        name: 'a pair of two styles',
        source: release(`«${SAID}`),
        messages: [{ line: 8, column: 1, endLine: 8, endColumn: 63, reason: 'The quotation opened with « is closed with ”', hint: 'Use one pair: “…”.' }],
        output: release(`“${SAID}`),
      },
      {
        name: 'a straight mark closed with a curly one',
        source: release(`"${SAID}`),
        messages: [{ line: 8, column: 1, endLine: 8, endColumn: 63, reason: 'The quotation opened with " is closed with ”' }],
        output: release(`“${SAID}`),
      },
      {
        name: 'never closed',
        source: release(`“${SAID.replace('”', '')}`),
        messages: [
          {
            line: 8,
            column: 1,
            endLine: 8,
            endColumn: 2,
            reason: 'The quotation mark “ opens a quotation that is never closed',
            hint: 'Close the quotation with ” where the quoted words end, or remove the stray mark.',
          },
        ],
      },
      {
        name: 'never opened',
        source: release(SAID),
        messages: [{ line: 8, column: 61, endLine: 8, endColumn: 62, reason: 'The quotation mark ” closes a quotation that was never opened' }],
      },
    ],
  },
});
