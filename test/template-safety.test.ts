import { rmSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadLocale, loadTemplate } from '../src/templates/load.js';
import { pngChunk, runCli } from './helpers.js';
import { ACME, PNG, source, useProjects, userErrors } from './template-helpers.js';

const project = useProjects();

const acmeWith = (templateYaml: string, extra: Record<string, string | Buffer> = {}) =>
  project({ ...ACME, 'templates/acme/template.yaml': templateYaml, 'r.md': source(['template: acme']), ...extra });
const loadAcme = (dir: string) => loadTemplate(path.join(dir, 'templates/acme'), 'project');

describe('template.yaml against its schema', () => {
  it('a wrong key: its line and column, the key probably meant, and what is allowed (the real binary)', () => {
    const dir = acmeWith('extends: default\nletterhead:\n  organisation: Acme\n');
    const r = runCli(['generate', 'r.md', '-f', 'txt'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('templates/acme/template.yaml:3:3: error: Unknown key `letterhead.organisation` [template]');
    expect(r.stderr).toContain('→ Did you mean `organization`? Allowed here: `organization`, `logo`, `logos`, `logoWidth`, `lines`.');
  });

  it('a wrong type: its line and column, and what the key takes', () => {
    const dir = acmeWith('extends: default\npage:\n  margins: { top: ten, left: 20 }\n');
    const r = runCli(['generate', 'r.md', '-f', 'txt'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('templates/acme/template.yaml:3:19: error: `page.margins.top` must be a number, found text [template]');
    expect(r.stderr).toContain('→ Write a number here (top margin, mm).');
  });

  it('a wrong value of a closed set suggests the one meant; a colour must be #rrggbb', () => {
    const [size, colour] = userErrors(() => loadAcme(acmeWith('page: { size: a4 }\nstyles:\n  label: { color: green }\n')));
    expect(size).toMatchObject({ reason: '`page.size` is `a4`; it must be one of `A4`, `Letter`', hint: 'Did you mean `A4`?' });
    expect(size!.place?.start).toMatchObject({ line: 1, column: 15 });
    expect(colour!.reason).toBe('`styles.label.color` is `green`, not a colour like #1a1a1a');
    expect(colour!.place?.start).toMatchObject({ line: 3, column: 19 });
  });

  it('a style naming a font role that no template of the chain defines', () => {
    const [m] = userErrors(() => loadAcme(acmeWith('extends: default\nstyles:\n  headline: { font: serif }\n')));
    expect(m!.reason).toBe('`styles.headline.font` is `serif`, a font role `fonts` does not define');
    expect(m!.hint).toBe('Defined: `sans`.');
    expect(m!.place?.start).toMatchObject({ line: 3, column: 21 });
  });

  it('`sections` sets the order of all three sections: one left out would drop words of the source', () => {
    const [m] = userErrors(() => loadAcme(acmeWith('extends: default\nsections: [contacts, boilerplate]\n')));
    expect(m!.reason).toBe('`sections` must list `contacts`, `background` and `boilerplate`, each once: it sets their order');
    expect(m!.hint).toMatch(/^Add `background`/);
    expect(m!.place?.start).toMatchObject({ line: 2, column: 11 });
  });
});

describe('files a template names stay inside its folder', () => {
  it('`..` is refused, naming the key, at its line and column, even when the file exists', () => {
    const dir = acmeWith('extends: default\nletterhead:\n  logo: ../../secret.png\n', { 'secret.png': PNG });
    const r = runCli(['generate', 'r.md', '-f', 'txt'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('templates/acme/template.yaml:3:9: error: `letterhead.logo` leaves the template folder (../../secret.png) [template]');
  });

  it('an absolute path is refused, naming the key', () => {
    const secret = project({ 'secret.png': PNG });
    const [m] = userErrors(() => loadAcme(acmeWith(`extends: default\nletterhead:\n  logo: ${path.join(secret, 'secret.png')}\n`)));
    expect(m!.reason).toBe(`\`letterhead.logo\` names an absolute path (${path.join(secret, 'secret.png')})`);
    expect(m!.place?.start).toMatchObject({ line: 3, column: 9 });
  });

  it('a symlink inside the folder that leads out of it is refused', () => {
    const secret = project({ 'secret.png': PNG });
    const dir = acmeWith('extends: default\nletterhead:\n  logo: assets/link.png\n');
    symlinkSync(path.join(secret, 'secret.png'), path.join(dir, 'templates/acme/assets/link.png'));
    const [m] = userErrors(() => loadAcme(dir));
    expect(m!.reason).toBe('`letterhead.logo` is a link that leads out of the template folder (assets/link.png)');
  });

  it('a template or locale YAML file that is a symlink leading out of the folder is refused, its keys not echoed', () => {
    const secret = project({ 'en.yaml': 'labels:\n  release: SECRET FROM OUTSIDE\n', 'template.yaml': 'extends: default\nsecretKey: 1\n' });
    const dir = acmeWith('extends: default\n');
    rmSync(path.join(dir, 'templates/acme/locales/en.yaml'));
    symlinkSync(path.join(secret, 'en.yaml'), path.join(dir, 'templates/acme/locales/en.yaml'));
    const r = runCli(['generate', 'r.md', '-f', 'txt'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('templates/acme/locales/en.yaml: error: The en locale is a symbolic link that leads out of the template folder [template]');
    expect(r.stderr).not.toContain('SECRET');

    rmSync(path.join(dir, 'templates/acme/template.yaml'));
    symlinkSync(path.join(secret, 'template.yaml'), path.join(dir, 'templates/acme/template.yaml'));
    const t = runCli(['generate', 'r.md', '-f', 'txt'], { cwd: dir });
    expect(t.code).toBe(1);
    expect(t.stderr).toMatch(/symbolic link that leads out of the template folder/);
    expect(t.stderr).not.toContain('secretKey');
  });

  it('`__proto__` and `constructor` are unknown keys like any other', () => {
    for (const key of ['__proto__', 'constructor']) {
      const [m] = userErrors(() => loadAcme(acmeWith(`extends: default\n${key}: { polluted: 1 }\n`)));
      expect(m!.reason).toBe(`Unknown key \`${key}\``);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    }
  });

  it('a font file outside, and a logo that is not a PNG or JPEG (an SVG renamed), are refused', () => {
    const dir = acmeWith('extends: default\nletterhead:\n  logo: assets/logo.png\nfonts:\n  sans: { bold: ../x/Bold.ttf }\n', {
      'templates/acme/assets/logo.png': '<svg xmlns="http://www.w3.org/2000/svg"/>',
      'templates/x/Bold.ttf': Buffer.from([0, 1, 0, 0]),
    });
    const [logo, font] = userErrors(() => loadAcme(dir));
    expect(logo!.reason).toBe('`letterhead.logo` (assets/logo.png) is not a PNG or JPEG image');
    expect(font!.reason).toBe('`fonts.sans.bold` leaves the template folder (../x/Bold.ttf)');
    expect(font!.place?.start).toMatchObject({ line: 5, column: 17 });
  });

  it('a corrupt, truncated, oversized or damaged logo or font is the template’s error, naming the key, not an internal error on each source', () => {
    const truncated = PNG.subarray(0, PNG.length - 20);
    const damaged = Buffer.from(PNG);
    damaged[43] = damaged[43]! ^ 0xff; // a byte of the image data: its chunk's checksum no longer matches
    // a well-formed PNG that says it is 20,000 × 20,000 pixels
    const chunk = pngChunk;
    const ihdr = Buffer.alloc(13);
    ihdr.writeUInt32BE(20_000, 0);
    ihdr.writeUInt32BE(20_000, 4);
    ihdr.set([8, 6, 0, 0, 0], 8);
    const huge = Buffer.concat([PNG.subarray(0, 8), chunk('IHDR', ihdr), chunk('IEND', Buffer.alloc(0))]);
    const cases: [string, Buffer, string, RegExp][] = [
      ['truncated.png', truncated, 'letterhead:\n  logo: assets/truncated.png\n', /`letterhead\.logo` \(assets\/truncated\.png\) cannot be used: its IDAT chunk is cut short: the file is truncated/],
      ['damaged.png', damaged, 'letterhead:\n  logo: assets/damaged.png\n', /`letterhead\.logo` \(assets\/damaged\.png\) cannot be used: its IDAT chunk is damaged \(checksum mismatch\)/],
      ['huge.png', huge, 'letterhead:\n  logo: assets/huge.png\n', /cannot be used: it is 20000 × 20000 pixels, more than 8000 on a side/],
      [
        'bad.ttf',
        Buffer.concat([Buffer.from([0, 1, 0, 0]), Buffer.alloc(200, 7)]),
        'fonts:\n  sans: { regular: assets/bad.ttf }\n',
        /`fonts\.sans\.regular` \(assets\/bad\.ttf\) cannot be used: it cannot be read/,
      ],
    ];
    for (const [name, bytes, yaml, reason] of cases) {
      const dir = acmeWith(`extends: default\n${yaml}`, { [`templates/acme/assets/${name}`]: bytes });
      const r = runCli(['generate', 'r.md', '-f', 'txt,pdf'], { cwd: dir });
      expect(r.code, name).toBe(1);
      expect(r.stderr, name).toMatch(/templates\/acme\/template\.yaml:\d+:\d+: error: .*\[template\]/);
      expect(r.stderr, name).toMatch(reason);
      expect(r.stderr, name).not.toMatch(/Internal|bug in pressready/);
    }
  });

  it('a font over the size limit is refused before it is read', () => {
    const dir = acmeWith('extends: default\nfonts:\n  sans: { regular: assets/big.ttf }\n', {
      'templates/acme/assets/big.ttf': Buffer.concat([Buffer.from([0, 1, 0, 0]), Buffer.alloc(41 * 1024 * 1024)]),
    });
    const [m] = userErrors(() => loadAcme(dir));
    expect(m!.reason).toBe('`fonts.sans.regular` (assets/big.ttf) cannot be used: it is 41 MB, over the limit of 40 MB for a font');
  });

  it('an SVG by name is refused by the schema, saying why', () => {
    const [m] = userErrors(() => loadAcme(acmeWith('letterhead:\n  logo: logo.svg\n')));
    expect(m!.reason).toMatch(/^`letterhead.logo` is `logo.svg`; a logo must be a PNG or JPEG file/);
  });
});

describe('printed phrases use placeholders from a fixed set', () => {
  const withLocale = (en: string) => {
    const dir = project({ ...ACME, 'templates/acme/locales/en.yaml': en });
    return () => loadLocale(loadAcme(dir), 'en');
  };

  it('an unknown placeholder is an error at the placeholder, naming the allowed ones', () => {
    const [m, missing, ...rest] = userErrors(withLocale('labels:\n  embargo: "Embargoed until {date} at {hour}"\n'));
    expect(rest).toEqual([]);
    expect(m!.reason).toBe('`labels.embargo` uses the placeholder `{hour}`, which it cannot fill');
    expect(m!.hint).toBe('It may use `{date}`, `{time}`, `{offset}`, `{gmtDate}`, `{gmtTime}`.');
    expect(m!.place).toMatchObject({ start: { line: 2, column: 39 }, end: { line: 2, column: 45 } });
    // and `{time}`, which the embargo line must print, is missing
    expect(missing!.reason).toBe('`labels.embargo` has no `{time}`, so it would drop what goes there');
  });

  it('a near miss is named; a phrase that takes none says so', () => {
    const [dateline, , label] = userErrors(withLocale('dateline: "{cty} ({date}) — "\nlabels:\n  release: "NEWS {date}"\n'));
    expect(dateline!.hint).toMatch(/^Did you mean `\{city\}`\?/);
    expect(label!.reason).toBe('`labels.release` uses the placeholder `{date}`, which it cannot fill');
    expect(label!.hint).toBe('It takes no placeholders.');
  });

  it('a phrase that would drop what the source says is refused', () => {
    const [m] = userErrors(withLocale('labels:\n  contactsSentence: "Call us"\n'));
    expect(m!.reason).toBe('`labels.contactsSentence` has no `{contacts}`, so it would drop what goes there');
    expect(m!.place?.start).toMatchObject({ line: 2, column: 21 });
  });

  it('plural forms are checked too, and `other` must be among them', () => {
    const [bad] = userErrors(withLocale('labels:\n  contactsHeading: { one: "{n} contact", other: "contacts" }\n'));
    expect(bad!.reason).toBe('`labels.contactsHeading.one` uses the placeholder `{n}`, which it cannot fill');
    const dir = project({ 'bare/template.yaml': 'extends: default\n', 'bare/locales/de.yaml': 'labels:\n  contactsHeading: { one: Pressekontakt }\n' });
    const reasons = userErrors(() => loadLocale(loadTemplate(path.join(dir, 'bare'), 'path'), 'de')).map((m) => m.reason);
    expect(reasons).toContain('Missing required key `labels.contactsHeading.other`');
  });
});
