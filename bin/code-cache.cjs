'use strict';
/**
 * V8's code cache for the bundle (lib/bundle/, CommonJS) on Node versions without
 * module.enableCompileCache (Node 20; 22.1+ has its own and this is not used).
 * Compiling the bundle's ~1.5 MB of JavaScript was the largest single cost of a
 * cold `generate` on Node 20 (see README, Benchmark). Written by hand, not with
 * v8-compile-cache: that package caches only what V8 compiles before a file runs,
 * while the functions a minified bundle runs are compiled lazily, later; here each
 * file's cache is made when the process exits (script.createCachedData()), so it
 * holds the functions the run used.
 *
 * Where: <os.tmpdir()>/pressready-code-cache-<uid>/<node version>-<arch>/, one
 * file a bundle file, named by the hash of its source (a new version or build
 * makes new names). Written once, when a file had no usable cache, atomically
 * (temporary file + rename). A cache file starts with the SHA-256 of the rest:
 * one that is cut short or changed is ignored, as is one V8 rejects (another
 * V8 or flags), and is written again. A folder not owned by this user is not
 * used. PRESSREADY_CODE_CACHE=0 (or NODE_DISABLE_COMPILE_CACHE) turns it off.
 * Any error of the cache leaves the run to compile as without it.
 */
const crypto = require('node:crypto');
const fs = require('node:fs');
const Module = require('node:module');
const os = require('node:os');
const path = require('node:path');
const vm = require('node:vm');

function cacheDir() {
  const uid = typeof process.getuid === 'function' ? process.getuid() : os.userInfo().username;
  const top = path.join(os.tmpdir(), `pressready-code-cache-${uid}`);
  fs.mkdirSync(top, { recursive: true, mode: 0o700 });
  const st = fs.lstatSync(top);
  // another user's folder (a shared /tmp) could hold code made to run here: not used
  if (!st.isDirectory() || (typeof process.getuid === 'function' && st.uid !== process.getuid())) return undefined;
  const dir = path.join(top, `${process.version}-${process.arch}`);
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  return dir;
}

const sha256 = (data) => crypto.createHash('sha256').update(data).digest();

function readCache(file) {
  let bytes;
  try {
    bytes = fs.readFileSync(file);
  } catch {
    return undefined;
  }
  if (bytes.length <= 32) return undefined;
  const data = bytes.subarray(32);
  return sha256(data).equals(bytes.subarray(0, 32)) ? data : undefined;
}

function writeCache(file, data) {
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    fs.writeFileSync(tmp, Buffer.concat([sha256(data), data]), { mode: 0o600 });
    fs.renameSync(tmp, file);
  } catch {
    try {
      fs.rmSync(tmp, { force: true });
    } catch {
      // nothing to tidy
    }
  }
}

/** Compile the CommonJS files under `bundleDir` with the code cache from now on (this thread). */
exports.install = function install(bundleDir) {
  const off = process.env.PRESSREADY_CODE_CACHE;
  if (off === '0' || off === 'false' || process.env.NODE_DISABLE_COMPILE_CACHE) return;
  let dir;
  try {
    dir = cacheDir();
  } catch {
    return;
  }
  if (!dir) return;
  const prefix = path.resolve(bundleDir) + path.sep;
  const toWrite = [];
  const compile = Module.prototype._compile;
  Module.prototype._compile = function (content, filename) {
    // a file with import() (of an external package) needs Node's own loader for it: compiled as usual
    if (!filename.startsWith(prefix) || content.includes('import(')) return compile.call(this, content, filename);
    // hashed in parts: `${filename}\0${content}` made a copy of the whole source first (~15 ms a run)
    const key = crypto.createHash('sha256').update(filename).update('\0').update(content).digest('hex').slice(0, 32);
    const cacheFile = path.join(dir, `${key}.bin`);
    const cachedData = readCache(cacheFile);
    const script = new vm.Script(Module.wrap(content), {
      filename,
      ...(cachedData ? { cachedData } : {}),
    });
    if (!cachedData || script.cachedDataRejected) toWrite.push({ script, cacheFile });
    const fn = script.runInThisContext({ displayErrors: true });
    const require = Module.createRequire(filename);
    return fn.call(this.exports, this.exports, require, this, filename, path.dirname(filename));
  };
  process.once('exit', () => {
    for (const { script, cacheFile } of toWrite) {
      try {
        writeCache(cacheFile, script.createCachedData());
      } catch {
        // no cache this time
      }
    }
  });
};
