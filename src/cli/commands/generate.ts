/** `pressready generate`: options → the generate pipeline → a report. */
import { UserError, type Message } from '../../messages.js';
import { build, collisions, plan, renderOne, type GenerateOptions, type SourceResult } from '../../pipeline/generate.js';
import { expandInputs } from '../../pipeline/inputs.js';
import { DEFAULT_FORMATS, FORMATS, isFormat } from '../../render/registry.js';
import { findTemplateDir } from '../../templates/load.js';
import { printMessages, type Io } from '../io.js';

export interface GenerateFlags {
  format?: string;
  out: string;
  template?: string;
  wrap?: string;
  pdfStandard?: string;
  quiet?: boolean;
  strict?: boolean;
}

function usage(reason: string, hint: string): UserError {
  return new UserError({ file: 'pressready', ruleId: 'usage', severity: 'error', reason, hint }, 2);
}

export function parseFormats(value: string | undefined): string[] {
  if (!value) return DEFAULT_FORMATS;
  const list = value.split(',').map((f) => f.trim().toLowerCase()).filter(Boolean);
  if (list.includes('all')) return FORMATS;
  const unknown = list.filter((f) => !isFormat(f));
  if (unknown.length || !list.length)
    throw usage(`Unknown format ${unknown.map((f) => '`' + f + '`').join(', ') || '(none)'}`, `Use a comma-separated list of ${FORMATS.join(', ')}, or all.`);
  return [...new Set(list)];
}

function parseWrap(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 20) throw usage(`--wrap takes a number of columns of at least 20, not \`${value}\``, 'For example --wrap 72.');
  return n;
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
}

export async function generateCommand(args: string[], flags: GenerateFlags, io: Io): Promise<number> {
  const started = performance.now();
  const formats = parseFormats(flags.format);
  const wrap = parseWrap(flags.wrap);
  if (flags.pdfStandard !== undefined && flags.pdfStandard !== 'pdfa-2b') throw usage(`Unknown PDF standard \`${flags.pdfStandard}\``, 'The one supported is pdfa-2b.');
  if (flags.template && !findTemplateDir(flags.template, { searchDirs: [io.cwd] })) {
    throw usage(`No template \`${flags.template}\``, 'Use a built-in template (`default`, `wire`), a folder under `templates/`, or a path to a template folder.');
  }
  const opts: GenerateOptions = {
    formats,
    outDir: flags.out,
    ...(flags.template ? { template: flags.template } : {}),
    cwd: io.cwd,
    ...(flags.strict ? { strict: true } : {}),
    render: { env: io.env, ...(wrap ? { wrap } : {}), ...(flags.pdfStandard === 'pdfa-2b' ? { pdfStandard: 'pdfa-2b' as const } : {}) },
  };

  if (args.length === 1 && args[0] === '-') return generateStdin(opts, io);
  if (args.includes('-')) throw usage('`-` (standard input) cannot be mixed with other sources', 'Give `-` alone.');

  const inputs = await expandInputs(args, { cwd: io.cwd, outDir: flags.out });
  printMessages(io, inputs.messages.filter((m) => m.severity !== 'info' || !flags.quiet));
  const planned = [];
  for (const ref of inputs.sources) planned.push(await plan(ref, opts));
  if (flags.strict) (await import('../../lint/strict.js')).refuseLintErrors(planned, io.cwd);
  const clash = collisions(planned, formats);
  if (clash.length) throw new UserError(clash, 2);

  const results: SourceResult[] = [];
  for (const p of planned) {
    const r = await build(p, opts);
    results.push(r);
    printMessages(io, r.messages);
    if (!flags.quiet) for (const o of r.outputs) io.out(`${o.path}\n`);
  }
  const failed = results.filter((r) => !r.ok).length + inputs.messages.filter((m) => m.severity === 'error').length;
  const files = results.reduce((n, r) => n + r.outputs.length, 0);
  if (!flags.quiet) {
    const n = results.length;
    io.out(`${n} source${n === 1 ? '' : 's'} → ${files} file${files === 1 ? '' : 's'} in ${seconds(performance.now() - started)}${failed ? `; ${failed} failed` : ''}\n`);
  }
  return failed || inputs.sources.length === 0 ? 1 : 0;
}

/** `generate -`: one source on standard input, one format on standard output. */
async function generateStdin(opts: GenerateOptions, io: Io): Promise<number> {
  if (opts.formats.length !== 1) throw usage('With `-` (standard input), name exactly one format', 'For example: pressready generate - -f txt < release.md');
  const text = await io.readStdin();
  const file = '<stdin>';
  const { loadRelease } = await import('../../pipeline/load.js');
  let messages: Message[] = [];
  try {
    const loaded = await loadRelease(file, { cwd: io.cwd, text, ...(opts.template ? { template: opts.template } : {}) });
    const { data, warnings } = await renderOne({ ref: { file, base: io.cwd, named: true }, loaded, messages: [] }, opts.formats[0]!, opts);
    messages = warnings;
    printMessages(io, messages);
    io.out(data);
    return 0;
  } catch (e) {
    if (e instanceof UserError) {
      printMessages(io, e.messages);
      return e.exitCode;
    }
    throw e;
  }
}

export const GENERATE_HELP = `
Examples:
  pressready generate release.md                 txt, docx and pdf into dist/
  pressready generate release.md -f txt,json     plain text and the release model
  pressready generate archive/ -o build          every source under archive/, sub-folders mirrored
  pressready generate 'news/**/*.md' -t wire     a glob, with the wire template
  pressready generate - -f txt < release.md      standard input to standard output
`;
