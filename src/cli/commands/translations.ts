/** `pressready translations`: where each translation stands, for translators and for CI (`--check`). */

import path from 'node:path';
import chalk from 'chalk';
import { rewriteFile } from '../../io/write.js';
import { orThrow, UserError } from '../../messages.js';
import { expandInputs } from '../../pipeline/inputs.js';
import { parseFile, readSourceText } from '../../release/load.js';
import { type Io, printMessages } from '../../report/io.js';
import { markCurrent } from '../../translations/mark.js';
import { originalPath, type State, type TranslationsResult, translationsStatus } from '../../translations/status.js';

export interface TranslationsFlags {
  format?: string;
  check?: boolean;
  markCurrent?: string;
  diff?: boolean;
  diffStyle?: string;
}

const PAINT: Record<State, (s: string) => string> = {
  'up-to-date': chalk.green,
  stale: chalk.yellow,
  unmarked: chalk.yellow,
  missing: chalk.red,
};
const WORDS: Record<State, string> = { 'up-to-date': 'up to date', stale: 'stale', unmarked: 'unmarked', missing: 'missing' };

function stylish(result: TranslationsResult): string {
  const lines: string[] = [];
  const counts = new Map<State, number>();
  for (const o of result.originals) {
    lines.push(chalk.bold(`${o.file} (${o.lang})`));
    if (!o.translations.length) lines.push('  no translations');
    for (const t of o.translations) {
      counts.set(t.state, (counts.get(t.state) ?? 0) + 1);
      lines.push(`  ${t.lang.padEnd(5)} ${PAINT[t.state](WORDS[t.state].padEnd(10))} ${t.file ?? ''}`.trimEnd());
      for (const c of t.changes ?? []) lines.push(`        - ${c}`);
      if (t.state === 'unmarked') lines.push(`        - no source-hash: after checking it against the original, run pressready translations --mark-current ${t.file}`);
    }
  }
  const total = [...counts.values()].reduce((a, b) => a + b, 0);
  const summary = (['up-to-date', 'stale', 'unmarked', 'missing'] as State[]).filter((s) => counts.get(s)).map((s) => `${counts.get(s)} ${WORDS[s]}`);
  lines.push(`${total} translation${total === 1 ? '' : 's'}${summary.length ? `: ${summary.join(', ')}` : ''}`);
  return `${lines.join('\n')}\n`;
}

async function mark(file: string, io: Io): Promise<number> {
  const abs = path.resolve(io.cwd, file);
  const r = await readSourceText(abs, file);
  const read = orThrow(r.text, r.messages);
  const parsed = await parseFile(file, io.cwd, read);
  const translation = orThrow(parsed.source, parsed.messages);
  if (!translation.frontMatter['translation-of']) {
    throw new UserError({
      file,
      place: { start: { line: 1, column: 1, offset: 0 } },
      ruleId: 'translation-of',
      severity: 'error',
      reason: 'This source is not a translation (it has no `translation-of`)',
      hint: 'Name a translation, e.g. release.fr.md.',
    });
  }
  const o = await parseFile(originalPath(translation, io.cwd), io.cwd);
  const original = orThrow(o.source, o.messages);
  // the parsed text has no byte-order mark: keep the file's
  const bom = read.startsWith('\uFEFF') ? '\uFEFF' : '';
  await rewriteFile(abs, read, bom + markCurrent(original, translation), file);
  io.out(`${file}: source-hash now matches ${original.file}\n`);
  return 0;
}

export async function translationsCommand(args: string[], flags: TranslationsFlags, io: Io): Promise<number> {
  if (flags.format && flags.format !== 'json' && flags.format !== 'stylish') {
    throw new UserError(
      { file: 'pressready', ruleId: 'usage', severity: 'error', reason: `Unknown format \`${flags.format}\``, hint: 'Use --format json, or leave it out for the readable report.' },
      2,
    );
  }
  if (flags.markCurrent) {
    // `--mark-current a.fr.md b.es.md …`: every file named, not only the first (folders and globs too)
    const inputs = await expandInputs([flags.markCurrent, ...args], { cwd: io.cwd, outDir: 'dist' });
    printMessages(
      io,
      inputs.messages.filter((m) => m.severity === 'error'),
    );
    let failed = inputs.messages.some((m) => m.severity === 'error');
    for (const ref of inputs.sources) {
      try {
        await mark(ref.file, io);
      } catch (e) {
        if (!(e instanceof UserError)) throw e;
        // an original found in a folder or by a glob is passed over; one named on the command line is an error
        if (!ref.named && e.messages.every((m) => m.ruleId === 'translation-of')) continue;
        printMessages(io, e.messages);
        failed = true;
      }
    }
    return failed ? 1 : 0;
  }
  if (!args.length)
    throw new UserError({ file: 'pressready', ruleId: 'usage', severity: 'error', reason: 'Name the sources or folders to check', hint: 'For example: pressready translations releases/' }, 2);
  // --diff-style alone asks for the diff too
  if (flags.diff || flags.diffStyle) return (await import('./translations-diff.js')).translationsDiffCommand(args, flags, io);
  const inputs = await expandInputs(args, { cwd: io.cwd, outDir: 'dist' });
  printMessages(
    io,
    inputs.messages.filter((m) => m.severity === 'error'),
  );
  const result = await translationsStatus(
    inputs.sources.map((s) => s.file),
    io.cwd,
  );
  printMessages(io, result.messages);
  io.out(
    flags.format === 'json' ? `${JSON.stringify({ originals: result.originals.map((o) => ({ ...o, translations: o.translations.map(({ detail: _d, ...t }) => t) })) }, null, 2)}\n` : stylish(result),
  );
  const failed = result.messages.some((m) => m.severity === 'error') || inputs.messages.some((m) => m.severity === 'error');
  const behind = result.originals.some((o) => o.translations.some((t) => t.state !== 'up-to-date'));
  return failed || (flags.check && behind) ? 1 : 0;
}
