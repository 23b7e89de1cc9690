/**
 * `hidden-characters`: characters that are not seen but change what is seen. A
 * bidi override (U+202D, U+202E) shows `Committee for calls` as `Committee rof
 * sllac`, or a link's address in another order than it is followed; a zero-width
 * space splits a word for search engines and screen readers but not for the eye.
 * None belongs in a press release. Bidi embeddings and isolates (U+202A–202C,
 * U+2066–2069) and the direction marks (U+200E, U+200F) have a use in right-to-left
 * text, so there they are reported only when an opening one is not closed in its
 * paragraph, or a closing one closes nothing. Checked everywhere in the file,
 * link addresses and front matter included. The fix deletes the character.
 */
import { visit } from 'unist-util-visit';
import YAML from 'yaml';
import { codePoint } from '../../text/code-point.js';
import { LEAD, release } from '../examples.js';
import { defineRule } from '../rule.js';

const NAMES: Record<number, string> = {
  8203: 'zero-width space',
  8288: 'word joiner',
  65279: 'zero-width no-break space',
  6158: 'Mongolian vowel separator',
  8289: 'invisible function application',
  8290: 'invisible times',
  8291: 'invisible separator',
  8292: 'invisible plus',
  8234: 'left-to-right embedding',
  8235: 'right-to-left embedding',
  8236: 'pop directional formatting',
  8237: 'left-to-right override',
  8238: 'right-to-left override',
  8294: 'left-to-right isolate',
  8295: 'right-to-left isolate',
  8296: 'first strong isolate',
  8297: 'pop directional isolate',
  8206: 'left-to-right mark',
  8207: 'right-to-left mark',
};

const HIDDEN = /[\u200B\u2060\uFEFF\u180E\u2061-\u2064\u202A-\u202E\u2066-\u2069\u200E\u200F]/gu;
const HIDDEN_ONE = new RegExp(HIDDEN.source, 'u');
/** Always reported: overrides and invisible characters with no use in a release. */
const NEVER = /[\u200B\u2060\uFEFF\u180E\u2061-\u2064\u202D\u202E]/u;
const OPENS = /[\u202A\u202B\u2066-\u2068]/u;
const MARKS = /[\u200E\u200F]/u;

/** Offsets of embeddings and isolates that are not paired within their paragraph (a blank line ends one). */
function unpaired(text: string, offsets: number[]): Set<number> {
  const bad = new Set<number>();
  let stack: { at: number; isolate: boolean }[] = [];
  let last = 0;
  for (const at of offsets) {
    if (/\n[ \t]*\n/.test(text.slice(last, at))) {
      for (const s of stack) bad.add(s.at);
      stack = [];
    }
    last = at;
    const ch = text[at]!;
    if (OPENS.test(ch)) stack.push({ at, isolate: ch >= '\u2066' });
    else if (ch === '\u202C' || ch === '\u2069') {
      const isolate = ch === '\u2069';
      const top = stack.at(-1);
      if (top && top.isolate === isolate) stack.pop();
      else bad.add(at);
    }
  }
  for (const s of stack) bad.add(s.at);
  return bad;
}

