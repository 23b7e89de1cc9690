#!/usr/bin/env node
// `--version` alone is answered before the CLI loads: a CI step that checks the tool should not pay for it.
const args = process.argv.slice(2);
if (args.length === 1 && (args[0] === '--version' || args[0] === '-V')) {
  const { readFileSync } = await import('node:fs');
  process.stdout.write(`${JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).version}\n`);
} else {
  // lib/bundle/ is lib/ bundled (scripts/bundle.mjs): one file to load instead of hundreds.
  const { main } = await import('../lib/bundle/cli.js');
  await main();
}
