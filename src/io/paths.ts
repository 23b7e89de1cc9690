/** Paths as a user reads them in reports. */
import path from 'node:path';

/** Relative to the working folder when inside it (with `/`), else absolute. */
export function displayPath(abs: string, cwd: string): string {
  const rel = path.relative(cwd, abs);
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel.split(path.sep).join('/') : abs;
}
