/**
 * What a source's outputs depend on, hashed: the source, its original (for a
 * translation) and its template folders. The manifest records these, and
 * `--incremental` compares them to decide that a source is up to date.
 *
 * A template counts as one input per folder: a digest of every file in it
 * (names and contents), so that a new locale file or a changed logo counts too.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
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

async function digestFolder(dir: string): Promise<string> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const files = entries
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath ?? (e as { path?: string }).path ?? dir, e.name)).split(path.sep).join('/'))
    .filter((rel) => !rel.split('/').some((part) => part.startsWith('.')))
    .sort();
  const lines: string[] = [];
  for (const rel of files) lines.push(`${rel}\0${await fileHash(path.join(dir, rel))}\n`);
  return sha256(lines.join(''));
}

const digests = new Map<string, Promise<string>>();

/** Templates are read once a process; so is their digest. */
export function templateDigest(dir: string): Promise<string> {
  let d = digests.get(dir);
  if (!d) digests.set(dir, (d = digestFolder(dir)));
  return d;
}

/** The folders a template is made of, the farthest ancestor first (a template that extends another has several). */
export function templateFolders(template: Template): string[] {
  const chain = (template as Template & { chain?: string[] }).chain;
  return chain?.length ? chain : [template.dir];
}

export async function templateInputs(template: Template, name: string): Promise<InputRecord[]> {
  const folders = templateFolders(template);
  return Promise.all(
    folders.map(async (dir, i) => ({ role: 'template' as const, path: dir, sha256: await templateDigest(dir), ...(i === folders.length - 1 ? { name } : {}) })),
  );
}
