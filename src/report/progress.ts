/**
 * A progress bar on standard error, for a person at a terminal: never in CI
 * (`CI` set), never when standard output or standard error is piped or
 * redirected, never with --quiet. Thirty lines, so no dependency; it redraws at
 * most ten times a second and clears itself before anything else is printed.
 */
import type { Io } from './io.js';

export interface Progress {
  update(done: number): void;
  /** print something without tearing the bar */
  around(print: () => void): void;
  clear(): void;
}

const NONE: Progress = { update() {}, around: (print) => print(), clear() {} };

function inCi(env: NodeJS.ProcessEnv): boolean {
  return env.CI !== undefined && env.CI !== '' && env.CI !== 'false' && env.CI !== '0';
}

export function progressBar(io: Io, total: number, opts: { quiet?: boolean }): Progress {
  if (opts.quiet || total < 2 || !io.isTTY || io.outIsTTY === false || inCi(io.env)) return NONE;
  const width = 28;
  let done = 0;
  let shown = false;
  let last = 0;
  const draw = () => {
    const filled = Math.round((done / total) * width);
    io.err(`\r${'█'.repeat(filled)}${'░'.repeat(width - filled)} ${done}/${total} sources\x1b[K`);
    shown = true;
    last = performance.now();
  };
  const clear = () => {
    if (shown) io.err('\r\x1b[K');
    shown = false;
  };
  const drawSoon = () => {
    if (done === total || performance.now() - last > 100) draw();
  };
  return {
    update(n) {
      done = n;
      drawSoon();
    },
    around(print) {
      clear();
      print();
      drawSoon();
    },
    clear,
  };
}
