/**
 * The web page (html) and the e-mail (eml), checked as their readers take them:
 * an HTML validator, axe-core in a real browser (Debian's Chromium, driven by
 * playwright-core), the browser's own fonts and layout, its print to PDF, and a
 * real mail parser (mailparser).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { HtmlValidate } from 'html-validate';
import { type ParsedMail, simpleParser } from 'mailparser';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compose } from '../src/render/compose.js';
import { FORMATS } from '../src/render/registry.js';
import { ALL_FIXTURES, FIXTURES, generateInTwoTimeZones, loadFixture, ROOT, runCli, tempDir, tempDirs } from './helpers.js';

const temp = tempDirs();
const out = tempDir();
afterAll(() => out.cleanup());

/** Where a fixture's output of a format is, in the run of beforeAll. */
const output = (fixture: string, ext: string) => path.join(out.dir, fixture.replace(/\.md$/, `.${ext}`));

const validator = new HtmlValidate({
  extends: ['html-validate:recommended'],
  // a release's <title> is its headline, whole: a browser tab or a search result shortens it, the page does not
  rules: { 'long-title': 'off' },
});

const AXE = readFileSync(path.join(ROOT, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');
let browser: Browser;

beforeAll(async () => {
  const r = runCli(['generate', FIXTURES, '-f', 'txt,html,pdf,eml', '-o', out.dir, '-q']);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium' });
});
afterAll(async () => browser?.close());

/** A page of the browser with a fixture's output open; every address it asked for, kept. */
async function open(file: string): Promise<{ page: Page; requests: string[] }> {
  const page = await browser.newPage({ viewport: { width: 900, height: 1200 } });
  const requests: string[] = [];
  page.on('request', (req) => requests.push(req.url()));
  await page.goto(pathToFileURL(file).href);
  return { page, requests };
}

function jsonLd(html: string): Record<string, unknown> {
  const m = /<script type="application\/ld\+json">([\s\S]*?)<\/script>/.exec(html);
  expect(m).not.toBeNull();
  return JSON.parse(m![1]!) as Record<string, unknown>;
}

describe('html: every fixture, in six languages', () => {
  it.each(ALL_FIXTURES)('%s passes html-validate', async (fixture) => {
    const report = await validator.validateString(readFileSync(output(fixture, 'html'), 'utf8'));
    expect(report.results.flatMap((r) => r.messages.map((m) => `${m.line}:${m.column} ${m.ruleId} ${m.message}`))).toEqual([]);
    expect(report.valid).toBe(true);
  });

  it.each(ALL_FIXTURES)('%s: axe-core finds no violation in Chromium; lang, dir and no request beyond the file', async (fixture) => {
    const loaded = await loadFixture(fixture);
    const file = output(fixture, 'html');
    const { page, requests } = await open(file);
    try {
      await page.addScriptTag({ content: AXE });
      const result = await page.evaluate(() => (window as unknown as { axe: { run: () => Promise<{ violations: { id: string; nodes: { target: unknown }[] }[]; passes: unknown[] }> } }).axe.run());
      expect(result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => JSON.stringify(n.target)).join(', ')}`)).toEqual([]);
      expect(result.passes.length).toBeGreaterThan(10);
      expect(await page.evaluate(() => [document.documentElement.lang, document.documentElement.dir])).toEqual([loaded.release.lang, loaded.release.dir]);
      // one h1, the headline; the parts after it as h2
      expect(await page.locator('h1').allTextContents()).toEqual([loaded.release.headline]);
      expect(await page.locator('h2').count()).toBeGreaterThan(0);
      expect(requests).toEqual([pathToFileURL(file).href]);
    } finally {
      await page.close();
    }
  });
});

describe('html: right to left, Chinese faces, print', () => {
  /** The faces the browser drew an element's text with, and how many glyphs each. */
  async function facesOf(page: Page, selector: string): Promise<Record<string, number>> {
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('DOM.enable');
    await cdp.send('CSS.enable');
    const { root } = await cdp.send('DOM.getDocument');
    const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector });
    const { fonts } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId });
    const faces: Record<string, number> = {};
    for (const f of fonts) faces[f.familyName] = (faces[f.familyName] ?? 0) + f.glyphCount;
    return faces;
  }

  async function screenshot(page: Page, name: string): Promise<void> {
    const png = await page.screenshot({ fullPage: true });
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    // PRESSREADY_SCREENSHOTS=<folder> keeps them, to look at
    const dir = process.env.PRESSREADY_SCREENSHOTS;
    if (dir) {
      mkdirSync(dir, { recursive: true });
      writeFileSync(path.join(dir, name), png);
    }
  }

  it('Arabic: set right to left (the headline on the right) in Noto Naskh Arabic', async () => {
    const { page } = await open(output('water-report/release.ar.md', 'html'));
    try {
      const [dir, h1, body] = await page.evaluate(() => {
        const r = (s: string) => document.querySelector(s)!.getBoundingClientRect();
        const h = document.querySelector('h1')!;
        return [getComputedStyle(h).direction, { left: r('h1').left, right: r('h1').right }, { left: r('main').left, right: r('main').right }];
      });
      expect(dir).toBe('rtl');
      // a line of the headline ends at the right edge of the text, and starts away from the left one
      expect(Math.abs(h1.right - body.right)).toBeLessThan(2);
      const lineEnd = await page.evaluate(() => {
        const range = document.createRange();
        range.selectNodeContents(document.querySelector('.end-marker')!);
        return range.getBoundingClientRect().left;
      });
      expect(lineEnd).toBeGreaterThan(body.left + 50);
      const faces = await facesOf(page, 'h1');
      const arabic = faces['Noto Naskh Arabic'] ?? 0;
      expect(arabic).toBeGreaterThan(40);
      expect(arabic).toBeGreaterThan(Object.values(faces).reduce((a, b) => a + b, 0) / 2);
      await screenshot(page, 'water-report.ar.png');
    } finally {
      await page.close();
    }
  });

  it('Chinese: drawn with a Chinese face, its quotation marks too', async () => {
    const { page } = await open(output('water-report/release.zh.md', 'html'));
    try {
      const faces = await facesOf(page, 'h1');
      expect(Object.keys(faces)).toEqual(['Noto Sans CJK SC']);
      const q = await facesOf(page, 'q');
      expect(Object.keys(q)).toEqual(['Noto Sans CJK SC']);
      await screenshot(page, 'water-report.zh.png');
    } finally {
      await page.close();
    }
  });

  it('prints on the template’s page size, with the page numbers of the locale and the running header from page 2', async () => {
    const t = temp();
    for (const [fixture, size, pattern, minPages] of [
      ['water-report/release.md', '612 x 792', /Page 1 of \d/, 1],
      ['cedaw-trafficking/release.fr.md', '[0-9.]+ x [0-9.]+ pts \\(A4\\)', /Page 1 sur \d/, 2],
    ] as const) {
      const { page } = await open(output(fixture, 'html'));
      try {
        const pdf = path.join(t, 'print.pdf');
        await page.pdf({ path: pdf, preferCSSPageSize: true });
        const info = spawnSync('pdfinfo', [pdf], { encoding: 'utf8' }).stdout;
        expect(info).toMatch(new RegExp(`Page size:\\s+${size}`));
        const pages = Number(/Pages:\s+(\d+)/.exec(info)![1]);
        expect(pages).toBeGreaterThanOrEqual(minPages);
        const text = spawnSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' }).stdout.split('\f');
        expect(text[0]).toMatch(pattern);
        expect(text[0]).toContain(String(pages));
        const loaded = await loadFixture(fixture);
        const header = compose(loaded).furniture.runningHeader!;
        const firstLine = (page: string) =>
          page
            .split('\n')
            .find((l) => l.trim())!
            .trim();
        expect(firstLine(text[0]!)).not.toContain(header);
        if (pages > 1) expect(firstLine(text[1]!)).toBe(header);
      } finally {
        await page.close();
      }
    }
  });
});

describe('html: JSON-LD and the links between language versions', () => {
  const langs = ['ar', 'es', 'fr', 'ru', 'zh'];

  it('the original names its translations, each translation its original; hreflang links lead to pages in that language', async () => {
    const original = readFileSync(output('water-report/release.md', 'html'), 'utf8');
    const ld = jsonLd(original);
    const loaded = await loadFixture('water-report/release.md');
    expect(ld['@context']).toBe('https://schema.org');
    expect(ld['@type']).toBe('NewsArticle');
    expect(ld.headline).toBe(loaded.release.headline);
    expect(ld.inLanguage).toBe('en');
    expect(ld.datePublished).toBe(loaded.release.embargo!.value);
    expect(ld.dateline).toMatch(/^NEW YORK, 22 March 2026$/);
    expect(ld.translationOfWork).toBeUndefined();
    const works = ld.workTranslation as { url: string; inLanguage: string }[];
    expect(works.map((w) => w.inLanguage).sort()).toEqual(langs);
    for (const w of works) expect(existsSync(path.join(out.dir, 'water-report', w.url))).toBe(true);

    for (const lang of langs) {
      const html = readFileSync(output(`water-report/release.${lang}.md`, 'html'), 'utf8');
      const t = jsonLd(html);
      expect(t.inLanguage).toBe(lang);
      expect(t.translationOfWork).toMatchObject({ '@type': 'NewsArticle', url: 'release.html', inLanguage: 'en' });
      expect(t.workTranslation).toBeUndefined();
      const headline = (await loadFixture(`water-report/release.${lang}.md`)).release.headline;
      expect(t.headline).toBe(headline);
    }

    for (const fixture of ['water-report/release.md', 'water-report/release.ar.md']) {
      const html = readFileSync(output(fixture, 'html'), 'utf8');
      const links = [...html.matchAll(/<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">/g)].map((m) => [m[1]!, m[2]!] as const);
      expect(links.map(([l]) => l).sort()).toEqual(['ar', 'en', 'es', 'fr', 'ru', 'zh']);
      for (const [lang, href] of links) {
        const target = readFileSync(path.join(out.dir, 'water-report', decodeURIComponent(href)), 'utf8');
        expect(target).toContain(`<html lang="${lang}"`);
      }
    }
  });

  it('a release without translations has no alternate links and no translation in its JSON-LD', () => {
    const html = readFileSync(output('vaccine-report/release.md', 'html'), 'utf8');
    expect(html).not.toContain('hreflang');
    const ld = jsonLd(html);
    expect(ld.workTranslation).toBeUndefined();
    expect(ld.translationOfWork).toBeUndefined();
    expect(ld.datePublished).toMatch(/^\d{4}-\d{2}-\d{2}/);
  });

  it('a translation generated alone still names its original', () => {
    const t = temp();
    const r = runCli(['generate', path.join(FIXTURES, 'water-report', 'release.zh.md'), '-f', 'html', '-o', t]);
    expect(r.code).toBe(0);
    const html = readFileSync(path.join(t, 'release.zh.html'), 'utf8');
    expect(jsonLd(html).translationOfWork).toMatchObject({ url: 'release.html', inLanguage: 'en' });
    expect(html).toContain('<link rel="alternate" hreflang="en" href="release.html">');
  });
});

describe('html: what a source writes is text, wherever it goes', () => {
  it('escapes text, attributes and the JSON-LD (`</script>`, U+2028); a template logo is inlined with its alt text', async () => {
    const hostile = 'Water </script><script>alert(1)</script> & <b>“rights”</b> \u2028 now';
    const dir = temp({
      'templates/house/template.yaml': 'name: house\nextends: default\nletterhead:\n  organization: Acme "Relief" <Office>\n  logo: logo.png\n',
      'news.md': [
        '---',
        `headline: ${JSON.stringify(hostile)}`,
        'subheadline: "A <i>sub</i> \\u2029 line"',
        'dateline: { city: Geneva, date: 2026-03-22 }',
        'template: house',
        'keywords: ["a\\"b", "<c>"]',
        '---',
        '',
        'The lead, with [a link](javascript:alert(1)) and [a real one](https://example.org/?a=1&b="2").',
        '',
      ].join('\n'),
    });
    writeFileSync(path.join(dir, 'templates', 'house', 'logo.png'), readFileSync(path.join(ROOT, 'test', 'assets', 'logo.png')));
    const r = runCli(['generate', 'news.md', '-f', 'html', '-o', 'out'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('[link-scheme]');
    const html = readFileSync(path.join(dir, 'out', 'news.html'), 'utf8');
    expect(html).not.toMatch(/<script>|<b>|<i>|javascript:/);
    // in the JSON-LD as \u escapes (in the page's text they are characters like any other)
    const script = /<script type="application\/ld\+json">([\s\S]*?)<\/script>/.exec(html)![1]!;
    expect(script).not.toMatch(/[\u2028\u2029]/);
    expect(script).toContain('\\u2028');
    expect(html.match(/<\/script>/g)).toHaveLength(1);
    expect(jsonLd(html).headline).toBe(hostile);
    expect(jsonLd(html).alternativeHeadline).toBe('A <i>sub</i> \u2029 line');
    const report = await validator.validateString(html);
    expect(report.results.flatMap((x) => x.messages.map((m) => m.message))).toEqual([]);

    const { page } = await open(path.join(dir, 'out', 'news.html'));
    try {
      expect(await page.locator('h1').textContent()).toBe(hostile);
      expect(await page.evaluate(() => document.scripts.length)).toBe(1);
      const img = page.locator('img.logo');
      expect(await img.getAttribute('alt')).toBe('Acme "Relief" <Office>');
      expect(await img.getAttribute('src')).toMatch(/^data:image\/png;base64,/);
      expect(await img.evaluate((i: HTMLImageElement) => i.complete && i.naturalWidth > 0)).toBe(true);
      expect(await page.locator('a').evaluateAll((as) => as.map((a) => a.getAttribute('href')))).toEqual(['https://example.org/?a=1&b="2"']);
    } finally {
      await page.close();
    }
  });
});

describe('eml: the release as an e-mail, read back by mailparser', () => {
  const parse = (file: string) => simpleParser(readFileSync(file));

  it.each([
    'water-report/release.md',
    'water-report/release.fr.md',
    'water-report/release.es.md',
    'water-report/release.ru.md',
    'water-report/release.ar.md',
    'water-report/release.zh.md',
    'cedaw-trafficking/release.zh.md',
    'vaccine-report/release.md',
  ])('%s: text and web page as alternatives, the PDF attached, its subject and language', async (fixture) => {
    const raw = readFileSync(output(fixture, 'eml'));
    const mail: ParsedMail = await parse(output(fixture, 'eml'));
    const loaded = await loadFixture(fixture);
    const composed = compose(loaded);
    // the subject: the headline, after the embargo in the release's language when there is one
    expect(mail.subject).toBe(composed.meta.embargoedTitle ?? loaded.release.headline);
    expect(mail.subject).toContain(loaded.release.headline);
    if (loaded.release.embargo) expect(mail.subject!.length).toBeGreaterThan(loaded.release.headline.length + 5);
    expect(mail.headers.get('content-language')).toBe(loaded.release.lang);
    expect(mail.text).toBe(readFileSync(output(fixture, 'txt'), 'utf8'));
    expect(mail.html).toBe(readFileSync(output(fixture, 'html'), 'utf8'));
    expect(mail.attachments).toHaveLength(1);
    const pdf = mail.attachments[0]!;
    expect(pdf.contentType).toBe('application/pdf');
    expect(pdf.filename).toBe(path.basename(output(fixture, 'pdf')));
    expect(Buffer.compare(pdf.content, readFileSync(output(fixture, 'pdf')))).toBe(0);
    // no sender or recipient unless given; the headers in ASCII (RFC 2047), the structure as asked
    expect(mail.from).toBeUndefined();
    expect(mail.to).toBeUndefined();
    const head = raw.subarray(0, raw.indexOf('\r\n\r\n')).toString('latin1');
    expect(head).toMatch(/^[\x20-\x7e\r\n\t]+$/);
    expect(head).toMatch(/^Content-Type: multipart\/mixed;/m);
    expect(raw.toString('latin1')).toMatch(/^Content-Type: multipart\/alternative;/m);
    expect(mail.messageId).toMatch(/^<[0-9a-f]{32}@pressready\.invalid>$/);
    expect(mail.date?.toISOString()).toBe(composed.meta.date.toISOString());
  });

  it('--from and --to, or generate.from and generate.to in the config; a header smuggled in an address is refused', async () => {
    const dir = temp({ 'news/release.md': readFileSync(path.join(FIXTURES, 'vaccine-report', 'release.md'), 'utf8') });
    const r = runCli(['generate', 'news/release.md', '-f', 'eml', '-o', 'a', '--from', 'Bureau de presse <press@example.org>', '--to', 'desk@example.net', '--to', 'Ünal Öz <u@example.com>'], {
      cwd: dir,
    });
    expect(r.stderr).toBe('');
    const a = await parse(path.join(dir, 'a', 'release.eml'));
    expect(a.from?.value).toEqual([{ name: 'Bureau de presse', address: 'press@example.org' }]);
    const to = Array.isArray(a.to) ? a.to : [a.to!];
    expect(to.flatMap((t) => t.value)).toEqual([
      { address: 'desk@example.net', name: '' },
      { address: 'u@example.com', name: 'Ünal Öz' },
    ]);
    expect(a.messageId).toMatch(/@example\.org>$/);

    writeFileSync(path.join(dir, 'pressready.config.yaml'), 'generate:\n  from: press@example.org\n  to: [desk@example.net]\n');
    expect(runCli(['generate', 'news/release.md', '-f', 'eml', '-o', 'b'], { cwd: dir }).code).toBe(0);
    const b = await parse(path.join(dir, 'b', 'release.eml'));
    expect(b.from?.value[0]?.address).toBe('press@example.org');
    expect((Array.isArray(b.to) ? b.to[0]! : b.to!).value[0]!.address).toBe('desk@example.net');

    const bad = runCli(['generate', 'news/release.md', '-f', 'eml', '-o', 'c', '--to', 'a@example.org\nBcc: all@example.org'], { cwd: dir });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--to takes one e-mail address');
    expect(existsSync(path.join(dir, 'c'))).toBe(false);
  });
});

describe('html and eml: like the other formats', () => {
  it('the same bytes across processes and time zones', () => {
    const [a, b] = generateInTwoTimeZones('water-report/release.ar.md', 'html');
    expect(a.length).toBeGreaterThan(3000);
    expect(a.equals(b)).toBe(true);
    const [c, d] = generateInTwoTimeZones('water-report/release.zh.md', 'eml');
    expect(c.length).toBeGreaterThan(20_000);
    expect(c.equals(d)).toBe(true);
  });

  it('-f all includes them; `generate -f html -` writes the page to standard output; the manifest records them', () => {
    expect(FORMATS).toEqual(expect.arrayContaining(['html', 'eml']));
    const src = readFileSync(path.join(FIXTURES, 'vaccine-report', 'release.md'), 'utf8');
    const r = runCli(['generate', '-f', 'html', '-'], { input: src });
    expect(r.code).toBe(0);
    expect(r.stdout.startsWith('<!DOCTYPE html>\n<html lang="en" dir="ltr">')).toBe(true);
    expect(r.stdout).toBe(readFileSync(output('vaccine-report/release.md', 'html'), 'utf8'));

    const dir = temp({ 'release.md': src });
    const m = runCli(['generate', 'release.md', '-f', 'html,eml', '-o', 'out', '--manifest', 'out/manifest.json'], { cwd: dir });
    expect(m.code).toBe(0);
    const manifest = JSON.parse(readFileSync(path.join(dir, 'out', 'manifest.json'), 'utf8')) as { sources: { outputs: { path: string; format: string }[] }[] };
    expect(manifest.sources[0]!.outputs.map((o) => [o.format, o.path])).toEqual([
      ['eml', 'release.eml'],
      ['html', 'release.html'],
    ]);
  });
});
