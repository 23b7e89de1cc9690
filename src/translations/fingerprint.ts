/**
 * `source-hash`: a fingerprint of an original's headline, subheadline and body,
 * block by block (each top-level Markdown block hashed on its own, after NFC and
 * LF normalization), so that a stale translation can be told which paragraphs or
 * sections of the original changed since it was last brought up to date.
 *
 * Written as `v1:<headline>:<subheadline>:<block>.<block>…`, each hash the first
 * 48 bits of a SHA-256 in base64url: short enough for a front-matter line, long
 * enough that an edit never goes unnoticed by chance.
 */
import { createHash } from 'node:crypto';
import type { Source } from '../source/parse.js';

export interface Fingerprint {
  headline: string;
  subheadline: string;
  blocks: string[];
}

/** A block of the original as the translator will want to find it. */
export interface OriginalBlock {
  hash: string;
  /** 1-based line in the original */
  line: number;
  /** the start of its text, for messages */
  excerpt: string;
}

const VERSION = 'v1';

export function normalize(text: string): string {
  return text
    .normalize('NFC')
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((l) => l.replace(/[ \t]+$/, ''))
    .join('\n')
    .trim();
}

export function hash(text: string): string {
  return createHash('sha256').update(normalize(text), 'utf8').digest('base64url').slice(0, 8);
}

function excerpt(text: string): string {
  const flat = normalize(text).replace(/^[#>\-*\d.\s]+/, '').replace(/\s+/g, ' ');
  return [...flat].length > 60 ? [...flat].slice(0, 59).join('') + '…' : flat;
}

/** The body's top-level blocks, with their hashes and where they start. */
export function originalBlocks(source: Source): OriginalBlock[] {
  return source.tree.children
    .filter((n) => n.type !== 'yaml' && n.position?.start.offset !== undefined)
    .map((n) => {
      const text = source.text.slice(n.position!.start.offset!, n.position!.end.offset!);
      return { hash: hash(text), line: n.position!.start.line, excerpt: excerpt(text) };
    });
}

export function fingerprintOf(source: Source): Fingerprint {
  return {
    headline: hash(source.frontMatter.headline ?? ''),
    subheadline: hash(source.frontMatter.subheadline ?? ''),
    blocks: originalBlocks(source).map((b) => b.hash),
  };
}

export function encode(fp: Fingerprint): string {
  return [VERSION, fp.headline, fp.subheadline, fp.blocks.join('.')].join(':');
}

export function decode(value: string): Fingerprint | undefined {
  const parts = value.trim().split(':');
  if (parts.length !== 4 || parts[0] !== VERSION) return undefined;
  const [, headline, subheadline, blocks] = parts as [string, string, string, string];
  const ok = (h: string) => /^[A-Za-z0-9_-]{8}$/.test(h);
  const list = blocks ? blocks.split('.') : [];
  if (!ok(headline) || !ok(subheadline) || !list.every(ok)) return undefined;
  return { headline, subheadline, blocks: list };
}

export type Change =
  | { kind: 'headline' | 'subheadline' }
  /** a block of the original that differs, was added, or was removed since the fingerprint */
  | { kind: 'changed' | 'added'; block: OriginalBlock; index: number }
  | { kind: 'removed'; index: number; after?: OriginalBlock };

/**
 * What changed from `old` to the original as it is now: the block sequences are
 * aligned on their longest common subsequence; in each gap, blocks that replace
 * one another are `changed`, the rest `added` or `removed`.
 */
export function changes(old: Fingerprint, now: Fingerprint, blocks: OriginalBlock[]): Change[] {
  const out: Change[] = [];
  if (old.headline !== now.headline) out.push({ kind: 'headline' });
  if (old.subheadline !== now.subheadline) out.push({ kind: 'subheadline' });
  const a = old.blocks;
  const b = now.blocks;
  // LCS table, from the end so that the walk below goes forward.
  const lcs: number[][] = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--)
    for (let j = b.length - 1; j >= 0; j--) lcs[i]![j] = a[i] === b[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
  let i = 0;
  let j = 0;
  const gapRemoved: number[] = [];
  const gapAdded: number[] = [];
  const flush = () => {
    const paired = Math.min(gapRemoved.length, gapAdded.length);
    gapAdded.forEach((k, n) => out.push({ kind: n < paired ? 'changed' : 'added', block: blocks[k]!, index: k }));
    gapRemoved.slice(paired).forEach((k) => out.push({ kind: 'removed', index: k, ...(j > 0 && blocks[j - 1] ? { after: blocks[j - 1] } : {}) }));
    gapRemoved.length = 0;
    gapAdded.length = 0;
  };
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      flush();
      i++;
      j++;
    } else if (j < b.length && (i >= a.length || lcs[i]![j + 1]! >= lcs[i + 1]![j]!)) {
      gapAdded.push(j++);
    } else {
      gapRemoved.push(i++);
    }
  }
  flush();
  return out;
}

export function describeChange(c: Change): string {
  switch (c.kind) {
    case 'headline':
      return 'the headline changed';
    case 'subheadline':
      return 'the subheadline changed';
    case 'changed':
      return `block ${c.index + 1} (line ${c.block.line}) changed: “${c.block.excerpt}”`;
    case 'added':
      return `block ${c.index + 1} (line ${c.block.line}) was added: “${c.block.excerpt}”`;
    case 'removed':
      return c.after ? `a block after line ${c.after.line} was removed` : 'a block at the start was removed';
  }
}
