/**
 * The default report, for people (after ESLint's stylish): the file, then one
 * line a problem — line:column, severity, what is wrong, the rule — and under it
 * how to mend it; a summary at the end. Nothing at all when nothing is wrong.
 */
import { Chalk } from 'chalk';
import { count } from '../summary.js';
import type { Formatter } from './types.js';

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

export const stylish: Formatter = (results, ctx) => {
  const c = new Chalk({ level: ctx.color ? 1 : 0 });
  const out: string[] = [];
  const all = results.flatMap((r) => r.messages);
  for (const r of results) {
    if (!r.messages.length) continue;
    out.push(c.underline(r.file));
    const pos = r.messages.map((m) => (m.place ? `${m.place.start.line}:${m.place.start.column}` : '0:0'));
    const width = Math.max(...pos.map((p) => p.length));
    r.messages.forEach((m, i) => {
      const severity = m.severity === 'error' ? c.red('error  ') : c.yellow('warning');
      out.push(`  ${c.dim(pos[i]!.padEnd(width))}  ${severity}  ${m.reason}  ${c.dim(m.ruleId)}`);
      if (m.hint) out.push(`  ${' '.repeat(width)}           ${c.dim(`→ ${m.hint}`)}`);
    });
    out.push('');
  }
  const n = count(all);
  const total = n.errorCount + n.warningCount;
  if (total) {
    const mark = n.errorCount ? c.red.bold('✖') : c.yellow.bold('⚠');
    out.push(`${mark} ${plural(total, 'problem')} (${plural(n.errorCount, 'error')}, ${plural(n.warningCount, 'warning')})`);
    const fixable = n.fixableErrorCount + n.fixableWarningCount;
    if (fixable) out.push(`  ${plural(n.fixableErrorCount, 'error')} and ${plural(n.fixableWarningCount, 'warning')} can be fixed with --fix.`);
  }
  return out.length ? `${out.join('\n')}\n` : '';
};
