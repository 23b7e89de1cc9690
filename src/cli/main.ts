/**
 * The command line (commander): flags as data, one error boundary. Exit codes
 * (docs/cli.md#exit-codes): 0 done, 1 a source had errors, 2 the command itself
 * is wrong, 70 a bug of pressready's own (130: watch and preview stopped by Ctrl-C).
 */
import { readFileSync } from 'node:fs';
import { Command, CommanderError, Option } from 'commander';
import { isUserError } from '../messages.js';
import type { GenerateFlags } from '../options/generate-flags.js';
import { type Io, printMessages } from '../report/io.js';
import { applyColourEnv } from './colour.js';
import { GENERATE_HELP } from './commands/generate-help.js';
import type { InitFlags } from './commands/init.js';
import type { LintFlags } from './commands/lint.js';
import type { PreviewFlags } from './commands/preview.js';
import type { TemplatesShowFlags } from './commands/templates.js';
import type { TranslationsFlags } from './commands/translations.js';
import type { TranslationsNewFlags } from './commands/translations-new.js';
import type { WatchFlags } from './commands/watch.js';
import { INIT_HELP, LINT_HELP, TRANSLATIONS_HELP } from './help.js';
import { terminalAsk } from './prompt.js';
import { PREVIEW_HELP, WATCH_HELP } from './watch-help.js';

const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
export const VERSION = pkg.version;

/** A repeatable flag's values, in order. */
const collect = (value: string, previous: string[]): string[] => [...previous, value];

/** What is written and how: the options `generate` and `watch` share. */
function outputOptions(c: Command): Command {
  return c
    .addOption(new Option('-f, --format <list>', 'txt,docx,pdf (default) | json,md,html,eml | all'))
    .option('-o, --out <folder>', 'output folder (default: dist)')
    .option('-t, --template <name|path>', 'template (wins over the front matter)')
    .option('--wrap <n>', 'wrap plain text at n columns')
    .option('--pdf-standard <standard>', 'pdfa-2b')
    .option('--from <address>', 'the e-mail\'s sender (eml): "Press Office <press@example.org>"')
    .option('--to <address>', 'an e-mail recipient (eml; repeatable)', (value: string, previous: string[] | undefined) => [...(previous ?? []), value])
    .option('-q, --quiet', 'print only problems')
    .option('--strict', 'do not generate a source that has lint errors; renderer warnings count as errors')
    .option('--no-strict', 'generate sources with lint errors all the same (told as warnings), whatever the config says');
}

