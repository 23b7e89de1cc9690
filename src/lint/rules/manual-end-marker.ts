/**
 * `manual-end-marker`: `END`, `###`, `-30-` or `- more -` typed into the body.
 * The template prints the end marker and the page-foot `- more -` itself, so a
 * typed one prints twice. Markdown reads `###` alone as an empty heading and
 * `- more -` as a list item, so the top-level blocks are compared as written.
 * The fix removes the line.
 */
import type { RootContent } from 'mdast';
import { CONTACTS, LEAD, release } from '../examples.js';
import { defineRule } from '../rule.js';

const MARKERS = ['END', 'ENDS', '-END-', '###', '# # #', '-30-', '- 30 -', '–30–', '—30—', '- more -', '-more-', '– more –', 'MORE'];

/** A block as written, without emphasis, escapes or spacing differences. */
function normalize(s: string): string {
  return s
    .replace(/\\(.)/g, '$1')
    .replace(/^[*_]+|[*_]+$/g, '')
    .replace(/\s+/g, ' ')
    .trim()
    .toUpperCase();
}

/**
 * What to remove: the block's lines and the blank lines after it, up to the next
 * block; for the last block, the blank lines before it (the file's final line
 * ending stays).
 */
function removal(text: string, node: RootContent): [number, number] | undefined {
  const start = node.position?.start.offset;
  const end = node.position?.end.offset;
  if (start === undefined || end === undefined) return undefined;
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  if (text.slice(lineStart, start).trim()) return undefined;
  const blank = /^\s*/.exec(text.slice(end))![0];
  if (end + blank.length < text.length) return [lineStart, text.lastIndexOf('\n', end + blank.length - 1) + 1];
  return [text.slice(0, lineStart).trimEnd().length, end];
}

export default defineRule({
  meta: {
    id: 'manual-end-marker',
    severity: 'warning',
    doc: '`END`, `###`, `-30-` or `- more -` (or the locale’s own labels) typed into the body: the template prints them',
    fixable: true,
    fixDoc: 'the line removed',
  },
  check(ctx) {
    const { text } = ctx.source;
    const labels = ctx.locale ? [ctx.locale.labels.endMarker, ctx.locale.labels.more] : [];
    const markers = new Set([...MARKERS, ...labels].map(normalize));
    for (const node of ctx.source.tree.children) {
      if (!['paragraph', 'heading', 'list'].includes(node.type)) continue;
      const written = text.slice(node.position?.start.offset ?? 0, node.position?.end.offset ?? 0);
      if (!markers.has(normalize(written))) continue;
      const range = removal(text, node);
      ctx.report({
        reason: `\`${written.trim()}\` is typed into the body; the template prints the end marker and \`- more -\` itself`,
        hint: 'Remove this line.',
        range: [node.position!.start.offset!, node.position!.end.offset!],
        ...(range ? { fix: [{ range, text: '' }] } : {}),
      });
    }
  },
  examples: {
    valid: [
      { name: 'no marker', source: release(`${LEAD}\n\n${CONTACTS}`) },
      { name: 'a heading that says more', source: release(`${LEAD}\n\n### More on the report\n\nIt is online.`) },
    ],
    invalid: [
      {
        name: 'END before the contacts',
        source: release(`${LEAD}\n\nEND\n\n${CONTACTS}`),
        messages: [{ line: 10, column: 1, endLine: 10, endColumn: 4, reason: '`END` is typed into the body; the template prints the end marker and `- more -` itself' }],
        output: release(`${LEAD}\n\n${CONTACTS}`),
      },
      {
        name: '### and - more - (an empty heading and a list item)',
        source: release(`${LEAD}\n\n- more -\n\nThe second page.\n\n###\n`),
        messages: [
          { line: 10, column: 1, endLine: 10, endColumn: 9, reason: '`- more -` is typed into the body; the template prints the end marker and `- more -` itself' },
          { line: 14, column: 1, endLine: 14, endColumn: 4, reason: '`###` is typed into the body; the template prints the end marker and `- more -` itself' },
        ],
        output: release(`${LEAD}\n\nThe second page.\n`),
      },
    ],
  },
});
