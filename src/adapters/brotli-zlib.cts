/**
 * The `brotli` package's decoder (`brotli/decompress.js`), which fontkit calls
 * for WOFF2 fonts, on Node's zlib: the package's is 800 KB of JavaScript (most of
 * it Brotli's dictionary as one string) that every process making a PDF loaded,
 * WOFF2 font or not. The bundle takes this in its place (scripts/bundle.mjs).
 * Same contract: the compressed bytes and the size the font's header gives
 * (or none) → the bytes, cut to what was decoded when that is fewer.
 */
import { brotliDecompressSync } from 'node:zlib';

function decompress(input: Uint8Array, outputSize?: number | null): Uint8Array {
  const out = brotliDecompressSync(input, outputSize == null ? {} : { maxOutputLength: Math.max(outputSize, 1) });
  return new Uint8Array(out.buffer, out.byteOffset, out.length);
}

export = decompress;
