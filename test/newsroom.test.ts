/**
 * `generate … -f html --feed`: index.html and the Atom feeds, read back as their
 * readers do — the page by an HTML parser (parse5), the feeds by a feed parser
 * (@rowanmanning/feed-parser) and by the Atom rules (RFC 4287) checked on the XML.
 */
import { createHash } from 'node:crypto';
import { cpSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseFeed } from '@rowanmanning/feed-parser';
import { XMLParser } from 'fast-xml-parser';
import { type DefaultTreeAdapterMap, parse } from 'parse5';
import { describe, expect, it } from 'vitest';
import { ALL_FIXTURES, allFiles, FIXTURES, loadFixture, runCli, tempDirs } from './helpers.js';

type Node = DefaultTreeAdapterMap['node'];
type Element = DefaultTreeAdapterMap['element'];

const temp = tempDirs();

function elements(node: Node, name?: string): Element[] {
  const out: Element[] = [];
  const walk = (n: Node) => {
    if ('tagName' in n && (!name || n.tagName === name)) out.push(n);
    if ('childNodes' in n) n.childNodes.forEach(walk);
    if ('content' in n && n.content) walk(n.content as Node);
  };
  walk(node);
  return out;
}
const attr = (e: Element, name: string) => e.attrs.find((a) => a.name === name)?.value;
function text(n: Node): string {
  if (n.nodeName === '#text') return (n as DefaultTreeAdapterMap['textNode']).value;
  return 'childNodes' in n ? n.childNodes.map(text).join('') : '';
}

/** The fixtures as an archive, generated with the newsroom. */
function archive(extra: string[] = [], env: Record<string, string> = {}) {
  const dir = temp();
  cpSync(FIXTURES, path.join(dir, 'archive'), { recursive: true });
  const r = runCli(['generate', 'archive', '-f', 'html', '--feed', '-o', 'dist', ...extra], { cwd: dir, env });
  return { dir, r, dist: path.join(dir, 'dist') };
}

/** Every generated file and its bytes' hash. */
function snapshot(dir: string): Record<string, string> {
  return Object.fromEntries(
    allFiles(dir).map((f) => [
      f,
      createHash('sha256')
        .update(readFileSync(path.join(dir, f)))
        .digest('hex'),
    ]),
  );
}

