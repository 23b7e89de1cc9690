/**
 * Markdown for a CMS: a new syntax tree (mdast) built from the composed parts —
 * not the source's Markdown, which the renderer never sees — written by
 * remark-stringify (with the GFM and front-matter extensions for tables,
 * strikethrough, task lists and the YAML block).
 *
 * What a CMS page needs and nothing of the printed page: the front matter a CMS
 * reads (title, date, lang, the translations' `.md`, the embargo when there is
 * one); then the release line and reference, the headline as the one level-1
 * heading, the subheadline, the lead opening with the dateline as composed, the
 * body, the end marker and the sections. The letterhead and the release label
 * are the site's own furniture there, and are left out.
 */
import type { BlockContent, Heading, ListItem as MdListItem, Paragraph, PhrasingContent, Root, RootContent, TableRow } from 'mdast';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkStringify from 'remark-stringify';
import { unified } from 'unified';
import YAML from 'yaml';
import type { Block, Inline } from '../model/types.js';
import type { Part } from './compose.js';
import type { Family, Renderer, RenderInput } from './types.js';

function phrasing(list: readonly Inline[]): PhrasingContent[] {
  return list.map((i): PhrasingContent => {
    switch (i.type) {
      case 'text':
        return { type: 'text', value: i.value };
      case 'code':
        return { type: 'inlineCode', value: i.value };
      case 'break':
        return { type: 'break' };
      case 'image':
        return { type: 'image', url: i.url, alt: i.alt };
      case 'link':
        return { type: 'link', url: i.url, children: phrasing(i.children) };
      case 'emphasis':
      case 'strong':
      case 'delete':
        return { type: i.type, children: phrasing(i.children) };
    }
  });
}

const paragraph = (children: PhrasingContent[]): Paragraph => ({ type: 'paragraph', children });
const text = (value: string): PhrasingContent[] => [{ type: 'text', value }];

/** Level 1 is the headline's alone; the release's own headings keep their level below it. */
function heading(level: number, children: PhrasingContent[]): Heading {
  return { type: 'heading', depth: Math.min(6, Math.max(2, level)) as Heading['depth'], children };
}

function blocks(list: readonly Block[]): BlockContent[] {
  return list.map((b): BlockContent => {
    switch (b.type) {
      case 'paragraph':
        return paragraph(phrasing(b.content));
      case 'heading':
        return heading(b.level, phrasing(b.content));
      case 'code':
        return { type: 'code', value: b.value, ...(b.lang ? { lang: b.lang } : {}) };
      case 'rule':
        return { type: 'thematicBreak' };
      case 'table': {
        const row = (cells: Inline[][]): TableRow => ({ type: 'tableRow', children: cells.map((c) => ({ type: 'tableCell', children: phrasing(c) })) });
        return { type: 'table', align: b.align, children: [row(b.header), ...b.rows.map(row)] };
      }
      case 'blockquote':
        // the speaker under the quote, as the plain text sets it
        return { type: 'blockquote', children: [...blocks(b.blocks), ...(b.attribution ? [paragraph([...text('— '), ...phrasing(b.attribution)])] : [])] };
      case 'list':
        return {
          type: 'list',
          ordered: b.ordered,
          ...(b.ordered ? { start: b.start } : {}),
          spread: false,
          children: b.items.map((it): MdListItem => ({ type: 'listItem', spread: false, ...(it.checked === undefined ? {} : { checked: it.checked }), children: blocks(it.blocks) })),
        };
    }
  });
}

function part(p: Part): RootContent[] {
  switch (p.kind) {
    case 'letterhead':
      return [];
    case 'line':
      switch (p.style) {
        case 'label':
          return [];
        case 'headline':
          return [{ type: 'heading', depth: 1, children: text(p.text) }];
        case 'subheadline':
          return [paragraph([{ type: 'emphasis', children: text(p.text) }])];
        case 'releaseLine':
          return [paragraph([{ type: 'strong', children: text(p.text) }])];
        default:
          return [paragraph(text(p.text))];
      }
    case 'lead':
      return [paragraph([...text(p.dateline), ...phrasing(p.content)])];
    case 'blocks':
      return blocks(p.blocks);
    case 'contacts': {
      const out: RootContent[] = [];
      if (p.sentence) out.push(paragraph(phrasing(p.sentence)));
      if (p.heading) out.push(heading(2, text(p.heading)));
      for (const entry of p.entries ?? []) out.push(paragraph(entry.flatMap((line, i) => [...(i ? [{ type: 'break' as const }] : []), ...phrasing(line)])));
      return [...out, ...blocks(p.notes)];
    }
    case 'section':
      return [...(p.heading ? [heading(2, text(p.heading))] : []), ...blocks(p.blocks)];
  }
}

/** The other languages' `.md`, by language tag, relative to this file: the original first, then its translations. */
function translations(family: Family | undefined, lang: string): Record<string, string> | undefined {
  const others = family ? [...(family.original ? [family.original] : []), ...family.translations].filter((m) => m.lang !== lang) : [];
  return others.length ? Object.fromEntries(others.map((m) => [m.lang, `${m.stem}.md`])) : undefined;
}

/** The front matter a CMS reads; keys in a fixed order. */
function frontMatter({ release, family }: RenderInput): string {
  const t = translations(family, release.lang);
  const data = {
    title: release.headline,
    date: release.dateline.date,
    lang: release.lang,
    ...(t ? { translations: t } : {}),
    ...(release.embargo ? { embargo: release.embargo.value } : {}),
  };
  return YAML.stringify(data, { lineWidth: 0 }).trimEnd();
}

function markdownTree(input: RenderInput): Root {
  return { type: 'root', children: [{ type: 'yaml', value: frontMatter(input) }, ...input.composed.parts.flatMap(part)] };
}

const processor = unified()
  .use(remarkStringify, { bullet: '-', emphasis: '_', strong: '*', rule: '-', fences: true, listItemIndent: 'one', resourceLink: true })
  .use(remarkFrontmatter, ['yaml'])
  .use(remarkGfm);

export const mdRenderer: Renderer = {
  format: 'md',
  extension: 'md',
  render(input) {
    return processor.stringify(markdownTree(input));
  },
};
