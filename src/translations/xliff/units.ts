/**
 * What of a release goes into XLIFF, and under which ids: the front matter a
 * translator translates, then each block of the body (the blocks of
 * `fingerprintBlocks`, so that each carries its hash), and in each block its
 * leaves — paragraphs, headings, list items, table cells, a block quote's
 * paragraphs and attribution — one XLIFF unit each.
 *
 * Ids are kind + index, stable while the original's structure is: `headline`,
 * `dateline.city`, `keywords.2`; `b3` (the third block of the body, a paragraph or
 * heading); `b5.p2` (a block quote's second paragraph); `b7.li2` (a list's second
 * item), `b7.li3.l2.li1` (an item of a list inside it); `b9.r1c2` (a table cell).
 */
import type { Heading, Paragraph, PhrasingContent, RootContent, TableCell } from 'mdast';
import type { Source } from '../../source/parse.js';
import { type FingerprintBlock, fingerprintBlocks } from '../fingerprint.js';
import { alignCodes, type Inline, toInline } from './inline.js';

export type LeafNode = Paragraph | Heading | TableCell;

export interface Leaf {
  id: string;
  /** what it is, for the unit's name: paragraph, heading, list-item, table-cell, quote */
  name: string;
  node: LeafNode;
  inline: Inline[];
}

export interface Block {
  /** `b1`, `b2` … in the order of the body */
  id: string;
  fp: FingerprintBlock;
  node: RootContent;
  leaves: Leaf[];
  /** the structure, for pairing a translation's blocks with the original's */
  signature: string;
}

export interface FrontItem {
  id: string;
  /** the path of the key in the front matter */
  path: (string | number)[];
  value: string;
  /** the fingerprint block, for the headline and subheadline */
  fp?: FingerprintBlock;
}

const LETTER: Record<string, string> = { paragraph: 'p', heading: 'h', list: 'l', blockquote: 'q', table: 't' };

function leavesOf(node: RootContent, id: string, name: string, text: string, out: Leaf[]): void {
  switch (node.type) {
    case 'paragraph':
    case 'heading':
      out.push({ id, name, node, inline: toInline(node.children, text) });
      return;
    case 'list':
      node.children.forEach((item, k) => leavesOf(item, `${id}.li${k + 1}`, 'list-item', text, out));
      return;
    case 'listItem':
    case 'blockquote':
    case 'footnoteDefinition':
      node.children.forEach((child, k) => {
        // a list item's first paragraph is the item itself
        if (node.type === 'listItem' && k === 0 && child.type === 'paragraph') leavesOf(child, id, name, text, out);
        else leavesOf(child, `${id}.${LETTER[child.type] ?? 'c'}${k + 1}`, node.type === 'blockquote' ? 'quote' : child.type === 'heading' ? 'heading' : name, text, out);
      });
      return;
    case 'table':
      node.children.forEach((row, i) =>
        row.children.forEach((cell, j) => out.push({ id: `${id}.r${i + 1}c${j + 1}`, name: 'table-cell', node: cell, inline: toInline(cell.children as PhrasingContent[], text) })),
      );
      return;
    default:
      // code, HTML, a rule, a link definition: nothing to translate
      return;
  }
}

/** The blocks of a source's body, with their leaves. */
export function blocksOf(source: Source): Block[] {
  const byStart = new Map<number, RootContent>();
  for (const n of source.tree.children) if (n.position?.start.offset !== undefined) byStart.set(n.position.start.offset, n);
  const out: Block[] = [];
  for (const fp of fingerprintBlocks(source)) {
    if (!fp.range) continue;
    const node = byStart.get(fp.range[0]);
    if (!node) continue;
    const id = `b${out.length + 1}`;
    const leaves: Leaf[] = [];
    leavesOf(node, id, node.type === 'heading' ? 'heading' : 'paragraph', source.text, leaves);
    const depth = node.type === 'heading' ? node.depth : '';
    out.push({ id, fp, node, leaves, signature: `${node.type}${depth}|${leaves.map((l) => l.id.slice(id.length)).join(',')}` });
  }
  return out;
}

/** The front matter a translator translates: headline, subheadline, the dateline's city, author, keywords. */
export function frontOf(source: Source): FrontItem[] {
  const fm = source.frontMatter;
  const fps = new Map(
    fingerprintBlocks(source)
      .filter((b) => !b.range)
      .map((b) => [b.kind, b]),
  );
  const out: FrontItem[] = [];
  const add = (id: string, path: (string | number)[], value: unknown, fp?: FingerprintBlock) => {
    if (typeof value === 'string' && value.trim()) out.push({ id, path, value: value.trim(), ...(fp ? { fp } : {}) });
  };
  add('headline', ['headline'], fm.headline, fps.get('headline'));
  add('subheadline', ['subheadline'], fm.subheadline, fps.get('subheadline'));
  add('dateline.city', ['dateline', 'city'], fm.dateline?.city);
  add('author', ['author'], fm.author);
  (Array.isArray(fm.keywords) ? fm.keywords : []).forEach((k, i) => add(`keywords.${i + 1}`, ['keywords', i], k));
  return out;
}

/**
 * The translation's block for each of the original's (by index), paired by their
 * structure: the longest common run of blocks of the same shape. Blocks with no
 * partner are new in the original, or the translation's own.
 */
export function pairBlocks(original: readonly Block[], translation: readonly Block[]): (Block | undefined)[] {
  const n = original.length;
  const m = translation.length;
  const lcs = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--)
    for (let j = m - 1; j >= 0; j--) lcs[i]![j] = original[i]!.signature === translation[j]!.signature ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
  const out: (Block | undefined)[] = new Array(n).fill(undefined);
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (original[i]!.signature === translation[j]!.signature) out[i++] = translation[j++];
    else if (lcs[i + 1]![j]! >= lcs[i]![j + 1]!) i++;
    else j++;
  }
  return out;
}

/** The existing translation of each leaf of a block, with codes numbered as the original's; undefined where they do not pair off. */
export function prefill(block: Block, translated: Block | undefined): Map<string, Inline[]> {
  const out = new Map<string, Inline[]>();
  if (!translated) return out;
  const byRel = new Map(translated.leaves.map((l) => [l.id.slice(translated.id.length), l]));
  for (const leaf of block.leaves) {
    const t = byRel.get(leaf.id.slice(block.id.length));
    const aligned = t && alignCodes(leaf.inline, t.inline);
    if (aligned?.length) out.set(leaf.id, aligned);
  }
  return out;
}
