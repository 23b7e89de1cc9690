/**
 * `placeholder-text`: `TK`, `TODO`, `XXX`, `FIXME`, `lorem ipsum` or `[insert …]`
 * (`[insérer …]`, `[أدخل …]`: the word of the source's locale's `init.insert`)
 * left in the body or the front matter — the marks an editor (or `pressready
 * init`) leaves for words still to write. `[…]`, a cut in a quotation, is not one.
 */
import { LEAD, release } from '../examples.js';
import { defineRule } from '../rule.js';
import { charRange, frontMatterStrings, proseBlocks } from '../text.js';

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Whole words, as written: TK in capitals is a placeholder, "tk" is not. */
function wordPattern(words: readonly string[]): RegExp {
  const list = [...words]
    .sort((a, b) => b.length - a.length)
    .map(escape)
    .join('|');
  return new RegExp(`(?<![\\p{L}\\p{N}])(?:${list || '(?!)'})(?![\\p{L}\\p{N}])`, 'gu');
}
/** In any case. */
const PHRASES = /lorem ipsum|\[(?:insert|add|enter|placeholder)\b[^\]\n]*\]/giu;

/**
 * `[insérer …]`, `[填写…]`: a bracket opened by the word the source's locale
 * gives for its init placeholders (`init.insert`). A word in a script without
 * spaces (Han) needs no word end after it.
 */
function localePhrases(insert: string | undefined): RegExp[] {
  if (!insert || insert.toLowerCase() === 'insert') return [];
  const end = /\p{Script=Han}$/u.test(insert) ? '' : '(?![\\p{L}\\p{N}])';
  return [new RegExp(`\\[${escape(insert)}${end}[^\\]\\n]*\\]`, 'giu')];
}

function* matches(text: string, patterns: readonly RegExp[]): Generator<{ index: number; found: string }> {
  const all = patterns.flatMap((re) => [...text.matchAll(re)].map((m) => ({ index: m.index, found: m[0] })));
  yield* all.sort((a, b) => a.index - b.index);
}

export default defineRule<{ words: string[] }>({
  meta: {
    id: 'placeholder-text',
    severity: 'error',
    doc: 'a placeholder word (`words`, whole and as written), `lorem ipsum` or `[insert …]` (or the locale’s word: `[insérer …]`) left in the body or the front matter',
    fixable: false,
    options: { spec: { words: { type: 'list', items: { type: 'string' }, doc: 'placeholder words, matched whole and as written' } }, defaults: { words: ['TK', 'TKTK', 'TODO', 'XXX', 'FIXME'] } },
  },
  check(ctx) {
    const patterns = [wordPattern(ctx.options.words), PHRASES, ...localePhrases(ctx.locale?.init?.insert)];
    const report = (found: string, range: [number, number]) =>
      ctx.report({ reason: `Placeholder \`${found}\` left in the text`, hint: 'Write the final words in its place before the release goes out.', range });
    for (const s of frontMatterStrings(ctx.source)) {
      // the value as written in the file, so that the place is exact even inside quotes
      const written = ctx.source.text.slice(s.range[0], s.range[1]);
      for (const m of matches(written, patterns)) report(m.found, [s.range[0] + m.index, s.range[0] + m.index + m.found.length]);
    }
    for (const block of proseBlocks(ctx.source.tree)) {
      for (const m of matches(block.text, patterns)) report(m.found, charRange(block, m.index, m.index + m.found.length));
    }
  },
  examples: {
    valid: [
      { name: 'a cut in a quotation', source: release(`${LEAD}\n\n“Access to water […] cannot depend on a land title,” she said.`) },
      { name: 'words that contain the letters', source: release(`${LEAD}\n\nThe TKO fighters and Todos Santos residents signed the XXXL petition.`) },
    ],
    invalid: [
      {
        name: 'placeholders in the body',
        source: release(`${LEAD}\n\n“TK,” said [insert name], the TODO.\n\nLorem ipsum dolor sit amet.`),
        messages: [
          { line: 10, column: 2, endLine: 10, endColumn: 4, reason: 'Placeholder `TK` left in the text' },
          { line: 10, column: 12, endLine: 10, endColumn: 25, reason: 'Placeholder `[insert name]` left in the text' },
          { line: 10, column: 31, endLine: 10, endColumn: 35, reason: 'Placeholder `TODO` left in the text' },
          { line: 12, column: 1, endLine: 12, endColumn: 12, reason: 'Placeholder `Lorem ipsum` left in the text' },
        ],
      },
      {
        name: 'a placeholder in the language of the source (the locale’s `init.insert`)',
        source: release('Le Comité a appelé aujourd’hui les États à agir.\n\nContact : [insérer le nom], [填写电话].', ['lang: fr']),
        messages: [{ line: 11, column: 11, endLine: 11, endColumn: 27, reason: 'Placeholder `[insérer le nom]` left in the text' }],
      },
      {
        name: 'a placeholder in the front matter',
        source: release(LEAD, ['subheadline: "XXX: a deck to write"']),
        messages: [{ line: 6, column: 15, endLine: 6, endColumn: 18, reason: 'Placeholder `XXX` left in the text' }],
      },
    ],
  },
});
