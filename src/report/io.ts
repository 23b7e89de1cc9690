/** The only place that writes to the process's streams; commands receive it so that tests can capture it. */

import type { Message } from '../messages.js';
import { formatMessage, githubAnnotation } from './format.js';

export interface Io {
  out: (s: string | Uint8Array) => void;
  err: (s: string) => void;
  env: NodeJS.ProcessEnv;
  cwd: string;
  /** standard error is a terminal: progress may be drawn */
  isTTY: boolean;
  /** standard output is a terminal: reports may use colour */
  outIsTTY?: boolean;
  /** standard input's bytes (a source is checked and decoded like a file) */
  readStdin: () => Promise<Uint8Array>;
  /** ask on the terminal, one question after another; absent when standard input is not a terminal */
  ask?: (questions: string[]) => Promise<string[]>;
}

/** `annotate: false` keeps standard output free for a report that is data (lint's json, sarif). */
export function printMessages(io: Io, messages: readonly Message[], opts: { annotate?: boolean } = {}): void {
  for (const m of messages) {
    io.err(`${formatMessage(m)}\n`);
    if (opts.annotate !== false && io.env.GITHUB_ACTIONS === 'true' && m.severity !== 'info') io.out(`${githubAnnotation(m)}\n`);
  }
}
