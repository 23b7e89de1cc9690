/**
 * tiny-inflate (a dependency of fontkit and of unicode-trie, which fontkit and
 * linebreak unpack their Unicode tables with) replaced by Node's zlib: the only
 * module in src/ that touches Node's module cache (test/adapters.test.ts checks
 * that, and has the contract test of the patch).
 *
 * The patch:
 *
 * 1. useNativeInflate — ./tiny-inflate-zlib.cts put in `require.cache` under
 *    the file names fontkit and its unicode-trie resolve `tiny-inflate` to,
 *    before fontkit is first imported. tiny-inflate inflates the ~540 KB of
 *    tables in JavaScript, in the interpreter on a first run: ~85 ms of CPU on
 *    this machine's loaded cores (~35 ms unloaded), against ~15 ms for zlib,
 *    in every cold `generate` that lays out text. The bundle does the same for
 *    the code it holds (linebreak's unicode-trie) with an alias
 *    (scripts/bundle.mjs). Speed. No upstream issue found: unicode-trie could
 *    take an inflater, or use zlib where there is one.
 */
import { createRequire, Module } from 'node:module';
import path from 'node:path';

// ./tiny-inflate-zlib.cts as built is `../adapters/tiny-inflate-zlib.cjs` both from lib/adapters/ and from the
// bundle in lib/bundle/ (test/adapters.test.ts runs the bundle and checks that zlib inflates). It is loaded by
// Node's require, not imported: a CommonJS module whose exports are the function. (Run from src/, as the tests
// do, it is not there: tiny-inflate stays.)

let done = false;

/** The files `require('tiny-inflate')` gives fontkit, and the unicode-trie it depends on. */
export function tinyInflateFiles(): string[] {
  const here = createRequire(import.meta.url);
  const fromFontkit = createRequire(path.join(path.dirname(here.resolve('fontkit')), 'index.js'));
  const files = new Set([fromFontkit.resolve('tiny-inflate')]);
  try {
    files.add(createRequire(fromFontkit.resolve('unicode-trie')).resolve('tiny-inflate'));
  } catch {
    // unicode-trie elsewhere, or none: fontkit's own import is the one that matters most
  }
  return [...files];
}

/** tiny-inflate as fontkit and its unicode-trie resolve it → ./tiny-inflate-zlib.cts, in `require.cache`. Call before fontkit is imported. */
export function useNativeInflate(): void {
  if (done) return;
  done = true;
  try {
    const require = createRequire(import.meta.url);
    const inflate = require('../adapters/tiny-inflate-zlib.cjs') as unknown;
    const cache = require.cache;
    for (const file of tinyInflateFiles()) {
      if (cache[file]) continue;
      const m = new Module(file);
      m.filename = file;
      m.loaded = true;
      m.exports = inflate;
      cache[file] = m;
    }
  } catch {
    // fontkit, or the zlib inflater, not found from here: fontkit then loads tiny-inflate itself, only slower
  }
}
