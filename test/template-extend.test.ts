import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { compose, type Part } from '../src/render/compose.js';
import { plural } from '../src/render/phrases.js';
import { txtRenderer } from '../src/render/txt.js';
import { loadLocale, loadTemplate } from '../src/templates/load.js';
import type { LocaleData } from '../src/templates/types.js';
import { loadOrFail, ROOT, runCli } from './helpers.js';
import { ACME, PNG, source, useProjects, userErrors } from './template-helpers.js';

const project = useProjects();

async function render(dir: string, file = 'r.md'): Promise<{ text: string; parts: Part[] }> {
  const l = await loadOrFail(file, { cwd: dir });
  const composed = compose(l);
  const text = txtRenderer.render({ ...l, composed, options: { env: {} }, warn: () => {} }) as string;
  return { text, parts: composed.parts };
}

describe('a user template that extends default', () => {
  it('is a few lines, and generates with its organization, logo, colours and labels (the real binary)', () => {
    const dir = project({ ...ACME, 'r.md': source(['template: acme']) });
    const yamlLines = (ACME['templates/acme/template.yaml'] as string).trim().split('\n');
    expect(yamlLines.length).toBeLessThanOrEqual(8);
    const r = runCli(['generate', 'r.md', '-f', 'txt,docx,pdf,json'], { cwd: dir });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    // the logo and the colour in the DOCX; the logo in the PDF
    const docx = unzipSync(readFileSync(path.join(dir, 'dist', 'r.docx')));
    expect(Object.keys(docx)).toContain('word/media/image1.png');
    expect(strFromU8(docx['word/document.xml']!)).toMatch(/<wp:docPr id="\d+" name="Logo" descr="Acme Water Trust"/);
    expect(strFromU8(docx['word/styles.xml']!)).toMatch(/w:styleId="Letterhead"[\s\S]*?<w:color w:val="0a7d3b"\/>/);
    const images = execFileSync('pdfimages', ['-list', path.join(dir, 'dist', 'r.pdf')], { encoding: 'utf8' });
    expect(images.split('\n').filter((l) => /^\s+1\s+\d+\s+image\s/.test(l))).toHaveLength(1);
    const text = readFileSync(path.join(dir, 'dist', 'r.txt'), 'utf8');
    const paras = text.split('\n\n');
    expect(paras[0]).toBe('Acme Water Trust\nNEWS FROM ACME');
    // inherited from default's English locale: the dateline, END, the background label
    expect(paras[2]).toBe('GENEVA (4 May 2026) — Acme today opened 40 wells in the Sahel.');
    expect(paras[3]).toBe('END');
    // the template's boilerplate, printed last when the source has none
    expect(paras.slice(-2)).toEqual(['About Acme Water Trust', 'Acme Water Trust builds wells in 14 countries.\n']);
  });

  it('keeps what it does not name, and its logo resolves inside its own folder', async () => {
    const dir = project({ ...ACME, 'r.md': source(['template: acme']) });
    const { parts } = await render(dir);
    const head = parts[0] as Extract<Part, { kind: 'letterhead' }>;
    expect(head.text).toBe('Acme Water Trust');
    expect(head.logo?.file).toBe(path.join(dir, 'templates/acme/assets/logo.png'));
    expect(readFileSync(head.logo!.file)).toEqual(PNG);
    const t = loadTemplate(path.join(dir, 'templates/acme'), 'project');
    expect(t.name).toBe('acme');
    expect(t.settings.description).toBeUndefined();
    expect(t.settings.styles.label).toEqual({ size: 10, bold: true, color: '#0a7d3b', spaceAfter: 14 });
    expect(t.settings.styles.headline).toEqual({ size: 19, bold: true, lineHeight: 1.2, spaceAfter: 8 });
    expect(t.settings.fonts.sans?.regular).toBe('noto-sans');
    expect(t.settings.page.size).toBe('A4');
    expect(t.chain.map((d) => path.basename(d))).toEqual(['default', 'acme']);
  });

  it('merges locales key by key: one label changed, every other word inherited', () => {
    const dir = project(ACME);
    const t = loadTemplate(path.join(dir, 'templates/acme'), 'project');
    const en = loadLocale(t, 'en');
    expect(en.labels.release).toBe('NEWS FROM ACME');
    expect(en.labels.endMarker).toBe('END');
    expect(en.intl).toBe('en-GB');
    expect(en.sections.background).toContain('Notes to editors');
    expect(en.quotes.primary).toEqual(['“', '”']);
  });

  it('a source with its own About section keeps it, and the template’s is not added', async () => {
    const dir = project({ ...ACME, 'r.md': source(['template: acme'], 'Acme today opened wells.\n\n## About Acme\n\nOur own words.') });
    const { text } = await render(dir);
    expect(text).toContain('About Acme\n\nOur own words.');
    expect(text).not.toContain('About Acme Water Trust');
  });

  it('resolves each file in the folder of the template that names it, through a chain', async () => {
    // brand extends ../acme by path: acme's logo is read from acme's folder, brand's font from brand's
    const dir = project({
      ...ACME,
      'brand/template.yaml': 'extends: ../templates/acme\nname: brand\nfonts:\n  sans: { bold: fonts/Brand-Bold.ttf }\n',
      // a real font: a template's fonts are opened when it loads
      'brand/fonts/Brand-Bold.ttf': readFileSync(path.join(ROOT, 'node_modules/@embedpdf/fonts-latin/fonts/NotoSans-Light.ttf')),
      'brand/locales/en.yaml': 'labels:\n  endMarker: "-30-"\n',
      'r.md': source(['template: ./brand']),
    });
    const t = loadTemplate(path.join(dir, 'brand'), 'path');
    expect(t.files).toEqual({
      'letterhead.logo': path.join(dir, 'templates/acme/assets/logo.png'),
      'fonts.sans.bold': path.join(dir, 'brand/fonts/Brand-Bold.ttf'),
    });
    // faces merge key by key: the regular face is still default's
    expect(t.settings.fonts.sans).toMatchObject({ regular: 'noto-sans', bold: 'fonts/Brand-Bold.ttf', italic: 'noto-sans-italic' });
    const { text } = await render(dir);
    // three generations of locale data: default's dateline, acme's label, brand's end marker
    expect(text).toMatch(/^Acme Water Trust\nNEWS FROM ACME\n\nWells for all\n\nGENEVA \(4 May 2026\) — .*\n\n-30-\n/);
  });

  it('extends wire by name, and a built-in extended by a project template of the same name', async () => {
    const dir = project({
      'templates/default/template.yaml': 'extends: wire\nletterhead: { organization: House }\n',
      'r.md': source(),
    });
    const { text } = await render(dir);
    expect(text.split('\n\n').slice(0, 3)).toEqual(['House\nNEWS RELEASE', 'FOR IMMEDIATE RELEASE', 'Wells for all']);
  });

  it('letterhead lines, and a locale’s own organization name', async () => {
    const dir = project({
      'templates/acme/template.yaml': 'extends: default\nletterhead:\n  organization: Acme Water Trust\n  lines: [1 Rue de Lausanne, 1202 Genève]\n',
      'templates/acme/locales/en.yaml': 'letterhead:\n  organization: Acme Water Trust UK\n',
      'r.md': source(['template: acme']),
    });
    const { text } = await render(dir);
    expect(text.split('\n\n')[0]).toBe('Acme Water Trust UK\n1 Rue de Lausanne\n1202 Genève\nPRESS RELEASE');
  });
});

