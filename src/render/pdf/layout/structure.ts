/**
 * The structure tree of the tagged PDF, built while laying out: what is a
 * heading, a paragraph, a list and its items, a table and its cells. Content
 * drawn later is marked with the leaf it belongs to.
 */
import type { StructLeaf } from './types.js';

export interface StructNode extends StructLeaf {
  children: StructNode[];
  /** alternative text (figures) */
  alt?: string;
}

export class Structure {
  private next = 1;
  readonly root: StructNode = { id: 0, type: 'Document', children: [] };

  add(parent: StructNode, type: string, alt?: string): StructNode {
    const node: StructNode = { id: this.next++, type, children: [], ...(alt ? { alt } : {}) };
    parent.children.push(node);
    return node;
  }
}
