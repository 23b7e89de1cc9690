/**
 * How an original's blocks changed between two versions (the one a translation was
 * made from, and the one now): blocks lined up as `diffFingerprint` lines them up,
 * and within a changed block a word diff. The word diff is the npm `diff`
 * package's (jsdiff: well kept, the diff of many editors and test runners) rather
 * than one of our own.
 */
import { diffWords, diffWordsWithSpace } from 'diff';
import { alignHashes, type FingerprintBlock } from './fingerprint.js';

export interface WordPart {
  value: string;
  added?: boolean;
  removed?: boolean;
}

export type BlockDiff =
  | { kind: 'changed'; old: FingerprintBlock; new: FingerprintBlock; words: WordPart[] }
  | { kind: 'added'; new: FingerprintBlock }
  /** `after`: the current block the removed one followed, if any */
  | { kind: 'removed'; old: FingerprintBlock; after?: FingerprintBlock };

/** Scripts written without spaces between words: their words are told by the language's rules (Intl.Segmenter). */
const UNSPACED = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]/u;

/** Word by word, spaces and line breaks kept as written. */
function wordDiff(before: string, after: string, lang = 'en'): WordPart[] {
  const parts = UNSPACED.test(before + after) ? diffWords(before, after, { intlSegmenter: new Intl.Segmenter(lang, { granularity: 'word' }) }) : diffWordsWithSpace(before, after);
  return parts.map((p) => ({ value: p.value, ...(p.added ? { added: true } : {}), ...(p.removed ? { removed: true } : {}) }));
}

/** The words of a text, for telling how alike two blocks are (each Han character a word). */
function wordsOf(text: string): string[] {
  return text.toLowerCase().match(/\p{Script=Han}|[\p{L}\p{N}]+/gu) ?? [];
}

/** How alike two texts are: twice the words they share over the words of both (0 to 1). */
function likeness(a: string, b: string): number {
  const x = wordsOf(a);
  const y = wordsOf(b);
  if (!x.length && !y.length) return 1;
  const count = new Map<string, number>();
  for (const w of x) count.set(w, (count.get(w) ?? 0) + 1);
  let shared = 0;
  for (const w of y) {
    const n = count.get(w) ?? 0;
    if (n > 0) {
      shared++;
      count.set(w, n - 1);
    }
  }
  return (2 * shared) / (x.length + y.length);
}

/** Below this, an old and a new block are a removal and an addition, not one block changed. */
const ALIKE = 0.4;

/**
 * Between two unchanged blocks, the old blocks removed and the new ones added:
 * each old block is paired with the new block most like it, in order (a weighted
 * longest common subsequence), so that a paragraph inserted before a changed one
 * does not show as the changed one rewritten.
 */
function pairRun(olds: number[], news: number[], before: readonly FingerprintBlock[], now: readonly FingerprintBlock[], after: number | undefined, lang?: string): BlockDiff[] {
  const n = olds.length;
  const m = news.length;
  const sim = olds.map((i) => news.map((j) => (before[i]!.kind === now[j]!.kind ? likeness(before[i]!.text, now[j]!.text) : 0)));
  const best = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let a = n - 1; a >= 0; a--) for (let b = m - 1; b >= 0; b--) best[a]![b] = Math.max(best[a + 1]![b]!, best[a]![b + 1]!, sim[a]![b]! >= ALIKE ? sim[a]![b]! + best[a + 1]![b + 1]! : 0);
  const out: BlockDiff[] = [];
  let last = after;
  let a = 0;
  let b = 0;
  const removed = (i: number) => out.push({ kind: 'removed', old: before[i]!, ...(last !== undefined ? { after: now[last]! } : {}) });
  while (a < n || b < m) {
    if (a < n && b < m && sim[a]![b]! >= ALIKE && best[a]![b] === sim[a]![b]! + best[a + 1]![b + 1]!) {
      const i = olds[a++]!;
      const j = news[b++]!;
      out.push({ kind: 'changed', old: before[i]!, new: now[j]!, words: wordDiff(before[i]!.text, now[j]!.text, lang) });
      last = j;
    } else if (a < n && (b === m || best[a]![b] === best[a + 1]![b])) removed(olds[a++]!);
    else {
      const j = news[b++]!;
      out.push({ kind: 'added', new: now[j]! });
      last = j;
    }
  }
  return out;
}

export function diffBlocks(before: readonly FingerprintBlock[], now: readonly FingerprintBlock[], lang?: string): BlockDiff[] {
  const aligned = alignHashes(
    before.map((b) => b.hash),
    now.map((b) => b.hash),
  );
  const out: BlockDiff[] = [];
  for (let k = 0; k < aligned.length; ) {
    const run = aligned[k]!.run;
    const olds: number[] = [];
    const news: number[] = [];
    let after: number | undefined;
    for (; k < aligned.length && aligned[k]!.run === run; k++) {
      const a = aligned[k]!;
      if (a.kind !== 'added') olds.push(a.i);
      if (a.kind !== 'removed') news.push(a.j);
      else after = a.after;
    }
    olds.sort((x, y) => x - y);
    news.sort((x, y) => x - y);
    // the block before the run: before its first new block, or where its removed blocks were
    if (news.length) after = news[0]! > 0 ? news[0]! - 1 : undefined;
    out.push(...pairRun(olds, news, before, now, after, lang));
  }
  return out;
}

export interface Paint {
  removed: (s: string) => string;
  added: (s: string) => string;
}

/** Without colour: git's plain word-diff markers. */
export const MARKERS: Paint = { removed: (s) => `[-${s}-]`, added: (s) => `{+${s}+}` };

/**
 * A word diff as text: `which` says whether to show both sides in one (the
 * default), or only the old side (unchanged and removed words) or the new one.
 * A mark never spans a line break, so that each line can be indented.
 */
export function formatWords(parts: readonly WordPart[], paint: Paint, which: 'both' | 'old' | 'new' = 'both'): string {
  const mark = (s: string, f: (x: string) => string) =>
    s
      .split('\n')
      .map((line) => (line ? f(line) : line))
      .join('\n');
  return parts
    .map((p) => {
      if (p.removed) return which === 'new' ? '' : mark(p.value, paint.removed);
      if (p.added) return which === 'old' ? '' : mark(p.value, paint.added);
      return p.value;
    })
    .join('');
}
