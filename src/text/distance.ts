/**
 * Edit distance, to suggest the word a user probably meant (`sub-headline` →
 * `subheadline`). Small enough to keep here rather than add a package; the lists
 * it compares are a few dozen short keys.
 */

/** Levenshtein distance: insertions, deletions and substitutions, one each. */
function levenshtein(a: string, b: string): number {
  if (a === b) return 0;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = row;
  }
  return prev[b.length]!;
}

/**
 * The candidate closest to `word` (case, `_` and spaces aside), when it is close
 * enough to be a slip: at most a third of the word's letters wrong, or the one
 * contains the other (`headlines`).
 */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  const norm = (s: string) => s.toLowerCase().replace(/[_\s]+/g, '-');
  const w = norm(word);
  let best: { c: string; d: number } | undefined;
  for (const c of candidates) {
    const n = norm(c);
    const contains = Math.min(n.length, w.length) >= 4 && (n.includes(w) || w.includes(n));
    const d = contains ? Math.abs(n.length - w.length) : levenshtein(w, n);
    const limit = Math.max(1, Math.floor(Math.max(w.length, n.length) / 3));
    if ((contains || d <= limit) && (!best || d < best.d)) best = { c, d };
  }
  return best?.c;
}
