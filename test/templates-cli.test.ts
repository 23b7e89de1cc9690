import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { ROOT, runCli } from './helpers.js';
import { ACME, useProjects } from './template-helpers.js';

const project = useProjects();

/** The languages of a built-in template (more come with other work; the tests must not care how many). */
const languages = (name: string) =>
  readdirSync(path.join(ROOT, 'templates', name, 'locales'))
    .map((f) => f.replace(/\.yaml$/, ''))
    .sort();
const DEFAULT_LANGS = languages('default');

/** The rows of the `templates` table, as cells (columns are two or more spaces apart). */
function rows(stdout: string): string[][] {
  return stdout
    .trimEnd()
    .split('\n')
    .map((l) => l.split(/ {2,}/));
}

describe('pressready templates', () => {
  it('lists the project’s templates and the built-ins, with origin, languages and what they extend', () => {
    // a language default lacks must be complete on its own: start from default's English
    const fr = readFileSync(path.join(ROOT, 'templates/default/locales/en.yaml'), 'utf8').replace('intl: en-GB', 'intl: fr-FR');
    const dir = project({ ...ACME, 'templates/acme/locales/fr.yaml': fr });
    const r = runCli(['templates'], { cwd: dir });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const [head, ...body] = rows(r.stdout);
    expect(head).toEqual(['NAME', 'ORIGIN', 'LANGUAGES', 'EXTENDS', 'DESCRIPTION']);
    expect(body.map((c) => c.slice(0, 4))).toEqual([
      ['acme', 'project, templates/acme', [...new Set([...DEFAULT_LANGS, 'fr'])].sort().join(' '), 'default'],
      ['default', 'built-in', DEFAULT_LANGS.join(' '), 'UN wire style (letterhead, dateline, END, contacts sentence, Background)'],
      ['wire', 'built-in', languages('wire').join(' '), 'default'],
    ]);
  });

  it('a broken project template is listed, its problems printed with their places, exit 1', () => {
    const dir = project({ ...ACME, 'templates/acme/locales/en.yaml': 'labels:\n  release: "NEWS {city}"\n', 'templates/house/template.yaml': 'page: { size: A5 }\n' });
    const r = runCli(['templates'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(rows(r.stdout)[1]).toEqual(['acme', 'project, templates/acme', DEFAULT_LANGS.join(' '), 'default', '(1 error, below)']);
    expect(rows(r.stdout)[2]).toEqual(['house', 'project, templates/house', '—', '—', '(1 error, below)']);
    expect(r.stderr).toContain('templates/acme/locales/en.yaml:2:18: error: `labels.release` uses the placeholder `{city}`, which it cannot fill');
    expect(r.stderr).toContain('templates/house/template.yaml:1:15: error: `page.size` is `A5`; it must be one of `A4`, `Letter`');
  });

  it('a project template named like a built-in hides it, and says so', () => {
    const dir = project({ 'templates/default/template.yaml': 'extends: default\nletterhead: { organization: House }\n' });
    const body = rows(runCli(['templates'], { cwd: dir }).stdout).slice(1);
    expect(body[0]!.slice(0, 4)).toEqual(['default', 'project, templates/default', DEFAULT_LANGS.join(' '), 'default']);
    expect(body[1]!.slice(0, 2)).toEqual(['default', 'built-in (hidden by the project’s)']);
  });
});

describe('pressready templates show', () => {
  it('prints the resolved settings: the child’s values, the parent’s for the rest, the files it names', () => {
    const dir = project(ACME);
    const r = runCli(['templates', 'show', 'acme'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^# The template `acme` as pressready resolves it/);
    const shown = YAML.parse(r.stdout);
    expect(shown).toMatchObject({ name: 'acme', origin: 'project', folder: 'templates/acme', extends: ['default'], languages: DEFAULT_LANGS });
    expect(shown.files).toEqual({ 'letterhead.logo': 'templates/acme/assets/logo.png' });
    expect(shown.settings.letterhead).toEqual({ organization: 'Acme Water Trust', logo: 'assets/logo.png' });
    expect(shown.settings.styles.label.color).toBe('#0a7d3b');
    expect(shown.settings.styles.headline.size).toBe(19);
    expect(shown.settings.page).toEqual({ size: 'A4', margins: { top: 20, right: 22, bottom: 22, left: 22 } });
    expect(shown.locale).toBeUndefined();
  });

  it('--lang adds the merged locale data, plural forms and all', () => {
    const dir = project(ACME);
    const shown = YAML.parse(runCli(['templates', 'show', 'acme', '--lang', 'en-US'], { cwd: dir }).stdout);
    expect(shown.locale.labels.release).toBe('NEWS FROM ACME');
    expect(shown.locale.labels.endMarker).toBe('END');
    expect(shown.locale.labels.contactsHeading).toEqual({ one: 'Media contact', other: 'Media contacts' });
    expect(shown.locale.boilerplate.heading).toBe('About Acme Water Trust');
  });

  it('a built-in by name, a folder by path; an unknown one is exit 2', () => {
    const dir = project(ACME);
    expect(YAML.parse(runCli(['templates', 'show', 'wire'], { cwd: dir }).stdout).settings.contacts.style).toBe('block');
    expect(YAML.parse(runCli(['templates', 'show', './templates/acme'], { cwd: dir }).stdout).origin).toBe('path');
    const missing = runCli(['templates', 'show', 'glossy'], { cwd: dir });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('error: No template `glossy`');
    const lang = runCli(['templates', 'show', 'acme', '--lang', 'sw'], { cwd: dir });
    expect(lang.code).toBe(2);
    expect(lang.stderr).toContain('The template `acme` has no `sw` locale');
  });
});
