/**
 * A line that starts with an HTML comment (`<!-- note --> The committee said …`)
 * is, for CommonMark, an HTML block that runs to the end of the line: the words
 * after the comment would be kept as raw text, the comment with them, and their
 * links and emphasis as Markdown syntax. A note to editors is never printed, and
 * the words after it are Markdown as anywhere else: the comment stays a node of
 * its own (lint directives are read from it) and the rest of the line is parsed
 * again, in place, with the file's reference definitions.
 */
import type { Definition, Nodes, Parent, Root, RootContent } from 'mdast';
import { visit } from 'unist-util-visit';

const LEADING_COMMENTS = /^((?:\s*<!--[\s\S]*?-->)+)[ \t]*/;

export function splitCommentLines(tree: Root, text: string, parse: (markdown: string) => Root): void {
  const definitions: string[] = [];
  visit(tree, 'definition', (d: Definition) => {
    const p = d.position;
    if (p?.start.offset !== undefined && p.end.offset !== undefined) definitions.push(text.slice(p.start.offset, p.end.offset).trim());
  });
  visit(tree, 'html', (node, index, parent: Parent | undefined) => {
    if (index === undefined || !parent || !['root', 'listItem', 'blockquote', 'footnoteDefinition'].includes(parent.type)) return;
    const m = LEADING_COMMENTS.exec(node.value);
    const end = node.position?.end;
    if (!m || !end || end.offset === undefined) return;
    const rest = node.value.slice(m[0].length);
    // the rest of the comment's last line, and only words: raw HTML after a comment stays HTML
    if (!rest.trim() || rest.includes('\n') || rest.startsWith('<')) return;
    const sub = parse([rest, ...definitions].join('\n\n'));
    const base = { offset: end.offset - rest.length, column: end.column - rest.length, line: end.line };
    const parsed = sub.children.filter((c) => c.type !== 'definition' && c.position?.start.line === 1);
    visit(sub, (n: Nodes) => {
      const p = n.position;
      if (p?.start.line !== 1) return;
      for (const point of [p.start, p.end]) {
        point.offset = base.offset + (point.offset ?? 0);
        point.column = base.column + point.column - 1;
        point.line = base.line;
      }
    });
    const comment: RootContent = {
      type: 'html',
      value: m[1]!.trim(),
      ...(node.position ? { position: { start: node.position.start, end: { line: end.line, column: base.column, offset: base.offset } } } : {}),
    };
    parent.children.splice(index, 1, comment, ...(parsed as typeof parent.children));
    return index + 1 + parsed.length;
  });
}
