/**
 * `pressready.config.yaml`, found from a source's folder upward: the project's
 * languages, lint rule settings and generate defaults. A config that cannot be
 * read or is malformed is a usage error (exit 2): it affects every source.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { LineIndex, UserError } from '../messages.js';
import { parseYaml, type YamlSource } from '../yaml/parse.js';
import { validate, type Spec } from '../yaml/schema.js';

export const CONFIG_NAME = 'pressready.config.yaml';

export interface Config {
  /** where it was found; undefined when there is none */
  file?: string;
  /** languages every original should be translated into */
  languages: string[];
  /** lint rule settings, by rule id */
  lint?: { rules?: Record<string, unknown> };
  generate?: Record<string, unknown>;
}

const configSpec: Spec = {
  type: 'map',
  doc: 'the project configuration',
  keys: {
    languages: { type: 'list', items: { type: 'string' }, doc: 'the languages of the project, e.g. [en, fr, ar]' },
    lint: { type: 'map', keys: { rules: { type: 'record', values: { type: 'any' } } }, doc: 'lint settings: `rules:` by id' },
    generate: { type: 'record', values: { type: 'any' }, doc: 'defaults for generate' },
  },
};

const cache = new Map<string, Config>();

export function findConfigFile(dir: string): string | undefined {
  let d = path.resolve(dir);
  for (;;) {
    const f = path.join(d, CONFIG_NAME);
    if (existsSync(f)) return f;
    const up = path.dirname(d);
    if (up === d) return undefined;
    d = up;
  }
}

export function loadConfig(dir: string): Config {
  const file = findConfigFile(dir);
  if (!file) return { languages: [] };
  const cached = cache.get(file);
  if (cached) return cached;
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new UserError({ file, ruleId: 'config', severity: 'error', reason: 'Cannot read the configuration file', hint: 'Check that it is readable.' }, 2);
  }
  const src: YamlSource = { file, text, index: new LineIndex(text), base: 0 };
  const parsed = parseYaml(src, text, 'config');
  if (parsed.messages.length) throw new UserError(parsed.messages, 2);
  if (parsed.doc.contents === null) return { file, languages: [] };
  const result = validate(src, parsed.doc.contents, configSpec, 'config', 'the configuration');
  if (result.messages.length) throw new UserError(result.messages, 2);
  const raw = parsed.value as Partial<Config>;
  const config: Config = { ...raw, file, languages: raw.languages ?? [] };
  cache.set(file, config);
  return config;
}