describe('extends: what goes wrong', () => {
  it('a cycle is an error at the `extends` that closes it, naming the chain', () => {
    const dir = project({ 'a/template.yaml': 'extends: ../b\n', 'b/template.yaml': 'name: b\nextends: ../a\n' });
    const [m, ...rest] = userErrors(() => loadTemplate(path.join(dir, 'a'), 'path'));
    expect(rest).toEqual([]);
    expect(m!.file).toBe(path.join(dir, 'b/template.yaml'));
    expect(m!.place?.start).toMatchObject({ line: 2, column: 10 });
    expect(m!.reason).toBe('`extends` makes a cycle: a → b → a');
  });

  it('a template that extends itself', () => {
    const dir = project({ 'self/template.yaml': 'extends: .\n' });
    expect(userErrors(() => loadTemplate(path.join(dir, 'self'), 'path'))[0]!.reason).toBe('`extends` makes a cycle: self → self');
  });

  it('a name that is no built-in says how to extend a folder', () => {
    const dir = project({ 'templates/x/template.yaml': 'extends: house\n' });
    const [m] = userErrors(() => loadTemplate(path.join(dir, 'templates/x'), 'project'));
    expect(m!.reason).toBe('`extends` names `house`, which is not a built-in template');
    expect(m!.hint).toContain('`default`, `wire`');
    expect(m!.hint).toContain('extends: ../house');
    expect(m!.place?.start).toMatchObject({ line: 1, column: 10 });
  });

  it('a template without extends must be complete: missing locale keys are named', () => {
    const dir = project({ 'bare/template.yaml': 'name: bare\n', 'bare/locales/en.yaml': 'intl: en-GB\nlabels:\n  release: NEWS\n' });
    const t = loadTemplate(path.join(dir, 'bare'), 'path');
    const reasons = userErrors(() => loadLocale(t, 'en')).map((m) => m.reason);
    expect(reasons).toContain('Missing required key `labels.endMarker`');
    expect(reasons).toContain('Missing required key `dateline`');
    expect(reasons).not.toContain('Missing required key `labels.release`');
  });
});

