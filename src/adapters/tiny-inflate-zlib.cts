/**
 * tiny-inflate's interface on Node's zlib (./tiny-inflate.ts says why): a
 * CommonJS module like tiny-inflate itself, so that the CommonJS code that
 * requires it (unicode-trie) gets the function. The bundle takes it in place of
 * tiny-inflate (scripts/bundle.mjs).
 */
import { inflateRawSync } from 'node:zlib';

/** tiny-inflate's contract: `source` (raw DEFLATE) inflated into `dest`, which is returned, cut to the inflated length when that is shorter. */
function inflate(source: Uint8Array, dest: Uint8Array): Uint8Array {
  const out = inflateRawSync(source, { maxOutputLength: Math.max(dest.length, 1) });
  dest.set(out.subarray(0, dest.length));
  return out.length < dest.length ? dest.slice(0, out.length) : dest;
}

export = inflate;
