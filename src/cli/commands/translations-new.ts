/** `pressready translations new <original> --lang <lang>`: a translation skeleton beside the original. */
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { link, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { writeAtomic } from '../../io/write.js';
import { orThrow, UserError } from '../../messages.js';
import { loadRelease, parseFile, placeOfKey } from '../../release/load.js';
import { type Io, printMessages } from '../../report/io.js';
import { loadLocale, resolveLanguage } from '../../templates/load.js';
import { TRANSLATION_LANGUAGES, translationSkeleton, UNTRANSLATED } from '../../translations/new.js';

export interface TranslationsNewFlags {
  lang?: string[];
  force?: boolean;
}

const usage = (reason: string, hint: string) => new UserError({ file: 'pressready', ruleId: 'usage', severity: 'error', reason, hint }, 2);

function displayPath(abs: string, cwd: string): string {
  const rel = path.relative(cwd, abs);
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel.split(path.sep).join('/') : abs;
}

/**
 * Write a new file whole or not at all, and never over one that exists: a temporary
 * file beside it, then a hard link to the name (which fails if the name is taken,
 * even by a file that appeared meanwhile). Where the file system has no hard links,
 * a rename after checking.
 */
async function writeNew(abs: string, text: string): Promise<'written' | 'exists'> {
  const tmp = path.join(path.dirname(abs), `.${path.basename(abs)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  await writeFile(tmp, text, { flag: 'wx' });
  try {
    await link(tmp, abs);
    return 'written';
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return 'exists';
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP' && code !== 'EXDEV') throw e;
    if (existsSync(abs)) return 'exists';
    await writeAtomic(abs, text);
    return 'written';
  } finally {
    await rm(tmp, { force: true });
  }
}

export async function translationsNewCommand(file: string, flags: TranslationsNewFlags, io: Io): Promise<number> {
  const langs = [
    ...new Set(
      (flags.lang ?? [])
        .flatMap((l) => l.split(','))
        .map((l) => l.trim().toLowerCase())
        .filter(Boolean),
    ),
  ];
  if (!langs.length) throw usage('Name the language of the translation', 'For example: pressready translations new release.md --lang fr');
  const bad = langs.filter((l) => !(TRANSLATION_LANGUAGES as readonly string[]).includes(l));
  if (bad.length) throw usage(`\`${bad.join('`, `')}\` is not one of the languages pressready translates into`, `Use one of: ${TRANSLATION_LANGUAGES.join(', ')}.`);

  const parsed = await parseFile(file, io.cwd);
  const source = orThrow(parsed.source, parsed.messages);
  if (source.frontMatter['translation-of']) {
    throw new UserError({
      file: source.file,
      place: placeOfKey(source, ['translation-of']),
      ruleId: 'translation-of',
      severity: 'error',
      reason: 'This source is itself a translation; a new translation is made from the original',
      hint: `Name its original: pressready translations new ${path.posix.join(path.posix.dirname(source.file), String(source.frontMatter['translation-of']))} --lang …`,
    });
  }
  const loaded = await loadRelease(file, { cwd: io.cwd, source });
  const original = orThrow(loaded.loaded, loaded.messages);
  const from = (source.frontMatter.lang ?? 'en').toLowerCase();
  const abs = path.resolve(io.cwd, file);
  const stem = path.basename(abs).replace(/\.md$/i, '');
  let failed = false;
  for (const lang of langs) {
    const target = path.join(path.dirname(abs), `${stem}.${lang}.md`);
    const shown = displayPath(target, io.cwd);
    const refuse = (reason: string, hint: string, at?: 'lang') => {
      const place = at && placeOfKey(source, ['lang']);
      printMessages(io, [{ file: at ? source.file : shown, ...(place ? { place } : {}), ruleId: 'translations-new', severity: 'error', reason, hint }]);
      failed = true;
    };
    if (from.split('-')[0] === lang) {
      refuse(`The original is in \`${from}\` already`, 'Name another language.', 'lang');
      continue;
    }
    const localeName = resolveLanguage(original.template, lang);
    if (!localeName) {
      refuse(
        `The template \`${original.template.name}\` has no \`${lang}\` locale, so a ${lang} translation could not be generated`,
        `It has: ${original.template.languages.join(', ') || 'none'}. Add locales/${lang}.yaml to the template first.`,
      );
      continue;
    }
    const text = translationSkeleton({ original: source, originalLocale: original.locale, locale: loadLocale(original.template, localeName), lang, translationOf: path.basename(abs) });
    if (!flags.force && existsSync(target)) {
      refuse('The file exists; `translations new` does not overwrite it', 'Translate in that file, or add --force to replace it with a new skeleton.');
      continue;
    }
    if (flags.force) await writeAtomic(target, text);
    else if ((await writeNew(target, text)) === 'exists') {
      refuse('The file exists; `translations new` does not overwrite it', 'Translate in that file, or add --force to replace it with a new skeleton.');
      continue;
    }
    io.out(`${shown}\n`);
  }
  if (!failed) io.err(`Write the translation in place of each ${UNTRANSLATED} (the original's words are in the comment above it); \`pressready lint\` lists what is left.\n`);
  return failed ? 1 : 0;
}
