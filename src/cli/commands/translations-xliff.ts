/** `pressready translations export|import`: XLIFF 2.1 files for translators' CAT tools. */
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { rewriteFile, writeAtomic, writeProblem } from '../../io/write.js';
import { type Message, orThrow, type Place, UserError } from '../../messages.js';
import { parseFile, readSourceText } from '../../release/load.js';
import type { Io } from '../../report/io.js';
import type { Source } from '../../source/parse.js';
import { parseFingerprint } from '../../translations/fingerprint.js';
import { originalPath } from '../../translations/status.js';
import { exportXliff } from '../../translations/xliff/export.js';
import { buildTranslation, readHeader, readUnits, recordedFingerprint, toMessages, XliffProblems } from '../../translations/xliff/import.js';
import { plan } from '../../translations/xliff/plan.js';
import { parseXml, XLIFF_LIMITS, XmlProblem } from '../../translations/xliff/xml.js';

interface ExportFlags {
  lang?: string;
  output?: string;
}

const posix = (p: string) => p.split(path.sep).join('/');
const LANG = /^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$/;
const usage = (reason: string, hint: string) => new UserError({ file: 'pressready', ruleId: 'usage', severity: 'error', reason, hint }, 2);
const at = (file: string, reason: string, hint: string, place?: Place, ruleId = 'xliff'): Message => ({ file, ...(place ? { place } : {}), ruleId, severity: 'error', reason, hint });

/** `release.md` + `fr` → `release.fr.md`, beside it. */
function translationFile(original: string, lang: string): string {
  return posix(path.join(path.dirname(original), `${path.basename(original, '.md')}.${lang}.md`));
}

/** The existing translation beside the original, if any; it must name that original. */
async function existingTranslation(original: Source, file: string, io: Io): Promise<{ source: Source; read: string } | undefined> {
  const abs = path.resolve(io.cwd, file);
  const exists = await stat(abs).then(
    (s) => s.isFile(),
    () => false,
  );
  if (!exists) return undefined;
  const r = await readSourceText(abs, file);
  const read = orThrow(r.text, r.messages);
  const parsed = await parseFile(file, io.cwd, read);
  const source = orThrow(parsed.source, parsed.messages);
  const of = source.frontMatter['translation-of'];
  if (!of || originalPath(source, io.cwd) !== posix(path.relative(io.cwd, path.resolve(io.cwd, original.file)))) {
    throw new UserError(
      at(
        file,
        of ? `This file is a translation of ${of}, not of ${original.file}` : `This file has the name of a translation of ${original.file} but no \`translation-of\``,
        `Rename it, or set \`translation-of: ${path.basename(original.file)}\` in its front matter.`,
        { start: { line: 1, column: 1, offset: 0 } },
        'translation-of',
      ),
    );
  }
  return { source, read };
}

async function readOriginal(file: string, io: Io): Promise<Source> {
  const parsed = await parseFile(file, io.cwd);
  const original = orThrow(parsed.source, parsed.messages);
  if (original.frontMatter['translation-of']) {
    throw new UserError(
      at(
        file,
        'This source is a translation; export its original',
        `Name the original: pressready translations export ${original.frontMatter['translation-of']} --lang …`,
        { start: { line: 1, column: 1, offset: 0 } },
        'translation-of',
      ),
    );
  }
  return original;
}

async function write(abs: string, shown: string, data: string, read?: string): Promise<void> {
  try {
    if (read === undefined) await writeAtomic(abs, data);
    else await rewriteFile(abs, read, data, shown);
  } catch (e) {
    const p = writeProblem(e, shown);
    if (p) throw new UserError(at(shown, p.reason, p.hint, undefined, 'write'));
    throw e;
  }
}

export async function exportCommand(file: string, flags: ExportFlags, io: Io): Promise<number> {
  const lang = flags.lang;
  if (!lang) throw usage('Name the language of the translation: --lang fr', 'For example: pressready translations export release.md --lang fr');
  if (!LANG.test(lang)) throw usage(`\`${lang}\` is not a language tag`, 'Use a tag such as fr, es or zh-Hans.');
  const original = await readOriginal(file, io);
  const srcLang = original.frontMatter.lang ?? 'en';
  if (srcLang.toLowerCase() === lang.toLowerCase()) throw usage(`${file} is already in ${srcLang}`, 'Name the language to translate into.');
  const tFile = translationFile(file, lang);
  const existing = await existingTranslation(original, tFile, io);
  const out = flags.output ?? posix(path.join(path.dirname(file), `${path.basename(file, '.md')}.${lang}.xlf`));
  const outAbs = path.resolve(io.cwd, out);
  const p = plan(original, existing?.source);
  const xml = exportXliff(p, { xlfPath: outAbs, originalPath: path.resolve(io.cwd, file), translationPath: path.resolve(io.cwd, tFile), lang });
  await write(outAbs, out, xml);
  const units = [...p.front, ...[...p.units.values()].flat()];
  const count = (pred: (u: (typeof units)[number]) => boolean) => units.filter(pred).length;
  const translated = count((u) => u.state === 'translated');
  const review = count((u) => !!u.subState);
  const todo = count((u) => !u.target);
  io.out(`${out}: ${units.length} units for ${lang}${existing ? ` from ${tFile}` : ''}: ${translated} translated, ${review} to review, ${todo} to translate\n`);
  return 0;
}

