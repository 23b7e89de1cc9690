/**
 * Questions on a terminal (`init` asks for the headline and the city), with
 * node:readline/promises. The questions go to standard error so that standard
 * output keeps only the report. Ctrl-C or Ctrl-D cancels: nothing is written.
 */
import { createInterface } from 'node:readline/promises';
import { UserError } from '../messages.js';

export function terminalAsk(input: NodeJS.ReadableStream, output: NodeJS.WritableStream): (questions: string[]) => Promise<string[]> {
  return async (questions) => {
    const rl = createInterface({ input, output, terminal: true });
    rl.on('SIGINT', () => rl.close());
    // The line iterator keeps lines typed (or pasted) ahead of their question; `question()` would drop them.
    const lines = rl[Symbol.asyncIterator]();
    const answers: string[] = [];
    try {
      for (const q of questions) {
        rl.setPrompt(q);
        rl.prompt();
        const next = await lines.next();
        if (next.done) {
          output.write('\n');
          throw new UserError({ file: 'pressready', ruleId: 'cancelled', severity: 'error', reason: 'Cancelled; nothing was written' });
        }
        answers.push(String(next.value).trim());
      }
    } finally {
      rl.close();
    }
    return answers;
  };
}
