/**
 * `french-spacing`: French typography puts a narrow no-break space (U+202F)
 * inside « » and before ; ! ? — so that a line never breaks between a word and
 * its mark. The fix inserts U+202F, or puts it in place of an ordinary or a wide
 * no-break space. Swiss and Canadian French set no space before ; ! ? and are
 * left alone (`except`). `:` takes a wider no-break space and is not checked.
 */
import type { TextEdit } from '../../messages.js';
import { release } from '../examples.js';
import { defineRule } from '../rule.js';
import { charRange, frontMatterStrings, proseBlocks } from '../text.js';

const NNBSP = '\u202F';
const SPACES = new Set([' ', '\u00A0', '\t']);

interface Finding {
  /** index of the mark in the text */
  at: number;
  mark: string;
  /** index of the space to replace, or of where to insert */
  edit: { index: number; replace: boolean };
}

/** A token that is an address or code, where ; ! ? are not punctuation. */
function inToken(text: string, i: number): boolean {
  const from = text.lastIndexOf(' ', i) + 1;
  const to = text.indexOf(' ', i);
  return /(?:\/\/|www\.|@|\?\w+=)/.test(text.slice(from, to < 0 ? text.length : to));
}

function findSpacing(text: string): Finding[] {
  const out: Finding[] = [];
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '«') {
      const next = text[i + 1];
      if (next === undefined || next === NNBSP || next === '\n' || next === '\uFFFC') continue;
      out.push({ at: i, mark: ch, edit: SPACES.has(next) ? { index: i + 1, replace: true } : { index: i + 1, replace: false } });
    } else if (ch === '»' || ch === ';' || ch === '!' || ch === '?') {
      const prev = text[i - 1];
      if (prev === undefined || prev === NNBSP || prev === '\n' || prev === '\uFFFC' || prev === '«') continue;
      // ?! and !! take one space before the first mark; a;b and ?q= are not punctuation
      if (ch !== '»' && ('!?'.includes(prev) || /[\p{L}\p{N}]/u.test(text[i + 1] ?? '') || inToken(text, i))) continue;
      out.push({ at: i, mark: ch, edit: SPACES.has(prev) ? { index: i - 1, replace: true } : { index: i, replace: false } });
    }
  }
  return out;
}

const reason = (f: Finding) => (f.mark === '«' ? 'No narrow no-break space after «' : `No narrow no-break space before ${f.mark}`);
const HINT = 'French typography sets U+202F (narrow no-break space) after « and before », ;, ! and ?.';

export default defineRule<{ except: string[] }>({
  meta: {
    id: 'french-spacing',
    severity: 'warning',
    doc: 'French text (but the language tags in `except`) without the narrow no-break space (U+202F) inside « » and before ; ! ?',
    fixable: true,
    fixDoc: 'U+202F inserted, or put in place of a space',
    options: { spec: { except: { type: 'list', items: { type: 'string' }, doc: 'French language tags that set no such space' } }, defaults: { except: ['fr-CA', 'fr-CH'] } },
  },
  check(ctx) {
    const lang = ctx.lang.toLowerCase();
    if (lang.split('-')[0] !== 'fr' || ctx.options.except.some((t) => t.toLowerCase() === lang)) return;
    const { text } = ctx.source;
    const edit = (offset: number, f: Finding): TextEdit | undefined => {
      if (!f.edit.replace) return { range: [offset, offset], text: NNBSP };
      return SPACES.has(text[offset] ?? '') ? { range: [offset, offset + 1], text: NNBSP } : undefined;
    };
    for (const s of frontMatterStrings(ctx.source)) {
      if (s.path[0] !== 'headline' && s.path[0] !== 'subheadline') continue;
      const written = text.slice(s.range[0], s.range[1]);
      for (const f of findSpacing(written)) {
        const fix = edit(s.range[0] + f.edit.index, f);
        ctx.report({ reason: reason(f), hint: HINT, range: [s.range[0] + f.at, s.range[0] + f.at + 1], ...(fix ? { fix: [fix] } : {}) });
      }
    }
    for (const block of proseBlocks(ctx.source.tree)) {
      if (!/[«»;!?]/.test(block.text)) continue;
      for (const f of findSpacing(block.text)) {
        // an insertion goes right beside the mark in the file (inside any emphasis that opens or closes there)
        const fix = f.edit.replace ? edit(block.offsets[f.edit.index]!, f) : edit(f.mark === '«' ? block.offsets[f.at]! + 1 : block.offsets[f.at]!, f);
        ctx.report({ reason: reason(f), hint: HINT, range: charRange(block, f.at, f.at + 1), ...(fix ? { fix: [fix] } : {}) });
      }
    }
  },
  examples: {
    valid: [
      { name: 'narrow no-break spaces', source: release('«\u202FLes gouvernements savent déjà ce qui fonctionne\u202F», a-t-elle déclaré\u202F; est-ce assez\u202F?!', ['lang: fr']) },
      { name: 'Canadian French', source: release('«Les gouvernements savent déjà ce qui fonctionne», a-t-elle déclaré; est-ce assez?', ['lang: fr-CA']) },
      { name: 'an address', source: release('Le rapport est en ligne : <https://www.example.org/rapport?id=12>.', ['lang: fr']) },
      { name: 'English', source: release('Is it enough? She said so; we agree!') },
    ],
    invalid: [
      {
        name: 'no spaces, ordinary spaces',
        source: release('«Les gouvernements savent ce qui fonctionne », a-t-elle déclaré; assez !', ['lang: fr']),
        messages: [
          { line: 9, column: 1, endLine: 9, endColumn: 2, reason: 'No narrow no-break space after «' },
          { line: 9, column: 45, endLine: 9, endColumn: 46, reason: 'No narrow no-break space before »' },
          { line: 9, column: 64, endLine: 9, endColumn: 65, reason: 'No narrow no-break space before ;' },
          { line: 9, column: 72, endLine: 9, endColumn: 73, reason: 'No narrow no-break space before !' },
        ],
        output: release('«\u202FLes gouvernements savent ce qui fonctionne\u202F», a-t-elle déclaré\u202F; assez\u202F!', ['lang: fr']),
      },
    ],
  },
});
