/**
 * `broken-paragraph`: a sentence split by a stray blank line — a paragraph that
 * ends without closing punctuation, followed by one that starts in lower case.
 * Only neighbouring top-level paragraphs are compared (list items that end in
 * `;` and go on in lower case are a list, not a broken paragraph), and `;` and
 * `:` close a paragraph as well as `.`. The fix joins the two with one space.
 */
import type { Paragraph } from 'mdast';
import { positionedText } from '../../model/extract/text.js';
import { LEAD, release } from '../examples.js';
import { defineRule } from '../rule.js';

/** Marks that may end a paragraph, in the scripts of the UN languages. */
const CLOSING = /[.!?…:;。！？；：؟؛]$/u;
/** What may follow the closing punctuation: quotation marks, brackets, emphasis, space. */
const TRAILING = /[\s”’"'»›」』)\]*_\uFFFC]+$/u;
const LEADING = /^[\s“‘"'«‹「『([*_]+/u;

const SPLIT = 'The experts urged governments to address the root causes that push women';
const REST = 'and girls into vulnerable situations.';

export default defineRule({
  meta: {
    id: 'broken-paragraph',
    severity: 'error',
    doc: 'a top-level paragraph that ends without closing punctuation (`;` and `:` count) followed by one that starts in lower case',
    fixable: true,
    fixDoc: 'the two paragraphs joined with one space',
  },
  check(ctx) {
    const { text } = ctx.source;
    const nodes = ctx.source.tree.children;
    for (let i = 0; i + 1 < nodes.length; i++) {
      const a = nodes[i]!;
      const b = nodes[i + 1]!;
      if (a.type !== 'paragraph' || b.type !== 'paragraph') continue;
      const end = a.position?.end.offset;
      const start = b.position?.start.offset;
      if (end === undefined || start === undefined) continue;
      const tail = positionedText(a as Paragraph, { maskCode: true }).text.replace(TRAILING, '');
      const head = positionedText(b as Paragraph, { maskCode: true }).text.replace(LEADING, '');
      if (!tail || CLOSING.test(tail) || !/^\p{Ll}/u.test(head)) continue;
      const gap = text.slice(end, start);
      const lastWord = /\S+$/.exec(text.slice(a.position!.start.offset ?? 0, end));
      const firstWord = /^\S+/.exec(text.slice(start));
      ctx.report({
        reason: 'This paragraph ends mid-sentence and the next one starts in lower case: a sentence split by a blank line',
        hint: 'Join the two paragraphs, or end the first sentence and start the next with a capital.',
        range: [end - (lastWord?.[0].length ?? 0), start + (firstWord?.[0].length ?? 0)],
        ...(/^\s+$/.test(gap) ? { fix: [{ range: [end, start] as [number, number], text: ' ' }] } : {}),
      });
    }
  },
  examples: {
    valid: [
      { name: 'two sentences', source: release(`${LEAD}\n\nIt also asked companies to help.`) },
      { name: 'a list that goes on in lower case', source: release(`${LEAD}\n\n1. connecting households;\n2. capping prices;\n\nand publishing results every week.`) },
      { name: 'a colon closes a paragraph', source: release(`${LEAD}\n\nThree measures worked:\n\nconnecting households, capping prices and publishing results.`) },
      { name: 'a closing quotation mark after the full stop', source: release(`${LEAD}\n\n“It works,” she said. “It is cheap.”\n\niPhone owners were asked too.`) },
    ],
    invalid: [
      {
        name: 'a sentence split by a blank line',
        source: release(`${LEAD}\n\n${SPLIT}\n\n${REST}\n`),
        messages: [{ line: 10, column: 68, endLine: 12, endColumn: 4, reason: 'This paragraph ends mid-sentence and the next one starts in lower case: a sentence split by a blank line' }],
        output: release(`${LEAD}\n\n${SPLIT} ${REST}\n`),
      },
    ],
  },
});