describe('plural forms from Intl.PluralRules', () => {
  const ru = { intl: 'ru-RU' } as LocaleData;
  const forms = { one: '{count} контакт', few: '{count} контакта', many: '{count} контактов', other: '{count} контакта' };

  it('picks the form the language’s rules name for the count', () => {
    expect([1, 2, 5, 21, 22, 25, 11].map((n) => plural(forms, n, ru))).toEqual(['1 контакт', '2 контакта', '5 контактов', '21 контакт', '22 контакта', '25 контактов', '11 контактов']);
    expect(plural({ one: 'Media contact', other: 'Media contacts' }, 2, { intl: 'en-GB' } as LocaleData)).toBe('Media contacts');
    // a form the locale does not give falls back to `other`
    expect(plural({ other: 'جهات الاتصال' }, 2, { intl: 'ar' } as LocaleData)).toBe('جهات الاتصال');
  });

  it('the contacts heading of the block style: singular for one contact, plural for two', async () => {
    const one = project({ 'r.md': source(['template: wire', 'contacts:', '  - { name: A B, email: a@example.org }']) });
    expect((await render(one)).text).toContain('\n\nMedia contact\n\nA B\na@example.org\n');
    const two = project({ 'r.md': source(['template: wire', 'contacts:', '  - { name: A B, email: a@example.org }', '  - { name: C D, email: c@example.org }']) });
    expect((await render(two)).text).toContain('\n\nMedia contacts\n\nA B\na@example.org\n');
  });

  it('older locale files with `contactsHeadingPlural` still load, as `one` and `other`', () => {
    const dir = project({
      'old/template.yaml': 'extends: default\n',
      'old/locales/en.yaml': 'labels:\n  contactsHeading: Press contact\n  contactsHeadingPlural: Press contacts\n',
    });
    const t = loadTemplate(path.join(dir, 'old'), 'path');
    expect(loadLocale(t, 'en').labels.contactsHeading).toEqual({ one: 'Press contact', other: 'Press contacts' });
  });
});
