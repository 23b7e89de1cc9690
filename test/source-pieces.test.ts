/**
 * A long source is parsed a piece at a time (src/source/chunks.ts): the tree must
 * be the one the whole text parses to, positions included, whatever the text.
 */

import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import type { Root } from 'mdast';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { describe, expect, it } from 'vitest';
import { PIECE, parseInPieces } from '../src/source/chunks.js';
import { parseMarkdown, parsePiecesWith } from '../src/source/parse.js';
import { pieceMemo, rememberPieces, WATCH_PIECE } from '../src/watch/piece-memo.js';
import { ALL_FIXTURES, fixture } from './helpers.js';

const processor = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).use(remarkGfm);
const whole = (text: string) => processor.parse(text) as Root;
let calls = 0;
const counted = (text: string) => {
  calls++;
  return whole(text);
};

// Lines of every kind of block, and lines that continue one: a document is any sequence of them.
const LINES = [
  '',
  '',
  '',
  ' ',
  '\t',
  '  ',
  '     ',
  '\r',
  'Text of a paragraph.',
  'Another line, with *emphasis* and `code`.',
  'www.example.org and a@b.org',
  'Zürich, Genève',
  'Ελληνικά',
  'نص عربي',
  '中文文本',
  '- item',
  '  - nested item',
  '1. first',
  '2) second',
  '   continued',
  '    indented code',
  '> quote',
  '> > deeper',
  '>',
  '# Heading',
  'Setext',
  '===',
  '---',
  '***',
  '```',
  '```js',
  '~~~',
  '````',
  '  ```',
  '<div>',
  '</div>',
  '<!-- comment',
  '-->',
  '<pre>',
  '</pre>',
  '<script>',
  '</script>',
  '<?php',
  '?>',
  '<![CDATA[',
  ']]>',
  '<!DOCTYPE',
  '> - quoted item',
  '  > quote in a list',
  '<span>inline html',
  '<custom-tag>',
  '[not a link]',
  'Note[^1] here',
  '[a]: https://example.org',
  '| a | b |',
  '|---|---|',
  '| 1 | 2 |',
  'a | b',
  '- [ ] task',
  '* star',
  '+ plus',
  '\\',
  'Line with trailing spaces  ',
  'A line\r',
  'A line\rand a line after a CR alone',
];
const line = fc.constantFrom(...LINES);
const body = fc.array(line, { minLength: 0, maxLength: 60 }).map((ls) => ls.join('\n'));
const frontMatter = fc.constantFrom('', '---\nheadline: H\n---\n', '---\nheadline: H\n\nkey: v\n---\n\n', '---\nheadline: H\n\nnever closed\n', '---\n---\n');
const doc = fc.tuple(frontMatter, body, fc.boolean()).map(([fm, b, nl]) => fm + b + (nl ? '\n' : ''));

describe('parsing in pieces', () => {
  it('gives the tree of the whole text, positions included, for any sequence of blocks', () => {
    fc.assert(
      fc.property(doc, fc.integer({ min: 1, max: 40 }), (text, piece) => {
        expect(parseInPieces(text, whole, piece)).toEqual(whole(text));
      }),
      { numRuns: Number(process.env.RUNS ?? 3000) },
    );
  });

  it('cuts a long text of paragraphs into pieces of about the size asked', () => {
    const text = `---\nheadline: H\n---\n\n${'A paragraph of the release.\n\n'.repeat(400)}`;
    calls = 0;
    expect(parseInPieces(text, counted, 1000)).toEqual(whole(text));
    expect(calls).toBeGreaterThan(8);
    expect(calls).toBeLessThan(16);
  });

  it('parses a text with a definition whole: whether [label] is a link depends on it, wherever it is', () => {
    const text = `See [the report].\n\n${'A paragraph.\n\n'.repeat(100)}[the report]: https://example.org\n`;
    calls = 0;
    const tree = parseInPieces(text, counted, 100);
    expect(calls).toBe(1);
    expect(tree).toEqual(whole(text));
    expect(JSON.stringify(tree.children[0])).toContain('linkReference');
  });

  it('does not cut inside a code block that runs across blank lines, however long', () => {
    const text = `Start.\n\n\`\`\`\n${'Code\n\nMore code\n\n'.repeat(300)}\`\`\`\n\n${'After.\n\n'.repeat(300)}`;
    expect(parseInPieces(text, whole, 64)).toEqual(whole(text));
  });

  it('parses every fixture, and every fixture repeated past the piece size, as the whole text', () => {
    for (const f of ALL_FIXTURES) {
      const text = readFileSync(fixture(f), 'utf8');
      expect(parseMarkdown(text)).toEqual(whole(text));
      const body = text.replace(/^---[\s\S]*?\n---\n/, '');
      const long = `${text}\n\n${body.repeat(Math.ceil((2.5 * PIECE) / body.length))}`;
      expect(long.length).toBeGreaterThan(2 * PIECE);
      expect(parseMarkdown(long)).toEqual(whole(long));
    }
  });
});

describe('parsing through `watch`’s memo of pieces (src/watch/piece-memo.ts)', () => {
  it('gives the tree of the whole text, for any sequence of blocks, any edit, and texts seen before', () => {
    try {
      fc.assert(
        fc.property(doc, doc, fc.integer({ min: 1, max: 40 }), (a, b, piece) => {
          parsePiecesWith(pieceMemo(10_000, piece));
          for (const text of [a, b, a, b + a]) expect(parseMarkdown(text)).toEqual(whole(text));
        }),
        { numRuns: Number(process.env.RUNS ?? 300) },
      );
      rememberPieces();
      for (const f of ALL_FIXTURES) {
        const text = readFileSync(fixture(f), 'utf8');
        expect(parseMarkdown(text)).toEqual(whole(text));
        // the trees it hands out are copies: editing one does not edit the next
        const tree = parseMarkdown(text);
        tree.children.splice(0);
        expect(parseMarkdown(text)).toEqual(whole(text));
      }
    } finally {
      parsePiecesWith(undefined);
    }
  });

  it('parses again only the piece an edit of one paragraph changed', () => {
    const text = readFileSync(fixture('cedaw-trafficking/release.md'), 'utf8');
    const memo = pieceMemo();
    const parse = (t: string) => parseInPieces(t, (piece) => memo.parse(piece, counted), WATCH_PIECE);
    calls = 0;
    expect(parse(text)).toEqual(whole(text));
    expect(calls).toBeGreaterThan(3);
    calls = 0;
    const edited = text.replace('urged governments to address', 'urged all governments to address');
    expect(edited).not.toBe(text);
    expect(parse(edited)).toEqual(whole(edited));
    expect(calls).toBe(1);
    calls = 0;
    expect(parse(text)).toEqual(whole(text));
    expect(calls).toBe(0);
  });

  it('keeps the pieces used last, within its bound', () => {
    const memo = pieceMemo(4 * WATCH_PIECE);
    const paragraphs = (n: number, tag: string) => `${Array.from({ length: n }, (_, i) => `Paragraph ${tag} ${i} ${'of text '.repeat(WATCH_PIECE / 8)}`).join('\n\n')}\n`;
    const parse = (t: string) => parseInPieces(t, (piece) => memo.parse(piece, counted), WATCH_PIECE);
    const a = paragraphs(8, 'a');
    parse(a);
    parse(paragraphs(8, 'b'));
    calls = 0;
    expect(parse(a)).toEqual(whole(a));
    // a's pieces were dropped for b's: parsed again
    expect(calls).toBe(8);
  });
});
