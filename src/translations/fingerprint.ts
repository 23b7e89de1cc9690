/**
 * The `source-hash` of a translation (docs/source-format.md#source-hash): a block-by-block fingerprint of
 * its original's headline, subheadline and body, so that a stale translation can
 * be told which paragraphs or sections changed, not only that something did.
 *
 * Each block (the headline, the subheadline, each top-level Markdown block of the
 * body) is read as written, normalized to NFC with LF line endings and without
 * trailing spaces, and hashed with SHA-256; the fingerprint keeps the first 48
 * bits of each, in base64url: `v1:` then one 8-character hash a block, joined by
 * `.`. A release of 30 blocks takes about 270 characters.
 */
import { createHash } from 'node:crypto';
import type { RootContent } from 'mdast';
import type { Source } from '../source/parse.js';

export const FINGERPRINT_VERSION = 'v1';

export interface FingerprintBlock {
  kind: 'headline' | 'subheadline' | RootContent['type'];
  /** the block's text as hashed */
  text: string;
  hash: string;
  /** offsets in the original, for the body's blocks */
  range?: [number, number];
  /** 1-based line in the original (the front matter's line for the headline) */
  line: number;
}

function normalizeBlock(text: string): string {
  return text
    .normalize('NFC')
    .replace(/\r\n?/g, '\n')
    .replace(/[ \t]+$/gm, '')
    .trim();
}

function hashBlock(kind: string, text: string): string {
  // the kind is hashed too: a headline that becomes a paragraph is a change
  return createHash('sha256').update(`${kind}\0${text}`, 'utf8').digest('base64url').slice(0, 8);
}

export function fingerprintBlocks(source: Source): FingerprintBlock[] {
  const out: FingerprintBlock[] = [];
  for (const key of ['headline', 'subheadline'] as const) {
    const value = source.frontMatter[key];
    if (typeof value !== 'string' || !value.trim()) continue;
    const node = source.yaml.doc.get(key, true) as { range?: [number, number, number] } | undefined;
    const text = normalizeBlock(value);
    out.push({ kind: key, text, hash: hashBlock(key, text), line: source.index.point(source.yaml.src.base + (node?.range?.[0] ?? 0)).line });
  }
  for (const node of source.tree.children) {
    if (node.type === 'yaml') continue;
    const start = node.position?.start.offset;
    const end = node.position?.end.offset;
    if (start === undefined || end === undefined) continue;
    const text = normalizeBlock(source.text.slice(start, end));
    if (!text) continue;
    out.push({ kind: node.type, text, hash: hashBlock(node.type, text), range: [start, end], line: node.position!.start.line });
  }
  return out;
}

export function formatFingerprint(blocks: readonly FingerprintBlock[]): string {
  return `${FINGERPRINT_VERSION}:${blocks.map((b) => b.hash).join('.')}`;
}

/** The hashes of a stored fingerprint, or undefined when it is not one this version wrote. */
export function parseFingerprint(value: string): string[] | undefined {
  const m = /^v1:((?:[A-Za-z0-9_-]{8})(?:\.[A-Za-z0-9_-]{8})*)?$/.exec(value.trim());
  if (!m) return undefined;
  return m[1] ? m[1].split('.') : [];
}

export type BlockChange =
  | { kind: 'changed' | 'added'; block: FingerprintBlock }
  /** `after`: the current block the removed one followed, if any */
  | { kind: 'removed'; after?: FingerprintBlock };

/** How two lists of block hashes line up: `i` indexes the stored (old) list, `j` the current one. */
type Alignment = (
  | { kind: 'changed'; i: number; j: number }
  | { kind: 'added'; j: number }
  /** `after`: the current block the removed one followed, if any */
  | { kind: 'removed'; i: number; after?: number }
) & {
  /** the changes between two unchanged blocks share a run */
  run: number;
};

/**
 * The longest common run of unchanged blocks (LCS) between a stored list of hashes
 * and the current one, and around it blocks added, removed, or changed (one
 * removed where one was added). Shared by `diffFingerprint` (which blocks changed)
 * and `translations --diff` (how they read before and now).
 */
