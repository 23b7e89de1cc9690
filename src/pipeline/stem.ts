/** Where a source's outputs go. Light on purpose: the main thread of a pool run plans paths without loading the pipeline. */
import path from 'node:path';
import type { SourceRef } from './inputs.js';

/** A source's output path without its extension, POSIX and relative to the working folder: the output folder, the source's sub-folder under its base, the release id. */
export function stemOf(ref: SourceRef, id: string, opts: { cwd: string; outDir: string }): string {
  const rel = path.relative(ref.base, path.dirname(path.resolve(opts.cwd, ref.file)));
  return path
    .join(opts.outDir, rel.startsWith('..') ? '' : rel, id)
    .split(path.sep)
    .join('/');
}
