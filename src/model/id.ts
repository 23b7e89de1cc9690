/**
 * A release's id, the base name of its outputs: the front matter's `id`, or the
 * source's file name without `.md`. Shared by the model and by generate's quick
 * scan, which plans output paths before any source is fully loaded.
 */
import path from 'node:path';

export function releaseId(file: string, id: unknown): string {
  return typeof id === 'string' ? id : path.basename(file).replace(/\.md$/i, '');
}
