/**
 * `unknown-key`: a front-matter key that pressready does not define (docs/source-format.md#front-matter
 * lists them). It is kept (and printed nowhere), so it is usually a typo: say which key was probably meant.
 */
import { closest } from '../../text/distance.js';
import { LEAD, release } from '../examples.js';
import { defineRule } from '../rule.js';

/** Keys that belong under another key: `city:` written at the top level means `dateline.city`. */
const NESTED: Record<string, string> = {
  city: 'dateline.city',
  date: 'dateline.date',
  name: 'contacts',
  phone: 'contacts',
  email: 'contacts',
  role: 'contacts',
  organization: 'contacts',
};

export default defineRule({
  meta: { id: 'unknown-key', severity: 'warning', doc: 'a front-matter key pressready does not know (usually a typo), with the key probably meant', fixable: false },
  check(ctx) {
    const base = ctx.source.yaml.src.base;
    for (const u of ctx.source.unknownKeys) {
      const r = u.node?.range;
      if (!r) continue;
      const meant = NESTED[u.key.toLowerCase()] ?? closest(u.key, u.known);
      ctx.report({
        reason: `Unknown front-matter key \`${u.path}\``,
        hint: meant ? `Did you mean \`${meant}\`? An unknown key is kept, but nothing prints it.` : `The keys are: ${u.known.join(', ')}. An unknown key is kept, but nothing prints it.`,
        range: [base + r[0], base + r[1]],
      });
    }
  },
  examples: {
    valid: [{ name: 'only known keys', source: release(LEAD, ['subheadline: A deck', 'reference: PR/20/1']) }],
    invalid: [
      {
        name: 'a typo',
        source: release(LEAD, ['sub-headline: A deck', 'refrence: PR/20/1']),
        messages: [
          { line: 6, column: 1, endLine: 6, endColumn: 13, reason: 'Unknown front-matter key `sub-headline`', hint: 'Did you mean `subheadline`? An unknown key is kept, but nothing prints it.' },
          { line: 7, column: 1, endLine: 7, endColumn: 9, reason: 'Unknown front-matter key `refrence`', hint: 'Did you mean `reference`? An unknown key is kept, but nothing prints it.' },
        ],
      },
      {
        name: 'a dateline key at the top level',
        source: release(LEAD, ['city: Geneva']),
        messages: [{ line: 6, column: 1, endLine: 6, endColumn: 5, reason: 'Unknown front-matter key `city`', hint: 'Did you mean `dateline.city`? An unknown key is kept, but nothing prints it.' }],
      },
    ],
  },
});
