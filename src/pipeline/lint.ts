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
import { settingsFor } from '../lint/config.js';
import { lintLoaded } from '../lint/engine.js';
import { RULES } from '../lint/rules/index.js';
import { type Planned, refused } from './generate.js';

/** The plans with what lint found added; with `strict`, a source with lint errors comes back refused (not built). */
export function lintPlanned(planned: readonly Planned[], cwd: string, strict: boolean): Planned[] {
  const configCache = new Map<string, ConfigFile | null>();
  return planned.map((p) => {
    if (!p.loaded) return p;
    const settings = settingsFor(path.dirname(path.resolve(cwd, p.ref.file)), cwd, RULES, configCache);
    const errors = lintLoaded(p.loaded, { settings }).filter((m) => m.severity === 'error');
    if (!errors.length) return p;
    if (!strict) return { ...p, messages: [...p.messages, ...errors.map((m) => ({ ...m, severity: 'warning' as const }))] };
    return refused(p, [
      ...errors,
      {
        file: p.ref.file,
        ruleId: 'strict',
        severity: 'error',
        reason: `Not generated: ${errors.length} lint error${errors.length === 1 ? '' : 's'} (--strict)`,
        hint: 'Mend them (`pressready lint --fix` mends the safe ones), or generate without --strict.',
      },
    ]);
  });
}
