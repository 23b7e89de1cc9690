/**
 * One self-contained, accessible web page a release: the parts compose made,
 * as HTML elements that say what they are (a heading outline, quotations,
 * an address, tables with header cells), the template as CSS (./css.ts), the
 * logo inlined, schema.org JSON-LD (./jsonld.ts), and links to the release's
 * other language versions. No script runs and nothing is fetched: it opens from
 * disk. Every text is escaped for where it goes (./escape.ts).
 */
import { readFileSync } from 'node:fs';
import { imageSize } from 'image-size';
import type { Block, Inline } from '../../model/types.js';
import type { Composed, Part } from '../compose.js';
import type { Renderer, RenderInput } from '../types.js';
import { stylesheet } from './css.js';
import { esc, pathHref, scriptJson } from './escape.js';
import { newsArticle } from './jsonld.js';

interface Ctx {
  /** a regular expression that finds the release's inline quotations with their marks, or none */
  quotes?: RegExp;
  /** the smallest heading level of the release's own headings, which becomes an h2 under a part */
  minLevel: number;
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function quotesRe(composed: Composed): RegExp | undefined {
  const { inline, primary, secondary } = composed.quotes;
  const texts = [...new Set(inline.map((t) => t.trim()).filter(Boolean))].sort((a, b) => b.length - a.length);
  if (!texts.length) return undefined;
  const open = [primary[0], secondary[0]].map(escapeRe).join('|');
  const close = [primary[1], secondary[1]].map(escapeRe).join('|');
  // the model's quote leaves out the comma or full stop before the closing mark
  return new RegExp(`(?:${open})[\\s\\u00a0\\u202f]*(?:${texts.map(escapeRe).join('|')})[,.;:!?…，。、；：！？]?[\\s\\u00a0\\u202f]*(?:${close})`, 'gu');
}

/** Text, with the release's inline quotations (marks as written) as `<q>`. */
function text(value: string, ctx: Ctx): string {
  if (!ctx.quotes) return esc(value);
  let out = '';
  let last = 0;
  for (const m of value.matchAll(ctx.quotes)) {
    out += `${esc(value.slice(last, m.index))}<q>${esc(m[0])}</q>`;
    last = m.index + m[0].length;
  }
  return out + esc(value.slice(last));
}

function inline(list: readonly Inline[], ctx: Ctx): string {
  return list
    .map((i): string => {
      switch (i.type) {
        case 'text':
          return text(i.value, ctx);
        case 'code':
          return `<code>${esc(i.value)}</code>`;
        case 'break':
          return '<br>';
        case 'emphasis':
          return `<em>${inline(i.children, ctx)}</em>`;
        case 'strong':
          return `<strong>${inline(i.children, ctx)}</strong>`;
        case 'delete':
          return `<del>${inline(i.children, ctx)}</del>`;
        case 'link':
          return `<a href="${esc(i.url)}">${inline(i.children, ctx) || esc(i.url)}</a>`;
        case 'image':
          // a page that opens from disk fetches nothing: an image of the release is a link to it
          return `<a href="${esc(i.url)}">${esc(i.alt || i.url)}</a>`;
      }
    })
    .join('');
}

function alignClass(a: 'left' | 'right' | 'center' | null | undefined): string {
  return a ? ` class="align-${a}"` : '';
}

function blocks(list: readonly Block[], ctx: Ctx, top: number): string {
  return list
    .map((b): string => {
      switch (b.type) {
        case 'paragraph':
          return `<p>${inline(b.content, ctx)}</p>`;
        case 'heading': {
          const level = Math.min(6, top + Math.max(0, b.level - ctx.minLevel));
          return `<h${level}>${inline(b.content, ctx)}</h${level}>`;
        }
        case 'code':
          return `<pre><code>${esc(b.value)}</code></pre>`;
        case 'rule':
          return '<hr>';
        case 'blockquote':
          return [
            '<figure class="quote">',
            `<blockquote>${blocks(b.blocks, ctx, top)}</blockquote>`,
            ...(b.attribution ? [`<figcaption>— <cite>${inline(b.attribution, ctx)}</cite></figcaption>`] : []),
            '</figure>',
          ].join('\n');
        case 'list': {
          const tag = b.ordered ? 'ol' : 'ul';
          const start = b.ordered && b.start !== 1 ? ` start="${b.start}"` : '';
          const items = b.items.map((it) => {
            const box = it.checked === undefined ? '' : it.checked ? '☑ ' : '☐ ';
            const [first, ...rest] = it.blocks;
            // a tight item's paragraph is the item's text itself
            const head = first?.type === 'paragraph' ? box + inline(first.content, ctx) : box + blocks(first ? [first] : [], ctx, top);
            return `<li>${head}${rest.length ? `\n${blocks(rest, ctx, top)}` : ''}</li>`;
          });
          return `<${tag}${start}>\n${items.join('\n')}\n</${tag}>`;
        }
        case 'table': {
          const head = b.header.map((c, i) => `<th scope="col"${alignClass(b.align[i])}>${inline(c, ctx)}</th>`).join('');
          const rows = b.rows.map((r) => `<tr>${b.header.map((_, i) => `<td${alignClass(b.align[i])}>${inline(r[i] ?? [], ctx)}</td>`).join('')}</tr>`);
          return `<table>\n<thead><tr>${head}</tr></thead>\n<tbody>\n${rows.join('\n')}\n</tbody>\n</table>`;
        }
      }
    })
    .join('\n');
}

function minHeadingLevel(list: readonly Block[]): number {
  let min = 6;
  const walk = (bs: readonly Block[]) => {
    for (const b of bs) {
      if (b.type === 'heading') min = Math.min(min, b.level);
      else if (b.type === 'blockquote') walk(b.blocks);
      else if (b.type === 'list') for (const it of b.items) walk(it.blocks);
    }
  };
  walk(list);
  return min;
}

function logo(l: NonNullable<Extract<Part, { kind: 'letterhead' }>['logo']>): string {
  const data = readFileSync(l.file);
  const size = imageSize(data);
  const mime = size.type === 'jpg' ? 'image/jpeg' : 'image/png';
  // the template's width in points, as CSS pixels (96 a inch)
  const width = Math.round(((l.width ?? 140) * 96) / 72);
  const height = Math.round((width * (size.height ?? 1)) / (size.width ?? 1));
  return `<img class="logo" src="data:${mime};base64,${data.toString('base64')}" alt="${esc(l.alt)}" width="${width}" height="${height}">`;
}

const LINE_CLASS: Record<string, string> = { label: 'label', releaseLine: 'release-line', reference: 'reference', subheadline: 'subheadline', endMarker: 'end-marker' };

function part(p: Part, ctx: Ctx): string {
  switch (p.kind) {
    case 'letterhead':
      return [
        '<header class="letterhead">',
        ...(p.logo ? [logo(p.logo)] : []),
        ...(p.text ? [`<p class="organization">${esc(p.text)}</p>`] : []),
        ...(p.lines ?? []).map((l) => `<p class="letterhead-line">${esc(l)}</p>`),
        '</header>',
      ].join('\n');
    case 'line':
      if (p.style === 'headline') return `<h1>${esc(p.text)}</h1>`;
      return `<p class="${LINE_CLASS[p.style]}">${esc(p.text)}</p>`;
    case 'lead':
      return `<p class="lead"><span class="dateline">${esc(p.dateline)}</span>${inline(p.content, ctx)}</p>`;
    case 'blocks':
      return `<div class="body">\n${blocks(p.blocks, ctx, 2)}\n</div>`;
    case 'contacts': {
      const address = [...(p.sentence ? [`<p>${inline(p.sentence, ctx)}</p>`] : []), ...(p.entries ?? []).map((e) => `<p>${e.map((l) => inline(l, ctx)).join('<br>\n')}</p>`)];
      return [
        '<section class="contacts">',
        ...(p.heading ? [`<h2>${esc(p.heading)}</h2>`] : []),
        ...(address.length ? ['<address>', ...address, '</address>'] : []),
        ...(p.notes.length ? [blocks(p.notes, ctx, 3)] : []),
        '</section>',
      ].join('\n');
    }
    case 'section':
      return [`<section class="${p.style} body">`, ...(p.heading ? [`<h2>${esc(p.heading)}</h2>`] : []), blocks(p.blocks, ctx, p.heading ? 3 : 2), '</section>'].join('\n');
  }
}

function renderHtml({ release, composed, template, locale, family }: RenderInput): string {
  const allBlocks = composed.parts.flatMap((p) => (p.kind === 'blocks' || p.kind === 'section' ? p.blocks : []));
  const quotes = quotesRe(composed);
  const ctx: Ctx = { minLevel: minHeadingLevel(allBlocks), ...(quotes ? { quotes } : {}) };
  const letterhead = composed.parts.filter((p) => p.kind === 'letterhead');
  const rest = composed.parts.filter((p) => p.kind !== 'letterhead');
  // the lines above the headline are the article's header
  const h = rest.findIndex((p) => p.kind === 'line' && (p.style === 'headline' || p.style === 'subheadline'));
  let split = h;
  while (split >= 0 && rest[split + 1]?.kind === 'line' && (rest[split + 1] as { style: string }).style === 'subheadline') split++;
  const head = split >= 0 ? rest.slice(0, split + 1) : [];
  const body = split >= 0 ? rest.slice(split + 1) : rest;
  const alternates = family ? [family.self, ...(family.original ? [family.original] : []), ...family.translations] : [];
  const m = composed.meta;
  return [
    '<!DOCTYPE html>',
    `<html lang="${esc(composed.lang)}" dir="${composed.dir}">`,
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${esc(m.title)}</title>`,
    ...(m.subject ? [`<meta name="description" content="${esc(m.subject)}">`] : []),
    ...(m.author ? [`<meta name="author" content="${esc(m.author)}">`] : []),
    ...(m.keywords.length ? [`<meta name="keywords" content="${esc(m.keywords.join(', '))}">`] : []),
    ...alternates.map((a) => `<link rel="alternate" hreflang="${esc(a.lang)}" href="${esc(pathHref(a.stem, 'html'))}">`),
    `<style>\n${stylesheet(composed, template, locale)}\n</style>`,
    `<script type="application/ld+json">\n${scriptJson(newsArticle(release, composed, family))}\n</script>`,
    '</head>',
    '<body>',
    ...letterhead.map((p) => part(p, ctx)),
    '<main>',
    '<article>',
    ...(head.length ? ['<header>', ...head.map((p) => part(p, ctx)), '</header>'] : []),
    ...body.map((p) => part(p, ctx)),
    '</article>',
    '</main>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

export const htmlRenderer: Renderer = {
  format: 'html',
  extension: 'html',
  render: renderHtml,
};
