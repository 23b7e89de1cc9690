/** For the watch and preview tests: a long-running CLI process, a source, polling with a bound. */
import { type ChildProcess, spawn } from 'node:child_process';
import { afterEach } from 'vitest';
import { BIN } from './helpers.js';

export const source = (headline: string, lead = 'Villages in the north now have clean water, the committee said on Monday.', extra = '') => `---
headline: ${headline}
dateline: {city: Geneva, date: 2026-03-02}
${extra}---

${lead}
`;

/** Wait until `check` returns something truthy; fail with `what` after `ms`. */
export async function until<T>(check: () => T | undefined | false, what: string, ms = 40_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = check();
    if (v) return v;
    if (Date.now() > end) throw new Error(`Timed out waiting for ${what}${running.map((r) => `\n--- stdout:\n${r.out()}\n--- stderr:\n${r.err()}`).join('')}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

export interface Running {
  proc: ChildProcess;
  out: () => string;
  err: () => string;
  exit: Promise<number | null>;
}

const running: Running[] = [];
afterEach(async () => {
  for (const r of running.splice(0)) {
    if (r.proc.exitCode === null) r.proc.kill('SIGKILL');
    await r.exit;
  }
});

export function start(args: string[], cwd: string): Running {
  const proc = spawn(process.execPath, [BIN, ...args], { cwd, env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0', GITHUB_ACTIONS: '', CI: '' } });
  let out = '';
  let err = '';
  proc.stdout!.on('data', (d) => (out += d));
  proc.stderr!.on('data', (d) => (err += d));
  const exit = new Promise<number | null>((r) => proc.on('exit', (code) => r(code)));
  const r = { proc, out: () => out, err: () => err, exit };
  running.push(r);
  return r;
}
