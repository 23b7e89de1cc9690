/**
 * GitHub Actions workflow commands: each problem shows on its line of the pull
 * request (`::error file=…,line=…,col=…,endLine=…,endColumn=…,title=<rule>::<message>`).
 * The same annotation `generate` prints under GitHub Actions.
 */
import { githubAnnotation } from '../../report/format.js';
import type { Formatter } from './types.js';

export const github: Formatter = (results) =>
  results
    .flatMap((r) => r.messages)
    .map((m) => `${githubAnnotation(m)}\n`)
    .join('');