export function alignHashes(stored: readonly string[], current: readonly string[]): Alignment[] {
  const n = stored.length;
  const m = current.length;
  const lcs = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--) for (let j = m - 1; j >= 0; j--) lcs[i]![j] = stored[i] === current[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
  const out: Alignment[] = [];
  let i = 0;
  let j = 0;
  // blocks added and removed since the last unchanged one; as many as both count are changed blocks
  let added: number[] = [];
  let removed: number[] = [];
  let run = 0;
  const flush = () => {
    const changed = Math.min(added.length, removed.length);
    added.forEach((jj, k) => out.push(k < changed ? { kind: 'changed', i: removed[k]!, j: jj, run } : { kind: 'added', j: jj, run }));
    const before = j - added.length - 1;
    for (let k = changed; k < removed.length; k++) out.push({ kind: 'removed', i: removed[k]!, ...(before >= 0 ? { after: before } : {}), run });
    if (added.length || removed.length) run++;
    added = [];
    removed = [];
  };
  while (i < n || j < m) {
    if (i < n && j < m && stored[i] === current[j]) {
      flush();
      i++;
      j++;
    } else if (j < m && (i === n || lcs[i]![j + 1]! >= lcs[i + 1]![j]!)) {
      added.push(j);
      j++;
    } else {
      removed.push(i);
      i++;
    }
  }
  flush();
  return out;
}

/** What changed between a stored fingerprint and the original as it is now (see `alignHashes`). */
export function diffFingerprint(stored: readonly string[], current: readonly FingerprintBlock[]): BlockChange[] {
  return alignHashes(
    stored,
    current.map((b) => b.hash),
  ).map((a): BlockChange => (a.kind === 'removed' ? { kind: 'removed', ...(a.after !== undefined ? { after: current[a.after]! } : {}) } : { kind: a.kind, block: current[a.j]! }));
}

const KIND_NAMES: Record<string, string> = {
  headline: 'the headline',
  subheadline: 'the subheadline',
  paragraph: 'the paragraph',
  heading: 'the heading',
  list: 'the list',
  blockquote: 'the block quote',
  table: 'the table',
  code: 'the code block',
};

/** `the paragraph at line 17 (“The experts urged…”)`, for messages. */
export function describeBlock(b: FingerprintBlock): string {
  const name = KIND_NAMES[b.kind] ?? `the ${b.kind}`;
  if (b.kind === 'headline' || b.kind === 'subheadline') return name;
  // the words, without the Markdown marks and quotation marks that open the block
  const words = b.text.replace(/\s+/g, ' ').replace(/^[#>\-*\d.\s“”"«„‘]+/, '');
  const shown = words.length > 32 ? `${words.slice(0, 32).replace(/\s+\S*$/, '')}…` : words;
  return `${name} at line ${b.line}${shown ? ` (“${shown}”)` : ''}`;
}

export function describeChange(c: BlockChange): string {
  if (c.kind === 'removed') return c.after ? `a block after ${describeBlock(c.after)} was removed` : 'a block at the start was removed';
  return c.kind === 'changed' ? `${describeBlock(c.block)} changed` : `${describeBlock(c.block)} is new`;
}

type Freshness =
  | { status: 'up-to-date' }
  | { status: 'stale'; changes: BlockChange[] }
  /** no `source-hash`: counts as stale */
  | { status: 'unmarked' }
  /** a `source-hash` this version did not write */
  | { status: 'invalid' };

/** A translation's `source-hash` against its original as it is now. */
export function freshness(sourceHash: unknown, original: Source): Freshness {
  if (sourceHash === undefined || sourceHash === null || sourceHash === '') return { status: 'unmarked' };
  const stored = typeof sourceHash === 'string' ? parseFingerprint(sourceHash) : undefined;
  if (!stored) return { status: 'invalid' };
  const changes = diffFingerprint(stored, fingerprintBlocks(original));
  return changes.length ? { status: 'stale', changes } : { status: 'up-to-date' };
}
