/**
 * `quote-attribution`: every quotation is someone's. Quoted speech is found as
 * the release model finds it (src/model/extract/quotes.ts, with the locale's
 * speech verbs); a short quoted phrase (a title, a scare quote) is not speech.
 */
import { LEAD, release } from '../examples.js';
import { defineRule } from '../rule.js';
import { countWords } from '../text.js';

export default defineRule<{ minWords: number }>({
  meta: {
    id: 'quote-attribution',
    severity: 'warning',
    doc: 'quoted speech of `minWords` words or more with no speaker found',
    fixable: false,
    options: { spec: { minWords: { type: 'number', min: 1, doc: 'fewer quoted words than this are a phrase, not speech' } }, defaults: { minWords: 4 } },
  },
  check(ctx) {
    for (const q of ctx.loaded?.release.quotes ?? []) {
      if (q.speaker || countWords(q.text, ctx.lang) < ctx.options.minWords) continue;
      ctx.report({
        reason: q.form === 'block' ? 'A block quote with no speaker' : 'Quoted speech with no speaker found',
        hint:
          q.form === 'block' ? 'End the block quote with a paragraph that names the speaker: `> — Name, role`.' : 'Name the speaker in the same paragraph with a speech verb: `“…,” said Name, role.`',
        range: [q.range.start.offset, q.range.end.offset],
      });
    }
  },
  examples: {
    valid: [
      { name: 'a speaker after the quote', source: release(`${LEAD}\n\n“The pandemic has revealed an urgent need,” said Dalia Leinarte.`) },
      {
        name: 'a surname later on',
        source: release(`${LEAD}\n\n“The pandemic has revealed an urgent need,” said Dalia Leinarte.\n\n“Combatting trafficking entails discouraging demand,” Leinarte stressed.`),
      },
      { name: 'a short phrase is not speech', source: release(`${LEAD}\n\nThe report calls it “a crisis” and asks for action.`) },
      { name: 'a block quote with its speaker', source: release(`${LEAD}\n\n> Access to water cannot depend on a land title.\n>\n> — Ines Carvalho-Mendes, UN Independent Expert`) },
    ],
    invalid: [
      {
        name: 'speech with no speaker',
        source: release(`${LEAD}\n\n“The pandemic has revealed an urgent need to act,” the report says.`),
        messages: [{ line: 10, column: 1, endLine: 10, endColumn: 51, reason: 'Quoted speech with no speaker found' }],
      },
      {
        name: 'a block quote with no speaker',
        source: release(`${LEAD}\n\n> Access to water cannot depend on a land title.\n`),
        messages: [{ line: 10, column: 1, endLine: 10, endColumn: 49, reason: 'A block quote with no speaker' }],
      },
    ],
  },
});
