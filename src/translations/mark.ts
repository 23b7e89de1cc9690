/**
 * `translations --mark-current`: write the original's current fingerprint into a
 * translation's `source-hash`, changing nothing else in the file.
 */
import YAML, { type Pair, type Scalar } from 'yaml';
import type { Source } from '../source/parse.js';
import { fingerprintBlocks, formatFingerprint } from './fingerprint.js';

/** The translation's text with `source-hash` set to the original's fingerprint now. */
export function markCurrent(original: Source, translation: Source): string {
  const value = JSON.stringify(formatFingerprint(fingerprintBlocks(original)));
  const { text } = translation;
  const base = translation.yaml.src.base;
  const map = translation.yaml.doc.contents;
  const pair = YAML.isMap(map) ? (map.items as Pair<Scalar, Scalar>[]).find((p) => YAML.isScalar(p.key) && p.key.value === 'source-hash') : undefined;
  if (pair?.value?.range) {
    const [start, end] = pair.value.range;
    return text.slice(0, base + start) + value + text.slice(base + end);
  }
  // A new line just before the closing `---`, in the file's own line endings.
  const eol = /\r\n/.test(text) ? '\r\n' : '\n';
  const fenceLine = text.lastIndexOf('\n', translation.bodyOffset - 1 - 3) + 1;
  return `${text.slice(0, fenceLine)}source-hash: ${value}${eol}${text.slice(fenceLine)}`;
}
