/**
 * Sources made to be slow: the bounds of docs/limits.md measured.
 * Each is a file in `dir`; the figures are the cold time of one process (all
 * formats) and its peak RSS.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';

const HEAD =
  '---\nheadline: A source made to be slow\ndateline: {city: Geneva, date: 2026-01-05}\ncontacts: [{ name: Ana Ruiz, email: a.ruiz@example.org }]\n---\n\nThe committee today published its findings on water in informal settlements.\n\n';

/** name → [what it is, the source] */
export function hostileSources(dir) {
  const cases = {
    'combining-marks': ['a 7 KB word of combining marks', `${HEAD}e${'\u0301'.repeat(3600)}\n`],
    'long-word': ['a 20,000-letter word', `${HEAD + 'a'.repeat(20_000)}\n`],
    'deep-list': ['a list nested 32 deep (the limit)', HEAD + Array.from({ length: 32 }, (_, i) => `${'  '.repeat(i)}- level ${i + 1}\n`).join('')],
    'at-size-limit': ['1 MB of short paragraphs (the size limit)', HEAD + 'A short paragraph of the release, one of many.\n\n'.repeat(20_000)],
  };
  return Object.entries(cases).map(([name, [what, text]]) => {
    const file = path.join(dir, `${name}.md`);
    writeFileSync(file, text);
    return { name, what, file };
  });
}
