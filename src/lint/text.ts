/**
 * The text that rules read, with every character's offset in the source file so
 * that a report points at the offending characters and a fix edits exactly them.
 */
import type { Node, Root } from 'mdast';
import { visit } from 'unist-util-visit';
import YAML, { type Node as YamlNode } from 'yaml';
import type { TextEdit } from '../messages.js';
import { positionedText } from '../model/extract/text.js';
import type { Source } from '../source/parse.js';

export interface ProseBlock {
  node: Node;
  /** the block's words; inline code masked as U+FFFC */
  text: string;
  /** offsets[i]: where text[i] is in the source file */
  offsets: number[];
}

/** By tree, for the rules of one lint run (./engine.ts forgets them after it): a character's offset costs more than the character. */
const blockCache = new WeakMap<Root, ProseBlock[]>();

/** Drops the blocks of `tree`: generate keeps the tree while it renders, and needs the blocks no more. */
export function forgetProseBlocks(tree: Root): void {
  blockCache.delete(tree);
}

/** Paragraphs, headings and table cells, wherever they stand (lists, block quotes, sections), in order. */
export function proseBlocks(tree: Root): ProseBlock[] {
  const cached = blockCache.get(tree);
  if (cached) return cached;
  const out: ProseBlock[] = [];
  visit(tree, (node) => {
    if (node.type === 'paragraph' || node.type === 'heading' || node.type === 'tableCell') {
      const pt = positionedText(node, { maskCode: true });
      out.push({ node, text: pt.text, offsets: pt.offsets });
      return 'skip';
    }
    return undefined;
  });
  blockCache.set(tree, out);
  return out;
}

/** Source offsets of text[i, j) of a block. */
export function charRange(block: ProseBlock, i: number, j: number): [number, number] {
  return [block.offsets[i]!, block.offsets[Math.max(i, j - 1)]! + 1];
}

/**
 * An edit that replaces `expected` at text index i with `text` — only when the
 * source holds exactly those characters there (an escape or an entity does not),
 * so that a fix never touches bytes it did not mean to.
 */
export function replaceAt(source: Source, block: ProseBlock, i: number, expected: string, text: string): TextEdit | undefined {
  const at = block.offsets[i];
  if (at === undefined || source.text.slice(at, at + expected.length) !== expected) return undefined;
  return { range: [at, at + expected.length], text };
}

export function nodeRange(node: Node): [number, number] {
  return [node.position?.start.offset ?? 0, node.position?.end.offset ?? 0];
}

/** Where a front-matter value is written: offsets in the file. */
export function keyRange(source: Source, path: (string | number)[]): [number, number] | undefined {
  const node = source.yaml.doc.getIn(path, true) as YamlNode | undefined;
  const r = node?.range;
  return r ? [source.yaml.src.base + r[0], source.yaml.src.base + r[1]] : undefined;
}

/** The front matter's opening line, for problems that belong to no key. */
export function frontMatterStart(): [number, number] {
  return [0, 3];
}

interface YamlString {
  path: (string | number)[];
  value: string;
  /** offsets of the scalar as written (quotes included) */
  range: [number, number];
}

/** Every string value of the front matter, with where it is written. */
export function frontMatterStrings(source: Source): YamlString[] {
  const out: YamlString[] = [];
  const base = source.yaml.src.base;
  YAML.visit(source.yaml.doc, {
    Scalar(key, node, path) {
      // a mapping key is not a value
      if (key === 'key' || typeof node.value !== 'string' || !node.range) return;
      const keys: (string | number)[] = [];
      for (let i = 0; i < path.length; i++) {
        const p = path[i];
        if (YAML.isPair(p) && YAML.isScalar(p.key)) keys.push(String(p.key.value));
        else if (YAML.isSeq(p)) {
          const next = path[i + 1] ?? node;
          keys.push(p.items.indexOf(next as never));
        }
      }
      out.push({ path: keys, value: node.value, range: [base + node.range[0], base + node.range[1]] });
    },
  });
  return out;
}

const segmenters = new Map<string, Intl.Segmenter>();

/** Words as a reader counts them: by spaces, or by the dictionary where a language writes none (zh, ja, th). */
export function countWords(text: string, lang: string): number {
  const base = lang.toLowerCase().split('-')[0]!;
  if (['zh', 'ja', 'th', 'lo', 'km', 'my'].includes(base)) {
    let seg = segmenters.get(base);
    if (!seg) segmenters.set(base, (seg = new Intl.Segmenter(base, { granularity: 'word' })));
    let n = 0;
    for (const s of seg.segment(text)) if (s.isWordLike) n++;
    return n;
  }
  return text.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
}
