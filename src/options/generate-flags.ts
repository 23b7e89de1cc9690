/** `generate`'s flags, checked: a wrong flag value is a usage error (exit 2) before anything is read. */
import type { GenerateDefaults } from '../config/load.js';
import { type Limits, parseLimits } from '../limits.js';
import { UserError } from '../messages.js';
import { parseShard, type Shard } from '../pipeline/shard.js';
import { DEFAULT_FORMATS, FORMATS, isFormat } from '../render/registry.js';

export interface GenerateFlags {
  format?: string;
  out?: string;
  template?: string;
  wrap?: string;
  pdfStandard?: string;
  from?: string;
  to?: string[];
  quiet?: boolean;
  jobs?: string;
  manifest?: string;
  incremental?: boolean;
  shard?: string;
  strict?: boolean;
  limit?: string[];
  feed?: boolean;
}

export function usage(reason: string, hint: string): UserError {
  return new UserError({ file: 'pressready', ruleId: 'usage', severity: 'error', reason, hint }, 2);
}

export function parseFormats(value: string | undefined): string[] {
  if (!value) return DEFAULT_FORMATS;
  const list = value
    .split(',')
    .map((f) => f.trim().toLowerCase())
    .filter(Boolean);
  if (list.includes('all')) return FORMATS;
  const unknown = list.filter((f) => !isFormat(f));
  if (unknown.length || !list.length) throw usage(`Unknown format ${unknown.map((f) => `\`${f}\``).join(', ') || '(none)'}`, `Use a comma-separated list of ${FORMATS.join(', ')}, or all.`);
  return [...new Set(list)];
}

export function parseWrap(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 20) throw usage(`--wrap takes a number of columns of at least 20, not \`${value}\``, 'For example --wrap 72.');
  return n;
}

/** Undefined when not given: then as many workers as cores, when there are enough sources to pay for them (pool.ts). */
export function parseJobs(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw usage(`--jobs takes a number of workers of at least 1, not \`${value}\``, 'For example --jobs 2; leave it out to use every core.');
  return n;
}

/**
 * `--from` and `--to`: addresses as a mail header takes them (`Name <a@b.org>`),
 * each one address, without line breaks or other control characters (which would
 * write headers of their own).
 */
export function parseMailFlags(from: string | undefined, to: string[] | undefined): { from?: string; to?: string[] } | undefined {
  const check = (flag: string, v: string) => {
    // eslint-disable-next-line no-control-regex
    if (/[\u0000-\u001f\u007f]/.test(v) || !/^[^@\s<>]+@[^@\s<>]+$|<[^@\s<>]+@[^@\s<>]+>\s*$/.test(v.trim()))
      throw usage(`${flag} takes one e-mail address, not \`${v}\``, `For example ${flag} press@example.org or ${flag} "Press Office <press@example.org>".`);
    return v.trim();
  };
  const out = {
    ...(from !== undefined ? { from: check('--from', from) } : {}),
    ...(to?.length ? { to: to.map((t) => check('--to', t)) } : {}),
  };
  return Object.keys(out).length ? out : undefined;
}

export function parseLimitFlags(values: string[] | undefined): Limits {
  const r = parseLimits(values);
  if (!r.ok) throw usage(r.reason, r.hint);
  return r.limits;
}

export function parseShardFlag(value: string | undefined): Shard | undefined {
  if (value === undefined) return undefined;
  const shard = parseShard(value);
  if (!shard) throw usage(`--shard takes i/n with 1 ≤ i ≤ n, not \`${value}\``, 'For example --shard 2/4 in the second of four CI jobs.');
  return shard;
}

/**
 * The flags with the defaults of `pressready.config.yaml` (`generate:`, found from
 * the working folder upward) filled in where a flag was not given.
 */
export function withConfigDefaults(flags: GenerateFlags, config: GenerateDefaults | undefined): GenerateFlags & { out: string } {
  const c = config ?? {};
  const given = Object.fromEntries(Object.entries(flags).filter(([, v]) => v !== undefined)) as GenerateFlags;
  return {
    ...(c.format !== undefined ? { format: Array.isArray(c.format) ? c.format.join(',') : c.format } : {}),
    ...(c.template !== undefined ? { template: c.template } : {}),
    ...(c.wrap !== undefined ? { wrap: String(c.wrap) } : {}),
    ...(c.strict !== undefined ? { strict: c.strict } : {}),
    ...(c.jobs !== undefined ? { jobs: String(c.jobs) } : {}),
    ...(c['pdf-standard'] !== undefined ? { pdfStandard: c['pdf-standard'] } : {}),
    ...(c.quiet !== undefined ? { quiet: c.quiet } : {}),
    ...(c.from !== undefined ? { from: c.from } : {}),
    ...(c.to !== undefined ? { to: Array.isArray(c.to) ? c.to : [c.to] } : {}),
    ...given,
    out: given.out ?? c.out ?? 'dist',
  };
}
