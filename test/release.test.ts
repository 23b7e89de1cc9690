/**
 * Loading one release (src/release/load.ts) and generate's steps after it return
 * their results: a problem of the source, its original, its template or its config
 * comes back as messages at their place, never as an exception; a step that
 * refuses a source returns a new plan and leaves the one it was given as it was.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { type GenerateOptions, plan } from '../src/pipeline/generate.js';
import { lintPlanned } from '../src/pipeline/lint.js';
import { loadRelease } from '../src/release/load.js';
import { tempDirs } from './helpers.js';

const temp = tempDirs();
const release = (fm = '', body = 'The lead of the release, a sentence of some length that says who did what and where.') =>
  `---\nheadline: H\ndateline:\n  city: Geneva\n  date: 2024-03-01\n${fm}---\n\n${body}\n`;

describe('loadRelease returns { loaded?, messages }', () => {
  it('a release: loaded, with its locale’s boilerplate Markdown read into blocks, and no messages', async () => {
    const dir = temp({
      'r.md': release('template: house\n'),
      'templates/house/template.yaml': 'extends: default\nname: house\n',
      'templates/house/locales/en.yaml': 'boilerplate:\n  heading: About House\n  text: |\n    House builds *wells*.\n\n    - in 14 countries\n',
    });
    const r = await loadRelease('r.md', { cwd: dir });
    expect(r.messages).toEqual([]);
    expect(r.loaded?.release.headline).toBe('H');
    expect(r.loaded?.boilerplate).toEqual([
      {
        heading: 'About House',
        blocks: [
          expect.objectContaining({
            type: 'paragraph',
            content: [
              { type: 'text', value: 'House builds ' },
              { type: 'emphasis', children: [{ type: 'text', value: 'wells' }] },
              { type: 'text', value: '.' },
            ],
          }),
          expect.objectContaining({ type: 'list' }),
        ],
      },
    ]);
    // the source has none of its own: compose prints the template's (test/template-extend.test.ts)
    expect(r.loaded?.release.boilerplate).toEqual([]);
  });

  it.each([
    ['a missing file', {}, 'gone.md', 'read', 'No such file', undefined],
    ['YAML that does not parse', { 'r.md': '---\nheadline: [bad\n---\n\nLead.\n' }, 'r.md', 'yaml-syntax', /YAML/, 3],
    ['an unknown template', { 'r.md': release('template: glossy\n') }, 'r.md', 'template', 'No template `glossy`', 6],
    ['a language the template has no locale for', { 'r.md': release('lang: de\n') }, 'r.md', 'lang', 'The template `default` has no `de` locale', 6],
    ['a missing original', { 'r.fr.md': release('translation-of: r.md\nlang: fr\n') }, 'r.fr.md', 'translation-of', 'The original `r.md` does not exist', 6],
    [
      'originals that are translations of each other',
      { 'a.md': release('translation-of: b.md\n'), 'b.md': release('translation-of: a.md\n') },
      'a.md',
      'translation-of',
      /The original `b.md` has errors/,
      6,
    ],
    [
      'a template with an error in its template.yaml',
      { 'r.md': release('template: house\n'), 'templates/house/template.yaml': 'extends: default\nname: house\nbogus: 1\n' },
      'r.md',
      'template',
      /Unknown key `bogus`/,
      3,
    ],
    ['a config file with an error', { 'r.md': release(), 'pressready.config.yaml': 'organization: [1, 2\n' }, 'r.md', 'config', /YAML/, undefined],
  ] as const)('%s: messages, no release, nothing thrown', async (_what, files, file, ruleId, reason, line) => {
    const dir = temp(files as Record<string, string>);
    const r = await loadRelease(file, { cwd: dir });
    expect(r.loaded).toBeUndefined();
    const m = r.messages[0]!;
    expect(m).toMatchObject({ ruleId, severity: 'error' });
    if (typeof reason === 'string') expect(m.reason).toBe(reason);
    else expect(m.reason).toMatch(reason);
    if (line !== undefined) expect(m.place?.start.line).toBe(line);
  });
});

describe('generate’s steps return new plans', () => {
  it('lint with --strict refuses a source with lint errors in a new plan; the plan it was given is as it was', async () => {
    const dir = temp({ 'r.md': release('', 'A lead with a "stray quotation mark and [a link](javascript:alert(1)), long enough to be a lead.') });
    const opts: GenerateOptions = { formats: ['txt'], outDir: 'out', cwd: dir, render: { env: {} } };
    const planned = await plan({ file: 'r.md', base: dir, named: true }, opts);
    expect(planned.loaded).toBeDefined();
    const before = [...planned.messages];
    const [strict] = lintPlanned([planned], dir, true);
    expect(strict!.loaded).toBeUndefined();
    expect(strict!.messages.map((m) => m.ruleId)).toEqual(expect.arrayContaining(['quote-balance', 'link-scheme', 'strict']));
    expect(planned.loaded).toBeDefined();
    expect(planned.messages).toEqual(before);
    const [lenient] = lintPlanned([planned], dir, false);
    expect(lenient!.loaded).toBe(planned.loaded);
    expect(lenient!.messages.filter((m) => m.ruleId === 'quote-balance').map((m) => m.severity)).toEqual(['warning']);
    expect(path.basename(lenient!.stem!)).toBe('r');
  });
});
