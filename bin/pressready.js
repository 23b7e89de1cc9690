#!/usr/bin/env node
// `--version` alone is answered before the CLI loads: a CI step that checks the tool should not pay for it.
const args = process.argv.slice(2);
if (args.length === 1 && (args[0] === '--version' || args[0] === '-V')) {
  const { readFileSync } = await import('node:fs');
  process.stdout.write(`${JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).version}\n`);
} else {
  // Node 22.1+ keeps V8's compiled code of the bundle on disk between runs (module.enableCompileCache);
  // Node 20 has no such cache. NODE_COMPILE_CACHE / NODE_DISABLE_COMPILE_CACHE still rule.
  const { default: mod } = await import('node:module');
  mod.enableCompileCache?.();
  // lib/bundle/ is lib/ bundled (scripts/bundle.mjs): one file to load instead of hundreds.
  const { main } = await import('../lib/bundle/cli.js');
  await main();
}
