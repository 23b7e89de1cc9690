/** How messages look on a terminal and in logs: `file:line:column: severity: reason [rule]`, then how to mend it. */
import chalk from 'chalk';
import { formatPlace, type Message } from '../messages.js';

// Painted when printed, not when loaded: the colour level is settled after the modules load (../cli/colour.ts).
const LABEL = { error: () => chalk.red('error'), warning: () => chalk.yellow('warning'), info: () => chalk.cyan('notice') } as const;

export function formatMessage(m: Message): string {
  const head = `${chalk.bold(formatPlace(m))}: ${LABEL[m.severity]()}: ${m.reason}${m.ruleId ? chalk.dim(` [${m.ruleId}]`) : ''}`;
  return m.hint ? `${head}\n  ${chalk.dim('→')} ${m.hint}` : head;
}

/** A GitHub Actions workflow command, so that the message shows on the changed line. */
export function githubAnnotation(m: Message): string {
  const level = m.severity === 'error' ? 'error' : m.severity === 'warning' ? 'warning' : 'notice';
  const esc = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
  const escProp = (s: string) => esc(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
  const props = [`file=${escProp(m.file)}`];
  if (m.place) {
    props.push(`line=${m.place.start.line}`, `col=${m.place.start.column}`);
    if (m.place.end) props.push(`endLine=${m.place.end.line}`, `endColumn=${m.place.end.column}`);
  }
  props.push(`title=${escProp(m.ruleId)}`);
  return `::${level} ${props.join(',')}::${esc(m.hint ? `${m.reason}. ${m.hint}` : m.reason)}`;
}
