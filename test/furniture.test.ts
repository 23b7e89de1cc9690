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
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { simpleParser } from 'mailparser';
import { parse as parseYaml } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, fixture, runCli, tempDir } from './helpers.js';

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
