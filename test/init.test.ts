import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { releaseId, slug } from '../src/init/source.js';
import { parseSource } from '../src/source/parse.js';
import { BIN, ROOT, runCli } from './helpers.js';
import { ACME, useProjects } from './template-helpers.js';

const project = useProjects();

function localDate(d: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** The days a command run now may call today (two around midnight). */
function todays(run: () => void): string[] {
  const before = localDate(new Date());
  run();
  return [...new Set([before, localDate(new Date())])];
}

/**
 * The forms lint's `placeholder-text` rule reports as errors (issue 5): whole
 * words TK, TKTK, TODO, XXX, FIXME; `lorem ipsum`; `[insert …]`, `[add …]`, `[enter …]`.
 */
const LINT_PLACEHOLDER = /(?<![\p{L}\p{N}])(?:TKTK|TK|TODO|XXX|FIXME)(?![\p{L}\p{N}])|lorem ipsum|\[(?:insert|add|enter|placeholder)\b[^\]\n]*\]/giu;

/** Run the binary on a pseudo-terminal (util-linux `script`), typing `typed`. */
function onTerminal(args: string[], cwd: string, typed: string): { code: number | null; screen: string } {
  const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
  const command = [process.execPath, BIN, ...args].map(quote).join(' ');
  const r = spawnSync('script', ['-qec', command, '/dev/null'], { cwd, input: typed, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' } });
  return { code: r.status, screen: r.stdout };
}

describe('pressready init', () => {
  it('writes a source that parses: today’s date, a dated id, the template, placeholders lint reports', () => {
    const dir = project();
    let r!: ReturnType<typeof runCli>;
    const days = todays(() => (r = runCli(['init', '--headline', 'Wells for all: Geneva’s plan', '--city', 'Geneva'], { cwd: dir })));
    expect(r.code).toBe(0);
    const today = days.find((d) => existsSync(path.join(dir, `${d}-wells-for-all-genevas-plan.md`)))!;
    expect(today).toBeDefined();
    const file = `${today}-wells-for-all-genevas-plan.md`;
    expect(r.stdout).toBe(`${file}\n`);
    expect(r.stderr).toContain('Replace the [insert …] placeholders');
    const text = readFileSync(path.join(dir, file), 'utf8');
    const parsed = parseSource(file, text);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.source.frontMatter).toMatchObject({
      id: `${today}-wells-for-all-genevas-plan`,
      headline: 'Wells for all: Geneva’s plan',
      dateline: { city: 'Geneva', date: today },
      lang: 'en',
      template: 'default',
    });
    // the contacts are a list under the contacts heading, as a release writes them
    expect(parsed.source.frontMatter.contacts).toBeUndefined();
    expect(text).toContain('\n## Contacts\n\n- [insert name], [insert role], [insert phone], [insert e-mail]\n');
    // what the officer must write is marked in a form lint reports, in the front matter and the body
    const marks = text.match(LINT_PLACEHOLDER) ?? [];
    expect(marks).toEqual([
      '[Insert the lead: who did what, where and when, in one paragraph of at most 45 words]',
      '[Insert the body: facts, figures and context, the most important first]',
      '[Insert a quotation]',
      '[insert the speaker’s name]',
      '[insert their role]',
      '[insert name]',
      '[insert role]',
      '[insert phone]',
      '[insert e-mail]',
      '[Insert background for editors, or delete this section]',
    ]);
  });

  it('generates as written, and once the placeholders are filled in, prints the officer’s words (and no placeholder)', () => {
    const dir = project();
    runCli(['init', 'wells.md', '--headline', 'Wells for all', '--city', 'Geneva'], { cwd: dir });
    // a new project is strict: the half-written release is not generated, and says why
    expect(parseYaml(readFileSync(path.join(dir, 'pressready.config.yaml'), 'utf8'))).toEqual({ generate: { strict: true } });
    const strict = runCli(['generate', 'wells.md', '-f', 'txt'], { cwd: dir });
    expect(strict.code).toBe(1);
    expect(strict.stderr).toMatch(/error: .*\[placeholder-text\]/);
    expect(strict.stderr).toContain('lint errors (--strict)');
    // a draft still generates when asked, its placeholders told as warnings
    const raw = runCli(['generate', 'wells.md', '-f', 'txt', '--no-strict'], { cwd: dir });
    expect(raw.code).toBe(0);
    expect(raw.stderr).toMatch(/warning: .*\[placeholder-text\]/);
    const fills: Record<string, string> = {
      '[insert name]': 'Amara Lindqvist',
      '[insert role]': 'Press officer',
      '[insert phone]': '+41 22 917 9362',
      '[insert e-mail]': 'a.lindqvist@example.org',
      '[Insert a quotation]': 'Water is a right, not a favour',
      '[insert the speaker’s name]': 'Ines Carvalho',
      '[insert their role]': 'UN Special Rapporteur',
    };
    const filled = readFileSync(path.join(dir, 'wells.md'), 'utf8').replace(LINT_PLACEHOLDER, (m) => fills[m] ?? 'The committee today opened forty wells.');
    expect(filled.match(LINT_PLACEHOLDER)).toBeNull();
    writeFileSync(path.join(dir, 'wells.md'), filled);
    const r = runCli(['generate', 'wells.md', '-f', 'txt,json'], { cwd: dir });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = readdirSync(path.join(dir, 'dist'));
    const stem = out.find((f) => f.endsWith('.json'))!.replace(/\.json$/, '');
    expect(stem).toMatch(/^\d{4}-\d{2}-\d{2}-wells$/);
    const txt = readFileSync(path.join(dir, 'dist', `${stem}.txt`), 'utf8');
    expect(txt).toMatch(/GENEVA \(\d{1,2} \w+ \d{4}\) — The committee today opened forty wells\./);
    expect(txt).toContain('For media inquiries, please contact Amara Lindqvist (Press officer) at +41 22 917 9362 / a.lindqvist@example.org');
    const model = JSON.parse(readFileSync(path.join(dir, 'dist', `${stem}.json`), 'utf8'));
    expect(model.quotes[0]).toMatchObject({ speaker: 'Ines Carvalho', text: 'Water is a right, not a favour', form: 'inline' });
    expect(txt).toContain('“Water is a right, not a favour,” said Ines Carvalho, UN Special Rapporteur.');
  });

  it('never overwrites a file unless --force', () => {
    const dir = project({ 'release.md': 'my work\n' });
    const r = runCli(['init', 'release.md', '--headline', 'X', '--city', 'Y'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('release.md: error: The file exists; init does not overwrite it [init]');
    expect(r.stderr).toContain('add --force');
    expect(readFileSync(path.join(dir, 'release.md'), 'utf8')).toBe('my work\n');
    const forced = runCli(['init', 'release.md', '--headline', 'X', '--city', 'Y', '--force'], { cwd: dir });
    expect(forced.code).toBe(0);
    expect(readFileSync(path.join(dir, 'release.md'), 'utf8')).toMatch(/^---\n[\s\S]*headline: "X"\n/);
  });

  it('the template’s default contacts, and a template given as a path, written relative to the new file', () => {
    const acme = `${ACME['templates/acme/template.yaml'] as string}contactsDefault:\n  - { name: Jo Press, role: Press officer, phone: "+41 22 555 0100", email: press@acme.example.org }\n`;
    const dir = project({ ...ACME, 'templates/acme/template.yaml': acme });
    const r = runCli(['init', 'news/2026/wells.md', '-t', './templates/acme', '--headline', 'Wells', '--city', 'Bern'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('news/2026/wells.md\n');
    const text = readFileSync(path.join(dir, 'news/2026/wells.md'), 'utf8');
    expect(text).toContain('\ntemplate: ../../templates/acme\n');
    expect(text).toContain('contacts:\n  - name: "Jo Press"\n    role: "Press officer"\n    phone: "+41 22 555 0100"\n    email: "press@acme.example.org"\n---');
    // from the source's own folder, the template is still found
    const gen = runCli(['generate', 'wells.md', '-f', 'txt', '--no-strict'], { cwd: path.join(dir, 'news/2026') });
    expect(gen.code).toBe(0);
    const txt = readFileSync(path.join(dir, 'news/2026/dist', readdirSync(path.join(dir, 'news/2026/dist'))[0]!), 'utf8');
    expect(txt).toMatch(/^Acme Water Trust\nNEWS FROM ACME\n/);
    expect(txt).toContain('Journalists may reach Jo Press (Press officer) at +41 22 555 0100 / press@acme.example.org');
  });

  it('--lang: the locale’s section names; a language the template lacks is exit 2', () => {
    const fr = readFileSync(path.join(ROOT, 'templates/default/locales/en.yaml'), 'utf8')
      .replace('intl: en-GB', 'intl: fr-FR')
      .replace('background: [Background,', 'background: [Contexte, Background,');
    const dir = project({ ...ACME, 'templates/acme/locales/fr.yaml': fr });
    const r = runCli(['init', 'a.md', '-t', 'acme', '--lang', 'fr-CA', '--headline', 'Des puits', '--city', 'Genève'], { cwd: dir });
    expect(r.code).toBe(0);
    const text = readFileSync(path.join(dir, 'a.md'), 'utf8');
    expect(text).toContain('\nlang: fr-CA\n');
    expect(text).toContain('\n## Contexte\n');
    const missing = runCli(['init', 'b.md', '--lang', 'sw'], { cwd: dir });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('The template `default` has no `sw` locale');
    expect(existsSync(path.join(dir, 'b.md'))).toBe(false);
    expect(runCli(['init', 'c.md', '-t', 'glossy'], { cwd: dir }).code).toBe(2);
  });
});

describe('pressready init --lang: a starter in the language of the release', () => {
  it.each(['fr', 'es', 'ru', 'ar', 'zh'])('%s: the locale’s placeholders, quotation marks, speech verb and headings; lint reports every placeholder', (lang) => {
    const dir = project();
    const r = runCli(['init', 'a.md', '--lang', lang], { cwd: dir });
    expect(r.code).toBe(0);
    const text = readFileSync(path.join(dir, 'a.md'), 'utf8');
    const locale = parseYaml(readFileSync(path.join(ROOT, 'templates/default/locales', `${lang}.yaml`), 'utf8'));
    const init = locale.init as Record<string, string>;
    const parsed = parseSource('a.md', text);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.source.frontMatter).toMatchObject({ lang, headline: init.headline, dateline: { city: init.city } });
    // no English placeholder is left: every bracket opens with the language's own word
    const brackets = text.match(/\[[^\]\n]*\]/g) ?? [];
    expect(brackets.length).toBeGreaterThanOrEqual(12);
    for (const b of brackets) expect(b.slice(1).toLowerCase().startsWith(init.insert!.toLowerCase()), b).toBe(true);
    expect(text).not.toMatch(/\[(?:insert|add|enter)\b/i);
    // the quotation in the language's marks, with one of its speech verbs
    const quote = text.split('\n').find((l) => l.includes(locale.quotes.primary[0]))!;
    expect(quote).toContain(locale.quotes.primary[1]);
    // a verb may carry one of the locale's prefixes (Arabic وقال: و + قال)
    const prefixes = `(?:${(locale.speech.verbPrefixes ?? []).join('|')})?`;
    expect((locale.speech.verbs as string[]).some((v) => new RegExp(`(?<![\\p{L}])${prefixes}${v}(?![\\p{L}])`, 'u').test(quote.replace(/\[[^\]]*\]/g, '')))).toBe(true);
    // the headings are ones the locale reads as the contacts and background sections
    expect(text).toContain(`\n## ${locale.sections.contacts[0]}\n\n- ${init.contact}\n`);
    expect(text).toContain(`\n## ${locale.sections.background[0]}\n\n${init.background}\n`);
    // lint reports each placeholder, as for English
    const lint = runCli(['lint', 'a.md', '--format', 'json'], { cwd: dir });
    const reported = (JSON.parse(lint.stdout) as { messages: { ruleId: string; message: string }[] }[]).flatMap((f) => f.messages).filter((m) => m.ruleId === 'placeholder-text');
    expect(reported.map((m) => /`(.*)`/.exec(m.message)![1]).sort()).toEqual([...brackets].sort());
    // the release generates (not strict) and quotes its speaker in the language's marks
    const gen = runCli(['generate', 'a.md', '-f', 'txt', '--no-strict'], { cwd: dir });
    expect(gen.code).toBe(0);
  });
});

describe('pressready init asks only on a terminal', () => {
  it('not a terminal: asks nothing, does not wait for input, and leaves placeholders', () => {
    const dir = project();
    const r = runCli(['init', 'a.md'], { cwd: dir, input: 'Typed headline\nTyped city\n' });
    expect(r.code).toBe(0);
    expect(r.stderr).not.toMatch(/Headline:|Dateline city:/);
    const text = readFileSync(path.join(dir, 'a.md'), 'utf8');
    expect(text).toContain('headline: "[insert headline]"');
    expect(text).toContain('city: "[insert city]"');
    expect(text).not.toContain('Typed');
  });

  it('on a terminal: asks for the headline and the city, and names the file after the headline', () => {
    const dir = project();
    const { code, screen } = onTerminal(['init'], dir, 'Wells for all\nGeneva\n');
    expect(code).toBe(0);
    expect(screen).toContain('Headline: ');
    expect(screen).toContain('Dateline city: ');
    const [file] = readdirSync(dir);
    expect(file).toMatch(/^\d{4}-\d{2}-\d{2}-wells-for-all\.md$/);
    const text = readFileSync(path.join(dir, file!), 'utf8');
    expect(text).toContain('headline: "Wells for all"');
    expect(text).toContain('city: "Geneva"');
  });

  it('on a terminal: asks only for what the flags do not give; an empty answer keeps the placeholder', () => {
    const dir = project();
    const { code, screen } = onTerminal(['init', 'a.md', '--headline', 'Given'], dir, '\n');
    expect(code).toBe(0);
    expect(screen).not.toContain('Headline: ');
    expect(screen).toContain('Dateline city: ');
    const text = readFileSync(path.join(dir, 'a.md'), 'utf8');
    expect(text).toContain('headline: "Given"');
    expect(text).toContain('city: "[insert city]"');
  });

  it('on a terminal: a file in the way is refused before any question', () => {
    const dir = project({ 'a.md': 'mine\n' });
    const { code, screen } = onTerminal(['init', 'a.md'], dir, 'Wells\nGeneva\n');
    expect(code).toBe(1);
    expect(screen).not.toContain('Headline: ');
    expect(screen).toContain('The file exists; init does not overwrite it');
    expect(readFileSync(path.join(dir, 'a.md'), 'utf8')).toBe('mine\n');
  });
});

describe('dated ids', () => {
  it('the date and the first words of the headline, in ASCII; a file name when there is no headline', () => {
    expect(slug('Genève’s “water” plan — année 2026')).toBe('geneves-water-plan-annee-2026');
    expect(releaseId('2026-05-04', 'UN women’s rights committee calls for action on trafficking of women')).toBe('2026-05-04-un-womens-rights-committee-calls-for');
    expect(releaseId('2026-05-04', undefined, 'wells')).toBe('2026-05-04-wells');
    expect(releaseId('2026-05-04', 'Anything', '2026-04-30-wells')).toBe('2026-04-30-wells');
    // a headline in a script with no ASCII letters: the file name, or `release`
    expect(releaseId('2026-05-04', '日内瓦水资源报告', 'water')).toBe('2026-05-04-water');
    expect(releaseId('2026-05-04', 'Доклад о воде')).toBe('2026-05-04-release');
  });
});
