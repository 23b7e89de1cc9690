/**
 * Rule settings from `pressready.config.yaml`:
 *
 *   lint:
 *     rules:
 *       quote-style: off                      # off | warn | warning | error, or 0 | 1 | 2
 *       headline-length: [warning, { max: 90 }]
 *
 * Every problem is positioned in the config file and makes the command wrong (exit 2).
 */
import YAML, { type Pair, type Node as YamlNode } from 'yaml';
import { type ConfigFile, findConfig } from '../config/file.js';
import { type Message, UserError } from '../messages.js';
import { closest } from '../text/distance.js';
import { placeOf } from '../yaml/parse.js';
import { validate } from '../yaml/schema.js';
import type { AnyRule, RuleSeverity } from './rule.js';

type Level = 'off' | RuleSeverity;

export interface RuleSetting {
  level: Level;
  options: Record<string, unknown>;
}

/** Rule id → its setting, for the rules a config names. */
export type RuleSettings = ReadonlyMap<string, Partial<RuleSetting>>;

const LEVELS: Record<string, Level> = { off: 'off', '0': 'off', warn: 'warning', warning: 'warning', '1': 'warning', error: 'error', '2': 'error' };

/** The settings for the sources of one folder (nearest config upward); `cache` is shared by one run. */
export function settingsFor(dir: string, cwd: string, rules: readonly AnyRule[], cache: Map<string, ConfigFile | null>): RuleSettings {
  const config = findConfig(dir, cwd, cache);
  return config ? parseSettings(config, rules) : new Map();
}

const parsedCache = new WeakMap<ConfigFile, RuleSettings>();

export function parseSettings(config: ConfigFile, rules: readonly AnyRule[]): RuleSettings {
  const done = parsedCache.get(config);
  if (done) return done;
  const problems: Message[] = [];
  const at = (node: YamlNode | null | undefined, reason: string, hint: string) =>
    problems.push({ file: config.file, place: placeOf(config.src, node), ruleId: 'config', severity: 'error', reason, hint });
  const settings = new Map<string, Partial<RuleSetting>>();
  const root = config.doc.contents as YamlNode | null;

  const lint = YAML.isMap(root) ? (root.get('lint', true) as YamlNode | undefined) : undefined;
  if (root !== null && !YAML.isMap(root) && !(YAML.isScalar(root) && root.value === null)) {
    at(root, 'The config file is not a mapping of `key: value` lines', 'Start it with `lint:` and, under it, `rules:`.');
  }
  const rulesNode = YAML.isMap(lint) ? (lint.get('rules', true) as YamlNode | undefined) : undefined;
  if (lint !== undefined && !YAML.isMap(lint)) at(lint, '`lint` must be a mapping', 'Write `rules:` under `lint:`, indented.');
  if (YAML.isMap(lint)) {
    for (const pair of lint.items as Pair<YamlNode, YamlNode>[]) {
      const key = YAML.isScalar(pair.key) ? String(pair.key.value) : '';
      if (key !== 'rules') at(pair.key, `Unknown key \`lint.${key}\``, 'Allowed under `lint`: `rules`.');
    }
  }
  if (rulesNode !== undefined && !YAML.isMap(rulesNode)) at(rulesNode, '`lint.rules` must be a mapping of rule ids to settings', 'For example `quote-style: off`.');

  if (YAML.isMap(rulesNode)) {
    const ids = rules.map((r) => r.meta.id);
    for (const pair of rulesNode.items as Pair<YamlNode, YamlNode | null>[]) {
      const id = YAML.isScalar(pair.key) ? String(pair.key.value) : '';
      const rule = rules.find((r) => r.meta.id === id);
      if (!rule) {
        const guess = closest(id, ids);
        at(pair.key, `Unknown lint rule \`${id}\``, guess ? `Did you mean \`${guess}\`?` : `The rules are: ${ids.join(', ')}.`);
        continue;
      }
      const value = pair.value;
      const levelNode = YAML.isSeq(value) ? (value.items[0] as YamlNode | undefined) : value;
      const level = YAML.isScalar(levelNode) ? LEVELS[String(levelNode.value)] : undefined;
      if (!level) {
        at(levelNode ?? value ?? pair.key, `The setting of \`${id}\` must be off, warn or error (or 0, 1, 2)`, `For example \`${id}: warn\`, or \`${id}: [warn, { … }]\` with options.`);
        continue;
      }
      const setting: Partial<RuleSetting> = { level };
      if (YAML.isSeq(value) && value.items.length > 1) {
        const optionsNode = value.items[1] as YamlNode;
        const spec = rule.meta.options?.spec;
        if (!spec || value.items.length > 2) {
          at(
            optionsNode,
            spec ? `\`${id}\` takes a severity and one mapping of options` : `\`${id}\` has no options`,
            spec ? `Options of \`${id}\`: ${Object.keys(spec).join(', ')}.` : `Write \`${id}: ${level}\`.`,
          );
          continue;
        }
        const checked = validate(config.src, optionsNode, { type: 'map', keys: spec, doc: `the options of ${id}` }, 'config', `the options of \`${id}\``);
        problems.push(...checked.messages);
        setting.options = optionsNode.toJSON() as Record<string, unknown>;
      }
      settings.set(id, setting);
    }
  }
  if (problems.length) throw new UserError(problems, 2);
  parsedCache.set(config, settings);
  return settings;
}

/** A rule's effective level and options: the config's, over the rule's defaults. */
export function settingOf(rule: AnyRule, settings: RuleSettings): RuleSetting {
  const s = settings.get(rule.meta.id);
  return {
    level: s?.level ?? rule.meta.severity,
    options: { ...(rule.meta.options?.defaults ?? {}), ...(s?.options ?? {}) },
  };
}
