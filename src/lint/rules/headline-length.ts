/** `headline-length`: a headline that fits a news feed and a subject line. */
import { LEAD, release } from '../examples.js';
import { defineRule } from '../rule.js';
import { keyRange } from '../text.js';

// made on first use: building a segmenter loads ICU data that most runs never need
let graphemes: Intl.Segmenter | undefined;

export default defineRule<{ max: number }>({
  meta: {
    id: 'headline-length',
    severity: 'warning',
    doc: 'the headline has more characters than `max` (default 100)',
    fixable: false,
    options: { spec: { max: { type: 'number', min: 1, doc: 'most characters in the headline' } }, defaults: { max: 100 } },
  },
  check(ctx) {
    const headline = ctx.source.frontMatter.headline;
    const range = keyRange(ctx.source, ['headline']);
    if (typeof headline !== 'string' || !range) return;
    // characters as a reader counts them: é is one, whether written as one code point or two
    graphemes ??= new Intl.Segmenter(undefined, { granularity: 'grapheme' });
    const n = [...graphemes.segment(headline.trim())].length;
    if (n <= ctx.options.max) return;
    ctx.report({
      reason: `The headline has ${n} characters; keep it to ${ctx.options.max} or fewer`,
      hint: 'Cut it to the news itself, and move the rest to `subheadline:`.',
      range,
    });
  },
  examples: {
    valid: [{ name: 'a short headline', source: release(LEAD) }],
    invalid: [
      {
        name: 'a long headline',
        source: release(LEAD).replace(
          'headline: Committee calls for action on trafficking',
          'headline: UN women’s rights committee calls on governments everywhere to act on trafficking of women and girls in the digital age',
        ),
        messages: [{ line: 2, column: 11, endLine: 2, endColumn: 130, reason: 'The headline has 119 characters; keep it to 100 or fewer' }],
      },
      {
        name: 'a lower maximum',
        source: release(LEAD),
        options: { max: 40 },
        messages: [{ line: 2, column: 11, endLine: 2, endColumn: 52, reason: 'The headline has 41 characters; keep it to 40 or fewer' }],
      },
    ],
  },
});
