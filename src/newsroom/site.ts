/**
 * The newsroom of a run (`generate … -f html --feed`): `index.html` — every
 * release, newest first, grouped by language, each linking its page and its
 * other languages — and one Atom feed a language, `feed.<lang>.xml`, all in the
 * output folder, all links relative, so that the folder publishes as it is.
 * Every printed word is the locale's (`newsroom:`); nothing records the time of
 * the run: the bytes depend on the releases alone.
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import { Feed } from 'feed';
import type { NewsroomWords } from '../templates/types.js';
import type { NewsItem } from './item.js';

interface SiteFile {
  /** POSIX, relative to the output folder */
  name: string;
  data: string;
}

interface Entry extends NewsItem {
  /** the page, relative to the output folder */
  href: string;
  /** the stem relative to the output folder: what ids are derived from */
  rel: string;
}

interface Group {
  lang: string;
  dir: 'ltr' | 'rtl';
  words: NewsroomWords;
  feed: string;
  entries: Entry[];
}

const byKey = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The file name of a language's feed: `feed.en.xml`, `feed.zh-Hans.xml`. */
function feedName(lang: string): string {
  return `feed.${lang.replace(/[^A-Za-z0-9-]/g, '_')}.xml`;
}

/** Namespace of the newsroom's name-based UUIDs (a constant: ids stay the same from run to run). */
const NAMESPACE = Buffer.from('5c1d6f0e8e2a4b7d9a3f2c4e6b8d0a1f', 'hex');

/** A name-based UUID (RFC 9562, version 5) as a URN: a stable, valid Atom id. */
function uuidUrn(name: string): string {
  const h = createHash('sha1').update(NAMESPACE).update(name, 'utf8').digest().subarray(0, 16);
  h[6] = (h[6]! & 0x0f) | 0x50;
  h[8] = (h[8]! & 0x3f) | 0x80;
  const x = h.toString('hex');
  return `urn:uuid:${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20)}`;
}

/** A relative address of a POSIX path: each segment percent-encoded as a URL path needs. */
function href(rel: string): string {
  return rel.split('/').map(encodeURIComponent).join('/');
}

