/** The only place that writes to the process's streams; commands receive it so that tests can capture it. */
import { githubAnnotation, formatMessage } from './report.js';
import type { Message } from '../messages.js';

export interface Io {
  out: (s: string | Uint8Array) => void;
  err: (s: string) => void;
  env: NodeJS.ProcessEnv;
  cwd: string;
  /** standard error is a terminal: progress may be drawn */
  isTTY: boolean;
  /** standard output is a terminal: reports may use colour */
  outIsTTY?: boolean;
  readStdin: () => Promise<string>;
}

export function printMessages(io: Io, messages: readonly Message[]): void {
  for (const m of messages) {
    io.err(formatMessage(m) + '\n');
    if (io.env.GITHUB_ACTIONS === 'true' && m.severity !== 'info') io.out(githubAnnotation(m) + '\n');
  }
}
