/** The report formats of `lint --format`, by name. */
import { github } from './github.js';
import { json } from './json.js';
import { sarif } from './sarif.js';
import { stylish } from './stylish.js';
import type { Formatter } from './types.js';

export const FORMATTERS: Readonly<Record<string, Formatter>> = { stylish, json, github, sarif };
export type { Formatter } from './types.js';
