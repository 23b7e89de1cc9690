/**
 * Reference-style links and images (`[text][ref]`, `[ref]`, `![alt][ref]`, with
 * `[ref]: https://…` elsewhere in the file) made into the links and images they
 * stand for, in the tree itself: every reader after the parser — the model, lint —
 * then sees one kind of link, and no address is lost. A reference with no
 * definition is not a link in Markdown either: it stays as its words.
 */
import type { Definition, Image, Link, Parent, Root } from 'mdast';
import { visit } from 'unist-util-visit';

export function resolveReferences(tree: Root): void {
  const definitions = new Map<string, Definition>();
  visit(tree, 'definition', (d: Definition) => {
    // the first definition of a label wins (CommonMark)
    if (!definitions.has(d.identifier)) definitions.set(d.identifier, d);
  });
  if (!definitions.size) return;
  visit(tree, (node, index, parent: Parent | undefined) => {
    if ((node.type !== 'linkReference' && node.type !== 'imageReference') || index === undefined || !parent) return;
    const ref = node as { identifier: string; children?: Link['children']; alt?: string | null; position?: Link['position'] };
    const d = definitions.get(ref.identifier);
    if (!d) return;
    const title = d.title ?? null;
    const replacement: Link | Image =
      node.type === 'linkReference'
        ? { type: 'link', url: d.url, title, children: ref.children ?? [], ...(ref.position ? { position: ref.position } : {}) }
        : { type: 'image', url: d.url, title, alt: ref.alt ?? null, ...(ref.position ? { position: ref.position } : {}) };
    parent.children[index] = replacement as Parent['children'][number];
  });
}
