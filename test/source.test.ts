import { describe, expect, it } from 'vitest';
import { parseSource } from '../src/source/parse.js';

const GOOD_BODY = '\nThe lead paragraph.\n';

function errorsOf(text: string) {
  const r = parseSource('release.md', text);
  expect(r.ok).toBe(false);
  return r.messages;
}

function at(text: string) {
  const [m] = errorsOf(text);
  return { line: m!.place?.start.line, column: m!.place?.start.column, reason: m!.reason, hint: m!.hint, ruleId: m!.ruleId };
}

describe('front matter errors point at the right place in the source file', () => {
  it('accepts a valid source', () => {
    const r = parseSource('release.md', `---\nheadline: H\ndateline:\n  city: Geneva\n  date: 2020-11-11\n---\n${GOOD_BODY}`);
    expect(r.ok).toBe(true);
  });

  it('missing front matter: line 1', () => {
    const m = at('# Just Markdown\n\nText.\n');
    expect(m).toMatchObject({ line: 1, column: 1, ruleId: 'front-matter' });
    expect(m.reason).toMatch(/no front matter/);
    expect(m.hint).toMatch(/---/);
  });

  it('unterminated front matter: says it is never closed', () => {
    const m = at('---\nheadline: H\ndateline:\n  city: Geneva\n\nBody text.\n');
    expect(m).toMatchObject({ line: 1, column: 1 });
    expect(m.reason).toMatch(/never closed/);
  });

  it('a YAML syntax error on line 5 of the file says line 5', () => {
    const text = `---\nheadline: H\ndateline:\n  city: Geneva\n  date: [2020-11-11\n---\n${GOOD_BODY}`;
    const m = at(text);
    expect(m.ruleId).toBe('yaml-syntax');
    expect(m.line).toBeGreaterThanOrEqual(5);
    expect(m.line).toBeLessThanOrEqual(6);
  });

  it('a bad mapping indentation points to the lines YAML cannot read', () => {
    const m = at(`---\nheadline: H\ndateline:\n  city: Geneva\n   date: 2020-11-11\n---\n${GOOD_BODY}`);
    expect(m.ruleId).toBe('yaml-syntax');
    // YAML reads `Geneva` and the wrongly indented line after it as one key
    expect([4, 5]).toContain(m.line);
    expect(m.hint).toMatch(/indentation/);
  });

  it('missing headline', () => {
    const m = at(`---\ndateline:\n  city: Geneva\n  date: 2020-11-11\n---\n${GOOD_BODY}`);
    expect(m.reason).toMatch(/Missing required key `headline`/);
    expect(m.line).toBe(2);
    expect(m.hint).toMatch(/headline:/);
  });

  it('an invalid date points at the value', () => {
    const m = at(`---\nheadline: H\ndateline:\n  city: Geneva\n  date: 2020-02-30\n---\n${GOOD_BODY}`);
    expect(m).toMatchObject({ line: 5, column: 9 });
    expect(m.reason).toMatch(/`dateline.date`.*not a real date/);
    expect(m.hint).toMatch(/YYYY-MM-DD/);
  });

  it('a date in another form', () => {
    const m = at(`---\nheadline: H\ndateline:\n  city: Geneva\n  date: 11/11/2020\n---\n${GOOD_BODY}`);
    expect(m).toMatchObject({ line: 5, column: 9 });
    expect(m.reason).toMatch(/YYYY-MM-DD/);
  });

  it('front matter that is not a mapping', () => {
    const m = at(`---\n- a\n- b\n---\n${GOOD_BODY}`);
    expect(m.reason).toMatch(/not a mapping/);
    expect(m.line).toBe(2);
  });

  it('empty front matter', () => {
    const m = at(`---\n---\n${GOOD_BODY}`);
    expect(m.reason).toMatch(/empty/);
  });

  it('duplicate keys point at the second one', () => {
    const m = at(`---\nheadline: H\ndateline:\n  city: Geneva\n  date: 2020-11-11\nheadline: Again\n---\n${GOOD_BODY}`);
    expect(m.ruleId).toBe('duplicate-key');
    expect(m.line).toBe(6);
    expect(m.column).toBe(1);
  });

  it('refuses YAML aliases that expand without bound, quickly and in little memory', () => {
    const lines = ['---', 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    const names = 'bcdefghijklmnopqrstuvwxyz'.split('');
    let prev = 'a';
    for (const n of names) {
      lines.push(`${n}: &${n} [*${prev},*${prev},*${prev},*${prev},*${prev},*${prev},*${prev},*${prev},*${prev}]`);
      prev = n;
    }
    lines.push('headline: H', 'dateline: {city: Geneva, date: 2020-11-11}', '---', '', 'Lead.');
    const heapBefore = process.memoryUsage().heapUsed;
    const t0 = performance.now();
    const m = at(lines.join('\n'));
    const elapsed = performance.now() - t0;
    expect(m.reason).toMatch(/aliases/);
    expect(m.line).toBeGreaterThanOrEqual(2);
    // a generous bound: the expansion would take minutes and gigabytes
    expect(elapsed).toBeLessThan(5000);
    expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(200 * 1024 * 1024);
  });

  it('a phone number YAML read as a number must be quoted', () => {
    const m = at(`---\nheadline: H\ndateline:\n  city: Geneva\n  date: 2020-11-11\ncontacts:\n  - name: A\n    phone: +41229179362\n---\n${GOOD_BODY}`);
    expect(m).toMatchObject({ line: 8, column: 12 });
    expect(m.hint).toMatch(/quotes/);
  });

  it('an embargo without offset', () => {
    const m = at(`---\nheadline: H\ndateline:\n  city: Geneva\n  date: 2020-11-11\nembargo: 2020-11-11T10:00:00\n---\n${GOOD_BODY}`);
    expect(m).toMatchObject({ line: 6, column: 10 });
    expect(m.reason).toMatch(/no time-zone offset/);
  });

  it('a wrong type', () => {
    const m = at(`---\nheadline: H\ndateline: Geneva\n---\n${GOOD_BODY}`);
    expect(m).toMatchObject({ line: 3, column: 11 });
    expect(m.reason).toMatch(/`dateline` must be a mapping/);
  });

  it('Windows line endings and a byte-order mark read the same', () => {
    const r = parseSource('release.md', '\uFEFF---\r\nheadline: H\r\ndateline:\r\n  city: Geneva\r\n  date: 2020-13-01\r\n---\r\n\r\nLead.\r\n');
    expect(r.ok).toBe(false);
    expect(r.messages[0]!.place?.start).toMatchObject({ line: 5, column: 9 });
  });

  it('keeps unknown keys for lint', () => {
    const r = parseSource('release.md', `---\nheadline: H\nsubheading: S\ndateline:\n  city: Geneva\n  date: 2020-11-11\n---\n${GOOD_BODY}`);
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.source.unknownKeys.map((k) => k.key)).toEqual(['subheading']);
  });
});

