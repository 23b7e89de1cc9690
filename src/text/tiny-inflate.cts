/**
 * tiny-inflate's interface on Node's zlib (./native-inflate.ts says why): a
 * CommonJS module like tiny-inflate itself, so that the CommonJS code that
 * requires it (unicode-trie) gets the function.
 */
import { inflateRawSync } from 'node:zlib';

function inflate(source: Uint8Array, dest: Uint8Array): Uint8Array {
  const out = inflateRawSync(source, { maxOutputLength: Math.max(dest.length, 1) });
  dest.set(out.subarray(0, dest.length));
  return out.length < dest.length ? dest.slice(0, out.length) : dest;
}

export = inflate;
