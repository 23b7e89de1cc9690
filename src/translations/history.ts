/**
 * The original as it was when a translation was last brought up to date, found in
 * git history: the newest commit that touched the original (following renames)
 * whose block fingerprint equals the translation's stored `source-hash`.
 *
 * git is run with `execFile` (no shell; paths are arguments after `--`), one
 * `git log` for the list of revisions and one `git show <commit>:<path>` a
 * revision, until one matches. Every way this can fail (no git, not a repository,
 * an untracked file, no revision with that fingerprint) comes back as a problem
 * to tell, never as an exception.
 */
import { execFile } from 'node:child_process';
import { realpath } from 'node:fs/promises';
import path from 'node:path';
import { LIMITS, type Limits } from '../limits.js';
import { decodeSource } from '../source/decode.js';
import { parseSource, type Source } from '../source/parse.js';
import { type FingerprintBlock, fingerprintBlocks } from './fingerprint.js';

/** Revisions of one file searched, newest first, before giving up. */
const MAX_REVISIONS = 500;

export interface Revision {
  commit: string;
  /** YYYY-MM-DD, the committer's date */
  date: string;
  subject: string;
  /** the file's path in that commit, from the repository's top */
  path: string;
}

type HistoryProblem = 'no-git' | 'not-repository' | 'untracked' | 'no-match' | 'git-failed';

type Found = { ok: true; revision: Revision; source: Source; blocks: FingerprintBlock[] } | { ok: false; problem: HistoryProblem; reason: string; hint: string };

interface GitResult {
  code: number;
  stdout: Buffer;
  stderr: string;
}

class GitMissing extends Error {}

function git(args: string[], cwd: string, maxBuffer: number): Promise<GitResult> {
  return new Promise((resolve, reject) => {
    execFile(
      'git',
      // no pager, no prompt, paths as written (not quoted octal escapes)
      ['-c', 'core.quotePath=false', '--no-pager', '--literal-pathspecs', ...args],
      { cwd, encoding: 'buffer', maxBuffer, env: { ...process.env, GIT_TERMINAL_PROMPT: '0', GIT_OPTIONAL_LOCKS: '0', LC_ALL: 'C' }, windowsHide: true },
      (error, stdout, stderr) => {
        if (!error) return resolve({ code: 0, stdout, stderr: stderr.toString('utf8') });
        const code = (error as { code?: unknown }).code;
        if (code === 'ENOENT') return reject(new GitMissing());
        // an exit status, or else a buffer overflow or a signal
        resolve(typeof code === 'number' ? { code, stdout, stderr: stderr.toString('utf8') } : { code: -1, stdout: Buffer.alloc(0), stderr: error.message });
      },
    );
  });
}

const firstLine = (s: string) => s.trim().split('\n')[0] ?? '';

/** What the history of one file can give: its revisions, newest first, and the text at each. */
export class FileHistory {
  private revisions?: Revision[] | Exclude<Found, { ok: true }>;
  private readonly parsed = new Map<string, { source: Source; blocks: FingerprintBlock[] } | undefined>();
  private root = '';

  /** `file`: the path as shown in messages; `abs`: where it is. */
  constructor(
    readonly file: string,
    readonly abs: string,
    private readonly limits: Limits = LIMITS,
  ) {}