describe('a line that starts with an HTML comment', () => {
  const text = [
    '---\nheadline: H\ndateline: {city: Geneva, date: 2026-03-22}\n---\n',
    'The lead paragraph.\n',
    '<!-- secretnote --> The rest is *Markdown* with a [link](<vbscript:msgbox(1)>) and a [ref][r1].\n',
    '- item one\n- <!-- hidden --> item ![alt words](<javascript:alert(2)>) two\n',
    '[r1]: https://example.org/r1\n',
  ].join('\n');

  it('keeps the comment apart and reads the rest of the line as Markdown, at its place in the file', async () => {
    const r = parseSource('release.md', text);
    expect(r.ok).toBe(true);
    const tree = r.ok ? r.source.tree : undefined;
    const nodes: { type: string; value?: string; url?: string; line?: number; column?: number }[] = [];
    const walk = (n: { type: string; value?: string; url?: string; children?: unknown[]; position?: { start: { line: number; column: number } } }): void => {
      if (['html', 'emphasis', 'link', 'image'].includes(n.type))
        nodes.push({ type: n.type, ...(n.value ? { value: n.value } : {}), ...(n.url ? { url: n.url } : {}), line: n.position?.start.line, column: n.position?.start.column });
      (n.children as (typeof n)[] | undefined)?.forEach(walk);
    };
    walk(tree!);
    expect(nodes).toEqual([
      { type: 'html', value: '<!-- secretnote -->', line: 8, column: 1 },
      { type: 'emphasis', line: 8, column: 33 },
      { type: 'link', url: 'vbscript:msgbox(1)', line: 8, column: 51 },
      { type: 'link', url: 'https://example.org/r1', line: 8, column: 86 },
      { type: 'html', value: '<!-- hidden -->', line: 11, column: 3 },
      { type: 'image', url: 'javascript:alert(2)', line: 11, column: 24 },
    ]);
  });

  it('raw HTML after a comment stays HTML', () => {
    const r = parseSource('release.md', '---\nheadline: H\ndateline: {city: Geneva, date: 2026-03-22}\n---\n\nLead.\n\n<!-- c --> <div>x</div>\n');
    const html = r.ok ? r.source.tree.children.filter((c) => c.type === 'html') : [];
    expect(html.map((h) => (h as { value: string }).value)).toEqual(['<!-- c --> <div>x</div>']);
  });
});
