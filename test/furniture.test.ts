/**
 * A translation prints no English furniture: generate the fixtures' translations
 * in every format a reader sees (txt, docx, pdf, html, eml), read each as its
 * reader would (pdftotext, the DOCX's XML text, the page's text, the decoded
 * e-mail), and look for the English locale's printed words — labels, contact
 * phrases, the media section, section names, newsroom words, month names — less
 * the words the translation's own locale also prints and the words the
 * translation's source itself writes (outside its contacts list).
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { deflateSync } from 'node:zlib';
import { strFromU8, unzipSync } from 'fflate';
import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { fixture, pngChunk, ROOT, runCli, tempDir } from './helpers.js';
import { useProjects } from './template-helpers.js';

const FAMILIES = ['cedaw-trafficking', 'water-report'] as const;
const LANGS = ['fr', 'ar', 'zh', 'es', 'ru'] as const;
const FORMATS = ['txt', 'docx', 'pdf', 'html', 'eml'] as const;

/** Words as a reader sees them: letters (and marks) only, case folded. */
function wordsOf(text: string): Set<string> {
  return new Set((text.match(/[\p{L}\p{M}]+/gu) ?? []).map((w) => w.toLocaleLowerCase('en')));
}

/** Addresses and links name no furniture, but carry words such as `media` (media@ohchr.org). */
function withoutAddresses(text: string): string {
  return text.replace(/(?:https?:\/\/|mailto:|www\.)[^\s<>"')]+|[^\s<>"'(),/⁦⁩]+@[^\s<>"'(),/⁦⁩]+/g, ' ');
}

/** Every string value of a YAML document, leaves only. */
function strings(v: unknown): string[] {
  if (typeof v === 'string') return [v];
  if (Array.isArray(v)) return v.flatMap(strings);
  if (v && typeof v === 'object') return Object.values(v).flatMap(strings);
  return [];
}

/** The printed words of a template's locale (its phrases without their `{placeholders}`); not what it only reads. */
function localeWords(lang: string): Set<string> {
  const out = new Set<string>();
  for (const t of ['default', 'wire']) {
    const file = path.join(ROOT, 'templates', t, 'locales', `${lang}.yaml`);
    const data = parseYaml(readFileSync(file, 'utf8')) as Record<string, unknown>;
    // speech words and init placeholders are read or written into sources, never printed by the tool
    const { speech: _speech, init: _init, intl: _intl, dir: _dir, ...printed } = data;
    for (const s of strings(printed)) for (const w of wordsOf(s.replace(/\{[^}]*\}/g, ' '))) out.add(w);
  }
  return out;
}

/** The English month names of Intl (en-GB), as a date in English would print them. */
function englishMonths(): string[] {
  return Array.from({ length: 12 }, (_, m) => new Date(Date.UTC(2020, m, 15)).toLocaleDateString('en-GB', { month: 'long', timeZone: 'UTC' }).toLowerCase());
}

/** The source's own words, outside its contacts list (where the media section's English name may be written). */
function sourceWords(file: string): Set<string> {
  const text = readFileSync(file, 'utf8');
  const body = text.replace(/^---\n[\s\S]*?\n---\n/, (fm) => fm.replace(/^\s*(?:role|organization|name):.*$/gm, ''));
  const outsideContacts = body.replace(/^## [^\n]*\n+(?:- [^\n]*\n)+/gm, (section) => section.split('\n')[0]!);
  return wordsOf(withoutAddresses(outsideContacts));
}

/** What a reader of each format reads. */
async function readAs(format: (typeof FORMATS)[number], file: string): Promise<string> {
  switch (format) {
    case 'txt':
      return readFileSync(file, 'utf8');
    case 'pdf':
      return execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
    case 'docx': {
      // the body, the running header and the footer (page numbers): every part with text
      const files = unzipSync(readFileSync(file));
      const xml = Object.entries(files)
        .filter(([name]) => /^word\/(document|header\d*|footer\d*)\.xml$/.test(name))
        .map(([, data]) => strFromU8(data))
        .join('\n');
      // (not the fields' codes, `PAGE`, which Word replaces by the number)
      return [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>|<w:p[ >]/g)].map((m) => (m[1] === undefined ? '\n' : decode(m[1]))).join('');
    }
    case 'html': {
      const html = readFileSync(file, 'utf8').replace(/<(script|style)\b[\s\S]*?<\/\1>/g, ' ');
      // what a reader sees, and what a screen reader says: alt, title and aria-label texts
      const attributes = [...html.matchAll(/\s(?:alt|title|aria-label|content)="([^"]*)"/g)].map((m) => m[1]);
      return decode([html.replace(/<[^>]*>/g, ' '), ...attributes].join('\n'));
    }
    case 'eml': {
      const mail = await simpleParser(readFileSync(file));
      const html = (mail.html || '').replace(/<(script|style)\b[\s\S]*?<\/\1>/g, ' ');
      return [mail.subject ?? '', mail.text ?? '', decode(html.replace(/<[^>]*>/g, ' '))].join('\n');
    }
  }
}

