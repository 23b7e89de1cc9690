/** Applying fixes: one pass of sorted, non-overlapping edits; passes until stable, bounded. */
import { describe, expect, it } from 'vitest';
import { applyFixes, fixUntilStable, MAX_FIX_PASSES } from '../src/lint/fix.js';
import type { Message, TextEdit } from '../src/messages.js';

const msg = (ruleId: string, ...fix: TextEdit[]): Message => ({ file: 'a.md', ruleId, severity: 'error', reason: ruleId, fix });
const edit = (start: number, end: number, text: string): TextEdit => ({ range: [start, end], text });

describe('applyFixes', () => {
  it('applies edits in order of place, whatever the order of the messages, and copies the rest', () => {
    const text = '0123456789';
    const r = applyFixes(text, [msg('b', edit(7, 8, 'H')), msg('a', edit(1, 3, 'xy-')), msg('c', edit(10, 10, '!'))]);
    expect(r.output).toBe('0xy-3456H89!');
    expect(r.fixed.map((m) => m.ruleId)).toEqual(['a', 'b', 'c']);
  });

  it('leaves a fix that overlaps one already taken for the next pass, and two insertions at one point', () => {
    const r = applyFixes('abcdef', [msg('a', edit(1, 4, 'X')), msg('b', edit(3, 5, 'Y')), msg('c', edit(0, 0, '<')), msg('d', edit(0, 0, '['))]);
    expect(r.output).toBe('<aXef');
    expect(r.fixed.map((m) => m.ruleId)).toEqual(['c', 'a']);
  });

  it('applies a fix of several edits whole or not at all', () => {
    const r = applyFixes('"quoted" and "more"', [msg('one', edit(0, 1, '“'), edit(7, 8, '”')), msg('two', edit(7, 8, '*'), edit(13, 14, '“'))]);
    expect(r.output).toBe('“quoted” and "more"');
    expect(r.fixed.map((m) => m.ruleId)).toEqual(['one']);
  });

  it('refuses edits outside the text', () => {
    const r = applyFixes('abc', [msg('a', edit(2, 9, 'x'))]);
    expect(r.output).toBe('abc');
    expect(r.fixed).toEqual([]);
  });
});

describe('fixUntilStable', () => {
  it('lints again after each pass until nothing is fixable', async () => {
    // every pass fixes the first straight quote only, as overlapping fixes would
    const lint = async (t: string) => {
      const i = t.indexOf('"');
      return i < 0 ? [] : [msg('q', edit(i, i + 1, '“'))];
    };
    const r = await fixUntilStable('a "b" c "d"', lint);
    expect(r.output).toBe('a “b“ c “d“');
    expect(r.fixed).toBe(4);
    expect(r.passes).toBe(4);
    expect(r.messages).toEqual([]);
  });

  it('stops after a bounded number of passes when a fix never settles', async () => {
    let calls = 0;
    const r = await fixUntilStable('x', async (t) => {
      calls++;
      return [msg('grow', edit(t.length, t.length, 'x'))];
    });
    expect(r.passes).toBe(MAX_FIX_PASSES);
    expect(r.output).toBe('x'.repeat(MAX_FIX_PASSES + 1));
    expect(calls).toBe(MAX_FIX_PASSES + 1);
    expect(r.messages).toHaveLength(1);
  });
});
