/**
 * A small schema language for the YAML users write (front matter, template.yaml,
 * locale files), checked against the YAML syntax tree so that every problem points
 * at the offending value in the user's file and says what is allowed.
 */
import YAML, { type Pair, type Node as YamlNode } from 'yaml';
import type { Message } from '../messages.js';
import { closest } from '../text/distance.js';
import { placeOf, type YamlSource } from './parse.js';

interface Base {
  /** one line for the documentation and the "what is allowed" part of a message */
  doc?: string;
  /** how to mend a wrong value */
  hint?: string;
}
export type Spec =
  | (Base & { type: 'string'; check?: (v: string) => string | undefined; nonEmpty?: boolean; numberHint?: string; placeholders?: Placeholders })
  | (Base & { type: 'number'; min?: number; max?: number })
  | (Base & { type: 'boolean' })
  | (Base & { type: 'enum'; values: readonly string[] })
  | (Base & { type: 'list'; items: Spec; length?: number })
  | (Base & { type: 'map'; keys: Record<string, KeySpec>; open?: boolean })
  | (Base & { type: 'record'; values: Spec; keyPattern?: RegExp; keyDoc?: string })
  | (Base & { type: 'oneOf'; options: Spec[] })
  | (Base & { type: 'any' });
export type KeySpec = Spec & { required?: boolean };

/**
 * The `{name}` placeholders a printed phrase may use (a fixed set per phrase), and
 * those it must use so that nothing the source says is dropped (`{contacts}`).
 */
export interface Placeholders {
  allowed: readonly string[];
  required?: readonly string[];
}

interface ValidateOptions {
  /**
   * One file of several that are merged (a template that extends another): keys
   * marked `required` may come from another file, so they are checked on the merged
   * data instead.
   */
  partial?: boolean;
}

export interface UnknownKey {
  path: string;
  key: string;
  known: string[];
  node: YamlNode | null;
}

interface ValidationResult {
  messages: Message[];
  unknownKeys: UnknownKey[];
}

export function validate(src: YamlSource, root: unknown, spec: Spec, ruleId: string, what: string, opts: ValidateOptions = {}): ValidationResult {
  const out: ValidationResult = { messages: [], unknownKeys: [] };
  check(src, root as YamlNode | null, spec, '', out, ruleId, what, null, false, opts.partial === true);
  return out;
}

const code = (s: string) => `\`${s}\``;
const codeList = (list: readonly string[]) => list.map(code).join(', ');

/** The names of the `{name}` placeholders written in a phrase. */
function placeholdersIn(phrase: string): string[] {
  return [...phrase.matchAll(/\{([^{}\s]*)\}/g)].map((m) => m[1]!);
}

function describe(spec: Spec): string {
  switch (spec.type) {
    case 'string':
      return 'text';
    case 'number':
      return 'a number';
    case 'boolean':
      return '`true` or `false`';
    case 'enum':
      return `one of ${spec.values.map((v) => `\`${v}\``).join(', ')}`;
    case 'list':
      return 'a list';
    case 'map':
    case 'record':
      return 'a mapping of `key: value` lines';
    case 'oneOf':
      return spec.options.map(describe).join(' or ');
    case 'any':
      return 'anything';
  }
}

function kindOf(node: YamlNode | null): string {
  if (node === null || (YAML.isScalar(node) && node.value === null)) return 'nothing';
  if (YAML.isMap(node)) return 'a mapping';
  if (YAML.isSeq(node)) return 'a list';
  if (YAML.isScalar(node)) {
    const v = node.value;
    if (typeof v === 'number') return `the number ${String(v)}`;
    if (typeof v === 'boolean') return `\`${String(v)}\``;
    return 'text';
  }
  return 'something else';
}

function problems(node: YamlNode | null, spec: Spec): number {
  const probe: ValidationResult = { messages: [], unknownKeys: [] };
  check({ file: '', text: '', index: undefined as never, base: 0 }, node, spec, '', probe, '', '', null, true);
  return probe.messages.length;
}

function matches(node: YamlNode | null, spec: Spec): boolean {
  return problems(node, spec) === 0;
}

/** `at`: a node, or any range in the YAML (a placeholder inside a value). */
type Report = (reason: string, hint?: string, at?: { range?: [number, number, number] | null } | null) => void;

