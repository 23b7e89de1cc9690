#!/usr/bin/env node
// lib/bundle/ is lib/ bundled (scripts/bundle.mjs): one file to load instead of hundreds.
import { main } from '../lib/bundle/cli.js';

await main();
