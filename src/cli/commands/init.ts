/** `pressready init [file]`: write a new source for a template and a language, asking on a terminal for what is missing. */
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { CONFIG_NAME, findConfig } from '../../config/file.js';
import { newSource, releaseId } from '../../init/source.js';
import { displayPath } from '../../io/paths.js';
import { writeAtomic } from '../../io/write.js';
import { UserError } from '../../messages.js';
import type { Io } from '../../report/io.js';
import { findTemplateDir, loadLocale, loadTemplate, resolveLanguage } from '../../templates/load.js';
import type { Template } from '../../templates/types.js';

export interface InitFlags {
  template: string;
  lang: string;
  headline?: string;
  city?: string;
  force?: boolean;
}

function usage(reason: string, hint: string): UserError {
  return new UserError({ file: 'pressready', ruleId: 'usage', severity: 'error', reason, hint }, 2);
}

function refuseOverwrite(file: string): UserError {
  return new UserError({ file, ruleId: 'init', severity: 'error', reason: 'The file exists; init does not overwrite it', hint: 'Name another file, or add --force to replace it.' });
}

/** Today in the officer's own time zone: the day the release is being written. */
function localToday(now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** `template:` as the new source must say it: a name, or the folder relative to the source's own folder. */
function templateRef(template: Template, asked: string, sourceDir: string): string {
  if (template.origin !== 'path') return asked;
  return path.relative(sourceDir, template.dir).split(path.sep).join('/') || '.';
}

/** The settings a new project starts with: a release with lint errors is not generated. */
const NEW_CONFIG = `# pressready's settings for this project (every key: docs/cli.md#the-project-configuration in pressready's package).
generate:
  # a source with lint errors (unbalanced quotation marks, placeholder links, TK) is not generated
  strict: true
`;

/**
 * A source made where no \`pressready.config.yaml\` applies starts a project: write
 * one in the working folder (or beside the source, when it lies outside), with
 * \`generate.strict: true\`. An existing config is never touched. Returns the file written.
 */
async function startProjectConfig(source: string, cwd: string): Promise<string | undefined> {
  const dir = path.dirname(source);
  if (findConfig(dir, cwd)) return undefined;
  const inCwd = !path.relative(cwd, dir).startsWith('..') && !path.isAbsolute(path.relative(cwd, dir));
  const file = path.join(inCwd ? cwd : dir, CONFIG_NAME);
  try {
    await writeFile(file, NEW_CONFIG, { flag: 'wx' });
    return file;
  } catch {
    // one appeared meanwhile, or the folder is not writable: the source is made all the same
    return undefined;
  }
}

export async function initCommand(file: string | undefined, flags: InitFlags, io: Io): Promise<number> {
  const target = file === undefined ? undefined : path.resolve(io.cwd, file);
  const searchDirs = [...(target ? [path.dirname(target)] : []), io.cwd];
  const found = findTemplateDir(flags.template, { searchDirs });
  if (!found)
    throw usage(`No template \`${flags.template}\``, 'Use a built-in template (`default`, `wire`), a folder under `templates/`, or a path to a template folder. `pressready templates` lists them.');
  const template = loadTemplate(found.dir, found.origin);
  const lang = resolveLanguage(template, flags.lang);
  if (!lang) throw usage(`The template \`${template.name}\` has no \`${flags.lang}\` locale`, `It has: ${template.languages.join(', ') || 'none'}.`);
  const locale = loadLocale(template, lang);
  // refuse before asking anything
  if (target && existsSync(target) && !flags.force) throw refuseOverwrite(displayPath(target, io.cwd));

  let { headline, city } = flags;
  const questions = [...(headline === undefined ? ['Headline: '] : []), ...(city === undefined ? ['Dateline city: '] : [])];
  if (questions.length && io.ask) {
    const answers = await io.ask(questions);
    if (headline === undefined) headline = answers.shift() || undefined;
    if (city === undefined) city = answers.shift() || undefined;
  }

  const today = localToday();
  const id = releaseId(today, headline, target ? path.basename(target).replace(/\.md$/i, '') : undefined);
  const abs = target ?? path.resolve(io.cwd, `${id}.md`);
  const shown = displayPath(abs, io.cwd);
  const text = newSource({
    templateRef: templateRef(template, flags.template, path.dirname(abs)),
    settings: template.settings,
    locale,
    lang: flags.lang,
    ...(headline ? { headline } : {}),
    ...(city ? { city } : {}),
    today,
    id,
  });

  if (flags.force) await writeAtomic(abs, text);
  else {
    await mkdir(path.dirname(abs), { recursive: true });
    try {
      // `wx`: never replace a file, even one that appeared while we asked
      await writeFile(abs, text, { flag: 'wx' });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'EEXIST') throw refuseOverwrite(shown);
      throw e;
    }
  }
  io.out(`${shown}\n`);
  const config = await startProjectConfig(abs, io.cwd);
  if (config) io.err(`${displayPath(config, io.cwd)}: a new project's settings: generate --strict by default\n`);
  io.err(`Replace the [insert …] placeholders in ${shown}; \`pressready lint ${shown}\` lists what is left.\n`);
  return 0;
}
