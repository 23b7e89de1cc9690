#!/usr/bin/env node
// `--version` alone is answered before the CLI loads: a CI step that checks the tool should not pay for it.
const args = process.argv.slice(2);
if (args.length === 1 && (args[0] === '--version' || args[0] === '-V')) {
  const { readFileSync } = await import('node:fs');
  process.stdout.write(`${JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).version}\n`);
} else {
  // lib/bundle/ is lib/ bundled as CommonJS (scripts/bundle.mjs): one file to load instead of hundreds,
  // compiled from V8's code cache of earlier runs. Node 22.1+ keeps that cache itself (module.enableCompileCache;
  // NODE_COMPILE_CACHE / NODE_DISABLE_COMPILE_CACHE still rule); Node 20 has none, and ./code-cache.cjs does it.
  const { default: mod } = await import('node:module');
  const require = mod.createRequire(import.meta.url);
  // V8's flags before any of the bundle is compiled: its code cache is made and taken under them (./v8-flags.cjs)
  require('./v8-flags.cjs').forShortRun(process);
  if (!mod.enableCompileCache) require('./code-cache.cjs').install(require('node:url').fileURLToPath(new URL('../lib/bundle/', import.meta.url)));
  else mod.enableCompileCache();
  const { main } = require('../lib/bundle/cli.js');
  await main();
}
