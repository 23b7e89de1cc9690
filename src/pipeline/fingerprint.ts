/**
 * What a source's outputs depend on, hashed: the source, its original (for a
 * translation) and its template folders. The manifest records these, and
 * `--incremental` compares them to decide that a source is up to date.
 *
 * A template counts as one input per folder: a digest of every file in it
 * (names and contents), so that a new locale file or a changed logo counts too.
 */
import type { Dirent } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { FileCache, Stamps } from '../io/stamp.js';
import type { Template } from '../templates/types.js';
import { sha256 } from './scan.js';

export type InputRole = 'source' | 'original' | 'template';

export interface InputRecord {
  role: InputRole;
  /** absolute */
  path: string;
  sha256: string;
  /** for a template: the name or path the source (or `-t`) used, resolved again to check it still means this folder */
  name?: string;
}

export async function fileHash(abs: string): Promise<string | undefined> {
  const bytes = await readFile(abs).catch(() => undefined);
  return bytes && sha256(bytes);
}

async function digestFolder(dir: string): Promise<{ digest: string; stamps: Stamps }> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const rel = (e: Dirent) =>
    path
      .relative(dir, path.join(e.parentPath ?? (e as { path?: string }).path ?? dir, e.name))
      .split(path.sep)
      .join('/');
  const visible = (r: string) => !r.split('/').some((part) => part.startsWith('.'));
  const files = entries
    .filter((e) => e.isFile())
    .map(rel)
    .filter(visible)
    .sort();
  // stamped before they are read; a folder's stamp changes when a file is added to it or taken away
  const stamps = new Stamps().add(
    dir,
    ...entries
      .filter((e) => e.isDirectory())
      .map(rel)
      .filter(visible)
      .map((r) => path.join(dir, r)),
    ...files.map((r) => path.join(dir, r)),
  );
  const lines: string[] = [];
  for (const r of files) lines.push(`${r}\0${await fileHash(path.join(dir, r))}\n`);
  return { digest: sha256(lines.join('')), stamps };
}

/** By folder: valid while no file or folder in it has changed (../io/stamp.ts). */
const digests = new FileCache<string, Promise<string>>();

/** A template folder's digest, computed again only when a file in it changed. */
export function templateDigest(dir: string): Promise<string> {
  const cached = digests.get(dir);
  if (cached) return cached;
  const made = digestFolder(dir);
  const digest = made.then((m) => m.digest);
  // until it is made, valid as long as the folder's own stamp holds; then by every file's
  digests.set(dir, digest, new Stamps().add(dir));
  made.then(
    (m) => void (digests.peek(dir) === digest && digests.set(dir, digest, m.stamps)),
    // a folder that cannot be read is tried again next time
    () => void (digests.peek(dir) === digest && digests.delete(dir)),
  );
  return digest;
}

/** The folders a template is made of, the farthest ancestor first (a template that extends another has several). */
function templateFolders(template: Template): string[] {
  const chain = (template as Template & { chain?: string[] }).chain;
  return chain?.length ? chain : [template.dir];
}

export async function templateInputs(template: Template, name: string): Promise<InputRecord[]> {
  const folders = templateFolders(template);
  return Promise.all(folders.map(async (dir, i) => ({ role: 'template' as const, path: dir, sha256: await templateDigest(dir), ...(i === folders.length - 1 ? { name } : {}) })));
}