function groups(items: readonly NewsItem[], outDir: string, cwd: string): Group[] {
  const root = path.resolve(cwd, outDir);
  const entries: Entry[] = items.map((i) => {
    const rel = path.relative(root, path.resolve(cwd, i.stem)).split(path.sep).join('/');
    return { ...i, rel, href: href(`${rel}.html`) };
  });
  const newestFirst = (a: Entry, b: Entry) => byKey(b.updated, a.updated) || byKey(a.rel, b.rel);
  const langs = [...new Set(entries.map((e) => e.lang))];
  const originals = (l: string) => entries.filter((e) => e.lang === l && e.original).length;
  const count = (l: string) => entries.filter((e) => e.lang === l).length;
  // the language most releases are written in first (the newsroom's own), then by tag
  langs.sort((a, b) => originals(b) - originals(a) || count(b) - count(a) || byKey(a, b));
  return langs.map((lang) => {
    const list = entries.filter((e) => e.lang === lang).sort(newestFirst);
    const first = list[0]!;
    return { lang, dir: first.dir, words: first.words, feed: feedName(lang), entries: list };
  });
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

/** The page's look: system fonts, a readable measure, no remote resource. */
const STYLE = `
body{margin:0;font:1rem/1.5 system-ui,-apple-system,"Segoe UI","Noto Sans","Noto Sans Arabic","Noto Sans CJK SC",sans-serif;color:#1a1a1a;background:#fff}
header,main{max-width:46rem;margin:0 auto;padding:0 1rem}
h1{font-size:1.8rem;margin:1.5rem 0 .5rem}
nav ul,.also ul{display:inline;list-style:none;margin:0;padding:0}
nav li,.also li{display:inline;margin-inline-end:.75rem}
section{border-top:1px solid #ccc;margin-top:1.5rem}
h2{font-size:1.4rem;margin:1rem 0 .25rem}
ol{list-style:none;margin:0;padding:0}
article{margin:1.25rem 0}
h3{font-size:1.15rem;margin:0}
p{margin:.25rem 0}
time{color:#555}
a{color:#0b4f8a}
`.trim();

function indexHtml(list: readonly Group[], entriesByStem: ReadonlyMap<string, Entry>): string {
  const home = list[0]!;
  const out: string[] = [
    '<!DOCTYPE html>',
    `<html lang="${esc(home.lang)}" dir="${home.dir}">`,
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${esc(home.words.title)}</title>`,
    ...list.map((g) => `<link rel="alternate" type="application/atom+xml" hreflang="${esc(g.lang)}" href="${g.feed}" title="${esc(g.words.title)}">`),
    `<style>${STYLE}</style>`,
    '</head>',
    '<body>',
    '<header>',
    `<h1>${esc(home.words.title)}</h1>`,
  ];
  if (list.length > 1) {
    out.push(`<nav aria-label="${esc(home.words.languages)}"><ul>`);
    for (const g of list) out.push(`<li><a href="#lang-${esc(g.lang)}" lang="${esc(g.lang)}" dir="${g.dir}" hreflang="${esc(g.lang)}">${esc(g.words.language)}</a></li>`);
    out.push('</ul></nav>');
  }
  out.push('</header>', '<main>');
  for (const g of list) {
    const id = `lang-${esc(g.lang)}`;
    out.push(`<section id="${id}" lang="${esc(g.lang)}" dir="${g.dir}" aria-labelledby="${id}-h">`);
    out.push(`<h2 id="${id}-h">${esc(g.words.language)}</h2>`);
    out.push(`<p><a href="${g.feed}" type="application/atom+xml">${esc(g.words.feed)}</a></p>`);
    out.push('<ol>');
    for (const e of g.entries) {
      out.push('<li><article>');
      out.push(`<h3><a href="${esc(e.href)}">${esc(e.headline)}</a></h3>`);
      out.push(`<p><time datetime="${e.updated}">${esc(e.date)}</time></p>`);
      if (e.summary) out.push(`<p>${esc(e.summary)}</p>`);
      const others = e.family.map((m) => entriesByStem.get(m.stem)).filter((m): m is Entry => m !== undefined);
      if (others.length) {
        out.push(`<div class="also">${esc(g.words.translations)} <ul>`);
        for (const m of others) out.push(`<li><a href="${esc(m.href)}" hreflang="${esc(m.lang)}" lang="${esc(m.lang)}" dir="${m.dir}">${esc(m.words.language)}</a></li>`);
        out.push('</ul></div>');
      }
      out.push('</article></li>');
    }
    out.push('</ol>', '</section>');
  }
  out.push('</main>', '</body>', '</html>', '');
  return out.join('\n');
}

/**
 * The feed library takes absolute addresses only (it checks each with `new URL`);
 * the feeds' links are relative, resolved against the feed's own address as Atom
 * says (RFC 4287 §2, xml:base). So they are built under a base that cannot be a
 * real host (RFC 2606 reserves `.invalid`) and the base is taken off again.
 */
const BASE = 'https://pressready.invalid/';

/** Headlines and leads are text; the library marks them `type="html"`, so they are escaped as HTML. */
function atom(g: Group): string {
  // Atom wants an author for the feed or for every entry: the releases' own, and the first of them for the feed
  const author = g.entries.find((e) => e.author)?.author ?? g.words.title;
  const feed = new Feed({
    author: { name: author },
    id: uuidUrn(`feed:${g.feed}`),
    title: g.words.title,
    updated: new Date(g.entries[0]!.updated),
    generator: 'pressready',
    link: `${BASE}index.html#lang-${encodeURIComponent(g.lang)}`,
    feed: `${BASE}${g.feed}`,
  });
  for (const e of g.entries) {
    feed.addItem({
      title: esc(e.headline),
      id: uuidUrn(e.rel),
      link: `${BASE}${e.href}`,
      date: new Date(e.updated),
      ...(e.author ? { author: [{ name: e.author }] } : {}),
      ...(e.summary ? { description: esc(e.summary) } : {}),
    });
  }
  return `${feed
    .atom1()
    .replaceAll(`href="${BASE}`, 'href="')
    // the language of every text in the feed (RFC 4287 §2: xml:lang)
    .replace('<feed xmlns="http://www.w3.org/2005/Atom">', `<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${esc(g.lang)}">`)}\n`;
}

/** index.html and the feeds, for the releases `items` (those written, in this run or before). */
export function newsroomFiles(items: readonly NewsItem[], opts: { outDir: string; cwd: string }): SiteFile[] {
  if (!items.length) return [];
  const list = groups(items, opts.outDir, opts.cwd);
  const byStem = new Map(list.flatMap((g) => g.entries.map((e) => [e.stem, e] as const)));
  return [{ name: 'index.html', data: indexHtml(list, byStem) }, ...list.map((g) => ({ name: g.feed, data: atom(g) }))];
}
