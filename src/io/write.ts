/**
 * Writing files atomically: a temporary file beside the target, then a rename.
 * Outputs are written with `writeAtomic`; a user's own file (a source that
 * `lint --fix` or `translations --mark-current` rewrites) with `rewriteFile`,
 * which also keeps what the user set on it and refuses to overwrite an edit made
 * while we worked.
 */
import { randomBytes } from 'node:crypto';
import { chmod, chown, mkdir, readFile, realpath, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { UserError } from '../messages.js';

function tempBeside(file: string): string {
  return path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
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
    await chmod(tmp, before.mode & 0o7777);
    // only root, or the owner keeping its own group, may do this; a file we cannot chown keeps our ownership
    await chown(tmp, before.uid, before.gid).catch(() => undefined);
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
