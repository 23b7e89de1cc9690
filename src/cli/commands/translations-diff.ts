/**
 * `pressready translations --diff`: for each stale translation, how the blocks of
 * its original that changed read when the translation was last brought up to date
 * (found in git history, src/translations/history.ts) and how they read now.
 */

import path from 'node:path';
import chalk from 'chalk';
import { type Message, UserError } from '../../messages.js';
import { expandInputs } from '../../pipeline/inputs.js';
import { parseFile } from '../../release/load.js';
import { type Io, printMessages } from '../../report/io.js';
import type { Source } from '../../source/parse.js';
import { type BlockDiff, diffBlocks, formatWords, MARKERS, type Paint } from '../../translations/diff.js';
import { type BlockChange, describeBlock, describeChange, type FingerprintBlock, fingerprintBlocks, parseFingerprint } from '../../translations/fingerprint.js';
import { FileHistory, type Revision } from '../../translations/history.js';
import { translationsStatus } from '../../translations/status.js';

type DiffStyle = 'words' | 'blocks';
const DIFF_STYLES: readonly DiffStyle[] = ['words', 'blocks'];

interface Stale {
  file: string;
  lang: string;
  original: string;
  revision?: Revision;
  /** why the earlier text could not be found */
  problem?: { reason: string; hint: string };
  /** with the earlier text: every block change, old and new */
  diff?: BlockDiff[];
  /** without it: the changes as the fingerprint tells them */
  changes?: BlockChange[];
}

const PAINT: Paint = { removed: (s) => chalk.red(s), added: (s) => chalk.green(s) };

const indent = (text: string, by: string) => text.replace(/^(?=.)/gm, by);
/** `- ` or `+ ` before the first line, spaces before the others. */
const side = (text: string, mark: string) => `    ${mark} ${text.replace(/\n(?=.)/g, '\n      ')}`;

function heading(d: BlockDiff): string {
  if (d.kind === 'changed') return `${describeBlock(d.new)} changed`;
  if (d.kind === 'added') return `${describeBlock(d.new)} is new`;
  return `${describeBlock(d.old).replace(/ at line \d+/, '')} was removed (line ${d.old.line} then)`;
}

function textReport(list: Stale[], unmarked: string[], style: DiffStyle): string {
  const paint = chalk.level > 0 ? PAINT : MARKERS;
  const lines: string[] = [];
  for (const s of list) {
    const r = s.revision;
    lines.push(chalk.bold(`${s.file} (${s.lang}) is stale: ${s.original}${r ? ` as of ${r.commit.slice(0, 7)} (${r.date} “${r.subject}”) → now` : ''}`));
    if (s.diff) {
      for (const d of s.diff) {
        lines.push(`  ${heading(d)}:`);
        if (d.kind === 'changed') {
          if (style === 'words') lines.push(indent(formatWords(d.words, paint), '      '));
          else lines.push(side(formatWords(d.words, paint, 'old'), '-'), side(formatWords(d.words, paint, 'new'), '+'));
        } else if (d.kind === 'added') lines.push(indent(formatWords([{ value: d.new.text, added: true }], paint), '      '));
        else lines.push(indent(formatWords([{ value: d.old.text, removed: true }], paint), '      '));
      }
    } else for (const c of s.changes ?? []) lines.push(`  - ${describeChange(c)}`);
  }
  for (const f of unmarked) lines.push(`${f}: no source-hash, so nothing tells which text of the original it was made from; after checking it, run pressready translations --mark-current ${f}`);
  lines.push(list.length ? `${list.length} stale translation${list.length === 1 ? '' : 's'}` : 'No stale translations.');
  return `${lines.join('\n')}\n`;
}

const block = (b: FingerprintBlock) => ({ kind: b.kind, line: b.line, text: b.text });

function jsonReport(list: Stale[], unmarked: string[]): string {
  return `${JSON.stringify(
    {
      translations: list.map((s) => ({
        file: s.file,
        lang: s.lang,
        original: s.original,
        revision: s.revision ?? null,
        ...(s.problem ? { problem: s.problem } : {}),
        changes: s.diff
          ? s.diff.map((d) =>
              d.kind === 'changed'
                ? { kind: d.kind, old: block(d.old), new: block(d.new), words: d.words }
                : d.kind === 'added'
                  ? { kind: d.kind, old: null, new: block(d.new) }
                  : { kind: d.kind, old: block(d.old), new: null },
            )
          : (s.changes ?? []).map((c) => ({ kind: c.kind, old: null, new: c.kind === 'removed' ? null : block(c.block), description: describeChange(c) })),
      })),
      unmarked,
    },
    null,
    2,
  )}\n`;
}

async function parsed(file: string, cwd: string): Promise<Source | undefined> {
  return (await parseFile(file, cwd)).source;
}

export async function translationsDiffCommand(args: string[], flags: { format?: string; check?: boolean; diffStyle?: string }, io: Io): Promise<number> {
  const style = (flags.diffStyle ?? 'words') as DiffStyle;
  if (!DIFF_STYLES.includes(style)) {
    throw new UserError({ file: 'pressready', ruleId: 'usage', severity: 'error', reason: `Unknown --diff-style \`${flags.diffStyle}\``, hint: `Use ${DIFF_STYLES.join(' or ')}.` }, 2);
  }
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
  const problems: Message[] = [];
  const list: Stale[] = [];
  /** translations with no source-hash: nothing tells which text they were made from */
  const unmarked: string[] = [];
  for (const o of result.originals) {
    for (const t of o.translations.filter((t) => t.state === 'unmarked')) unmarked.push(t.file!);
    const stale = o.translations.filter((t) => t.state === 'stale' && t.file);
    if (!stale.length) continue;
    const original = await parsed(o.file, io.cwd);
    if (!original) continue;
    const now = fingerprintBlocks(original);
    const history = new FileHistory(o.file, path.resolve(io.cwd, o.file));
    for (const t of stale) {
      const translation = await parsed(t.file!, io.cwd);
      const stored = translation && typeof translation.frontMatter['source-hash'] === 'string' ? parseFingerprint(translation.frontMatter['source-hash']) : undefined;
      if (!stored) continue;
      const found = await history.find(stored);
      const entry: Stale = { file: t.file!, lang: t.lang, original: o.file };
      if (found.ok) {
        entry.revision = found.revision;
        entry.diff = diffBlocks(found.blocks, now, original.frontMatter.lang);
      } else {
        entry.problem = { reason: found.reason, hint: found.hint };
        entry.changes = t.detail ?? [];
        // told once: git missing for the whole run, a repository or a file for all its translations
        const about = found.problem === 'no-git' ? 'pressready' : found.problem === 'no-match' ? t.file! : o.file;
        if (!problems.some((m) => m.file === about && m.reason === found.reason)) problems.push({ file: about, ruleId: 'git-history', severity: 'error', reason: found.reason, hint: found.hint });
      }
      list.push(entry);
    }
  }
  printMessages(io, problems);
  io.out(flags.format === 'json' ? jsonReport(list, unmarked) : textReport(list, unmarked, style));
  const failed = problems.length > 0 || result.messages.some((m) => m.severity === 'error') || inputs.messages.some((m) => m.severity === 'error');
  const behind = result.originals.some((o) => o.translations.some((t) => t.state !== 'up-to-date'));
  return failed || (flags.check && behind) ? 1 : 0;
}