describe('the newsroom: index.html', () => {
  it('lists every release newest first, grouped by language, with lang and dir; every link resolves to a file', async () => {
    const { r, dist } = archive();
    expect(r.code, r.stderr).toBe(0);
    const doc = parse(readFileSync(path.join(dist, 'index.html'), 'utf8'));
    const html = elements(doc, 'html')[0]!;
    expect(attr(html, 'lang')).toBe('en');
    // self-contained: no script, no remote resource
    expect(elements(doc, 'script')).toEqual([]);
    for (const e of elements(doc)) for (const a of e.attrs) if (['href', 'src'].includes(a.name)) expect(a.value).not.toMatch(/^[a-z]+:|^\/\//i);

    // every href names a file on disk (or a group of this page)
    const ids = new Set(
      elements(doc)
        .map((e) => attr(e, 'id'))
        .filter(Boolean),
    );
    for (const a of [...elements(doc, 'a'), ...elements(doc, 'link')]) {
      const href = attr(a, 'href')!;
      if (href.startsWith('#')) expect(ids.has(href.slice(1)), href).toBe(true);
      else expect(existsSync(path.join(dist, decodeURIComponent(href))), href).toBe(true);
    }

    const sections = elements(doc, 'section');
    const releases = await Promise.all(ALL_FIXTURES.map(async (f) => ({ f, l: await loadFixture(f) })));
    expect(sections.map((s) => attr(s, 'lang')).sort()).toEqual([...new Set(releases.map((x) => x.l.release.lang))].sort());
    let listed = 0;
    for (const s of sections) {
      const lang = attr(s, 'lang')!;
      const mine = releases.filter((x) => x.l.release.lang === lang);
      expect(attr(s, 'dir')).toBe(mine[0]!.l.release.dir);
      expect(text(elements(s, 'h2')[0]!)).toBe(mine[0]!.l.locale.newsroom.language);
      const articles = elements(s, 'article');
      // the headline links its page: <stem>.html
      const pages = articles.map((a) => attr(elements(elements(a, 'h3')[0]!, 'a')[0]!, 'href'));
      expect(pages.sort()).toEqual(mine.map((x) => `${x.f.replace(/\.md$/, '')}.html`).sort());
      // newest first
      const times = articles.map((a) => attr(elements(a, 'time')[0]!, 'datetime')!);
      expect(times).toEqual([...times].sort().reverse());
      for (const a of articles) {
        const headline = text(elements(elements(a, 'h3')[0]!, 'a')[0]!);
        expect(mine.map((x) => x.l.release.headline)).toContain(headline);
      }
      listed += articles.length;
    }
    expect(listed).toBe(ALL_FIXTURES.length);

    // the English water report links its five translations, each in its own language and direction
    const en = sections.find((s) => attr(s, 'lang') === 'en')!;
    const water = elements(en, 'article').find((a) => attr(elements(a, 'a')[0]!, 'href') === 'water-report/release.html')!;
    const also = elements(water, 'a').slice(1);
    expect(also.map((a) => attr(a, 'hreflang'))).toEqual(['ar', 'es', 'fr', 'ru', 'zh']);
    expect(also.map((a) => attr(a, 'dir'))).toEqual(['rtl', 'ltr', 'ltr', 'ltr', 'ltr']);
    expect(text(also[0]!)).toBe('العربية');
  });

  it('prints its words from the locales, and escapes the releases’ text', () => {
    const dir = temp({
      'news/a.md': '---\nheadline: "Prices <script>alert(1)</script> & \\"more\\""\ndateline: { city: Geneva, date: 2026-01-05 }\n---\n\nThe lead, with <b>tags</b> & ampersands.\n',
      'news/a.fr.md': '---\ntranslation-of: a.md\nlang: fr\nheadline: Les prix\n---\n\nLe chapeau.\n',
    });
    const r = runCli(['generate', 'news', '-f', 'html', '--feed', '-o', 'out'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    const page = readFileSync(path.join(dir, 'out/index.html'), 'utf8');
    expect(page).not.toContain('<script');
    expect(page).not.toContain('<b>');
    const doc = parse(page);
    expect(text(elements(doc, 'h3')[0]!)).toBe('Prices <script>alert(1)</script> & "more"');
    expect(text(elements(doc, 'title')[0]!)).toBe('Press releases');
    const fr = elements(doc, 'section').find((s) => attr(s, 'lang') === 'fr')!;
    expect(text(elements(fr, 'h2')[0]!)).toBe('Français');
    expect(text(elements(fr, 'div')[0]!)).toMatch(/^Également en\u00a0:\s+English\s*$/);
    const feed = parseFeed(readFileSync(path.join(dir, 'out/feed.en.xml'), 'utf8'));
    expect(feed.items[0]!.title).toBe('Prices <script>alert(1)</script> & "more"');
  });
});

describe('the newsroom: Atom feeds', () => {
  it('one valid Atom feed a language: every release of that language, its links resolving to pages on disk', async () => {
    const { r, dist } = archive();
    expect(r.code, r.stderr).toBe(0);
    const feeds = readdirSync(dist)
      .filter((f) => f.endsWith('.xml'))
      .sort();
    expect(feeds).toEqual(['feed.ar.xml', 'feed.en.xml', 'feed.es.xml', 'feed.fr.xml', 'feed.ru.xml', 'feed.zh.xml']);
    const releases = await Promise.all(ALL_FIXTURES.map(async (f) => ({ f, l: await loadFixture(f) })));
    const xml = new XMLParser({ ignoreAttributes: false, isArray: (name) => ['entry', 'link', 'author'].includes(name) });
    const ids = new Set<string>();
    for (const name of feeds) {
      const lang = name.split('.')[1]!;
      const source = readFileSync(path.join(dist, name), 'utf8');
      const feed = parseFeed(source);
      expect(feed.meta.type).toBe('atom');
      expect(feed.language).toBe(lang);
      const mine = releases.filter((x) => x.l.release.lang === lang);
      expect(feed.items.map((i) => i.title).sort()).toEqual(mine.map((x) => x.l.release.headline).sort());
      for (const item of feed.items) {
        expect(existsSync(path.join(dist, decodeURIComponent(item.url!))), item.url!).toBe(true);
        expect(item.id).toMatch(/^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
        expect(ids.has(item.id!)).toBe(false);
        ids.add(item.id!);
        const x = mine.find((m) => m.l.release.headline === item.title)!;
        // updated: the embargo when there is one, else the release date
        expect(item.updated!.toISOString()).toBe(x.l.release.embargo ? new Date(x.l.release.embargo.value).toISOString() : `${x.l.release.dateline.date}T00:00:00.000Z`);
        expect(item.description!.length).toBeGreaterThan(40);
      }
      // the feed's updated: its newest release, never the time of the run
      expect(feed.updated!.toISOString()).toBe(
        feed.items
          .map((i) => i.updated!.toISOString())
          .sort()
          .at(-1),
      );

      // RFC 4287 §4.1.1–4.1.2: the elements a feed and each entry must have
      const f = xml.parse(source).feed;
      expect(f['@_xmlns']).toBe('http://www.w3.org/2005/Atom');
      for (const key of ['id', 'title', 'updated']) expect(f[key], key).toBeTruthy();
      expect(f.link.find((l: Record<string, string>) => l['@_rel'] === 'self')['@_href']).toBe(name);
      for (const e of f.entry) {
        for (const key of ['id', 'title', 'updated']) expect(e[key], key).toBeTruthy();
        expect(f.author?.length || e.author?.length).toBeGreaterThan(0);
      }
    }
  });

  it('the same bytes whatever --jobs and TZ, in a manifest that records them', () => {
    const a = archive(['--jobs', '1', '--manifest', 'dist/manifest.json'], { TZ: 'Pacific/Auckland' });
    const b = archive(['--jobs', '2', '--manifest', 'dist/manifest.json'], { TZ: 'America/Los_Angeles' });
    expect(a.r.code, a.r.stderr).toBe(0);
    expect(b.r.code, b.r.stderr).toBe(0);
    const sa = snapshot(a.dist);
    expect(sa).toEqual(snapshot(b.dist));
    const m = JSON.parse(readFileSync(path.join(a.dist, 'manifest.json'), 'utf8'));
    expect(m.newsroom.map((o: { path: string }) => o.path)).toEqual(['feed.ar.xml', 'feed.en.xml', 'feed.es.xml', 'feed.fr.xml', 'feed.ru.xml', 'feed.zh.xml', 'index.html']);
    for (const o of m.newsroom) expect(o.sha256).toBe(sa[o.path]);
  });

  it('each --shard writes the whole newsroom: the same index and feeds as one run over every source', () => {
    const whole = snapshot(archive().dist);
    const shards = ['1/2', '2/2'].map((s) => archive(['--shard', s]));
    for (const s of shards) expect(s.r.code, s.r.stderr).toBe(0);
    const site = (snap: Record<string, string>) => Object.fromEntries(Object.entries(snap).filter(([f]) => !f.includes('/')));
    for (const s of shards) expect(site(snapshot(s.dist))).toEqual(site(whole));
    // the shards' pages together are every page
    const pages = shards.flatMap((s) => Object.keys(snapshot(s.dist)).filter((f) => f.includes('/')));
    expect(pages.sort()).toEqual(
      Object.keys(whole)
        .filter((f) => f.includes('/'))
        .sort(),
    );
  });

  it('--incremental: an up-to-date run writes the same newsroom; a new translation regenerates its original', () => {
    const dir = temp();
    cpSync(FIXTURES, path.join(dir, 'archive'), { recursive: true });
    const run = () => runCli(['generate', 'archive', '-f', 'html,md', '--feed', '-o', 'dist', '--manifest', 'dist/manifest.json', '--incremental'], { cwd: dir });
    const dist = path.join(dir, 'dist');
    const first = run();
    expect(first.code, first.stderr).toBe(0);
    const before = snapshot(dist);
    const again = run();
    expect(again.stdout).toMatch(/13 sources → 0 files .*; 13 up to date/);
    expect(snapshot(dist)).toEqual(before);

    writeFileSync(path.join(dir, 'archive/vaccine-report/release.fr.md'), '---\ntranslation-of: release.md\nlang: fr\nheadline: La vaccination reprend\n---\n\nLe chapeau en français.\n');
    const added = run();
    expect(added.code, added.stderr).toBe(0);
    // the new translation's unit is generated whole: the original's .md now links it
    expect(added.stdout).toMatch(/14 sources → 4 files .*; 12 up to date/);
    expect(readFileSync(path.join(dist, 'vaccine-report/release.md'), 'utf8')).toContain('translations:\n  fr: release.fr.md\n');
    const doc = parse(readFileSync(path.join(dist, 'index.html'), 'utf8'));
    expect(elements(doc, 'article')).toHaveLength(14);
    const m = JSON.parse(readFileSync(path.join(dist, 'manifest.json'), 'utf8'));
    expect(m.newsroom.find((o: { path: string }) => o.path === 'index.html').sha256).toBe(snapshot(dist)['index.html']);
  });

  it('--feed needs html among the formats, and files to write (usage errors, exit 2)', () => {
    const r = runCli(['generate', 'fixtures/vaccine-report', '-f', 'pdf', '--feed', '-o', temp()]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--feed needs html/);
    const s = runCli(['generate', '-', '-f', 'html', '--feed'], { input: readFileSync(path.join(FIXTURES, 'vaccine-report/release.md'), 'utf8') });
    expect(s.code).toBe(2);
    expect(s.stderr).toMatch(/--feed writes files/);
  });
});
