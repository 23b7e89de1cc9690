/**
 * Every rule's own examples (src/lint/rules/<id>.ts), run one rule at a time:
 * valid sources give the rule nothing to say; invalid ones give exactly the
 * messages written beside them, at their line and column; a fixable example's
 * `--fix` output is the text written beside it, and fixing it again changes nothing.
 */
import { describe, expect, it } from 'vitest';
import { lintText } from '../src/lint/engine.js';
import { fixUntilStable } from '../src/lint/fix.js';
import type { AnyRule, Example } from '../src/lint/rule.js';
import { RULES } from '../src/lint/rules/index.js';
import { tempDirs } from './helpers.js';

const temp = tempDirs();

function lintExample(rule: AnyRule, ex: Example<unknown>) {
  const dir = temp({ 'release.md': ex.source, ...(ex.files ?? {}) });
  const settings = new Map([[rule.meta.id, { options: (ex.options ?? {}) as Record<string, unknown> }]]);
  const lint = (text: string) => lintText('release.md', text, { cwd: dir, rules: [rule], settings });
  return { lint, messages: lint(ex.source) };
}

describe.each(RULES.map((r) => [r.meta.id, r] as const))('rule %s', (id, rule) => {
  it('has a doc line, a default severity and an invalid example that asserts line, column and message', () => {
    expect(rule.meta.doc.length).toBeGreaterThan(20);
    expect(['error', 'warning']).toContain(rule.meta.severity);
    expect(rule.examples.invalid.length).toBeGreaterThan(0);
    expect(rule.examples.valid.length).toBeGreaterThan(0);
    for (const ex of rule.examples.invalid) expect(ex.messages?.length, ex.name).toBeGreaterThan(0);
    if (rule.meta.fixable) expect(rule.examples.invalid.some((ex) => ex.output !== undefined)).toBe(true);
  });

  it.each(rule.examples.valid.map((ex) => [ex.name, ex] as const))('valid: %s', async (_name, ex) => {
    const messages = await lintExample(rule, ex).messages;
    expect(messages.filter((m) => m.ruleId === id).map((m) => m.reason)).toEqual([]);
  });

  it.each(rule.examples.invalid.map((ex) => [ex.name, ex] as const))('invalid: %s', async (_name, ex) => {
    const { lint, messages } = lintExample(rule, ex);
    const got = (await messages).filter((m) => m.ruleId === id);
    expect(got.every((m) => m.severity === rule.meta.severity && m.file === 'release.md')).toBe(true);
    expect(
      got.map((m, i) => {
        const want = ex.messages![i];
        return {
          line: m.place?.start.line,
          column: m.place?.start.column,
          ...(want?.endLine !== undefined ? { endLine: m.place?.end?.line } : {}),
          ...(want?.endColumn !== undefined ? { endColumn: m.place?.end?.column } : {}),
          reason: m.reason,
          ...(want?.hint !== undefined ? { hint: m.hint } : {}),
        };
      }),
    ).toEqual(ex.messages);
    if (ex.output !== undefined) {
      const fixed = await fixUntilStable(ex.source, lint);
      expect(fixed.output).toBe(ex.output);
      expect(fixed.messages.filter((m) => m.ruleId === id && m.fix)).toEqual([]);
      const again = await fixUntilStable(fixed.output, lint);
      expect(again.fixed).toBe(0);
    } else {
      expect(got.filter((m) => m.fix)).toEqual([]);
    }
  });
});
