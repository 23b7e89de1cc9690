/** A format is a plain function from lint results to the text of a report (ESLint's formatters). */
import type { LintResult } from '../engine.js';
import type { AnyRule } from '../rule.js';

export interface FormatContext {
  /** the working folder: paths in reports are relative to it */
  cwd: string;
  /** ANSI colours (stylish only): on a terminal, unless NO_COLOR */
  color: boolean;
  rules: readonly AnyRule[];
  /** the tool's version (SARIF) */
  version: string;
}

export type Formatter = (results: readonly LintResult[], ctx: FormatContext) => string;
