/**
 * A template that extends another is a stack of YAML files, farthest ancestor
 * first. Mappings merge key by key; anything else (text, numbers, lists) is
 * replaced by the file nearest the top that names it. What a merged value says
 * about its origin — which file, which line — is found again by asking which
 * file of the stack named that key last.
 */
import YAML from 'yaml';
import type { Message } from '../messages.js';
import { placeOf } from '../yaml/parse.js';
import { type Spec, validate } from '../yaml/schema.js';
import type { Layer } from './read.js';

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Merge `over` into `base`: mappings key by key, everything else replaced. */
export function deepMerge<T>(base: T, over: unknown): T {
  if (!isPlainObject(base) || !isPlainObject(over)) return (over === undefined ? base : over) as T;
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(over)) out[k] = k in out ? deepMerge(out[k], v) : v;
  return out as T;
}

export function getIn(value: unknown, keys: readonly string[]): unknown {
  let v = value;
  for (const k of keys) {
    if (!isPlainObject(v)) return undefined;
    v = v[k];
  }
  return v;
}

/** The file of the stack that gave a merged key its value: the nearest one that names it. */
function layerNaming(layers: readonly Layer[], keys: readonly string[]): Layer | undefined {
  for (let i = layers.length - 1; i >= 0; i--) if (getIn(layers[i]!.raw, keys) !== undefined) return layers[i];
  return undefined;
}

/** A message about a merged key, placed where the file that gave it its value writes it. */
export function messageAt(layers: readonly Layer[], keys: readonly string[], reason: string, hint: string): Message {
  const layer = layerNaming(layers, keys) ?? layers[layers.length - 1]!;
  const node = layer.doc.getIn(keys, true) as YAML.Node | undefined;
  return { file: layer.file, place: placeOf(layer.src, node), ruleId: 'template', severity: 'error', reason, hint };
}

/**
 * Required keys, checked once the stack is merged (each file alone may leave them
 * to another). The merged data has no place in any file: the message names the
 * nearest file, whose author adds the key there.
 */
export function checkComplete(layers: readonly Layer[], merged: unknown, spec: Spec, what: string): Message[] {
  const top = layers[layers.length - 1]!;
  const doc = new YAML.Document(merged);
  return validate({ ...top.src, text: '' }, doc.contents, spec, 'template', what).messages;
}