function decode(s: string): string {
  return s
    .replace(/&#x([0-9a-f]+);/gi, (_, h) => String.fromCodePoint(parseInt(h, 16)))
    .replace(/&#(\d+);/g, (_, d) => String.fromCodePoint(Number(d)))
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&nbsp;/g, ' ')
    .replace(/&amp;/g, '&');
}

describe('a translation prints no English furniture', () => {
  let out: { dir: string; cleanup: () => void };
  const english = new Set([...localeWords('en'), ...englishMonths()]);

  beforeAll(() => {
    out = tempDir();
    for (const family of FAMILIES) {
      const sources = LANGS.map((l) => fixture(family, `release.${l}.md`));
      const r = runCli(['generate', ...sources, '-f', FORMATS.join(','), '-o', path.join(out.dir, family), '--no-strict', '--quiet']);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
    }
  }, 120_000);
  afterAll(() => out?.cleanup());

  it('the English words looked for are the ones a translation used to print', () => {
    // what the test would catch: the media section's English name, an inherited English role, English labels and months
    for (const w of ['media', 'section', 'press', 'release', 'contact', 'please', 'background', 'november', 'page', 'embargoed']) expect(english.has(w), w).toBe(true);
  });

  for (const family of FAMILIES) {
    for (const lang of LANGS) {
      it(`${family} ${lang}: txt, docx, pdf, html and eml`, async () => {
        const source = fixture(family, `release.${lang}.md`);
        const own = sourceWords(source);
        const target = localeWords(lang);
        // the original's author, which a translation must not print in English either
        const original = parseYaml(readFileSync(fixture(family, 'release.md'), 'utf8').split(/^---$/m)[1]!) as { author?: string };
        const author = [...wordsOf(original.author ?? '')];
        const lookFor = [...new Set([...english, ...author])].filter((w) => !target.has(w) && !own.has(w));
        const found: Record<string, string[]> = {};
        for (const format of FORMATS) {
          const text = await readAs(format, path.join(out.dir, family, `release.${lang}.${format}`));
          expect(text.length, format).toBeGreaterThan(500);
          const seen = wordsOf(withoutAddresses(text));
          const english = lookFor.filter((w) => seen.has(w));
          if (english.length) found[format] = english;
        }
        expect(found).toEqual({});
      });
    }
  }
});

/** A grey PNG of `width` × `height` pixels: two logos told apart by their size in every format. */
function png(width: number, height: number): Buffer {
  const chunk = pngChunk;
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 0, 0, 0, 0], 8); // 8-bit greyscale
  const rows = Buffer.concat(Array.from({ length: height }, () => Buffer.from([0, ...Array<number>(width).fill(128)])));
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(rows)), chunk('IEND', Buffer.alloc(0))]);
}

