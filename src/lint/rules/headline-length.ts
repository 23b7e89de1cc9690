/**
 * `headline-length`: a headline that fits a news feed and a subject line. The
 * same news takes more characters in French than in English, and far fewer in
 * Chinese: the maximum is English's, times the language's `lint.headlineScale`
 * (locale data: French 1.2, Chinese 0.4), so that a faithful translation of a
 * headline that fits fits too.
 */
import { LEAD, release } from '../examples.js';
import { defineRule } from '../rule.js';
import { keyRange } from '../text.js';

// made on first use: building a segmenter loads ICU data that most runs never need
let graphemes: Intl.Segmenter | undefined;

export default defineRule<{ max: number }>({
  meta: {
    id: 'headline-length',
    severity: 'warning',
    doc: 'the headline has more characters than `max` times the language’s `lint.headlineScale` (locale data: French and Spanish 1.2, Chinese 0.4)',
    fixable: false,
    options: {
      spec: { max: { type: 'number', min: 1, doc: 'most characters in an English headline; other languages scale it by their locale’s `lint.headlineScale`' } },
      defaults: { max: 100 },
    },
  },
  check(ctx) {
    const headline = ctx.source.frontMatter.headline;
    const range = keyRange(ctx.source, ['headline']);
    if (typeof headline !== 'string' || !range) return;
    // characters as a reader counts them: é is one, whether written as one code point or two
    graphemes ??= new Intl.Segmenter(undefined, { granularity: 'grapheme' });
    const n = [...graphemes.segment(headline.trim())].length;
    const max = Math.max(1, Math.round(ctx.options.max * (ctx.locale?.lint?.headlineScale ?? 1)));
    if (n <= max) return;
    ctx.report({
      reason: `The headline has ${n} characters; keep it to ${max} or fewer`,
      hint: 'Cut it to the news itself, and move the rest to `subheadline:`.',
      range,
    });
  },
  examples: {
    valid: [
      { name: 'a short headline', source: release(LEAD) },
      {
        name: 'a French headline longer than English’s 100 characters, within 120 (French scale 1.2)',
        source: release(LEAD, ['lang: fr']).replace(
          'headline: Committee calls for action on trafficking',
          'headline: Le comité des droits des femmes de l’ONU appelle les gouvernements à agir contre la traite des femmes à l’ère numérique',
        ),
      },
    ],
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
        name: 'a Chinese headline over 40 characters (100 × Chinese scale 0.4)',
        source: release(LEAD, ['lang: zh']).replace(
          'headline: Committee calls for action on trafficking',
          'headline: 联合国妇女权利委员会今天呼吁世界各国政府立即采取一切适当措施，打击数字时代利用社交媒体贩运妇女和女童的行为',
        ),
        messages: [{ line: 2, column: 11, endLine: 2, endColumn: 64, reason: 'The headline has 53 characters; keep it to 40 or fewer' }],
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
