/**
 * `lead-length`: a lead a reader takes in at a glance (wire style: about 35–45 words in
 * English). Other languages scale the maximum by their locale's `lint.leadScale`: the
 * fixtures' faithful French and Spanish leads run 1.12–1.25 times the English words.
 */
import { inlineText } from '../../model/extract/blocks.js';
import { LEAD, release } from '../examples.js';
import { defineRule } from '../rule.js';
import { countWords } from '../text.js';

const LONG =
  'The UN women’s rights committee today called on governments to pursue all appropriate means to eliminate trafficking in women and girls, highlighting the increasing use of social media to recruit trafficking victims during the COVID-19 pandemic, and asked companies to help.';

const FRENCH =
  'Le Comité des droits des femmes de l’ONU a appelé aujourd’hui les gouvernements à employer tous les moyens appropriés pour éliminer la traite des femmes et des filles, soulignant le recours croissant aux réseaux sociaux pour recruter des victimes pendant la pandémie de COVID-19, et a demandé aux entreprises de l’aider.';

export default defineRule<{ max: number }>({
  meta: {
    id: 'lead-length',
    severity: 'warning',
    doc: 'the lead has more words than `max` times the language’s `lint.leadScale` (locale data: French and Spanish 1.2, Chinese 1.1)',
    fixable: false,
    options: { spec: { max: { type: 'number', min: 1, doc: 'most words in an English lead; other languages scale it by their locale’s `lint.leadScale`' } }, defaults: { max: 45 } },
  },
  check(ctx) {
    const release = ctx.loaded?.release;
    if (!release?.leadRange) return;
    const words = countWords(inlineText(release.lead), ctx.lang);
    const max = Math.max(1, Math.round(ctx.options.max * (ctx.locale?.lint?.leadScale ?? 1)));
    if (words <= max) return;
    ctx.report({
      reason: `The lead has ${words} words; keep it to ${max} or fewer`,
      hint: 'Keep who, what, when and where in the lead, and move the rest to the next paragraph.',
      range: [release.leadRange.start.offset, release.leadRange.end.offset],
    });
  },
  examples: {
    valid: [
      { name: 'a short lead', source: release(LEAD) },
      { name: '41 words, under the default', source: release(LONG) },
      {
        name: 'a French lead of 51 words, within 54 (45 × French scale 1.2)',
        source: release(FRENCH, ['lang: fr']),
      },
    ],
    invalid: [
      {
        name: 'over a lower maximum',
        source: release(LONG),
        options: { max: 30 },
        messages: [{ line: 8, column: 1, endLine: 8, endColumn: 275, reason: 'The lead has 41 words; keep it to 30 or fewer' }],
      },
      {
        name: 'a French lead over 54 words',
        source: release(`${FRENCH} Le Comité a également demandé aux entreprises de technologie de coopérer davantage.`, ['lang: fr']),
        messages: [{ line: 9, column: 1, reason: 'The lead has 63 words; keep it to 54 or fewer' }],
      },
      {
        name: 'over the default',
        source: release(
          LONG.replace('and asked companies to help.', 'and asked social media and messaging companies to set up controls that mitigate the risk of exposing women and girls to trafficking.'),
        ),
        messages: [{ line: 8, column: 1, reason: 'The lead has 58 words; keep it to 45 or fewer' }],
      },
    ],
  },
});
