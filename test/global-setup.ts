/**
 * Vitest's global setup: the CLI tests run the built bundle (bin/pressready.js → lib/bundle/), the unit
 * tests run src/. So that both test the same code, lib/ is rebuilt here, once before any test file,
 * whenever a file it is built from is newer than the bundle (a changed message once passed the CLI
 * tests because nothing rebuilt). `PRESSREADY_TEST_NO_BUILD=1` skips the check (a bundle under test
 * that was built some other way).
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** what lib/ is built from: the sources and the build's own configuration */
const INPUTS = ['src', 'scripts/bundle.mjs', 'tsconfig.json', 'package.json', 'package-lock.json'];
/** written last by the build (scripts/bundle.mjs) */
const OUTPUT = 'lib/bundle/cli.js';

function newestMtime(p: string): number {
  const st = statSync(p, { throwIfNoEntry: false });
  if (!st) return 0;
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs; // a deleted file shows as the folder's change
  for (const e of readdirSync(p)) newest = Math.max(newest, newestMtime(path.join(p, e)));
  return newest;
}

/** why lib/ must be rebuilt, or undefined when it is up to date */
export function staleReason(root = ROOT): string | undefined {
  const built = statSync(path.join(root, OUTPUT), { throwIfNoEntry: false })?.mtimeMs;
  if (built === undefined) return `${OUTPUT} is missing`;
  const newer = INPUTS.find((p) => newestMtime(path.join(root, p)) > built);
  return newer && `${newer} changed after ${OUTPUT} was built`;
}

export default function setup(): void {
  if (process.env.PRESSREADY_TEST_NO_BUILD === '1') return;
  const why = staleReason();
  if (!why) return;
  process.stderr.write(`test setup: building lib/ (${why})\n`);
  execFileSync(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['run', '--silent', 'build'], { cwd: ROOT, stdio: 'inherit' });
}
