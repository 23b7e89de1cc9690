/** The plain text of an mdast node with, for every character, its offset in the source file. */
import type { Node, Parent } from 'mdast';

export interface PositionedText {
  text: string;
  /** offsets[i] is the source offset of text[i]; one extra entry for the end */
  offsets: number[];
}

/** `maskCode`: inline code becomes U+FFFC characters (same offsets), so that checks of prose skip it. */
export function positionedText(node: Node, opts: { maskCode?: boolean } = {}): PositionedText {
  let text = '';
  const offsets: number[] = [];
  const walk = (n: Node) => {
    if ('value' in n && typeof n.value === 'string' && (n.type === 'text' || n.type === 'inlineCode')) {
      const start = n.position?.start.offset ?? 0;
      const end = n.position?.end.offset ?? start;
      // Inline code is written inside backticks; text may hold escapes, so clamp to the node.
      const shift = n.type === 'inlineCode' ? Math.max(0, (end - start - n.value.length) / 2) : 0;
      for (let i = 0; i < n.value.length; i++) offsets.push(Math.min(start + shift + i, Math.max(start, end - 1)));
      text += opts.maskCode && n.type === 'inlineCode' ? '\uFFFC'.repeat(n.value.length) : n.value;
    } else if (n.type === 'break') {
      offsets.push(n.position?.start.offset ?? 0);
      text += '\n';
    } else if ('children' in n) {
      for (const c of (n as Parent).children) walk(c);
    }
  };
  walk(node);
  offsets.push(node.position?.end.offset ?? (offsets.length ? offsets[offsets.length - 1]! + 1 : 0));
  return { text, offsets };
}