function program(io: Io, setExit: (code: number) => void): Command {
  const p = new Command('pressready')
    .description('Press-ready DOCX, PDF and plain-text releases from Markdown with YAML front matter')
    .version(VERSION, '-V, --version')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.out(s), writeErr: (s) => io.err(s) });

  p.command('init')
    .description('start a new source: today’s date, a dated id, the template’s contacts, placeholders to fill in')
    .argument('[file]', 'the source to write (default: <date>-<headline>.md)')
    .option('-t, --template <name|path>', 'template', 'default')
    .option('--lang <lang>', 'language of the release', 'en')
    .option('--headline <text>', 'the headline (asked for on a terminal when not given)')
    .option('--city <city>', 'the dateline city (asked for on a terminal when not given)')
    .option('--force', 'overwrite the file if it exists')
    .addHelpText('after', INIT_HELP)
    .action(async (file: string | undefined, flags: InitFlags) => setExit(await (await import('./commands/init.js')).initCommand(file, flags, io)));

  const templates = p
    .command('templates')
    .description('list the templates: the project’s (templates/) and the built-ins, with their languages')
    .action(async () => setExit((await import('./commands/templates.js')).templatesCommand(io)));
  templates
    .command('show')
    .description('print a template’s settings with everything it extends merged in')
    .argument('<name|path>', 'a template name or folder')
    .option('--lang <lang>', 'also print the merged locale data of this language')
    .action(async (ref: string, flags: TemplatesShowFlags) => setExit((await import('./commands/templates.js')).templatesShowCommand(ref, flags, io)));

  outputOptions(p.command('generate').description('write the outputs of each source').argument('<sources...>', 'source files, folders or globs; - for standard input'))
    .option('-j, --jobs <n>', 'parallel workers (default: one a core, when there are enough sources)')
    .option('--manifest <file>', "write a JSON manifest: each source's inputs and outputs with their sha256")
    .option('--incremental', 'with --manifest: skip sources whose inputs and outputs are unchanged')
    .option('--shard <i/n>', "this CI job's share of the sources")
    .option('--feed', 'with -f html: also write index.html and an Atom feed a language (feed.<lang>.xml) in the output folder')
    .option('--limit <name=value>', 'raise a bound on what is read: source-kb, depth, table-columns (repeatable)', collect, [])
    .addHelpText('after', GENERATE_HELP)
    // loaded when run: --version and --help load no command
    .action(async (sources: string[], flags: GenerateFlags) => setExit(await (await import('./commands/generate.js')).generateCommand(sources, flags, io, VERSION)));

  outputOptions(
    p.command('watch').description('generate, then generate again on every save what it affects (sources, translations, templates, config)').argument('<sources...>', 'source files, folders or globs'),
  )
    .option('--limit <name=value>', 'raise a bound on what is read: source-kb, depth, table-columns (repeatable)', collect, [])
    .addHelpText('after', WATCH_HELP)
    .action(async (sources: string[], flags: WatchFlags) => setExit(await (await import('./commands/watch.js')).watchCommand(sources, flags, io)));

  p.command('preview')
    .description('serve a release as its web page on 127.0.0.1, with its lint messages, PDF, DOCX and text; reloads on save')
    .argument('<source>', 'the source file')
    .option('--port <n>', 'the port (default: a free one)', '0')
    .option('--host <address>', 'the address to listen on', '127.0.0.1')
    .option('-t, --template <name|path>', 'template (wins over the front matter)')
    .addHelpText('after', PREVIEW_HELP)
    .action(async (source: string, flags: PreviewFlags) => setExit(await (await import('./commands/preview.js')).previewCommand(source, flags, io)));

  const translations = p
    .command('translations')
    .description('where each translation stands: up to date, stale (with the changed blocks), unmarked, or missing')
    .argument('[sources...]', 'originals, translations or folders')
    .option('--format <format>', 'json (default: a readable report)')
    .option('--check', 'exit 1 when a translation is stale, unmarked or missing (for CI)')
    .option('--mark-current <translation>', 'record that a translation matches its original as it is now')
    .option('--diff', 'for each stale translation, how the original’s changed blocks read then (from git history) and now')
    .option('--diff-style <style>', 'with --diff: words (one word diff a block, the default) or blocks (the old block, then the new)')
    .addHelpText('after', TRANSLATIONS_HELP)
    .action(async (sources: string[], flags: TranslationsFlags) => setExit(await (await import('./commands/translations.js')).translationsCommand(sources, flags, io)));
  translations
    .command('new')
    .description('write a translation skeleton beside an original: release.<lang>.md, a placeholder for every block')
    .argument('<original>', 'the original source')
    .option('--lang <lang>', 'the translation’s language: ar, en, es, fr, ru or zh (repeatable, or comma-separated)', collect, [])
    .option('--force', 'replace the file if it exists')
    .action(async (file: string, flags: TranslationsNewFlags) => setExit(await (await import('./commands/translations-new.js')).translationsNewCommand(file, flags, io)));
  translations
    .command('export')
    .description('write an XLIFF 2.1 file of an original for a CAT tool, pre-filled from the existing translation')
    .argument('<original>', 'the original source, e.g. release.md')
    .requiredOption('--lang <lang>', 'the language of the translation')
    .option('-o, --output <file>', 'the XLIFF file (default: <original>.<lang>.xlf beside it)')
    .action(async (file: string, flags: { lang?: string; output?: string }) => setExit(await (await import('./commands/translations-xliff.js')).exportCommand(file, flags, io)));
  translations
    .command('import')
    .description('write the translation (release.<lang>.md) from an XLIFF file; only the blocks whose text changed are rewritten')
    .argument('<xliff>', 'the .xlf file')
    .action(async (file: string) => setExit(await (await import('./commands/translations-xliff.js')).importCommand(file, io)));

  p.command('lint')
    .description('check the structure of each source: positions, how to mend, safe fixes')
    .argument('<sources...>', 'source files, folders or globs')
    .option('--format <name>', 'stylish | json | github | sarif', 'stylish')
    .option('--fix', 'apply the safe fixes in place')
    .option('--max-warnings <n>', 'exit 1 when there are more warnings than n')
    .option('--limit <name=value>', 'raise a bound on what is read: source-kb, depth, table-columns (repeatable)', collect, [])
    .addHelpText('after', LINT_HELP)
    .action(async (sources: string[], flags: LintFlags) => setExit(await (await import('./commands/lint.js')).lintCommand(sources, flags, io, VERSION)));

  return p;
}

export async function run(argv: string[], io: Io): Promise<number> {
  let code = 0;
  const p = program(io, (c) => (code = c));
  try {
    await p.parseAsync(argv, { from: 'user' });
    return code;
  } catch (e) {
    if (e instanceof CommanderError) {
      // help and version are not errors; everything else commander refuses is a usage error
      return e.exitCode === 0 || e.code === 'commander.helpDisplayed' || e.code === 'commander.version' ? 0 : 2;
    }
    if (isUserError(e)) {
      printMessages(io, e.messages);
      return e.exitCode;
    }
    const err = e as Error;
    io.err(`pressready: internal error: ${err?.message ?? String(e)}\n`);
    if (io.env.PRESSREADY_DEBUG) io.err(`${err?.stack ?? ''}\n`);
    io.err('This is a bug in pressready; please report it with the command and the source that caused it.\n');
    return 70;
  }
}

/**
 * A reader that stops reading (`pressready generate - | head -1`) closes the pipe:
 * what is left to write has nowhere to go, which is no error of ours. Leave quietly.
 */
function quietOnClosedPipe(stream: NodeJS.WriteStream): void {
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code !== 'EPIPE') throw e;
    process.exit(process.exitCode ?? 0);
  });
}

export function processIo(): Io {
  quietOnClosedPipe(process.stdout);
  quietOnClosedPipe(process.stderr);
  return {
    out: (s) => void process.stdout.write(s),
    err: (s) => void process.stderr.write(s),
    env: process.env,
    cwd: process.cwd(),
    isTTY: process.stderr.isTTY === true,
    outIsTTY: process.stdout.isTTY === true,
    readStdin: async () => {
      const chunks: Buffer[] = [];
      for await (const c of process.stdin) chunks.push(c as Buffer);
      return Buffer.concat(chunks);
    },
    ...(process.stdin.isTTY ? { ask: terminalAsk(process.stdin, process.stderr) } : {}),
  };
}

export async function main(): Promise<void> {
  applyColourEnv(process.env);
  const code = await run(process.argv.slice(2), processIo());
  process.exitCode = code;
}
