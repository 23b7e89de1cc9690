/**
 * `front-matter`: the front matter has the keys it needs (docs/source-format.md#front-matter), and its values
 * mean something — a real date, an embargo with its offset, a language the
 * template has, a template and an original that exist. The checks are the source
 * reader's own (src/source/front-matter.ts, the template loader); this rule gives
 * their findings an id, a severity and a place in the lint report.
 */

import { LEAD, release } from '../examples.js';
import { defineRule } from '../rule.js';

export default defineRule({
  meta: {
    id: 'front-matter',
    severity: 'error',
    doc: 'the required keys are there and their values mean something: `dateline.date` a real date, `embargo` a date-time with its offset, `lang` a language the template has, the template and the original found',
    fixable: false,
  },
  check(ctx) {
    for (const m of ctx.frontMatterProblems) {
      const start = m.place?.start.offset ?? 0;
      ctx.report({ reason: m.reason, ...(m.hint ? { hint: m.hint } : {}), range: [start, m.place?.end?.offset ?? start] });
    }
  },
  examples: {
    valid: [
      { name: 'the required keys, a real date', source: release(LEAD) },
      { name: 'an embargo with its offset', source: release(LEAD, ['embargo: 2020-11-11T10:00:00+01:00']) },
    ],
    invalid: [
      {
        name: 'no headline',
        source: `---\ndateline:\n  city: Geneva\n  date: 2020-11-11\n---\n\n${LEAD}`,
        messages: [{ line: 2, column: 1, endLine: 5, endColumn: 1, reason: 'Missing required key `headline`' }],
      },
      {
        name: 'a date that does not exist',
        source: release(LEAD).replace('2020-11-11', '2020-02-30'),
        messages: [{ line: 5, column: 9, endLine: 5, endColumn: 19, reason: '`dateline.date` is `2020-02-30`, which is not a real date' }],
      },
      {
        name: 'an embargo without its offset',
        source: release(LEAD, ['embargo: 2020-11-11T10:00:00']),
        messages: [{ line: 6, column: 10, reason: '`embargo` is `2020-11-11T10:00:00`, which has no time-zone offset' }],
      },
      {
        name: 'a language the template does not have',
        source: release(LEAD, ['lang: tlh']),
        messages: [{ line: 6, column: 7, endLine: 6, endColumn: 10, reason: 'The template `default` has no `tlh` locale' }],
      },
      {
        name: 'an original that does not exist',
        source: release(LEAD, ['translation-of: missing.md', 'lang: en']),
        messages: [{ line: 6, column: 17, reason: 'The original `missing.md` does not exist' }],
      },
    ],
  },
});