export async function importCommand(file: string, io: Io): Promise<number> {
  const abs = path.resolve(io.cwd, file);
  const size = await stat(abs).then(
    (s) => (s.isFile() ? s.size : -1),
    () => undefined,
  );
  if (size === undefined) throw new UserError(at(file, 'No such file', 'Check the path.', undefined, 'read'));
  if (size < 0) throw new UserError(at(file, 'This is a folder, not an XLIFF file', 'Name the .xlf file.', undefined, 'read'));
  if (size > XLIFF_LIMITS.bytes) {
    throw new UserError(
      at(
        file,
        `The file is ${(size / 1024 / 1024).toFixed(1)} MB; pressready reads XLIFF files of up to ${XLIFF_LIMITS.bytes / 1024 / 1024} MB`,
        'The XLIFF of one press release is a few hundred kilobytes at most: check that this is the right file.',
        undefined,
        'xliff-size',
      ),
    );
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(await readFile(abs));
  } catch {
    throw new UserError(at(file, 'The file is not UTF-8 text', 'Export the XLIFF file as UTF-8 from the CAT tool.', undefined, 'encoding'));
  }
  if (text.startsWith('\uFEFF')) text = text.slice(1);

  try {
    const root = parseXml(text);
    const header = readHeader(root);
    const dir = path.dirname(file);
    const ofFile = posix(path.relative(io.cwd, path.resolve(io.cwd, dir, header.original)));
    let original: Source;
    try {
      original = await readOriginal(ofFile, io);
    } catch (e) {
      if (!(e instanceof UserError)) throw e;
      throw new UserError([
        at(
          file,
          `The original this XLIFF names (original="${header.original}", that is ${ofFile}) cannot be used`,
          'Keep the .xlf beside its original, or mend the original first (see below).',
          header.file.place,
        ),
        ...e.messages,
      ]);
    }
    const srcLang = original.frontMatter.lang ?? 'en';
    if (srcLang.toLowerCase() !== header.srcLang.toLowerCase()) {
      throw new UserError(
        at(
          file,
          `The XLIFF’s source language is ${header.srcLang}, but ${ofFile} is in ${srcLang}: it was exported from another original`,
          `Export again: pressready translations export ${ofFile} --lang ${header.trgLang}`,
          header.root.place,
        ),
      );
    }
    const tFile = translationFile(ofFile, header.trgLang);
    const existing = await existingTranslation(original, tFile, io);
    const p = plan(original, existing?.source);

    // a fingerprint with no block in common with the original's: another release
    const recorded = parseFingerprint(recordedFingerprint(header) ?? '');
    const now = new Set(parseFingerprint(p.fingerprint) ?? []);
    if (recorded?.length && now.size && !recorded.some((h) => now.has(h))) {
      throw new UserError(
        at(
          file,
          `This XLIFF was exported from another original than ${ofFile} (no block of it is the same)`,
          `Import it beside the original it came from, or export again: pressready translations export ${ofFile} --lang ${header.trgLang}`,
          header.file.place,
        ),
      );
    }

    const problems: ConstructorParameters<typeof XliffProblems>[0] = [];
    const read = readUnits(header, p, problems);
    if (problems.length) throw new XliffProblems(problems);
    const result = buildTranslation(p, read, { lang: header.trgLang, translationOf: path.basename(ofFile) });
    if (result.text === undefined) {
      io.out(`${tFile}: unchanged (the XLIFF holds what it already says)\n`);
      return 0;
    }
    const bom = existing?.read.startsWith('\uFEFF') ? '\uFEFF' : '';
    await write(path.resolve(io.cwd, tFile), tFile, bom + result.text, existing?.read);
    const blocks = result.changedBlocks.length;
    io.out(
      `${tFile}: ${existing ? `${blocks} block${blocks === 1 ? '' : 's'} changed` : 'written'}${result.pendingBlocks ? `; ${result.pendingBlocks} block${result.pendingBlocks === 1 ? '' : 's'} still to translate or review` : ''}\n`,
    );
    return 0;
  } catch (e) {
    if (e instanceof XmlProblem) throw new UserError(at(file, e.reason, e.hint, e.place));
    if (e instanceof XliffProblems) throw new UserError(toMessages(file, e));
    throw e;
  }
}
