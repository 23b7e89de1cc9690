/**
 * A small schema language for the YAML users write (front matter, template.yaml,
 * locale files), checked against the YAML syntax tree so that every problem points
 * at the offending value in the user's file and says what is allowed.
 */
import YAML, { type Node as YamlNode, type Pair } from 'yaml';
import type { Message } from '../messages.js';
import { placeOf, type YamlSource } from './parse.js';

interface Base {
  /** one line for the documentation and the "what is allowed" part of a message */
  doc?: string;
  /** how to mend a wrong value */
  hint?: string;
}
export type Spec =
  | (Base & { type: 'string'; check?: (v: string) => string | undefined; nonEmpty?: boolean; numberHint?: string })
  | (Base & { type: 'number'; min?: number; max?: number })
  | (Base & { type: 'boolean' })
  | (Base & { type: 'enum'; values: readonly string[] })
  | (Base & { type: 'list'; items: Spec })
  | (Base & { type: 'map'; keys: Record<string, KeySpec>; open?: boolean })
  | (Base & { type: 'record'; values: Spec })
  | (Base & { type: 'oneOf'; options: Spec[] })
  | (Base & { type: 'any' });
export type KeySpec = Spec & { required?: boolean };

export interface UnknownKey {
  path: string;
  key: string;
  known: string[];
  node: YamlNode | null;
}

export interface ValidationResult {
  messages: Message[];
  unknownKeys: UnknownKey[];
}

export function validate(src: YamlSource, root: unknown, spec: Spec, ruleId: string, what: string): ValidationResult {
  const out: ValidationResult = { messages: [], unknownKeys: [] };
  check(src, root as YamlNode | null, spec, '', out, ruleId, what, null);
  return out;
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
      return 'one of ' + spec.values.map((v) => '`' + v + '`').join(', ');
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

function matches(node: YamlNode | null, spec: Spec): boolean {
  const probe: ValidationResult = { messages: [], unknownKeys: [] };
  check({ file: '', text: '', index: undefined as never, base: 0 }, node, spec, '', probe, '', '', null, true);
  return probe.messages.length === 0;
}

function check(
  src: YamlSource,
  node: YamlNode | null,
  spec: Spec,
  path: string,
  out: ValidationResult,
  ruleId: string,
  what: string,
  parent: YamlNode | null,
  dry = false,
): void {
  const report = (reason: string, hint?: string, at: YamlNode | null = node) => {
    out.messages.push({
      file: src.file,
      place: dry ? undefined : placeOf(src, at ?? parent),
      ruleId,
      severity: 'error',
      reason,
      hint,
    });
  };
  const name = path ? '`' + path + '`' : what;
  const wrongType = () => {
    const numberHint = spec.type === 'string' && YAML.isScalar(node) && typeof node.value === 'number' ? spec.numberHint : undefined;
    report(`${name} must be ${describe(spec)}, found ${kindOf(node)}`, numberHint ?? spec.hint ?? `Write ${describe(spec)} here.`);
  };
  switch (spec.type) {
    case 'any':
      return;
    case 'oneOf':
      if (!spec.options.some((o) => matches(node, o))) {
        const first = spec.options.find((o) => o.type === (YAML.isMap(node) ? 'map' : YAML.isSeq(node) ? 'list' : 'string'));
        if (first) check(src, node, first, path, out, ruleId, what, parent, dry);
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
        if ((spec.min !== undefined && v < spec.min) || (spec.max !== undefined && v > spec.max))
          report(`${name} must be between ${spec.min ?? '-∞'} and ${spec.max ?? '∞'}, found ${v}`, spec.hint);
        return;
      }
      if (spec.type === 'boolean') return typeof v === 'boolean' ? undefined : wrongType();
      if (typeof v !== 'string') return wrongType();
      if (spec.type === 'enum') {
        if (!spec.values.includes(v)) report(`${name} is \`${v}\`; it must be ${describe(spec)}`, spec.hint);
        return;
      }
      if (spec.nonEmpty && !v.trim()) return report(`${name} is empty`, spec.hint ?? 'Write a value or remove the key.');
      const problem = spec.check?.(v);
      if (problem) report(`${name} ${problem}`, spec.hint);
      return;
    }
    case 'list':
      if (!YAML.isSeq(node)) return wrongType();
      node.items.forEach((item, i) => check(src, item as YamlNode, spec.items, `${path}[${i}]`, out, ruleId, what, node, dry));
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
          check(src, pair.value, spec.values, sub, out, ruleId, what, pair.key, dry);
          continue;
        }
        const keySpec = spec.keys[key];
        if (!keySpec) {
          if (spec.open) out.unknownKeys.push({ path: sub, key, known: Object.keys(spec.keys), node: pair.key });
          else
            report(
              `Unknown key \`${sub}\``,
              `Allowed here: ${Object.keys(spec.keys).map((k) => '`' + k + '`').join(', ')}.`,
              pair.key,
            );
          continue;
        }
        check(src, pair.value, keySpec, sub, out, ruleId, what, pair.key, dry);
      }
      if (spec.type === 'record') return;
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