export default defineRule({
  meta: {
    id: 'hidden-characters',
    severity: 'error',
    doc: 'invisible characters that change what is displayed: bidi overrides, zero-width spaces (also in link addresses); in left-to-right text any bidi control, in right-to-left text one left unpaired in its paragraph',
    fixable: true,
    fixDoc: 'the character deleted',
  },
  check(ctx) {
    const { text } = ctx.source;
    const rtl = ctx.locale?.dir === 'rtl';
    const found = [...text.matchAll(HIDDEN)].map((m) => m.index);
    // a byte-order mark at the very start is the file's, not the text's
    const inText = found.filter((i) => i > 0 || text[0] !== '\uFEFF');
    const bidi = rtl
      ? unpaired(
          text,
          inText.filter((i) => !NEVER.test(text[i]!) && !MARKS.test(text[i]!)),
        )
      : new Set<number>();
    for (const at of inText) {
      const ch = text[at]!;
      if (rtl && !NEVER.test(ch) && !bidi.has(at)) continue;
      const code = ch.codePointAt(0)!;
      const name = NAMES[code]!;
      const reason =
        NEVER.test(ch) || !rtl
          ? `An invisible ${name} (${codePoint(code)}) is in the text: it changes what readers see or find`
          : `An unpaired ${name} (${codePoint(code)}) reorders the rest of the paragraph`;
      ctx.report({
        reason,
        hint: 'Delete it (`pressready lint --fix` does). Such characters come with pasted text, or are meant to mislead.',
        range: [at, at + 1],
        fix: [{ range: [at, at + 1], text: '' }],
      });
    }
    // written as an escape (YAML `\u202E`, a character reference `&#x202E;`): the value holds it, the file's text does not
    const escaped = (value: string, range: [number, number]) => {
      const written = text.slice(range[0], range[1]);
      for (const ch of new Set(value.match(HIDDEN) ?? [])) {
        if (written.includes(ch) || (rtl && !NEVER.test(ch))) continue;
        const code = ch.codePointAt(0)!;
        ctx.report({
          reason: `An invisible ${NAMES[code]!} (${codePoint(code)}) is written here as an escape: it changes what readers see or find`,
          hint: 'Delete the escape: nothing in a press release needs it.',
          range,
        });
      }
    };
    YAML.visit(ctx.source.yaml.doc, {
      Scalar(_key, node) {
        if (typeof node.value === 'string' && node.range && HIDDEN_ONE.test(node.value)) escaped(node.value, [ctx.source.yaml.src.base + node.range[0], ctx.source.yaml.src.base + node.range[1]]);
      },
    });
    visit(ctx.source.tree, (node) => {
      if (node.type === 'yaml' || node.position?.start.offset === undefined || node.position.end.offset === undefined) return;
      const n = node as { value?: unknown; url?: unknown; alt?: unknown };
      for (const v of [n.value, n.url, n.alt]) if (typeof v === 'string' && HIDDEN_ONE.test(v)) escaped(v, [node.position.start.offset, node.position.end.offset]);
    });
  },
  examples: {
    valid: [
      { name: 'ordinary text', source: release(LEAD) },
      {
        name: 'a phone number isolated in Arabic text',
        source: release('قالت خبيرة مستقلة اليوم إن المياه حق، ويمكن الاتصال بالمكتب على الرقم \u2066+41 22 917 9362\u2069 في جنيف.', ['lang: ar']),
      },
    ],
    invalid: [
      {
        name: 'a right-to-left override in the headline spoofs it',
        source: release(LEAD).replace('Committee calls', 'Committee \u202Esllac\u202C'),
        messages: [
          { line: 2, column: 21, endLine: 2, endColumn: 22, reason: 'An invisible right-to-left override (U+202E) is in the text: it changes what readers see or find' },
          { line: 2, column: 27, endLine: 2, endColumn: 28, reason: 'An invisible pop directional formatting (U+202C) is in the text: it changes what readers see or find' },
        ],
        output: release(LEAD).replace('Committee calls', 'Committee sllac'),
      },
      {
        name: 'a zero-width space inside a word and in a link address',
        source: release('The UN women’s rights com\u200Bmittee today called on [governments](https://ex\u200Bample.org) to end trafficking.'),
        messages: [
          { line: 8, column: 26, endLine: 8, endColumn: 27, reason: 'An invisible zero-width space (U+200B) is in the text: it changes what readers see or find' },
          { line: 8, column: 74, endLine: 8, endColumn: 75, reason: 'An invisible zero-width space (U+200B) is in the text: it changes what readers see or find' },
        ],
        output: release('The UN women’s rights committee today called on [governments](https://example.org) to end trafficking.'),
      },
      {
        name: 'an override written as an escape: a YAML \\u202E in the headline, a character reference in the text',
        source: release(`${LEAD} Then &#x202E;sllac.`).replace('headline: Committee calls for action on trafficking', 'headline: "Committee \\u202Esllac"'),
        messages: [
          { line: 2, column: 11, endLine: 2, endColumn: 34, reason: 'An invisible right-to-left override (U+202E) is written here as an escape: it changes what readers see or find' },
          { line: 8, column: 1, endLine: 8, endColumn: 119, reason: 'An invisible right-to-left override (U+202E) is written here as an escape: it changes what readers see or find' },
        ],
      },
      {
        name: 'an isolate opened and never closed in Arabic text',
        source: release('قالت خبيرة مستقلة اليوم إن المياه حق، ويمكن الاتصال بالمكتب على الرقم \u2066+41 22 917 9362 في جنيف.', ['lang: ar']),
        messages: [{ line: 9, column: 71, endLine: 9, endColumn: 72, reason: 'An unpaired left-to-right isolate (U+2066) reorders the rest of the paragraph' }],
        output: release('قالت خبيرة مستقلة اليوم إن المياه حق، ويمكن الاتصال بالمكتب على الرقم +41 22 917 9362 في جنيف.', ['lang: ar']),
      },
    ],
  },
});