  private async list(): Promise<Revision[] | Exclude<Found, { ok: true }>> {
    if (this.revisions) return this.revisions;
    const dir = path.dirname(await realpath(this.abs).catch(() => this.abs));
    const name = path.basename(this.abs);
    const small = 1 << 20;
    try {
      const top = await git(['rev-parse', '--show-toplevel'], dir, small);
      if (top.code !== 0) {
        const said = firstLine(top.stderr);
        return (this.revisions = /not a git repository/i.test(said)
          ? {
              ok: false,
              problem: 'not-repository',
              reason: `${this.file} is not in a git repository, so its earlier text cannot be found`,
              hint: 'Compare the translation with the original by hand (the report names the blocks that changed), or keep the sources in git.',
            }
          : {
              ok: false,
              problem: 'git-failed',
              reason: `git could not read the repository of ${this.file}: ${said || `exit status ${top.code}`}`,
              hint: 'Run `git status` in that folder to see what git says.',
            });
      }
      this.root = top.stdout.toString('utf8').trim();
      const tracked = await git(['ls-files', '--full-name', '--error-unmatch', '--', name], dir, small);
      if (tracked.code !== 0) {
        return (this.revisions = {
          ok: false,
          problem: 'untracked',
          reason: `${this.file} is not tracked by git, so it has no earlier text`,
          hint: `Commit it (git add ${this.file}) when its translations are up to date; the next change can then be shown.`,
        });
      }
      const full = tracked.stdout.toString('utf8').trim().split('\n')[0]!;
      // %x1e between commits, %x1f between fields; --name-only adds the file's name in that commit (renames followed)
      const log = await git(['log', '--follow', `--max-count=${MAX_REVISIONS}`, '--name-only', '--format=%x1e%H%x1f%cs%x1f%s', '--', full], this.root, 64 << 20);
      if (log.code !== 0)
        return (this.revisions = {
          ok: false,
          problem: 'git-failed',
          reason: `git log failed for ${this.file}: ${firstLine(log.stderr) || `exit status ${log.code}`}`,
          hint: 'Run `git log -- <file>` there to see what git says.',
        });
      const out: Revision[] = [];
      let known = full;
      for (const record of log.stdout.toString('utf8').split('\x1e').slice(1)) {
        const [head = '', ...names] = record.split('\n');
        const [commit = '', date = '', subject = ''] = head.split('\x1f');
        // a merge lists no name: the file kept the name it has in the newer commit
        const named = names
          .map((n) => n.trim())
          .filter(Boolean)
          .at(-1);
        if (named) known = named;
        out.push({ commit, date, subject, path: known });
      }
      return (this.revisions = out);
    } catch (e) {
      if (!(e instanceof GitMissing)) throw e;
      return (this.revisions = {
        ok: false,
        problem: 'no-git',
        reason: 'git is not installed (or not on the PATH), so the original’s earlier text cannot be found',
        hint: 'Install git, or compare the translation with the original by hand (the report names the blocks that changed).',
      });
    }
  }

  /** The original at one revision, parsed; undefined when it cannot be read or parsed there. */
  async at(r: Revision): Promise<{ source: Source; blocks: FingerprintBlock[] } | undefined> {
    const key = `${r.commit}:${r.path}`;
    if (this.parsed.has(key)) return this.parsed.get(key);
    let found: { source: Source; blocks: FingerprintBlock[] } | undefined;
    const shown = await git(['show', `${r.commit}:${r.path}`], this.root, this.limits.sourceBytes + 1024);
    if (shown.code === 0) {
      const decoded = decodeSource(shown.stdout, this.file, this.limits);
      const parsed = decoded.ok ? parseSource(`${this.file}@${r.commit.slice(0, 7)}`, decoded.text, this.limits) : undefined;
      if (parsed?.ok) found = { source: parsed.source, blocks: fingerprintBlocks(parsed.source) };
    }
    this.parsed.set(key, found);
    return found;
  }

  /** The newest revision whose fingerprint is `stored` (the hashes of a `source-hash`). */
  async find(stored: readonly string[]): Promise<Found> {
    const list = await this.list();
    if (!Array.isArray(list)) return list;
    if (!list.length)
      return {
        ok: false,
        problem: 'untracked',
        reason: `${this.file} has no commit yet, so it has no earlier text`,
        hint: 'Commit it when its translations are up to date; the next change can then be shown.',
      };
    for (const r of list) {
      const at = await this.at(r);
      if (at && at.blocks.length === stored.length && at.blocks.every((b, i) => b.hash === stored[i])) return { ok: true, revision: r, ...at };
    }
    return {
      ok: false,
      problem: 'no-match',
      reason: `No commit of ${this.file} has the text this translation's source-hash was taken from (${list.length === MAX_REVISIONS ? `the newest ${MAX_REVISIONS}` : `all ${list.length}`} searched)`,
      hint: 'It was marked against a version that was never committed, or whose commit is gone (rebased, squashed). Compare the blocks the report names by hand, then run --mark-current.',
    };
  }
}
