/**
 * ESLint's JSON shape, which CI tools already read: one entry a file with
 * `filePath` (absolute), `messages[]` (`ruleId`, `severity` 1 warning | 2 error,
 * `message`, `line`, `column`, `endLine`, `endColumn`, `fix` as one `{range, text}`
 * with offsets into the file after any byte-order mark) and the counts. `hint`
 * (how to mend it) and `url` (the rule's page, src/lint/doc-url.ts) are added to
 * each message.
 */
import path from 'node:path';
import type { Message, TextEdit } from '../../messages.js';
import { count } from '../summary.js';
import type { Formatter } from './types.js';

/** Several edits as ESLint's single fix: one range over them all, the text between kept. */
function mergeFix(edits: readonly TextEdit[], text: string | undefined): TextEdit | undefined {
  if (edits.length === 1) return edits[0];
  if (text === undefined) return undefined;
  const sorted = [...edits].sort((a, b) => a.range[0] - b.range[0]);
  let out = '';
  let at = sorted[0]!.range[0];
  for (const e of sorted) {
    out += text.slice(at, e.range[0]) + e.text;
    at = e.range[1];
  }
  return { range: [sorted[0]!.range[0], at], text: out };
}

function message(m: Message, text: string | undefined) {
  const fix = m.fix?.length ? mergeFix(m.fix, text) : undefined;
  return {
    ruleId: m.ruleId,
    severity: m.severity === 'error' ? 2 : 1,
    message: m.reason,
    ...(m.hint ? { hint: m.hint } : {}),
    line: m.place?.start.line ?? 1,
    column: m.place?.start.column ?? 1,
    ...(m.place?.end ? { endLine: m.place.end.line, endColumn: m.place.end.column } : {}),
    ...(m.ruleId === 'parse' ? { fatal: true } : {}),
    ...(fix ? { fix } : {}),
    ...(m.url ? { url: m.url } : {}),
  };
}

export const json: Formatter = (results, ctx) =>
  `${JSON.stringify(
    results.map((r) => ({
      filePath: path.resolve(ctx.cwd, r.file),
      messages: r.messages.map((m) => message(m, r.text)),
      ...count(r.messages),
      fatalErrorCount: r.messages.filter((m) => m.ruleId === 'parse').length,
    })),
    null,
    2,
  )}\n`;
