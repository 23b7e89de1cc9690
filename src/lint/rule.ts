/**
 * What a lint rule is (after ESLint's rule meta and remark-lint's one rule a
 * module): metadata (id, default severity, a doc line, options, whether it
 * fixes), a check that reports problems as offsets and text edits, and examples
 * that the test suite runs. The rule reports; the wrapper (./engine.ts) decides
 * the severity, fills in the options and turns offsets into lines and columns.
 */
import type { Message, TextEdit } from '../messages.js';
import type { Loaded } from '../release/load.js';
import type { Source } from '../source/parse.js';
import type { LocaleData } from '../templates/types.js';
import type { KeySpec } from '../yaml/schema.js';

export type RuleSeverity = 'error' | 'warning';

interface RuleMeta<O> {
  id: string;
  severity: RuleSeverity;
  /** one line: what the rule checks (the rule tables of README.md and docs/lint.md, docs/rules/<id>.md, SARIF rule descriptors) */
  doc: string;
  /** whether some of its reports carry a safe fix */
  fixable: boolean;
  /** with `fixable`: what `--fix` does, in a few words (docs/rules/<id>.md, the rule tables) */
  fixDoc?: string;
  /** options a config file may set, checked like any YAML a user writes */
  options?: { spec: Record<string, KeySpec>; defaults: O };
}

/** What lint knows about one source. */
export interface Subject {
  file: string;
  source: Source;
  /** the release model, template and locale: present when the front matter is valid and they resolve */
  loaded?: Loaded;
  /** the locale data, when the template has the source's language */
  locale?: LocaleData;
  /** the source's language (after a translation's inheritance), `en` when unset */
  lang: string;
  /** problems with front-matter values (schema, template, language, original), for the `front-matter` rule */
  frontMatterProblems: Message[];
}

export interface Report {
  /** what is wrong */
  reason: string;
  /** how to mend it */
  hint?: string;
  /** start and end offsets of the offending text in the source file */
  range: [number, number];
  fix?: TextEdit[];
}

export interface RuleContext<O> extends Subject {
  options: O;
  report(r: Report): void;
}

export interface ExpectedMessage {
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
  reason: string;
  /** asserted when given */
  hint?: string;
}

export interface Example<O> {
  name: string;
  /** the source, linted as `release.md` in a folder of its own */
  source: string;
  /** other files of that folder (an original, a template) */
  files?: Record<string, string>;
  options?: Partial<O>;
  /** invalid examples: this rule's messages, in order */
  messages?: ExpectedMessage[];
  /** the file after `--fix` */
  output?: string;
}

export interface Rule<O = Record<string, never>> {
  meta: RuleMeta<O>;
  check(ctx: RuleContext<O>): void;
  examples: { valid: Example<O>[]; invalid: Example<O>[] };
}

// The registry holds rules of many option types; each rule reads only its own.
// biome-ignore lint/suspicious/noExplicitAny: a list of rules with different option types; each rule checks its own options
export type AnyRule = Rule<any>;

export function defineRule<O>(rule: Rule<O>): Rule<O> {
  return rule;
}
