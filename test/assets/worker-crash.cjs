/**
 * Test-only, never shipped: preloaded into the CLI by test/many.test.ts and test/watch.test.ts
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

// `watch`'s PDF thread is sent the release, not its file: that thread dies when it loads the module that
// renders a PDF task (its name contains PRESSREADY_TEST_CRASH_MODULE), as a renderer that crashes would.
const crashModule = process.env.PRESSREADY_TEST_CRASH_MODULE;
if (!isMainThread && crashModule) {
  const Module = require('node:module');
  const load = Module._load;
  Module._load = function (request, ...rest) {
    if (String(request).includes(crashModule)) {
      // a line in PRESSREADY_TEST_CRASH_MARK a death, so that the test knows the thread did die
      if (process.env.PRESSREADY_TEST_CRASH_MARK) require('node:fs').appendFileSync(process.env.PRESSREADY_TEST_CRASH_MARK, 'died\n');
      process.exit(86);
    }
    return load.call(this, request, ...rest);
  };
}
