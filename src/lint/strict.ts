/**
 * Lint inside `generate`: every source is linted (with the rule settings of its
 * config file), reading the release that generate already loaded. By default a
 * lint error is told as a warning and the source is still generated — a release
 * with unbalanced quotation marks or a `#` link must not go out silently. With
 * `--strict` a source with lint errors is not generated: that source's error
 * (exit 1); the others are still generated.
 */
import path from 'node:path';
import type { ConfigFile } from '../config/file.js';
import type { Planned } from '../pipeline/generate.js';
import { settingsFor } from './config.js';
import { lintLoaded } from './engine.js';
import { RULES } from './rules/index.js';

export function lintPlanned(planned: Planned[], cwd: string, strict: boolean): void {
  const configCache = new Map<string, ConfigFile | null>();
  for (const p of planned) {
    if (!p.loaded) continue;
    const settings = settingsFor(path.dirname(path.resolve(cwd, p.ref.file)), cwd, RULES, configCache);
    const errors = lintLoaded(p.loaded, { settings }).filter((m) => m.severity === 'error');
    if (!errors.length) continue;
    if (!strict) {
      p.messages.push(...errors.map((m) => ({ ...m, severity: 'warning' as const })));
      continue;
    }
    p.messages.push(...errors, {
      file: p.ref.file,
      ruleId: 'strict',
      severity: 'error',
      reason: `Not generated: ${errors.length} lint error${errors.length === 1 ? '' : 's'} (--strict)`,
      hint: 'Mend them (`pressready lint --fix` mends the safe ones), or generate without --strict.',
    });
    delete p.loaded;
  }
}
