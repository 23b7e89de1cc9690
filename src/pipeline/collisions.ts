/** Two sources that would write the same output path: refused (exit 2) before anything is written. */
import type { Message } from '../messages.js';
import type { SourceRef } from './inputs.js';

/** Output paths claimed by more than one source (from plans, or from the quick scan of many sources). */
export function collisions(planned: readonly { ref: SourceRef; stem?: string | undefined }[], formats: readonly string[]): Message[] {
  const owners = new Map<string, string[]>();
  for (const p of planned) {
    if (!p.stem) continue;
    for (const f of formats) {
      const out = `${p.stem}.${f}`;
      owners.set(out, [...(owners.get(out) ?? []), p.ref.file]);
    }
  }
  return [...owners.entries()]
    .filter(([, files]) => files.length > 1)
    .map(([out, files]) => ({
      file: files[0]!,
      ruleId: 'output-collision',
      severity: 'error' as const,
      reason: `${files.join(' and ')} would both write ${out}`,
      hint: 'Give one of them another `id:` in its front matter, or generate them into different folders.',
    }));
}
