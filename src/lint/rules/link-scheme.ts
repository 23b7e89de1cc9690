/**
 * `link-scheme`: a link or image whose address is not a web page, an e-mail
 * address or a phone number (`http`, `https`, `mailto`, `tel`, and the schemes
 * the template adds under `links.schemes`). `javascript:`, `data:`, `file:`,
 * `ms-msdt:` or a UNC path in a DOCX or PDF is one click from running code or
 * reading files on a stranger's machine; a relative address (`report.pdf`,
 * `www.example.org`) resolves against wherever the reader saved the file. Such a
 * link is printed as its words in every format, never as a link; this rule says
 * so before the release goes out. Empty and `#` targets are `placeholder-link`'s.
 */
import type { Image, Link } from 'mdast';
import { visit } from 'unist-util-visit';
import { SAFE_SCHEMES, schemeOf } from '../../model/links.js';
import { LEAD, release } from '../examples.js';
import { defineRule } from '../rule.js';
import { nodeRange } from '../text.js';

export default defineRule({
  meta: {
    id: 'link-scheme',
    severity: 'error',
    doc: 'a link or image whose address is not `http`, `https`, `mailto` or `tel` (or a scheme the template adds): `javascript:`, `file:`, `data:`, a UNC path, a relative address — printed as its words, never as a link',
    fixable: false,
  },
  check(ctx) {
    const extra = ctx.loaded?.template.settings.links.schemes ?? [];
    const allowed = [...SAFE_SCHEMES, ...extra];
    visit(ctx.source.tree, (node) => {
      if (node.type !== 'link' && node.type !== 'image') return;
      const url = (node as Link | Image).url.trim();
      // empty and `#` targets: placeholder-link
      if (!url || url.startsWith('#')) return;
      const scheme = schemeOf(url);
      if (scheme && allowed.includes(scheme)) return;
      // controls (a tab hidden inside `javascript:`) shown as escapes, long addresses cut
      const visible = url.replace(/[\u0000-\u001f\u007f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
      const shown = visible.length > 60 ? `${visible.slice(0, 57)}…` : visible;
      ctx.report({
        reason: scheme
          ? `The ${node.type} points at \`${shown}\`: a \`${scheme}:\` address is not allowed, so it is printed as its words, not as ${node.type === 'image' ? 'an image' : 'a link'}`
          : `The ${node.type} points at \`${shown}\`, which is not a full address, so it is printed as its words, not as ${node.type === 'image' ? 'an image' : 'a link'}`,
        hint: scheme ? `Link only to web pages, e-mail addresses and phone numbers (${allowed.map((s) => `${s}:`).join(' ')}).` : 'Write the full address, starting with https:// (or mailto:, tel:).',
        range: nodeRange(node),
      });
    });
  },
  examples: {
    valid: [
      {
        name: 'web pages, e-mail and phone',
        source: release(`${LEAD}\n\nSee [the report](https://www.ohchr.org/en/documents), write to [the press office](mailto:press@ohchr.org) or call [the desk](tel:+41229179362).`),
      },
    ],
    invalid: [
      {
        name: 'script, a tab inside the scheme, a file and a relative address',
        source: release(`${LEAD}\n\n[one](javascript:alert(1)) [two](jav&#x09;ascript:alert(1)) [three](file:///etc/passwd) [four](www.example.org)`),
        messages: [
          { line: 10, column: 1, endLine: 10, endColumn: 27, reason: 'The link points at `javascript:alert(1)`: a `javascript:` address is not allowed, so it is printed as its words, not as a link' },
          {
            line: 10,
            column: 28,
            endLine: 10,
            endColumn: 60,
            reason: 'The link points at `jav\\u0009ascript:alert(1)`: a `javascript:` address is not allowed, so it is printed as its words, not as a link',
          },
          { line: 10, column: 61, endLine: 10, endColumn: 88, reason: 'The link points at `file:///etc/passwd`: a `file:` address is not allowed, so it is printed as its words, not as a link' },
          { line: 10, column: 89, endLine: 10, endColumn: 112, reason: 'The link points at `www.example.org`, which is not a full address, so it is printed as its words, not as a link' },
        ],
      },
    ],
  },
});
