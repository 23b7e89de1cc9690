/**
 * tiny-inflate, the DEFLATE decoder in JavaScript that unicode-trie uses to
 * unpack its Unicode tables (line breaking, fontkit's shaping properties), made
 * to call Node's zlib: unpacking those tables took ~35 ms of a cold `generate`
 * in the interpreter, and takes ~1 ms natively (./tiny-inflate.cts).
 *
 * The bundle takes ./tiny-inflate.cjs in place of tiny-inflate (scripts/bundle.mjs);
 * for fontkit, loaded from node_modules, `useNativeInflate()` puts it in Node's
 * module cache under tiny-inflate's name before fontkit is first imported.
 */
import { createRequire, Module } from 'node:module';
import path from 'node:path';
import inflate from './tiny-inflate.cjs';

let done = false;

/** tiny-inflate as fontkit and its unicode-trie resolve it → this module, in `require.cache`. */
export function useNativeInflate(): void {
  if (done) return;
  done = true;
  try {
    const here = createRequire(import.meta.url);
    const fontkitDir = path.dirname(here.resolve('fontkit'));
    const fromFontkit = createRequire(path.join(fontkitDir, 'index.js'));
    const files = new Set([fromFontkit.resolve('tiny-inflate')]);
    try {
      files.add(createRequire(fromFontkit.resolve('unicode-trie')).resolve('tiny-inflate'));
    } catch {
      // unicode-trie elsewhere, or none: fontkit's own import is the one that matters most
    }
    for (const file of files) {
      if (here.cache[file]) continue;
      const m = new Module(file);
      m.filename = file;
      m.loaded = true;
      m.exports = inflate;
      here.cache[file] = m;
    }
  } catch {
    // fontkit not resolvable from here: it then loads tiny-inflate itself, only slower
  }
}
