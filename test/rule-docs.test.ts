/**
 * The rules' documentation is written from the rules (scripts/rule-docs.mjs, `npm
 * run docs`): docs/rules/<id>.md and the rule tables of README.md and docs/lint.md.
 * Here it is written again in memory from src/ and compared with the committed
 * files, so that a rule changed without `npm run docs` fails the suite; and the
 * comparison is shown to fail when a rule's meta, an example or the set of rules
 * changes.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { END, ruleDocFiles, START, staleFiles, visible, withTable } from '../scripts/rule-docs.mjs';
import type { ConfigFile } from '../src/config/file.js';
import { parseSettings } from '../src/lint/config.js';
import { ruleDocUrl } from '../src/lint/doc-url.js';
import type { AnyRule } from '../src/lint/rule.js';
import { PARSE, RULES } from '../src/lint/rules/index.js';
import { LineIndex } from '../src/messages.js';
import { parseYaml } from '../src/yaml/parse.js';
import { ROOT } from './helpers.js';

const read = (rel: string) => readFileSync(path.join(ROOT, rel), 'utf8');
const files = (rules: readonly AnyRule[]): Map<string, string> => ruleDocFiles({ rules, parse: PARSE, read });
const stale = (rules: readonly AnyRule[]): string[] => staleFiles(files(rules), ROOT);

/** A copy of the rules with one changed. */
function changed(id: string, change: (r: AnyRule) => AnyRule): AnyRule[] {
  return RULES.map((r) => (r.meta.id === id ? change(r) : r));
}

describe('the rule docs (npm run docs)', () => {
  it('are up to date with the rules: a page a rule, and the tables of README.md and docs/lint.md', () => {
    expect(stale(RULES), 'the rule docs are stale: run `npm run docs` and commit what it writes').toEqual([]);
    const made = files(RULES);
    expect([...made.keys()].sort()).toEqual([...RULES.map((r) => `docs/rules/${r.meta.id}.md`), 'docs/rules/parse.md', 'README.md', 'docs/lint.md'].sort());
    // the table names every rule, links its page, and is where the markers are
    for (const [file, base] of [
      ['README.md', 'docs/rules/'],
      ['docs/lint.md', 'rules/'],
    ] as const) {
      const text = read(file);
      const table = text.slice(text.indexOf(START), text.indexOf(END));
      for (const r of RULES) expect(table, `${file}: ${r.meta.id}`).toContain(`| [\`${r.meta.id}\`](${base}${r.meta.id}.md) | ${r.meta.severity} | `);
    }
  });

  it('fail when a rule’s meta changes and the docs are not written again', () => {
    const severity = changed('quote-style', (r) => ({ ...r, meta: { ...r.meta, severity: 'error' } }));
    expect(stale(severity)).toEqual(['docs/rules/quote-style.md', 'README.md', 'docs/lint.md']);
    const option = changed('headline-length', (r) => ({ ...r, meta: { ...r.meta, options: { ...r.meta.options!, defaults: { max: 90 } } } }));
    expect(stale(option)).toEqual(['docs/rules/headline-length.md', 'README.md', 'docs/lint.md']);
    const doc = changed('lead', (r) => ({ ...r, meta: { ...r.meta, doc: `${r.meta.doc}, at last` } }));
    expect(stale(doc)).toEqual(['docs/rules/lead.md', 'README.md', 'docs/lint.md']);
  });

  it('fail when an example changes (the page alone), and when a rule comes or goes', () => {
    const example = changed('lead', (r) => ({ ...r, examples: { ...r.examples, valid: [...r.examples.valid, { name: 'one more', source: 'x' }] } }));
    expect(stale(example)).toEqual(['docs/rules/lead.md']);
    const fewer = RULES.filter((r) => r.meta.id !== 'embargo-date');
    expect(stale(fewer)).toEqual(['README.md', 'docs/lint.md', 'docs/rules/embargo-date.md (no such rule)']);
  });

  it('say where the table goes when a file has lost its markers', () => {
    expect(() => withTable('# README\n', 'table', 'README.md')).toThrow(/README\.md: the rule-table markers are missing/);
  });

  it('describe every fix: a rule with a fix says what it does, one without says nothing', () => {
    for (const r of RULES) expect(r.meta.fixDoc !== undefined, r.meta.id).toBe(r.meta.fixable);
  });

  it('give settings that a config accepts: each page’s YAML is the rule at its defaults', () => {
    for (const r of RULES) {
      const page = read(`docs/rules/${r.meta.id}.md`);
      const yaml = /```yaml\n(lint:\n[\s\S]*?)```/.exec(page)?.[1];
      expect(yaml, r.meta.id).toBeDefined();
      const src = { file: 'pressready.config.yaml', text: yaml!, index: new LineIndex(yaml!), base: 0 };
      const parsed = parseYaml(src, yaml!, 'config');
      expect(parsed.messages).toEqual([]);
      const config: ConfigFile = { file: src.file, doc: parsed.doc, src, value: parsed.value };
      const setting = parseSettings(config, RULES).get(r.meta.id);
      expect(setting?.level, r.meta.id).toBe(r.meta.options ? r.meta.severity : 'off');
      if (r.meta.options) expect(setting?.options, r.meta.id).toEqual(r.meta.options.defaults);
      expect(YAML.parse(yaml!).lint.rules[r.meta.id]).toBeDefined();
    }
  });

  it('show invisible characters by their code point, never as themselves', () => {
    expect(visible('a\u202Eb\u200B c\u00A0d\n')).toBe('a⟨U+202E⟩b⟨U+200B⟩ c⟨U+00A0⟩d\n');
    for (const r of [...RULES.map((x) => x.meta.id), 'parse']) expect(read(`docs/rules/${r}.md`), r).not.toMatch(/[\p{Cf}\u00A0\u202F\u200B]/u);
    expect(read('docs/rules/hidden-characters.md')).toContain('⟨U+202E⟩');
  });
});

describe('documentation URLs', () => {
  it('lead to each rule’s page, as a file: URL of the docs/ the package ships', () => {
    for (const id of [...RULES.map((r) => r.meta.id), PARSE.id]) {
      const url = ruleDocUrl(id);
      expect(url).toMatch(new RegExp(`^file:///.*/docs/rules/${id}\\.md$`));
      expect(existsSync(fileURLToPath(url)), url).toBe(true);
      expect(fileURLToPath(url)).toBe(path.join(ROOT, 'docs/rules', `${id}.md`));
    }
    const pkg = JSON.parse(read('package.json')) as { files: string[]; scripts: Record<string, string> };
    expect(pkg.files).toContain('docs');
    expect(pkg.scripts.docs).toMatch(/scripts\/rule-docs\.mjs/);
  });
});
