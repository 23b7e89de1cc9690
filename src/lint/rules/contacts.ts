/**
 * `contacts`: a release names at least one media contact (in the body, the front
 * matter or the template), and each contact it names can be reached: a phone
 * number that is valid (libphonenumber, international form) or a valid e-mail
 * address. A translation that takes its original's contacts leaves them to the
 * original's lint.
 */

import { isEmail } from '../../model/extract/contacts.js';
import type { Contact } from '../../model/types.js';
import { CONTACTS, LEAD, release } from '../examples.js';
import { defineRule, type RuleContext } from '../rule.js';
import { frontMatterStart, keyRange } from '../text.js';

const key = (c: Contact) => JSON.stringify([c.name, c.phones, c.emails, c.from, c.range?.start.offset]);

/** Where a contact is written in this source, or undefined when it is not (the template's, the original's). */
function rangeOf(ctx: RuleContext<unknown>, c: Contact, fmIndex: number): [number, number] | undefined {
  if (c.from === 'body') return c.range ? [c.range.start.offset, c.range.end.offset] : undefined;
  if (c.from === 'front-matter') return keyRange(ctx.source, ['contacts', fmIndex]);
  return undefined;
}

export default defineRule({
  meta: { id: 'contacts', severity: 'error', doc: 'no media contact at all (body, front matter or template); a contact with neither a valid phone number nor a valid e-mail', fixable: false },
  check(ctx) {
    const release = ctx.loaded?.release;
    if (!release) return;
    if (!release.contacts.length) {
      return ctx.report({
        reason: 'The release names no media contact',
        hint: 'Add a `## Media contacts` section with one list item a contact (`- Name, +41 22 917 9362, name@example.org`), or `contacts:` in the front matter.',
        range: frontMatterStart(),
      });
    }
    const inherited = new Set((ctx.loaded?.original?.release.contacts ?? []).map(key));
    let fmIndex = 0;
    for (const c of release.contacts) {
      const range = rangeOf(ctx, c, fmIndex);
      if (c.from === 'front-matter') fmIndex++;
      if (!range || inherited.has(key(c))) continue;
      if (c.phoneE164 || c.emails.some(isEmail)) continue;
      const wrong = [c.phones.length && `\`${c.phones.join(' / ')}\` is not a valid phone number`, c.emails.length && `\`${c.emails.join(' / ')}\` is not a valid e-mail address`].filter(Boolean);
      ctx.report({
        reason: `The contact ${c.name} has neither a valid phone number nor a valid e-mail address${wrong.length ? ` (${wrong.join('; ')})` : ''}`,
        hint: 'Give a phone number in international form with its country code (+41 22 917 9362) or an e-mail address.',
        range,
      });
    }
  },
  examples: {
    valid: [
      { name: 'a contacts section', source: release(`${LEAD}\n\n${CONTACTS}`) },
      { name: 'a contact in the front matter, e-mail only', source: release(LEAD, ['contacts:', '  - { name: Amara Lindqvist, email: a.lindqvist@example.org }']) },
    ],
    invalid: [
      {
        name: 'no contact at all',
        source: release(LEAD),
        messages: [{ line: 1, column: 1, endLine: 1, endColumn: 4, reason: 'The release names no media contact' }],
      },
      {
        name: 'a contact that cannot be reached',
        source: release(`${LEAD}\n\n## Media contacts\n\n- Vivian Kwok, Press officer, 22 917\n- Media Section, media@ohchr.org\n`),
        messages: [{ line: 12, column: 1, endLine: 12, endColumn: 37, reason: 'The contact Vivian Kwok has neither a valid phone number nor a valid e-mail address' }],
      },
      {
        name: 'a front-matter contact with a wrong number',
        source: release(LEAD, ['contacts:', '  - { name: Amara Lindqvist, phone: "+1 212" }']),
        messages: [
          { line: 7, column: 5, endLine: 7, endColumn: 47, reason: 'The contact Amara Lindqvist has neither a valid phone number nor a valid e-mail address (`+1 212` is not a valid phone number)' },
        ],
      },
    ],
  },
});
