/** The report formats of `lint`: each as a CI tool or a person reads it. */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import ajvDraft04 from 'ajv-draft-04';
import { describe, expect, it } from 'vitest';
import { run } from '../src/cli/main.js';
import { RULES } from '../src/lint/rules/index.js';
import type { Io } from '../src/report/io.js';
import { ROOT, runCli, tempDirs } from './helpers.js';

const temp = tempDirs();

/** A source with one fixable error (a `«…”` pair) on line 8, one warning (straight quotes) on line 10, and an error without a fix. */
const SOURCE =
  '---\nheadline: Committee calls for action\ndateline:\n  city: Geneva\n  date: 2020-11-11\n---\n\n' +
  '«Combatting trafficking entails discouraging demand,” Leinarte said.\n\n"Trafficking is a gendered crime," she added.\n\nRead the [report](#).\n\n## Media contacts\n\n- Vivian Kwok, +41 22 917 9362, vkwok@ohchr.org\n';

function lintAs(format: string, extra: string[] = []) {
  const dir = temp({ 'news/a.md': SOURCE });
  return { ...runCli(['lint', 'news/a.md', '--format', format, ...extra], { cwd: dir }), dir };
}

const sarifSchema = JSON.parse(readFileSync(path.join(ROOT, 'node_modules/@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8'));
// unicodeRegExp off: the published schema's `language` pattern has a stray `]`, which only non-Unicode regular expressions accept
// ajv-draft-04 is CommonJS: imported from ESM its default is `module.exports`, whose `.default` is the class (as its types say)
const Ajv = ajvDraft04.default;
const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
// the schema's formats, checked rather than ignored
ajv.addFormat('uri', (s: string) => URL.canParse(s));
ajv.addFormat('uri-reference', (s: string) => URL.canParse(s, 'file:///base/'));
ajv.addFormat('date-time', (s: string) => !Number.isNaN(Date.parse(s)));
const validateSarif = ajv.compile(sarifSchema);

describe('--format sarif', () => {
  it('validates against the SARIF 2.1.0 schema and describes every rule', () => {
    const r = lintAs('sarif');
    expect(r.code).toBe(1);
    const log = JSON.parse(r.stdout);
    const ok = validateSarif(log);
    expect(validateSarif.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
    expect(log.version).toBe('2.1.0');
    expect(log.runs).toHaveLength(1);
    const run0 = log.runs[0];
    const ids = run0.tool.driver.rules.map((d: { id: string }) => d.id);
    expect(ids).toEqual([...RULES.map((x) => x.meta.id), 'parse']);
    expect(run0.tool.driver.rules.find((d: { id: string }) => d.id === 'quote-style').defaultConfiguration.level).toBe('warning');
    // each descriptor links the rule's page (docs/rules/<id>.md, shipped with the package) and gives its options' defaults
    for (const d of run0.tool.driver.rules as { id: string; helpUri: string }[]) {
      expect(d.helpUri).toBe(pathToFileURL(path.join(ROOT, 'docs/rules', `${d.id}.md`)).href);
      expect(existsSync(fileURLToPath(d.helpUri)), d.helpUri).toBe(true);
    }
    expect(run0.tool.driver.rules.find((d: { id: string }) => d.id === 'headline-length').defaultConfiguration.parameters).toEqual({ max: 100 });
    expect(run0.tool.driver.rules.find((d: { id: string }) => d.id === 'quote-style').defaultConfiguration.parameters).toBeUndefined();
    expect(run0.results.map((x: { ruleId: string; level: string }) => [x.ruleId, x.level])).toEqual([
      ['quote-balance', 'error'],
      ['quote-style', 'warning'],
      ['placeholder-link', 'error'],
    ]);
    for (const res of run0.results) {
      expect(ids[res.ruleIndex]).toBe(res.ruleId);
      const loc = res.locations[0].physicalLocation;
      expect(loc.artifactLocation).toEqual({ uri: 'news/a.md', uriBaseId: '%SRCROOT%' });
      expect(loc.region.startLine).toBeGreaterThan(7);
      expect(loc.region.endColumn).toBeGreaterThan(loc.region.startColumn);
    }
    expect(run0.results[0].locations[0].physicalLocation.region).toMatchObject({ startLine: 8, startColumn: 1, endLine: 8, endColumn: 54 });
    // the fix as SARIF replacements: « becomes “
    const rep = run0.results[0].fixes[0].artifactChanges[0].replacements;
    expect(rep).toHaveLength(1);
    const text = readFileSync(path.join(r.dir, 'news/a.md'), 'utf8');
    expect(text.substr(rep[0].deletedRegion.charOffset, rep[0].deletedRegion.charLength)).toBe('«');
    expect(rep[0].insertedContent.text).toBe('“');
    expect(run0.results[2].fixes).toBeUndefined();
  });

  it('a source that cannot be read is a `parse` result, with its page too', () => {
    const dir = temp({ 'a.md': 'no front matter\n' });
    const r = runCli(['lint', 'a.md', '--format', 'sarif'], { cwd: dir });
    expect(r.code).toBe(1);
    const log = JSON.parse(r.stdout);
    expect(validateSarif(log)).toBe(true);
    const [res] = log.runs[0].results;
    expect(res.ruleId).toBe('parse');
    expect(log.runs[0].tool.driver.rules[res.ruleIndex].helpUri).toMatch(/\/docs\/rules\/parse\.md$/);
    const json = JSON.parse(runCli(['lint', 'a.md', '--format', 'json'], { cwd: dir }).stdout);
    expect(json[0].messages[0]).toMatchObject({ ruleId: 'parse', fatal: true, url: pathToFileURL(path.join(ROOT, 'docs/rules/parse.md')).href });
  });

  it('an empty run is valid too', () => {
    const dir = temp({ 'a.md': SOURCE.replace('«', '“').replace(/"/g, '').replace('(#)', '(https://www.example.org/report)') });
    const r = runCli(['lint', 'a.md', '--format', 'sarif'], { cwd: dir });
    expect(r.code).toBe(0);
    const log = JSON.parse(r.stdout);
    expect(validateSarif(log)).toBe(true);
    expect(log.runs[0].results).toEqual([]);
  });
});

describe('--format json (ESLint’s shape)', () => {
  it('gives each file its messages, counts and fixes as {range, text}', () => {
    const r = lintAs('json');
    const results = JSON.parse(r.stdout);
    expect(results).toHaveLength(1);
    const [res] = results;
    expect(res.filePath).toBe(path.join(r.dir, 'news/a.md'));
    expect(res).toMatchObject({ errorCount: 2, warningCount: 1, fixableErrorCount: 1, fixableWarningCount: 1, fatalErrorCount: 0 });
    expect(res.messages[0]).toMatchObject({ ruleId: 'quote-balance', severity: 2, message: 'The quotation opened with « is closed with ”', line: 8, column: 1, endLine: 8, endColumn: 54 });
    expect(res.messages[0].hint).toBe('Use one pair: “…”.');
    // each message links its rule's page
    expect(res.messages.map((m: { url: string }) => m.url)).toEqual(['quote-balance', 'quote-style', 'placeholder-link'].map((id) => pathToFileURL(path.join(ROOT, 'docs/rules', `${id}.md`)).href));
    // quote-style's two edits become one ESLint fix over both marks, the words between kept
    const text = readFileSync(path.join(r.dir, 'news/a.md'), 'utf8');
    const fix = res.messages[1].fix;
    expect(text.slice(0, fix.range[0]) + fix.text + text.slice(fix.range[1])).toContain('\n“Trafficking is a gendered crime,” she added.\n');
    expect(res.messages[2].fix).toBeUndefined();
  });
});

describe('--format github', () => {
  it('prints one workflow command a problem, on the problem’s line', () => {
    const r = lintAs('github');
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toBe('::error file=news/a.md,line=8,col=1,endLine=8,endColumn=54,title=quote-balance::The quotation opened with « is closed with ”. Use one pair: “…”.');
    expect(lines[1]).toMatch(/^::warning file=news\/a\.md,line=10,col=1,endLine=10,endColumn=\d+,title=quote-style::/);
    expect(lines[2]).toMatch(/^::error file=news\/a\.md,line=12,col=10,.*title=placeholder-link::/);
  });
});

describe('--format stylish', () => {
  it('groups by file, aligns the columns, says how to mend and what --fix can do', () => {
    const r = lintAs('stylish');
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe('news/a.md');
    expect(lines[1]).toBe('  8:1    error    The quotation opened with « is closed with ”  quote-balance');
    expect(lines[2]).toBe('                  → Use one pair: “…”.');
    expect(lines[3]).toBe('  10:1   warning  "…" are not the quotation marks of this language (en), which uses “…”  quote-style');
    expect(lines[5]).toBe('  12:10  error    The link points at `#`, a placeholder  placeholder-link');
    expect(r.stdout).toMatch(/✖ 3 problems \(2 errors, 1 warning\)\n {2}1 error and 1 warning can be fixed with --fix\.\n$/);
    expect(r.stdout).not.toMatch(/\u001b\[/);
    // the rule's page is for json and sarif: the report for people stays as it was
    expect(r.stdout).not.toMatch(/docs\/rules|file:/);
  });

  it('uses colour on a terminal, and none with NO_COLOR', async () => {
    const dir = temp({ 'a.md': SOURCE });
    const runWith = async (env: NodeJS.ProcessEnv) => {
      let out = '';
      const io: Io = { out: (s) => void (out += String(s)), err: () => {}, env, cwd: dir, isTTY: true, outIsTTY: true, readStdin: async () => new Uint8Array() };
      const code = await run(['lint', 'a.md'], io);
      return { code, out };
    };
    const coloured = await runWith({});
    expect(coloured.code).toBe(1);
    expect(coloured.out).toMatch(/\u001b\[31merror/);
    const plain = await runWith({ NO_COLOR: '1' });
    expect(plain.out).not.toMatch(/\u001b\[/);
    expect(plain.out).toContain('  8:1    error    The quotation');
  });
});
