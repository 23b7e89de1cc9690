/** Counts over lint results, as the formats and the exit code read them. */
import type { Message } from '../messages.js';

interface Counts {
  errorCount: number;
  warningCount: number;
  fixableErrorCount: number;
  fixableWarningCount: number;
}

export function count(messages: readonly Message[]): Counts {
  const c: Counts = { errorCount: 0, warningCount: 0, fixableErrorCount: 0, fixableWarningCount: 0 };
  for (const m of messages) {
    const fixable = m.fix?.length ? 1 : 0;
    if (m.severity === 'error') {
      c.errorCount++;
      c.fixableErrorCount += fixable;
    } else if (m.severity === 'warning') {
      c.warningCount++;
      c.fixableWarningCount += fixable;
    }
  }
  return c;
}
