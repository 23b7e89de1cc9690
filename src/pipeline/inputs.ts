/**
 * What the user named → the sources to process: files as named, folders searched
 * for `*.md` (skipping hidden folders, node_modules and the output folder), and
 * globs (tinyglobby: small, maintained, the glob engine of many build tools).
 */
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { glob, isDynamicPattern } from 'tinyglobby';
import type { Message } from '../messages.js';
import { hasFrontMatter } from '../source/fence.js';

export interface SourceRef {
  /** the path as it will be shown: relative to the working folder when inside it */
  file: string;
  /** the folder whose sub-folders the outputs mirror */
  base: string;
  /** named on the command line (a missing front matter is then an error, not a notice) */
  named: boolean;
}

interface Inputs {
  sources: SourceRef[];
  /** notices (skipped files) and errors (a named path that does not exist) */
  messages: Message[];
}

function display(abs: string, cwd: string): string {
  const rel = path.relative(cwd, abs);
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel.split(path.sep).join('/') : abs;
}

async function looksLikeSource(abs: string): Promise<boolean> {
  return hasFrontMatter(await readFile(abs, 'utf8').catch(() => ''));
}

function commonParent(dirs: string[]): string {
  if (!dirs.length) return '.';
  const split = dirs.map((d) => path.resolve(d).split(path.sep));
  const first = split[0]!;
  let n = 0;
  while (n < first.length && split.every((s) => s[n] === first[n])) n++;
  return first.slice(0, n).join(path.sep) || path.sep;
}

/** `outDir`: the output folder, never searched (lint has none). */
export async function expandInputs(args: string[], opts: { cwd: string; outDir?: string }): Promise<Inputs> {
  const messages: Message[] = [];
  const found = new Map<string, SourceRef>();
  const loose: { abs: string; named: boolean }[] = [];
  const outAbs = opts.outDir === undefined ? undefined : path.resolve(opts.cwd, opts.outDir);

  for (const arg of args) {
    const abs = path.resolve(opts.cwd, arg);
    const st = await stat(abs).catch(() => undefined);
    if (st?.isDirectory()) {
      const rel = outAbs === undefined ? '' : path.relative(abs, outAbs);
      const ignore = ['**/node_modules/**'];
      if (rel && !rel.startsWith('..') && !path.isAbsolute(rel)) ignore.push(`${rel.split(path.sep).join('/')}/**`);
      const files = await glob('**/*.md', { cwd: abs, ignore, dot: false, absolute: true });
      await addAll(files.sort(), abs);
    } else if (st?.isFile()) {
      loose.push({ abs, named: true });
    } else if (isDynamicPattern(arg)) {
      const files = await glob(arg, { cwd: opts.cwd, ignore: ['**/node_modules/**'], dot: false, absolute: true });
      if (!files.length)
        messages.push({ file: arg, ruleId: 'input', severity: 'error', reason: 'The pattern matches no file', hint: 'Check the pattern; quote it so that the shell does not expand it.' });
      for (const f of files.sort()) if (f.endsWith('.md')) loose.push({ abs: f, named: false });
    } else {
      messages.push({ file: arg, ruleId: 'input', severity: 'error', reason: 'No such file or folder', hint: 'Check the path.' });
    }
  }
  const base = commonParent(loose.map((l) => path.dirname(l.abs)));
  const looseSources = await Promise.all(loose.map((l) => l.named || looksLikeSource(l.abs)));
  for (const [i, l] of loose.entries()) addFound(l.abs, base, l.named, looseSources[i]!);

  /** `source`: named on the command line, or it starts like a source */
  function addFound(abs: string, baseDir: string, named: boolean, source: boolean): void {
    if (found.has(abs)) return;
    if (!source) {
      messages.push({ file: display(abs, opts.cwd), ruleId: 'input', severity: 'info', reason: 'Skipped: no front matter, so not a release source' });
      return;
    }
    found.set(abs, { file: display(abs, opts.cwd), base: baseDir, named });
  }

  /** A folder's files, read all at once (one after another, a thousand files took a third of a second), added in order. */
  async function addAll(files: string[], baseDir: string): Promise<void> {
    const sources = await Promise.all(files.map(looksLikeSource));
    for (const [i, f] of files.entries()) addFound(f, baseDir, false, sources[i]!);
  }

  const sources = [...found.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, s]) => s);
  return { sources, messages };
}
