/**
 * `pressready.config.yaml`: found from a source's folder upward (the nearest one
 * wins, as with .editorconfig without `root`). Read with positions so that every
 * problem in it says its line and column. A config the tool cannot read or parse
 * is a problem of the command (exit 2), not of a source.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Document } from 'yaml';
import { LineIndex, UserError } from '../messages.js';
import { parseYaml, type YamlSource } from '../yaml/parse.js';

export const CONFIG_NAME = 'pressready.config.yaml';

export interface ConfigFile {
  /** the path as shown in messages: relative to the working folder when inside it */
  file: string;
  doc: Document.Parsed;
  src: YamlSource;
  value: unknown;
}

/** The config that applies to a folder, or undefined; `cache` maps folders already searched. */
/** `cwd`: messages name the file relative to it, as the user would type it. */
export function findConfig(dir: string, cwd: string, cache = new Map<string, ConfigFile | null>()): ConfigFile | undefined {
  const seen: string[] = [];
  let found: ConfigFile | null = null;
  for (let d = path.resolve(dir); ; d = path.dirname(d)) {
    const hit = cache.get(d);
    if (hit !== undefined) {
      found = hit;
      break;
    }
    seen.push(d);
    const candidate = path.join(d, CONFIG_NAME);
    if (existsSync(candidate)) {
      found = readConfig(candidate, cwd);
      break;
    }
    if (path.dirname(d) === d) break;
  }
  for (const d of seen) cache.set(d, found);
  return found ?? undefined;
}

function readConfig(abs: string, cwd: string): ConfigFile {
  const rel = path.relative(cwd, abs);
  const file = rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel.split(path.sep).join('/') : abs;
  let text: string;
  try {
    text = readFileSync(abs, 'utf8');
  } catch (e) {
    throw new UserError(
      { file, ruleId: 'config', severity: 'error', reason: `Cannot read the config file (${(e as NodeJS.ErrnoException).code ?? 'error'})`, hint: 'Check that it is a readable file, or remove it.' },
      2,
    );
  }
  const src: YamlSource = { file, text, index: new LineIndex(text), base: 0 };
  const parsed = parseYaml(src, text, 'config');
  if (parsed.messages.length) throw new UserError(parsed.messages, 2);
  return { file, doc: parsed.doc, src, value: parsed.value };
}
