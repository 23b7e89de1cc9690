/**
 * One message shape for everything a user is told about a source or a template:
 * YAML errors, front-matter validation, model extraction, template problems and
 * lint findings alike (after vfile-message). Positions are always in the file the
 * user edits — 1-based line and column, and the UTF-16 offset for fixes.
 */

export interface Point {
  line: number;
  column: number;
  offset: number;
}

export interface Place {
  start: Point;
  end?: Point;
}

export type Severity = 'error' | 'warning' | 'info';

/** A text edit, as data: replace `range` (offsets into the file) with `text`. */
export interface TextEdit {
  range: [number, number];
  text: string;
}

export interface Message {
  /** the file as the user named it */
  file: string;
  place?: Place;
  /** rule or error id, e.g. `yaml-syntax`, `front-matter`, `quote-balance` */
  ruleId: string;
  severity: Severity;
  /** what is wrong */
  reason: string;
  /** how to mend it */
  hint?: string;
  /** a safe fix, where there is one */
  fix?: TextEdit[];
  /** where the rule that reported it is documented (lint rules and `parse`: src/lint/doc-url.ts) */
  url?: string;
}

/** Thrown for a problem a user made (never a bug): the CLI prints it without a stack. */
export class UserError extends Error {
  readonly messages: Message[];
  /** process exit code the problem calls for (docs/cli.md#exit-codes: 1 source problem, 2 command problem) */
  readonly exitCode: 1 | 2;
  constructor(messages: Message | Message[], exitCode: 1 | 2 = 1) {
    const list = Array.isArray(messages) ? messages : [messages];
    super(list.map((m) => m.reason).join('; '));
    this.name = 'UserError';
    this.messages = list;
    this.exitCode = exitCode;
  }
}

export function isUserError(e: unknown): e is UserError {
  return e instanceof UserError;
}

/** Turns offsets into line/column for one text; lines are split on LF (CRLF counts as one). */
export class LineIndex {
  private readonly starts: number[] = [0];
  constructor(readonly text: string) {
    for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) this.starts.push(i + 1);
  }
  point(offset: number): Point {
    const o = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= o) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: o - this.starts[lo]! + 1, offset: o };
  }
  place(start: number, end?: number): Place {
    return end === undefined ? { start: this.point(start) } : { start: this.point(start), end: this.point(end) };
  }
}

export function formatPlace(m: Message): string {
  return m.place ? `${m.file}:${m.place.start.line}:${m.place.start.column}` : m.file;
}

/**
 * For a command that stops at its first problem: what a step gave back, or the
 * messages it gave instead, thrown (steps return their problems; ../release/load.ts).
 */
export function orThrow<T>(value: T | undefined, messages: Message[]): T {
  if (value === undefined) throw new UserError(messages);
  return value;
}
