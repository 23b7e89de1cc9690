/**
 * `<!-- pressready-disable quote-style -->` … `<!-- pressready-enable quote-style -->`
 * turn rules off for a stretch of a source; without rule ids, every rule. Comments
 * are never printed, so the directives cost the release nothing.
 */
import type { Root } from 'mdast';
import { visit } from 'unist-util-visit';
import type { Message } from '../messages.js';

interface Directive {
  on: boolean;
  /** null: every rule */
  rules: string[] | null;
  /** where it takes effect: the end of the comment */
  offset: number;
}

const DIRECTIVE = /<!--\s*pressready-(disable|enable)\b([^>]*?)\s*-->/g;

export function directives(tree: Root): Directive[] {
  const out: Directive[] = [];
  visit(tree, 'html', (node) => {
    const start = node.position?.start.offset ?? 0;
    for (const m of node.value.matchAll(DIRECTIVE)) {
      const ids = m[2]!.split(/[\s,]+/).filter(Boolean);
      out.push({ on: m[1] === 'enable', rules: ids.length ? ids : null, offset: start + m.index + m[0].length });
    }
  });
  return out.sort((a, b) => a.offset - b.offset);
}

/** Whether a message falls where its rule is turned off. */
export function isDisabled(m: Message, list: readonly Directive[]): boolean {
  const at = m.place?.start.offset;
  if (at === undefined) return false;
  let off = false;
  for (const d of list) {
    if (d.offset > at) break;
    if (d.rules === null || d.rules.includes(m.ruleId)) off = !d.on;
  }
  return off;
}
