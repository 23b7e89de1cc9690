/**
 * Applying fixes (ESLint's model): a fix is data, a list of text edits; all the
 * fixes of one lint run are applied in one pass, sorted, and a fix that would
 * overlap one already taken waits for the next pass. Bytes outside the edits are
 * copied as they are.
 */
import type { Message, TextEdit } from '../messages.js';

/** Two edits touch the same text (two insertions at one point count: their order would be a guess). */
function overlaps(a: TextEdit, b: TextEdit): boolean {
  if (a.range[0] === a.range[1] && b.range[0] === b.range[1]) return a.range[0] === b.range[0];
  return a.range[0] < b.range[1] && b.range[0] < a.range[1];
}

interface Applied {
  output: string;
  /** messages whose fix was applied */
  fixed: Message[];
}

export function applyFixes(text: string, messages: readonly Message[]): Applied {
  const taken: TextEdit[] = [];
  const fixed: Message[] = [];
  const ordered = messages.filter((m) => m.fix?.length).sort((a, b) => start(a) - start(b));
  for (const m of ordered) {
    const edits = m.fix!;
    const valid = edits.every((e) => e.range[0] <= e.range[1] && e.range[0] >= 0 && e.range[1] <= text.length);
    // a fix is all of its edits or none
    if (!valid || edits.some((e, i) => edits.some((f, j) => i < j && overlaps(e, f))) || edits.some((e) => taken.some((t) => overlaps(e, t)))) continue;
    taken.push(...edits);
    fixed.push(m);
  }
  taken.sort((a, b) => a.range[0] - b.range[0] || a.range[1] - b.range[1]);
  let out = '';
  let at = 0;
  for (const e of taken) {
    out += text.slice(at, e.range[0]) + e.text;
    at = e.range[1];
  }
  return { output: out + text.slice(at), fixed };
}

function start(m: Message): number {
  return Math.min(...m.fix!.map((e) => e.range[0]));
}

/** Passes of lint and fix before giving up on a fix that keeps asking for more. */
export const MAX_FIX_PASSES = 10;

/**
 * Lint, fix, and lint again until nothing fixable is left (or MAX_FIX_PASSES):
 * one fix may reveal another (a quote-balance fix, then the style of the pair).
 */
export async function fixUntilStable(text: string, lint: (text: string) => Promise<Message[]>): Promise<{ output: string; messages: Message[]; fixed: number; passes: number }> {
  let current = text;
  let fixed = 0;
  for (let pass = 1; ; pass++) {
    const messages = await lint(current);
    if (pass > MAX_FIX_PASSES || !messages.some((m) => m.fix?.length)) return { output: current, messages, fixed, passes: pass - 1 };
    const applied = applyFixes(current, messages);
    if (!applied.fixed.length || applied.output === current) return { output: current, messages, fixed, passes: pass - 1 };
    current = applied.output;
    fixed += applied.fixed.length;
  }
}
