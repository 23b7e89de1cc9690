/**
 * `placeholder-link`: a link (or image) whose target is empty, `#`, or a word
 * standing in for the address (`TODO`, `link`, `url`). A printed release cannot
 * be clicked, but its DOCX and PDF can, and an editor would send this one back.
 */
import type { Image, Link } from 'mdast';
import { visit } from 'unist-util-visit';
import { LEAD, release } from '../examples.js';
import { defineRule } from '../rule.js';
import { nodeRange } from '../text.js';

export default defineRule<{ words: string[] }>({
  meta: {
    id: 'placeholder-link',
    severity: 'error',
    doc: 'a link or image whose target is empty, `#`, or a word standing in for an address (`words`)',
    fixable: false,
    options: {
      spec: { words: { type: 'list', items: { type: 'string' }, doc: 'targets that stand in for an address' } },
      defaults: { words: ['todo', 'tbd', 'tk', 'xxx', 'link', 'url', 'insert-link', 'placeholder', 'http://', 'https://'] },
    },
  },
  check(ctx) {
    const words = new Set(ctx.options.words.map((w) => w.toLowerCase()));
    const placeholder = (url: string) => {
      const u = url.trim().toLowerCase();
      return u === '' || u === '#' || words.has(u) || words.has(u.replace(/^#/, '')) || words.has(u.replace(/^https?:\/\//, ''));
    };
    visit(ctx.source.tree, (node) => {
      // a reference (`[report][r]`) is a link here: the parser resolved it with its definition
      if (node.type !== 'link' && node.type !== 'image') return;
      const { url } = node as Link | Image;
      if (!placeholder(url)) return;
      const what = node.type;
      ctx.report({
        reason: url.trim() ? `The ${what} points at \`${url.trim()}\`, a placeholder` : `The ${what} has no target`,
        hint: 'Write the full address (https://…), or remove the link and keep its words.',
        range: nodeRange(node),
      });
    });
  },
  examples: {
    valid: [{ name: 'a real address', source: release(`${LEAD}\n\nThe full document is [online](https://www.ohchr.org/en/documents).`) }],
    invalid: [
      {
        name: 'empty, # and TODO',
        source: release(`${LEAD}\n\nThe [Committee](#) published the [document]() [online](TODO).`),
        messages: [
          { line: 10, column: 5, endLine: 10, endColumn: 19, reason: 'The link points at `#`, a placeholder' },
          { line: 10, column: 34, endLine: 10, endColumn: 46, reason: 'The link has no target' },
          { line: 10, column: 47, endLine: 10, endColumn: 61, reason: 'The link points at `TODO`, a placeholder' },
        ],
      },
      {
        name: 'a reference to a placeholder',
        source: release(`${LEAD}\n\nRead the [report][r].\n\n[r]: url`),
        messages: [{ line: 10, column: 10, endLine: 10, endColumn: 21, reason: 'The link points at `url`, a placeholder' }],
      },
    ],
  },
});
