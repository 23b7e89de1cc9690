/**
 * Every rule's own examples (src/lint/rules/<id>.ts), run one rule at a time:
 * valid sources give the rule nothing to say; invalid ones give exactly the
 * messages written beside them, at their line and column; a fixable example's
 * `--fix` output is the text written beside it, and fixing it again changes nothing.
 */

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { lintText } from '../src/lint/engine.js';
import { fixUntilStable } from '../src/lint/fix.js';
import type { AnyRule, Example } from '../src/lint/rule.js';
import { RULES } from '../src/lint/rules/index.js';
import { ALL_FIXTURES, fixture, loadFixture, ROOT, tempDirs } from './helpers.js';

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

/** The fixtures' translations, each against its original: the rules that compare languages must read each language's own ways. */
describe('the fixtures’ translations', () => {
  const TRANSLATIONS = ALL_FIXTURES.filter((f) => /\/release\.[a-z]{2}\.md$/.test(f));
  const byId = (id: string) => RULES.find((r) => r.meta.id === id)!;
  const lintFixture = (rel: string, id: string, options: Record<string, unknown> = {}) =>
    lintText(path.relative(ROOT, fixture(rel)), readFileSync(fixture(rel), 'utf8'), {
      cwd: ROOT,
      rules: [byId(id)],
      settings: new Map([[id, { options }]]),
    });

  it('are all of them: ten', () => expect(TRANSLATIONS).toHaveLength(10));

  it.each(TRANSLATIONS)('%s: every quotation has its speaker, and the structure is the original’s', async (rel) => {
    for (const id of ['quote-attribution', 'translation-structure'])
      expect(
        (await lintFixture(rel, id)).map((m) => m.reason),
        id,
      ).toEqual([]);
  });

  it.each(TRANSLATIONS)('%s: its quotes are the original’s, in number, form and speaker (compared by position)', async (rel) => {
    const l = await loadFixture(rel);
    const mine = l.release.quotes;
    const theirs = l.original!.release.quotes;
    expect(mine.map((q) => q.form)).toEqual(theirs.map((q) => q.form));
    expect(mine.every((q) => q.speaker)).toBe(true);
    // names are written in another script: the same person where the original has the same person
    const people = (qs: typeof mine) => qs.map((q) => qs.findIndex((o) => o.speaker === q.speaker));
    expect(people(mine)).toEqual(people(theirs));
  });

  it.each(TRANSLATIONS)('%s: no longer a headline than the original’s, scaled by its language', async (rel) => {
    const l = await loadFixture(rel);
    const max = [...new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(l.original!.release.headline)].length;
    expect(await lintFixture(path.relative(fixture(), path.resolve(ROOT, l.original!.source.file)), 'headline-length', { max })).toEqual([]);
    expect((await lintFixture(rel, 'headline-length', { max })).map((m) => m.reason)).toEqual([]);
  });

  it('the scale matters: the Spanish headline is longer than the English; the Chinese one, shorter than 50 characters, is too long for a maximum of 50 (20 in Chinese)', async () => {
    const es = 'cedaw-trafficking/release.es.md';
    const l = await loadFixture(es);
    const length = (h: string) => [...new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(h)].length;
    expect(length(l.release.headline)).toBeGreaterThan(length(l.original!.release.headline));
    const zh = await loadFixture('cedaw-trafficking/release.zh.md');
    expect(await lintFixture('cedaw-trafficking/release.zh.md', 'headline-length', { max: 50 })).toHaveLength(1);
    expect(length(zh.release.headline)).toBeLessThan(50);
  });
});

describe('the engine holds rules to their meta', () => {
  const fixing = (fixable: boolean): AnyRule => ({
    meta: { id: 'test-fixer', severity: 'warning', doc: 'reports the first character with a fix', fixable },
    examples: { valid: [], invalid: [] },
    check: (ctx) => ctx.report({ reason: 'first character', range: [0, 1], fix: [{ range: [0, 1], text: '-' }] }),
  });

  const text = readFileSync(fixture('cedaw-trafficking', 'release.md'), 'utf8');

  it('keeps the fix of a rule marked fixable', async () => {
    const dir = temp({ 'release.md': text });
    const messages = await lintText('release.md', text, { cwd: dir, rules: [fixing(true)] });
    expect(messages.map((m) => m.fix)).toEqual([[{ range: [0, 1], text: '-' }]]);
  });

  it('throws when a rule not marked fixable reports a fix, instead of dropping the fix', async () => {
    const dir = temp({ 'release.md': text });
    await expect(lintText('release.md', text, { cwd: dir, rules: [fixing(false)] })).rejects.toThrow(/rule test-fixer reported a fix, but its meta.fixable is false/);
  });
});
