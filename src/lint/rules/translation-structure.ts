/**
 * `translation-structure`: a translation has every section, quote and contact
 * block of its original — the parts a translator most often drops. Sections are
 * found by the names each locale accepts (`## Contexte` is a background section
 * in French), quotes as the release model finds them; speakers' names may be
 * written in another script, so quotes are compared by number and form, and
 * contacts by number. Words are never counted: a faithful translation is longer
 * or shorter than its original.
 */
import { toString } from 'mdast-util-to-string';
import { splitBody } from '../../model/extract/sections.js';
import type { Loaded } from '../../release/load.js';
import type { SectionKind } from '../../templates/types.js';
import { release } from '../examples.js';
import { defineRule } from '../rule.js';
import { keyRange } from '../text.js';

const NAMES: Record<SectionKind, string> = { contacts: 'contacts', background: 'background', boilerplate: '“About”' };

function sections(l: Loaded) {
  return splitBody(l.source.tree.children, l.locale).sections;
}

const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
function lines(list: { range?: { start: { line: number } } }[]): string {
  const found = list.map((x) => x.range?.start.line).filter((n) => n !== undefined);
  return `${found.length === 1 ? 'line' : 'lines'} ${found.join(', ')}`;
}

const ORIGINAL = release(
  'The committee called for action today, its chair said.\n\n> Trafficking is a crime.\n>\n> — Dalia Leinarte, committee member\n\n## Media contacts\n\n- Vivian Kwok, +41 22 917 9362, vkwok@ohchr.org\n- Media Section, media@ohchr.org\n\n## Background\n\nThe committee has 23 members.\n',
);
const edition = (body: string) => release(body, ['lang: en-GB', 'translation-of: original.md']);
/** an original whose quotations stand in its paragraphs */
const INLINE = release(
  'The committee called for action today.\n\n“Trafficking is a crime,” said Dalia Leinarte.\n\n“States must act now,” she added.\n\n## Media contacts\n\n- Vivian Kwok, vkwok@ohchr.org\n- Media Section, media@ohchr.org\n',
);

export default defineRule({
  meta: { id: 'translation-structure', severity: 'warning', doc: 'a translation missing a section, a quote or a contact of its original (counted by number and form, never by words)', fixable: false },
  check(ctx) {
    const original = ctx.loaded?.original;
    if (!original || !ctx.loaded) return;
    const at = keyRange(ctx.source, ['translation-of'])!;
    const of = original.source.file;
    const mine = sections(ctx.loaded);
    const theirs = sections(original);
    for (const kind of ['contacts', 'background', 'boilerplate'] as const) {
      const want = theirs.filter((s) => s.kind === kind);
      const have = mine.filter((s) => s.kind === kind);
      // no contacts section: the translation takes all of its original's contacts (docs/source-format.md#translations)
      if (kind === 'contacts' && !have.length) continue;
      for (const s of want.slice(have.length)) {
        ctx.report({
          reason: `The original has a ${NAMES[kind]} section (\`## ${toString(s.heading)}\`, line ${s.heading.position?.start.line} of ${of}) that this translation lacks`,
          hint: 'Translate that section too, under a heading the locale knows for it.',
          range: at,
        });
      }
    }
    const ownContacts = ctx.loaded.release.contacts.filter((c) => c.from === 'body');
    const theirContacts = original.release.contacts.filter((c) => c.from === 'body');
    if (mine.some((s) => s.kind === 'contacts') && ownContacts.length < theirContacts.length) {
      ctx.report({
        reason: `The original lists ${count(theirContacts.length, 'media contact', 'media contacts')} (${lines(theirContacts)} of ${of}); this translation ${ownContacts.length}`,
        hint: 'List every contact of the original, or remove the contacts section to take the original’s.',
        range: at,
      });
    }
    for (const form of ['block', 'inline'] as const) {
      const want = original.release.quotes.filter((q) => q.form === form);
      const have = ctx.loaded.release.quotes.filter((q) => q.form === form);
      if (have.length >= want.length) continue;
      ctx.report({
        reason: `The original has ${form === 'block' ? count(want.length, 'block quote', 'block quotes') : count(want.length, 'quotation in its paragraphs', 'quotations in its paragraphs')} (${lines(want)} of ${of}); this translation ${have.length}`,
        hint: 'Translate every quotation of the original.',
        range: at,
      });
    }
  },
  examples: {
    valid: [
      {
        name: 'every part, and the original’s contacts taken',
        source: edition(
          'The committee called for action today, its chair said.\n\n> Trafficking is a crime.\n>\n> — Dalia Leinarte, committee member\n\n## Background\n\nThe committee has 23 members.\n',
        ),
        files: { 'original.md': ORIGINAL },
      },
      {
        name: 'the same quotes and contacts in twice the words, in another language',
        source: release(
          'Le Comité pour l’élimination de la discrimination à l’égard des femmes a appelé aujourd’hui les gouvernements à agir sans attendre contre la traite.\n\n« La traite des femmes et des filles est un crime grave, qui ne connaît pas de frontières », a déclaré Dalia Leinarte.\n\n« Les États doivent agir dès maintenant, avec tous les moyens dont ils disposent : il n’y a plus de temps à perdre », a ajouté Mme Leinarte.\n\n## Contacts presse\n\n- Vivian Kwok, vkwok@ohchr.org\n- Section des médias, media@ohchr.org\n',
          ['lang: fr', 'translation-of: original.md'],
        ),
        files: { 'original.md': INLINE },
      },
    ],
    invalid: [
      {
        name: 'a section, a contact and a quote missing',
        source: edition('The committee called for action today, its chair said.\n\n## Media contacts\n\n- Vivian Kwok, +41 22 917 9362, vkwok@ohchr.org\n'),
        files: { 'original.md': ORIGINAL },
        messages: [
          { line: 7, column: 17, endLine: 7, endColumn: 28, reason: 'The original has a background section (`## Background`, line 19 of original.md) that this translation lacks' },
          { line: 7, column: 17, endLine: 7, endColumn: 28, reason: 'The original lists 2 media contacts (lines 16, 17 of original.md); this translation 1' },
          { line: 7, column: 17, endLine: 7, endColumn: 28, reason: 'The original has 1 block quote (line 10 of original.md); this translation 0' },
        ],
      },
      {
        name: 'a quotation dropped: the warning names the original’s lines',
        source: edition(
          'The committee called for action today.\n\n“Trafficking is a crime,” said Dalia Leinarte.\n\n## Media contacts\n\n- Vivian Kwok, vkwok@ohchr.org\n- Media Section, media@ohchr.org\n',
        ),
        files: { 'original.md': INLINE },
        messages: [{ line: 7, column: 17, endLine: 7, endColumn: 28, reason: 'The original has 2 quotations in its paragraphs (lines 10, 12 of original.md); this translation 1' }],
      },
      {
        name: 'a contact dropped',
        source: edition(
          'The committee called for action today.\n\n“Trafficking is a crime,” said Dalia Leinarte.\n\n“States must act now,” she added.\n\n## Media contacts\n\n- Vivian Kwok, vkwok@ohchr.org\n',
        ),
        files: { 'original.md': INLINE },
        messages: [{ line: 7, column: 17, endLine: 7, endColumn: 28, reason: 'The original lists 2 media contacts (lines 16, 17 of original.md); this translation 1' }],
      },
    ],
  },
});
