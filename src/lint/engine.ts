/**
 * The wrapper around the rules: build what they read, run each rule that is on
 * with its options, give its reports a severity and a line and column, drop what
 * a `pressready-disable` comment covers, and (with --fix) fix until stable. Lint
 * loads no renderer.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { ConfigFile } from '../config/file.js';
import type { Limits } from '../limits.js';
import type { Message } from '../messages.js';
import type { Loaded } from '../release/load.js';
import { decodeSource } from '../source/decode.js';
import { type RuleSettings, settingOf, settingsFor } from './config.js';
import { directives, isDisabled } from './directives.js';
import { ruleDocUrl } from './doc-url.js';
import { fixUntilStable } from './fix.js';
import type { AnyRule, Report, Subject } from './rule.js';
import { RULES } from './rules/index.js';
import { buildSubject } from './subject.js';
import { forgetProseBlocks } from './text.js';

interface LintOptions {
  cwd: string;
  /** from the config file; default: every rule at its default */
  settings?: RuleSettings;
  /** the rules to run (tests run one at a time) */
  rules?: readonly AnyRule[];
  /** the bounds on what is read (`--limit`) */
  limits?: Limits;
}

/** A rule broke the contract of ./rule.ts: a bug in pressready, not in the source, so it stops the run. */
class RuleContractError extends Error {
  override name = 'RuleContractError';
}

function runRules(subject: Subject, opts: Omit<LintOptions, 'cwd'>): Message[] {
  const out: Message[] = [];
  const { source } = subject;
  for (const rule of opts.rules ?? RULES) {
    const { level, options } = settingOf(rule, opts.settings ?? new Map());
    if (level === 'off') continue;
    const url = ruleDocUrl(rule.meta.id);
    const report = (r: Report) => {
      // As in ESLint: a fix from a rule whose meta says it fixes nothing is the rule's bug. Dropping the fix
      // quietly would hide it (and `--fix` would silently do less than the rule's examples claim).
      if (r.fix?.length && !rule.meta.fixable) throw new RuleContractError(`rule ${rule.meta.id} reported a fix, but its meta.fixable is false`);
      out.push({
        file: subject.file,
        place: source.index.place(r.range[0], r.range[1]),
        ruleId: rule.meta.id,
        severity: level,
        reason: r.reason,
        ...(r.hint ? { hint: r.hint } : {}),
        ...(r.fix?.length ? { fix: r.fix } : {}),
        url,
      });
    };
    try {
      rule.check({ ...subject, options, report });
    } catch (e) {
      if (e instanceof RuleContractError) throw e;
      // One rule's bug must not hide what the others found.
      out.push({
        file: subject.file,
        place: source.index.place(0, 3),
        ruleId: rule.meta.id,
        severity: 'error',
        reason: `Internal error in rule ${rule.meta.id}: ${(e as Error).message}`,
        hint: 'This is a bug in pressready; please report it with the source.',
      });
    }
  }
  forgetProseBlocks(source.tree);
  const stretches = directives(source.tree);
  return sortMessages(stretches.length ? out.filter((m) => !isDisabled(m, stretches)) : out);
}

function sortMessages(list: Message[]): Message[] {
  return list.sort(
    (a, b) => (a.place?.start.offset ?? 0) - (b.place?.start.offset ?? 0) || (a.place?.end?.offset ?? 0) - (b.place?.end?.offset ?? 0) || (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0),
  );
}

/** Lint one text (without its byte-order mark) as the file `file`. */
export async function lintText(file: string, text: string, opts: LintOptions): Promise<Message[]> {
  const built = await buildSubject(file, text, opts.cwd, opts.limits);
  return built.ok ? runRules(built.subject, opts) : built.fatal;
}

/** Lint a release that `generate` already loaded (generate --strict): nothing is parsed again. */
export function lintLoaded(loaded: Loaded, opts: Omit<LintOptions, 'cwd'>): Message[] {
  const subject: Subject = { file: loaded.source.file, source: loaded.source, loaded, locale: loaded.locale, lang: loaded.release.lang, frontMatterProblems: [] };
  return runRules(subject, opts);
}

export interface LintResult {
  file: string;
  messages: Message[];
  /** problems fixed (with --fix) */
  fixed: number;
  /** the text the messages' offsets refer to (after fixes; without a byte-order mark) */
  text?: string;
  /** the new text, when --fix changed it (with its byte-order mark, if it had one) */
  output?: string;
  /** with `output`: the file's text as it was read, to check that nobody changed it before it is replaced */
  read?: string;
}

interface FileOptions extends Omit<LintOptions, 'settings'> {
  fix?: boolean;
  /** config files already read in this run */
  configCache: Map<string, ConfigFile | null>;
}

export async function lintFile(file: string, opts: FileOptions): Promise<LintResult> {
  const abs = path.resolve(opts.cwd, file);
  const settings = settingsFor(path.dirname(abs), opts.cwd, opts.rules ?? RULES, opts.configCache);
  const decoded = decodeSource(await readFile(abs), file, opts.limits);
  // not text pressready can read (not UTF-8, control characters, too large): told as a fatal problem, never rewritten
  if (!decoded.ok) return { file, messages: [{ ...decoded.message, ruleId: 'parse', url: ruleDocUrl('parse') }], fixed: 0 };
  const raw = decoded.text;
  const bom = raw.startsWith('\uFEFF') ? '\uFEFF' : '';
  const text = raw.slice(bom.length);
  const lint = (t: string) => lintText(file, t, { ...opts, settings });
  if (!opts.fix) return { file, messages: await lint(text), fixed: 0, text };
  const r = await fixUntilStable(text, lint);
  return { file, messages: r.messages, fixed: r.fixed, text: r.output, ...(r.output !== text ? { output: bom + r.output, read: raw } : {}) };
}
