/**
 * `generate`'s flags and the config's `generate:` defaults → the pipeline's
 * options: shared by `generate`, `watch` and `preview` (../cli/commands/), so that
 * the watch, which is no command, need not reach into the CLI for them.
 */
import type { GenerateOptions } from '../pipeline/generate.js';
import type { Io } from '../report/io.js';
import { type GenerateFlags, parseFormats, parseJobs, parseLimitFlags, parseMailFlags, parseShardFlag, parseWrap, usage, withConfigDefaults } from './generate-flags.js';

/**
 * The flags with the config's defaults, checked, as the pipeline's options (`watch` makes its options here too).
 * `stdin`: the one source is standard input (plain text unless a format is named on the command line).
 */
export async function generateOptions(given: GenerateFlags, io: Io, stdin = false) {
  const flags = withConfigDefaults(given, (await import('../config/load.js')).loadConfig(io.cwd, io.cwd).generate);
  const formats = parseFormats(stdin && given.format === undefined ? 'txt' : flags.format);
  const wrap = parseWrap(flags.wrap);
  const jobs = parseJobs(flags.jobs);
  const shard = parseShardFlag(flags.shard);
  const limits = parseLimitFlags(flags.limit);
  const mail = parseMailFlags(flags.from, flags.to);
  if (flags.pdfStandard !== undefined && flags.pdfStandard !== 'pdfa-2b') throw usage(`Unknown PDF standard \`${flags.pdfStandard}\``, 'The one supported is pdfa-2b.');
  if (flags.feed && !formats.includes('html'))
    throw usage('--feed needs html among the formats', "The index and the feeds link to each release's page: for example -f html --feed, or -f html,pdf --feed.");
  if (flags.incremental && !flags.manifest)
    throw usage('--incremental needs --manifest <file>', 'The manifest records what was generated from what; for example --manifest dist/manifest.json --incremental.');
  if (flags.template && !(await import('../templates/load.js')).findTemplateDir(flags.template, { searchDirs: [io.cwd] })) {
    throw usage(`No template \`${flags.template}\``, 'Use a built-in template (`default`, `wire`), a folder under `templates/`, or a path to a template folder.');
  }
  const opts: GenerateOptions = {
    formats,
    outDir: flags.out,
    ...(flags.template ? { template: flags.template } : {}),
    cwd: io.cwd,
    ...(flags.strict ? { strict: true } : {}),
    limits,
    ...(flags.feed ? { feed: true } : {}),
    // a plain copy: options cross to worker threads
    render: { env: { ...io.env }, ...(wrap ? { wrap } : {}), ...(flags.pdfStandard === 'pdfa-2b' ? { pdfStandard: 'pdfa-2b' as const } : {}), ...(mail ? { mail } : {}) },
  };
  return { flags, formats, jobs, shard, opts };
}
