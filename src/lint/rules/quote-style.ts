/**
 * `quote-style`: quotation marks are the locale's (`“…”` in English, `«…»` in
 * French, from `quotes:` in the locale file). The fix replaces both marks of a
 * pair; a nested quotation takes the locale's secondary marks. Pairs of two
 * styles are `quote-balance`'s, which fixes them first.
 */
import { hasQuoteMarks, scanQuotes } from '../../text/quotes.js';
import { release } from '../examples.js';
import { defineRule } from '../rule.js';
import { charRange, proseBlocks, replaceAt } from '../text.js';

const SAID = 'Combatting trafficking also entails discouraging the demand, Leinarte stressed.';

export default defineRule({
  meta: {
    id: 'quote-style',
    severity: 'warning',
    doc: 'quotation marks that are not the locale’s (straight `"` in English; `“ ”` in French)',
    fixable: true,
    fixDoc: 'both marks of the pair replaced by the locale’s',
  },
  check(ctx) {
    const marks = ctx.locale?.quotes;
    if (!marks) return;
    for (const block of proseBlocks(ctx.source.tree)) {
      if (!hasQuoteMarks(block.text, marks)) continue;
      for (const span of scanQuotes(block.text, marks).spans) {
        if (span.mismatched) continue;
        const is = (pair: readonly [string, string]) => span.openMark === pair[0] && span.closeMark === pair[1];
        if (is(marks.primary) || (span.depth > 0 && is(marks.secondary))) continue;
        const want = span.depth === 0 ? marks.primary : marks.secondary;
        const open = replaceAt(ctx.source, block, span.open, span.openMark, want[0]);
        const close = replaceAt(ctx.source, block, span.close, span.closeMark, want[1]);
        ctx.report({
          reason: `${span.openMark}…${span.closeMark} are not the quotation marks of this language (${ctx.lang}), which uses ${want[0]}…${want[1]}${span.depth ? ' inside a quotation' : ''}`,
          hint: `Replace them with ${want[0]} and ${want[1]}.`,
          range: charRange(block, span.open, span.close + 1),
          ...(open && close ? { fix: [open, close] } : {}),
        });
      }
    }
  },
  examples: {
    valid: [
      { name: 'the locale’s marks', source: release(`“${SAID.replace(',', ',”')}`) },
      { name: 'the locale’s secondary marks inside', source: release('“The report calls this ‘a crisis’,” she said.') },
      { name: 'a pair of two styles is quote-balance’s', source: release('«Combatting trafficking,” she said.') },
    ],
    invalid: [
      {
        name: 'straight quotes in English',
        source: release(`"${SAID.replace(',', ',"')}`),
        messages: [{ line: 8, column: 1, endLine: 8, endColumn: 63, reason: '"…" are not the quotation marks of this language (en), which uses “…”' }],
        output: release(`“${SAID.replace(',', ',”')}`),
      },
      {
        name: 'guillemets in English',
        source: release(`«${SAID.replace(',', ',»')}`),
        messages: [{ line: 8, column: 1, reason: '«…» are not the quotation marks of this language (en), which uses “…”' }],
        output: release(`“${SAID.replace(',', ',”')}`),
      },
      {
        name: 'a nested pair in primary marks is accepted; one in guillemets takes the secondary marks',
        source: release('“The report calls this «a crisis»,” she said.'),
        messages: [{ line: 8, column: 24, endLine: 8, endColumn: 34, reason: '«…» are not the quotation marks of this language (en), which uses ‘…’ inside a quotation' }],
        output: release('“The report calls this ‘a crisis’,” she said.'),
      },
    ],
  },
});
