/**
 * `embargo-date`: the embargo lifts on the dateline's day. A release dated the
 * 22nd and embargoed until the 23rd is usually a typo in one of the two (the
 * comparison is in the embargo's own offset, as the embargo line prints it).
 */
import { LEAD, release } from '../examples.js';
import { defineRule } from '../rule.js';
import { keyRange } from '../text.js';

export default defineRule({
  meta: { id: 'embargo-date', severity: 'warning', doc: 'the embargo lifts on another day (at its own offset) than the dateline date', fixable: false },
  check(ctx) {
    const r = ctx.loaded?.release;
    if (!r?.embargo || r.embargo.date === r.dateline.date) return;
    // a translation that inherits both leaves the problem to its original
    const range = keyRange(ctx.source, ['embargo']) ?? keyRange(ctx.source, ['dateline', 'date']);
    if (!range) return;
    ctx.report({
      reason: `The embargo lifts on ${r.embargo.date} (${r.embargo.value}), but the dateline is dated ${r.dateline.date}`,
      hint: 'Date the release the day its embargo lifts, or correct the embargo.',
      range,
    });
  },
  examples: {
    valid: [
      { name: 'the same day', source: release(LEAD, ['embargo: 2020-11-11T10:00:00+01:00']) },
      { name: 'the same day at its offset, the day before in GMT', source: release(LEAD, ['embargo: 2020-11-11T00:30:00+02:00']) },
    ],
    invalid: [
      {
        name: 'the next day',
        source: release(LEAD, ['embargo: 2020-11-12T10:00:00+01:00']),
        messages: [{ line: 6, column: 10, endLine: 6, endColumn: 35, reason: 'The embargo lifts on 2020-11-12 (2020-11-12T10:00:00+01:00), but the dateline is dated 2020-11-11' }],
      },
    ],
  },
});
