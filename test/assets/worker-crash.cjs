/**
 * Test-only, never shipped: preloaded into the CLI by test/many.test.ts
 * (NODE_OPTIONS=--require), and so into each worker thread the pool starts (a
 * worker inherits the process's preloads). A worker that reads the source whose
 * path ends with PRESSREADY_TEST_CRASH dies there, as a worker that crashes in a
 * renderer would: process.exit in a worker thread ends that thread alone, with
 * that exit code. The main thread, which reads every source for the scan, is left alone.
 */
const { isMainThread } = require('node:worker_threads');

const target = process.env.PRESSREADY_TEST_CRASH;
if (!isMainThread && target) {
  const fsp = require('node:fs/promises');
  const readFile = fsp.readFile;
  fsp.readFile = function (file, ...rest) {
    if (String(file).endsWith(target)) process.exit(86);
    return readFile.call(this, file, ...rest);
  };
  // ES modules that imported readFile by name see the new one too
  require('node:module').syncBuiltinESMExports();
}
