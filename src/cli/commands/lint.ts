/** `pressready lint`: options → lint each source (and fix it) → one report on standard output. */
import path from 'node:path';
import type { ConfigFile } from '../../config/file.js';
import { rewriteFile } from '../../io/write.js';
import type { Limits } from '../../limits.js';
import { settingsFor } from '../../lint/config.js';
import { ruleDocUrl } from '../../lint/doc-url.js';
import { type LintResult, lintFile, lintText } from '../../lint/engine.js';
import { FORMATTERS, type Formatter } from '../../lint/formats/index.js';
import { RULES } from '../../lint/rules/index.js';
import { count } from '../../lint/summary.js';
import { UserError } from '../../messages.js';
import { parseLimitFlags } from '../../options/generate-flags.js';
import { expandInputs } from '../../pipeline/inputs.js';
import { type Io, printMessages } from '../../report/io.js';
import { decodeSource } from '../../source/decode.js';

export interface LintFlags {
  format: string;
  fix?: boolean;
  maxWarnings?: string;
  limit?: string[];
}

function usage(reason: string, hint: string): UserError {
  return new UserError({ file: 'pressready', ruleId: 'usage', severity: 'error', reason, hint }, 2);
}

function parseMaxWarnings(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n))
    throw usage(`--max-warnings takes a whole number of 0 or more, not \`${value}\``, 'For example --max-warnings 0 to fail on any warning.');
  return n;
}

/** `lint -`: one source on standard input, reported as `<stdin>`; config and templates are found from the working folder. */
async function lintStdin(args: string[], flags: LintFlags, io: Io, version: string, format: Formatter, limits: Limits): Promise<number> {
  if (args.length > 1) throw usage('`-` (standard input) cannot be mixed with other sources', 'Give `-` alone.');
  if (flags.fix) throw usage('--fix rewrites files; standard input is not one', 'Save the source to a file, then run lint --fix on it.');
  const file = '<stdin>';
  const decoded = decodeSource(await io.readStdin(), file, limits);
  let result: LintResult;
  if (!decoded.ok) result = { file, messages: [{ ...decoded.message, ruleId: 'parse', url: ruleDocUrl('parse') }], fixed: 0 };
  else {
    const text = decoded.text.replace(/^\uFEFF/, '');
    const settings = settingsFor(io.cwd, io.cwd, RULES, new Map());
    result = { file, messages: await lintText(file, text, { cwd: io.cwd, settings, limits }), fixed: 0, text };
  }
  io.out(format([result], { cwd: io.cwd, color: io.outIsTTY === true && !io.env.NO_COLOR, rules: RULES, version }));
  const n = count(result.messages);
  const maxWarnings = parseMaxWarnings(flags.maxWarnings);
  return n.errorCount || (maxWarnings !== undefined && n.warningCount > maxWarnings) ? 1 : 0;
}

export async function lintCommand(args: string[], flags: LintFlags, io: Io, version: string): Promise<number> {
  const format = FORMATTERS[flags.format];
  if (!format) throw usage(`Unknown report format \`${flags.format}\``, `Use one of ${Object.keys(FORMATTERS).join(', ')}.`);
  const maxWarnings = parseMaxWarnings(flags.maxWarnings);
  const limits = parseLimitFlags(flags.limit);

  if (args.includes('-')) return lintStdin(args, flags, io, version, format, limits);
  const inputs = await expandInputs(args, { cwd: io.cwd });
  printMessages(io, inputs.messages, { annotate: flags.format === 'stylish' || flags.format === 'github' });
  const configCache = new Map<string, ConfigFile | null>();
  // every config first: a broken one stops the run (exit 2) before --fix writes anything
  for (const ref of inputs.sources) settingsFor(path.dirname(path.resolve(io.cwd, ref.file)), io.cwd, RULES, configCache);
  const results: LintResult[] = [];
  let notWritten = 0;
  for (const ref of inputs.sources) {
    const r = await lintFile(ref.file, { cwd: io.cwd, fix: flags.fix === true, configCache, limits });
    if (r.output !== undefined && r.read !== undefined) {
      try {
        await rewriteFile(path.resolve(io.cwd, r.file), r.read, r.output, r.file);
        io.err(`${r.file}: fixed ${r.fixed} problem${r.fixed === 1 ? '' : 's'}\n`);
      } catch (e) {
        // this file was edited meanwhile: say so, and go on with the others
        if (!(e instanceof UserError)) throw e;
        printMessages(io, e.messages);
        notWritten++;
      }
    }
    results.push(r);
  }

  const color = io.outIsTTY === true && !io.env.NO_COLOR;
  io.out(format(results, { cwd: io.cwd, color, rules: RULES, version }));

  const n = count(results.flatMap((r) => r.messages));
  const inputErrors = inputs.messages.filter((m) => m.severity === 'error').length;
  if (maxWarnings !== undefined && n.warningCount > maxWarnings) {
    io.err(`pressready lint: ${n.warningCount} warnings, more than --max-warnings ${maxWarnings}\n`);
    return 1;
  }
  return n.errorCount || inputErrors || notWritten || !inputs.sources.length ? 1 : 0;
}
