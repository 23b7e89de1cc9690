/**
 * Writing files atomically: a temporary file beside the target, then a rename.
 * Outputs are written with `writeAtomic`; a user's own file (a source that
 * `lint --fix` or `translations --mark-current` rewrites) with `rewriteFile`,
 * which also keeps what the user set on it and refuses to overwrite an edit made
 * while we worked.
 */
import { randomBytes } from 'node:crypto';
import { lstatSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { chmod, chown, lstat, mkdir, readdir, readFile, realpath, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { UserError } from '../messages.js';

function tempBeside(file: string): string {
  return path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
}

/** Folders this process has already swept of temporary files left by a run that was killed. */
const swept = new Set<string>();

/**
 * Remove `.<name>.<pid>.<hex>.tmp` files in `dir` whose process is gone: a run killed
 * between writing and renaming leaves them, and the next run into the folder takes
 * them away. A file of a process still running (another pressready) is left alone.
 */
async function sweep(dir: string): Promise<void> {
  if (swept.has(dir)) return;
  swept.add(dir);
  const names = await readdir(dir).catch(() => [] as string[]);
  for (const name of names) {
    const m = /^\..+\.(\d+)\.[0-9a-f]{8}\.tmp$/.exec(name);
    if (!m || alive(Number(m[1]))) continue;
    await rm(path.join(dir, name), { force: true });
  }
}

function alive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Write several files as one: every temporary file is written first, and only when
 * all are (a full disk fails here) are they renamed into place. On failure nothing
 * of this set is left behind, and the files it would have replaced are untouched.
 * The temporary files are written side by side (each write is a few round trips to
 * libuv's threads; one after the other, a release's three outputs took ~2 ms more
 * in `watch`), and every write has ended before any is taken away or renamed.
 */
export async function writeAllAtomic(files: readonly { file: string; data: Uint8Array | string }[]): Promise<void> {
  if (synchronously) return writeAllNow(files);
  const temps: string[] = [];
  try {
    for (const dir of new Set(files.map(({ file }) => path.dirname(file)))) {
      await mkdir(dir, { recursive: true });
      await sweep(dir);
    }
    // a folder where a file is to go would fail its rename after the others were made: refuse before any
    const there = await Promise.all(files.map(({ file }) => lstat(file).catch(() => undefined)));
    const folder = files.find((_, i) => there[i]?.isDirectory());
    if (folder) throw Object.assign(new Error(`EISDIR: ${folder.file} is a folder`), { code: 'EISDIR', path: folder.file });
    for (const { file } of files) temps.push(tempBeside(file));
    const written = await Promise.allSettled(files.map(({ data }, i) => writeFile(temps[i]!, data, { flag: 'wx' })));
    const failed = written.find((w) => w.status === 'rejected');
    if (failed) throw failed.reason;
    for (let i = 0; i < files.length; i++) await rename(temps[i]!, files[i]!.file);
  } catch (e) {
    await Promise.all(temps.map((t) => rm(t, { force: true })));
    throw e;
  }
}

let synchronously = false;

/**
 * `watch`: writeAllAtomic with synchronous calls, the same steps in the same order.
 * Its main thread has nothing else to do while a release is written, and each
 * asynchronous call is a round trip to libuv's threads, slow to come back on a busy
 * machine: a release's three outputs took 4–14 ms to write, ~1 ms so.
 */
export function writeSynchronously(on = true): void {
  synchronously = on;
}

async function writeAllNow(files: readonly { file: string; data: Uint8Array | string }[]): Promise<void> {
  const temps: string[] = [];
  try {
    for (const dir of new Set(files.map(({ file }) => path.dirname(file)))) {
      mkdirSync(dir, { recursive: true });
      await sweep(dir);
    }
    const folder = files.find(({ file }) => lstatSync(file, { throwIfNoEntry: false })?.isDirectory());
    if (folder) throw Object.assign(new Error(`EISDIR: ${folder.file} is a folder`), { code: 'EISDIR', path: folder.file });
    for (const { file, data } of files) {
      const tmp = tempBeside(file);
      temps.push(tmp);
      writeFileSync(tmp, data, { flag: 'wx' });
    }
    for (let i = 0; i < files.length; i++) renameSync(temps[i]!, files[i]!.file);
  } catch (e) {
    for (const t of temps) rmSync(t, { force: true });
    throw e;
  }
}

/** The problems of the machine, not of the source, that a write can meet: told plainly, once. */
const WRITE_PROBLEMS: Record<string, { what: string; hint: string }> = {
  ENOSPC: { what: 'No space left on the disk', hint: 'Free some space, or write the outputs elsewhere with -o.' },
  EDQUOT: { what: 'The disk quota is used up', hint: 'Free some space, or write the outputs elsewhere with -o.' },
  EROFS: { what: 'The output folder is on a read-only file system', hint: 'Write the outputs elsewhere with -o.' },
  EACCES: { what: 'No permission to write in the output folder', hint: 'Check the folder’s permissions, or write the outputs elsewhere with -o.' },
  EPERM: { what: 'No permission to write in the output folder', hint: 'Check the folder’s permissions, or write the outputs elsewhere with -o.' },
  ENOTDIR: { what: 'The output path runs through a file, not a folder', hint: 'Give -o a folder (or a path where one can be made).' },
  EEXIST: { what: 'The output path runs through a file, not a folder', hint: 'Give -o a folder (or a path where one can be made).' },
  ENAMETOOLONG: { what: 'The output file name is too long for the file system', hint: 'Give the source a shorter `id`, or a shorter output folder.' },
  EISDIR: { what: 'A folder stands where an output file is to go', hint: 'Move or rename that folder, or write the outputs elsewhere with -o.' },
  EMFILE: { what: 'Too many open files', hint: 'Raise the limit (ulimit -n), or run with fewer --jobs.' },
};

/** When a write failed for a reason of the machine: what to tell, and its kind (to say it once for a run). */
export function writeProblem(e: unknown, shown: string): { kind: string; reason: string; hint: string } | undefined {
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  const p = code ? WRITE_PROBLEMS[code] : undefined;
  return p && code ? { kind: code, reason: `${p.what} (${code}): ${shown} was not written`, hint: p.hint } : undefined;
}

export async function writeAtomic(file: string, data: Uint8Array | string): Promise<void> {
  const dir = path.dirname(file);
  const tmp = tempBeside(file);
  try {
    // The folder usually exists already (a run writes several files into each): make it only when the write says so.
    await writeFile(tmp, data).catch(async (e: NodeJS.ErrnoException) => {
      if (e.code !== 'ENOENT') throw e;
      await mkdir(dir, { recursive: true });
      await writeFile(tmp, data);
    });
    await rename(tmp, file);
  } catch (e) {
    await rm(tmp, { force: true });
    throw e;
  }
}

/**
 * Replace the contents of a user's file with `data`, given the text it held when it
 * was read (`read`, as a string decoded from UTF-8, byte-order mark included):
 * - through a symbolic link, the file the link names is rewritten and the link stays;
 * - the file keeps its permission bits, and its owner and group where the process may
 *   set them (a 0600 source does not become world-readable);
 * - if the file no longer holds `read` (an editor saved it meanwhile), nothing is
 *   written and the user is told: their edit wins.
 * `shown` is the name used in messages.
 */
export async function rewriteFile(file: string, read: string, data: string, shown = file): Promise<void> {
  const target = await realpath(file);
  const before = await stat(target);
  const tmp = tempBeside(target);
  try {
    await writeFile(tmp, data, { flag: 'wx', mode: 0o600 });
    // only root, or the owner keeping its own group, may do this; a file we cannot chown keeps our ownership.
    // chown before chmod: a successful chown clears set-user and set-group bits that chmod would have set
    await chown(tmp, before.uid, before.gid).catch(() => undefined);
    await chmod(tmp, before.mode & 0o7777);
    const now = await readFile(target, 'utf8');
    if (now !== read) {
      throw new UserError({
        file: shown,
        ruleId: 'changed',
        severity: 'error',
        reason: 'The file changed while pressready was working on it, so it was left as it is',
        hint: 'Save your edits, then run the command again.',
      });
    }
    await rename(tmp, target);
  } catch (e) {
    await rm(tmp, { force: true });
    throw e;
  }
}
