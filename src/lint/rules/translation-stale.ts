/**
 * `translation-stale`: a translation whose original changed since its
 * `source-hash` was written, naming the blocks of the original that changed
 * (src/translations/fingerprint.ts, shared with `pressready translations`). A
 * translation with no `source-hash` cannot be known to be current.
 */

import { parseSource } from '../../source/parse.js';
import { describeChange, fingerprintBlocks, formatFingerprint, freshness } from '../../translations/fingerprint.js';
import { release } from '../examples.js';
import { defineRule } from '../rule.js';
import { keyRange } from '../text.js';

const ORIGINAL = release('The committee today called on governments to end trafficking.\n\nIt asked companies to help.\n');
const CHANGED = ORIGINAL.replace('It asked companies to help.', 'It asked social media companies to help.');
// A British edition: the examples need a language the built-in templates have.
const TRANSLATION = (hash: string) =>
  release('The committee today called on governments to end trafficking.\n\nIt asked companies to help, as they had promised.\n', [
    'lang: en-GB',
    'translation-of: original.md',
    ...(hash ? [`source-hash: ${hash}`] : []),
  ]);

/** The fingerprint of an example original, so that the examples hold a real, current hash. */
function hashOf(text: string): string {
  const parsed = parseSource('original.md', text);
  return parsed.source ? formatFingerprint(fingerprintBlocks(parsed.source)) : '';
}

const MARK = 'When the translation matches its original again, run `pressready translations --mark-current <file>` to record the original’s fingerprint.';

export default defineRule({
  meta: { id: 'translation-stale', severity: 'warning', doc: 'a translation whose original changed since its `source-hash` (naming the blocks that changed), or that has none', fixable: false },
  check(ctx) {
    const original = ctx.loaded?.original;
    if (!original || typeof ctx.source.frontMatter['translation-of'] !== 'string') return;
    const hash = ctx.source.frontMatter['source-hash'];
    const f = freshness(hash, original.source);
    const at = keyRange(ctx.source, ['source-hash']) ?? keyRange(ctx.source, ['translation-of'])!;
    if (f.status === 'up-to-date') return;
    if (f.status === 'unmarked') return ctx.report({ reason: 'This translation has no `source-hash`, so nothing tells whether its original changed since', hint: MARK, range: at });
    if (f.status === 'invalid') return ctx.report({ reason: '`source-hash` is not a fingerprint that pressready wrote', hint: MARK, range: at });
    const list = f.changes.map(describeChange);
    const shown = list.length > 4 ? [...list.slice(0, 4), `${list.length - 4} more`] : list;
    ctx.report({
      reason: `The original changed since this translation was brought up to date: ${shown.join('; ')}`,
      hint: `Bring those parts of the translation up to date. ${MARK}`,
      range: at,
    });
  },
  examples: {
    valid: [{ name: 'the original as it was', source: TRANSLATION(hashOf(ORIGINAL)), files: { 'original.md': ORIGINAL } }],
    invalid: [
      {
        name: 'a paragraph of the original changed',
        source: TRANSLATION(hashOf(ORIGINAL)),
        files: { 'original.md': CHANGED },
        messages: [
          {
            line: 8,
            column: 14,
            endLine: 8,
            endColumn: 43,
            reason: 'The original changed since this translation was brought up to date: the paragraph at line 10 (“It asked social media companies…”) changed',
          },
        ],
      },
      {
        name: 'no source-hash',
        source: TRANSLATION(''),
        files: { 'original.md': ORIGINAL },
        messages: [{ line: 7, column: 17, endLine: 7, endColumn: 28, reason: 'This translation has no `source-hash`, so nothing tells whether its original changed since' }],
      },
    ],
  },
});
