/**
 * A long source is parsed a piece at a time (src/source/chunks.ts): the tree must
 * be the one the whole text parses to, positions included, whatever the text.
 */
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import type { Root } from 'mdast';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { describe, expect, it } from 'vitest';
import { parseInPieces, PIECE } from '../src/source/chunks.js';
import { parseMarkdown } from '../src/source/parse.js';
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
  '', '', '', ' ', '\t', '  ', '     ', '\r', 'Text of a paragraph.', 'Another line, with *emphasis* and `code`.', 'www.example.org and a@b.org', 'Zürich, Genève', 'Ελληνικά', 'نص عربي', '中文文本',
  '- item', '  - nested item', '1. first', '2) second', '   continued', '    indented code', '> quote', '> > deeper', '>', '# Heading', 'Setext', '===', '---', '***',
  '```', '```js', '~~~', '````', '  ```', '<div>', '</div>', '<!-- comment', '-->', '<pre>', '</pre>', '<script>', '</script>', '<?php', '?>', '<![CDATA[', ']]>', '<!DOCTYPE',
  '> - quoted item', '  > quote in a list', '<span>inline html', '<custom-tag>', '[not a link]', 'Note[^1] here', '[a]: https://example.org', '| a | b |', '|---|---|', '| 1 | 2 |', 'a | b', '- [ ] task', '* star', '+ plus', '\\', 'Line with trailing spaces  ', 'A line\r',
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
    const text = '---\nheadline: H\n---\n\n' + 'A paragraph of the release.\n\n'.repeat(400);
    calls = 0;
    expect(parseInPieces(text, counted, 1000)).toEqual(whole(text));
    expect(calls).toBeGreaterThan(8);
    expect(calls).toBeLessThan(16);
  });

  it('parses a text with a definition whole: whether [label] is a link depends on it, wherever it is', () => {
    const text = 'See [the report].\n\n' + 'A paragraph.\n\n'.repeat(100) + '[the report]: https://example.org\n';
    calls = 0;
    const tree = parseInPieces(text, counted, 100);
    expect(calls).toBe(1);
    expect(tree).toEqual(whole(text));
    expect(JSON.stringify(tree.children[0])).toContain('linkReference');
  });

  it('does not cut inside a code block that runs across blank lines, however long', () => {
    const text = 'Start.\n\n```\n' + 'Code\n\nMore code\n\n'.repeat(300) + '```\n\n' + 'After.\n\n'.repeat(300);
    expect(parseInPieces(text, whole, 64)).toEqual(whole(text));
  });

  it('parses every fixture, and every fixture repeated past the piece size, as the whole text', () => {
    for (const f of ALL_FIXTURES) {
      const text = readFileSync(fixture(f), 'utf8');
      expect(parseMarkdown(text)).toEqual(whole(text));
      const body = text.replace(/^---[\s\S]*?\n---\n/, '');
      const long = text + '\n\n' + body.repeat(Math.ceil((2.5 * PIECE) / body.length));
      expect(long.length).toBeGreaterThan(2 * PIECE);
      expect(parseMarkdown(long)).toEqual(whole(long));
    }
  });
});