function check(src: YamlSource, node: YamlNode | null, spec: Spec, path: string, out: ValidationResult, ruleId: string, what: string, parent: YamlNode | null, dry = false, partial = false): void {
  const report: Report = (reason, hint, at = node) => {
    out.messages.push({
      file: src.file,
      place: dry ? undefined : placeOf(src, at ?? parent),
      ruleId,
      severity: 'error',
      reason,
      hint,
    });
  };
  const name = path ? `\`${path}\`` : what;
  const wrongType = () => {
    const numberHint = spec.type === 'string' && YAML.isScalar(node) && typeof node.value === 'number' ? spec.numberHint : undefined;
    report(`${name} must be ${describe(spec)}, found ${kindOf(node)}`, numberHint ?? spec.hint ?? `Write ${describe(spec)} here${spec.doc ? ` (${spec.doc})` : ''}.`);
  };
  switch (spec.type) {
    case 'any':
      return;
    case 'oneOf':
      if (!spec.options.some((o) => matches(node, o))) {
        // the option of the node's kind that it comes nearest to (fewest problems; the first on a tie) says what is wrong
        const kind = YAML.isMap(node) ? 'map' : YAML.isSeq(node) ? 'list' : 'string';
        const near = spec.options.filter((o) => o.type === kind).map((o) => ({ o, n: problems(node, o) }));
        const first = near.reduce<(typeof near)[number] | undefined>((best, x) => (!best || x.n < best.n ? x : best), undefined)?.o;
        if (first) check(src, node, first, path, out, ruleId, what, parent, dry, partial);
        else wrongType();
      }
      return;
    case 'string':
    case 'number':
    case 'boolean':
    case 'enum': {
      if (!YAML.isScalar(node) || node.value === null) return wrongType();
      const v = node.value;
      if (spec.type === 'number') {
        if (typeof v !== 'number') return wrongType();
        if ((spec.min !== undefined && v < spec.min) || (spec.max !== undefined && v > spec.max)) report(`${name} must be between ${spec.min ?? '-∞'} and ${spec.max ?? '∞'}, found ${v}`, spec.hint);
        return;
      }
      if (spec.type === 'boolean') return typeof v === 'boolean' ? undefined : wrongType();
      if (typeof v !== 'string') return wrongType();
      if (spec.type === 'enum') {
        if (!spec.values.includes(v)) {
          const meant = closest(v, spec.values);
          report(`${name} is \`${v}\`; it must be ${describe(spec)}`, spec.hint ?? (meant ? `Did you mean ${code(meant)}?` : undefined));
        }
        return;
      }
      if (spec.nonEmpty && !v.trim()) return report(`${name} is empty`, spec.hint ?? 'Write a value or remove the key.');
      const problem = spec.check?.(v);
      if (problem) report(`${name} ${problem}`, spec.hint);
      if (spec.placeholders) checkPlaceholders(src, node, v, spec.placeholders, name, report);
      return;
    }
    case 'list':
      if (!YAML.isSeq(node)) return wrongType();
      if (spec.length !== undefined && node.items.length !== spec.length)
        report(`${name} must have ${spec.length} items, found ${node.items.length}`, spec.hint ?? (spec.doc ? `Write ${spec.doc}.` : undefined));
      // A list is replaced whole, never merged: each item must be complete in the file that writes it.
      node.items.forEach((item, i) => check(src, item as YamlNode, spec.items, `${path}[${i}]`, out, ruleId, what, node, dry, false));
      return;
    case 'record':
    case 'map': {
      if (!YAML.isMap(node)) return wrongType();
      const seen = new Set<string>();
      for (const pair of node.items as Pair<YamlNode, YamlNode | null>[]) {
        const key = YAML.isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
        seen.add(key);
        const sub = path ? `${path}.${key}` : key;
        if (spec.type === 'record') {
          if (spec.keyPattern && !spec.keyPattern.test(key)) {
            report(`The key \`${sub}\` is not ${spec.keyDoc ?? 'an allowed name'}`, `Name it ${spec.keyDoc ?? 'as the documentation says'}.`, pair.key);
            continue;
          }
          check(src, pair.value, spec.values, sub, out, ruleId, what, pair.key, dry, partial);
          continue;
        }
        // own keys only: `__proto__` or `constructor` is an unknown key like any other
        const keySpec = Object.hasOwn(spec.keys, key) ? spec.keys[key] : undefined;
        if (!keySpec) {
          if (spec.open) out.unknownKeys.push({ path: sub, key, known: Object.keys(spec.keys), node: pair.key });
          else {
            const allowed = Object.keys(spec.keys);
            const meant = closest(key, allowed);
            report(`Unknown key \`${sub}\``, `${meant ? `Did you mean ${code(meant)}? ` : ''}Allowed here: ${codeList(allowed)}.`, pair.key);
          }
          continue;
        }
        check(src, pair.value, keySpec, sub, out, ruleId, what, pair.key, dry, partial);
      }
      if (spec.type === 'record' || partial) return;
      for (const [key, keySpec] of Object.entries(spec.keys)) {
        if (keySpec.required && !seen.has(key)) {
          const sub = path ? `${path}.${key}` : key;
          report(`Missing required key \`${sub}\``, keySpec.hint ?? `Add \`${key}:\` (${keySpec.doc ?? describe(keySpec)}).`, parent ?? node);
        }
      }
      return;
    }
  }
}

/** Each placeholder of a phrase must be one it may use; the ones it needs must be there. */
function checkPlaceholders(src: YamlSource, node: YamlNode, value: string, spec: Placeholders, name: string, report: Report): void {
  const allowed = spec.allowed.length ? `It may use ${codeList(spec.allowed.map((p) => `{${p}}`))}.` : 'It takes no placeholders.';
  const found = placeholdersIn(value);
  for (const p of found) {
    if (spec.allowed.includes(p)) continue;
    const meant = closest(p, spec.allowed);
    const reason = `${name} uses the placeholder \`{${p}}\`, which it cannot fill`;
    const hint = `${meant ? `Did you mean \`{${meant}}\`? ` : ''}${allowed}`;
    // the placeholder itself, when it can be found as written; else the whole value
    const range = placeOfText(src, node, `{${p}}`);
    report(reason, hint, range ? { range } : node);
  }
  for (const r of spec.required ?? []) {
    if (!found.includes(r)) report(`${name} has no \`{${r}}\`, so it would drop what goes there`, `Put \`{${r}}\` where it belongs in the phrase. ${allowed}`);
  }
}

/** Where `needle` is written inside a scalar's source text, as a YAML range (relative to the YAML's start). */
function placeOfText(src: YamlSource, node: YamlNode, needle: string): [number, number, number] | undefined {
  if (!node.range || !src.text) return undefined;
  const written = src.text.slice(src.base + node.range[0], src.base + node.range[1]);
  const i = written.indexOf(needle);
  if (i < 0) return undefined;
  const start = node.range[0] + i;
  return [start, start + needle.length, start + needle.length];
}
