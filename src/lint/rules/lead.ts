/**
 * `lead`: the body starts with a paragraph of prose — the lead, which the
 * dateline is printed in front of. A heading, a list, a quote block or a lone
 * link first means the release has no lead.
 */
import type { RootContent } from 'mdast';
import { isHtmlComment } from '../../model/extract/blocks.js';
import { positionedText } from '../../model/extract/text.js';
import { LEAD, release } from '../examples.js';
import { defineRule } from '../rule.js';
import { countWords, nodeRange } from '../text.js';

const WHAT: Partial<Record<RootContent['type'], string>> = {
  heading: 'a heading',
  list: 'a list',
  blockquote: 'a block quote',
  table: 'a table',
  code: 'a code block',
  thematicBreak: 'a horizontal rule',
  html: 'raw HTML',
};

const HINT = 'Start the body with the lead: a paragraph of full sentences that says who did what, when and where.';
/** Fewer words than this is a label or a line, not a lead. */
const MIN_WORDS = 5;

export default defineRule({
  meta: { id: 'lead', severity: 'error', doc: 'the body starts with a paragraph of prose of 5 words or more: the lead', fixable: false },
  check(ctx) {
    const first = ctx.source.tree.children.find((n) => n.type !== 'yaml' && n.type !== 'definition' && !(n.type === 'html' && isHtmlComment(n.value)));
    if (!first) {
      const end = ctx.source.bodyOffset;
      return ctx.report({ reason: 'The body is empty: there is no lead', hint: HINT, range: [Math.max(0, end - 3), end] });
    }
    if (first.type !== 'paragraph') {
      return ctx.report({ reason: `The body starts with ${WHAT[first.type] ?? 'something other than a paragraph'}, not with the lead`, hint: HINT, range: nodeRange(first) });
    }
    const words = countWords(positionedText(first, { maskCode: true }).text, ctx.lang);
    if (words < MIN_WORDS) {
      ctx.report({ reason: `The lead has ${words} word${words === 1 ? '' : 's'}: it is not a paragraph of prose`, hint: HINT, range: nodeRange(first) });
    }
  },
  examples: {
    valid: [
      { name: 'a paragraph first', source: release(`${LEAD}\n\n## Background\n\nMore.\n`) },
      { name: 'a comment before the lead', source: release(`<!-- checked by the desk -->\n\n${LEAD}`) },
    ],
    invalid: [
      {
        name: 'a heading first',
        source: release(`### Summary\n\n${LEAD}`),
        messages: [{ line: 8, column: 1, endLine: 8, endColumn: 12, reason: 'The body starts with a heading, not with the lead' }],
      },
      {
        name: 'a link alone',
        source: release(`[Read the report](https://www.example.org/report)\n\n${LEAD}`),
        messages: [{ line: 8, column: 1, reason: 'The lead has 3 words: it is not a paragraph of prose' }],
      },
      {
        name: 'no body',
        source: release(''),
        messages: [{ line: 6, column: 1, endLine: 6, endColumn: 4, reason: 'The body is empty: there is no lead' }],
      },
    ],
  },
});
