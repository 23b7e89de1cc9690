/**
 * Colour, as the user's environment asks. chalk follows FORCE_COLOR and whether
 * the stream is a terminal, but not NO_COLOR (https://no-color.org): a NO_COLOR
 * that is set and not empty turns colour off, unless FORCE_COLOR asks for it.
 */
import chalk from 'chalk';

export function applyColourEnv(env: NodeJS.ProcessEnv): void {
  if (env.NO_COLOR && env.FORCE_COLOR === undefined) chalk.level = 0;
}