describe('the organization, the media section and the logo in the release’s language', () => {
  const project = useProjects();
  const LOGO = png(3, 2);
  const LOGO_AR = png(5, 4);
  const files = {
    'templates/house/template.yaml': 'extends: default\nletterhead:\n  logo: logo.png\n  logos:\n    ar: logo-ar.png\n',
    'templates/house/logo.png': LOGO,
    'templates/house/logo-ar.png': LOGO_AR,
    'pressready.config.yaml': 'organization:\n  en: Acme Relief\n  fr: Secours Acme\n  ar: إغاثة أكمي\n',
    'r.md': [
      '---',
      'headline: Acme Relief opens forty wells',
      'template: house',
      'dateline: { city: Geneva, date: 2026-03-22 }',
      'contacts:',
      '  - { name: Ana Ruiz, role: Press officer, email: a.ruiz@example.org }',
      '  - { desk: media, phone: "+41 22 917 9000", email: media@example.org }',
      '---',
      '',
      'Acme Relief today opened forty wells in the Sahel.',
      '',
    ].join('\n'),
    // the translations give their roles in their language; phone and e-mail come from the original
    'r.fr.md':
      '---\ntranslation-of: r.md\nlang: fr\nheadline: Secours Acme ouvre quarante puits\ndateline: { city: Genève }\ncontacts:\n  - { name: Ana Ruiz, role: attachée de presse }\n  - { desk: media }\n---\n\nSecours Acme a ouvert aujourd’hui quarante puits au Sahel.\n',
    'r.ar.md':
      '---\ntranslation-of: r.md\nlang: ar\nheadline: إغاثة أكمي تفتح أربعين بئراً\ndateline: { city: جنيف }\ncontacts:\n  - { name: Ana Ruiz, role: مسؤولة الإعلام }\n  - { desk: media }\n---\n\nافتتحت إغاثة أكمي اليوم أربعين بئراً في منطقة الساحل.\n',
  };

  it('each language prints its organization and words the media section in its own sentence', () => {
    const dir = project(files);
    const r = runCli(['generate', 'r.md', 'r.fr.md', 'r.ar.md', '-f', 'txt,json', '--no-strict'], { cwd: dir });
    expect(r.stderr).toBe('');
    const txt = (name: string) => readFileSync(path.join(dir, 'dist', name), 'utf8');
    expect(txt('r.txt')).toMatch(/^Acme Relief\n/);
    expect(txt('r.txt')).toContain('please contact Ana Ruiz (Press officer) at a.ruiz@example.org or the Acme Relief Media Section at +41 22 917 9000 / media@example.org');
    expect(txt('r.fr.txt')).toMatch(/^Secours Acme\n/);
    expect(txt('r.fr.txt')).toContain('veuillez contacter Ana Ruiz (attachée de presse) au a.ruiz@example.org ou la Section des médias du Secours Acme au +41 22 917 9000 / media@example.org');
    expect(txt('r.ar.txt')).toMatch(/^إغاثة أكمي\n/);
    expect(txt('r.ar.txt')).toContain('Ana Ruiz (مسؤولة الإعلام) على ⁦a.ruiz@example.org⁩ أو قسم الإعلام في إغاثة أكمي على ⁦+41 22 917 9000⁩ / ⁦media@example.org⁩');
    const model = JSON.parse(txt('r.fr.json'));
    expect(model.contacts[1]).toMatchObject({ desk: 'media', from: 'front-matter', phones: ['+41 22 917 9000'], emails: ['media@example.org'] });
  });

  it('a translation without `author` does not print the original’s', () => {
    const dir = project({
      'r.md':
        '---\nheadline: H\nauthor: UN Human Rights Office\ndateline: { city: Geneva, date: 2026-03-22 }\n---\n\nThe Office today opened forty wells in the Sahel.\n\n## Media contacts\n\n- UN Human Rights Office Media Section, +41 22 917 9000, media@example.org\n',
      'r.fr.md': '---\ntranslation-of: r.md\nlang: fr\nheadline: H\n---\n\nLe Haut-Commissariat a ouvert aujourd’hui quarante puits au Sahel.\n',
    });
    const r = runCli(['generate', 'r.md', 'r.fr.md', '-f', 'txt', '--no-strict'], { cwd: dir });
    expect(r.stderr).toBe('');
    const fr = readFileSync(path.join(dir, 'dist', 'r.fr.txt'), 'utf8');
    expect(fr).not.toContain('UN Human Rights Office');
    expect(fr).toMatch(/^COMMUNIQUÉ DE PRESSE\n/);
    // no organization known in French: the media section without one
    expect(fr).toContain('veuillez contacter la Section des médias au +41 22 917 9000 / media@example.org');
  });

  it('the Arabic release prints the Arabic logo, the others the default (PDF image, DOCX media, HTML img)', () => {
    const dir = project(files);
    const r = runCli(['generate', 'r.md', 'r.fr.md', 'r.ar.md', '-f', 'pdf,docx,html', '--no-strict'], { cwd: dir });
    expect(r.stderr).toBe('');
    for (const [stem, logo, size] of [
      ['r', LOGO, '3 2'],
      ['r.fr', LOGO, '3 2'],
      ['r.ar', LOGO_AR, '5 4'],
    ] as const) {
      const html = readFileSync(path.join(dir, 'dist', `${stem}.html`), 'utf8');
      expect(html).toContain(`src="data:image/png;base64,${logo.toString('base64')}"`);
      const docx = unzipSync(readFileSync(path.join(dir, 'dist', `${stem}.docx`)));
      const media = Object.entries(docx).filter(([n]) => n.startsWith('word/media/'));
      expect(media.map(([, b]) => Buffer.from(b).equals(logo))).toEqual([true]);
      const images = execFileSync('pdfimages', ['-list', path.join(dir, 'dist', `${stem}.pdf`)], { encoding: 'utf8' })
        .split('\n')
        .slice(2)
        .filter(Boolean);
      expect(images.map((l) => l.trim().split(/\s+/).slice(3, 5).join(' '))).toEqual([size]);
    }
    expect(readdirSync(path.join(dir, 'dist')).length).toBe(9);
  });

  it('a logo for a language the template has no locale for is refused at its place', () => {
    const dir = project({ ...files, 'templates/house/template.yaml': 'extends: default\nletterhead:\n  logo: logo.png\n  logos:\n    arr: logo-ar.png\n' });
    const r = runCli(['generate', 'r.md', '-f', 'txt'], { cwd: dir });
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/template\.yaml:5:10: error: `letterhead\.logos\.arr` names a language the template has no locale for/);
    expect(r.stderr).toContain('Its languages: ar, en, es, fr, ru, zh');
  });
});
