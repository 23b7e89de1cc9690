/** mdast → model blocks and inlines. Nothing written in the source is dropped. */
import type { BlockContent, DefinitionContent, Node, Parent, PhrasingContent, RootContent } from 'mdast';
import type { Block, Inline, ListItem, SourceRange } from '../types.js';

export function rangeOf(node: Node): SourceRange | undefined {
  const p = node.position;
  if (!p || p.start.offset === undefined || p.end.offset === undefined) return undefined;
  return {
    start: { line: p.start.line, column: p.start.column, offset: p.start.offset },
    end: { line: p.end.line, column: p.end.column, offset: p.end.offset },
  };
}

/** HTML that is only comments (`<!-- … -->`), which no reader of a release sees. */
export function isHtmlComment(html: string): boolean {
  return /^\s*(?:<!--[\s\S]*?-->\s*)+$/.test(html);
}

export function toInlines(nodes: readonly PhrasingContent[]): Inline[] {
  const out: Inline[] = [];
  // `words <!-- note --> more`: the comment goes, and so does one of the spaces around it
  let dropSpace = false;
  for (const n of nodes) {
    const drop = dropSpace;
    dropSpace = false;
    switch (n.type) {
      case 'text':
        out.push({ type: 'text', value: drop ? n.value.replace(/^\s+/, '') : n.value });
        break;
      case 'emphasis':
      case 'strong':
      case 'delete':
        out.push({ type: n.type, children: toInlines(n.children) });
        break;
      case 'inlineCode':
        out.push({ type: 'code', value: n.value });
        break;
      case 'link':
        out.push({ type: 'link', url: n.url, children: toInlines(n.children) });
        break;
      case 'image':
        out.push({ type: 'image', url: n.url, alt: n.alt ?? '' });
        break;
      case 'break':
        out.push({ type: 'break' });
        break;
      case 'html':
        // Raw HTML is kept as the words it holds; no format renders HTML. A comment
        // is a note to editors (or a lint directive), never printed.
        if (!isHtmlComment(n.value)) out.push({ type: 'text', value: n.value });
        else dropSpace = /\s$/.test(lastText(out));
        break;
      case 'linkReference':
      case 'imageReference':
      case 'footnoteReference':
        out.push(...toInlines('children' in n ? (n.children as PhrasingContent[]) : []));
        if (n.type === 'imageReference') out.push({ type: 'text', value: n.alt ?? '' });
        if (n.type === 'footnoteReference') out.push({ type: 'text', value: `[${n.label ?? n.identifier}]` });
        break;
      default:
        break;
    }
  }
  return mergeText(out);
}

function lastText(list: Inline[]): string {
  const last = list[list.length - 1];
  return last?.type === 'text' ? last.value : '';
}

function mergeText(list: Inline[]): Inline[] {
  const out: Inline[] = [];
  for (const i of list) {
    const last = out[out.length - 1];
    if (i.type === 'text' && last?.type === 'text') out[out.length - 1] = { type: 'text', value: last.value + i.value };
    else out.push(i);
  }
  return out;
}

/** The words of some inlines, as a reader would see them (links as their text). */
export function inlineText(list: readonly Inline[]): string {
  return list
    .map((i) => {
      switch (i.type) {
        case 'text':
        case 'code':
          return i.value;
        case 'image':
          return i.alt;
        case 'break':
          return '\n';
        default:
          return inlineText(i.children);
      }
    })
    .join('');
}

export function toBlocks(nodes: readonly (RootContent | BlockContent | DefinitionContent)[]): Block[] {
  const out: Block[] = [];
  for (const n of nodes) {
    const b = toBlock(n);
    if (b) out.push(...b);
  }
  return out;
}

function toBlock(n: RootContent): Block[] | undefined {
  const range = rangeOf(n);
  switch (n.type) {
    case 'paragraph':
      return [{ type: 'paragraph', content: toInlines(n.children), range }];
    case 'heading':
      return [{ type: 'heading', level: n.depth, content: toInlines(n.children), range }];
    case 'list':
      return [
        {
          type: 'list',
          ordered: n.ordered === true,
          start: n.start ?? 1,
          items: n.children.map(
            (li): ListItem => ({
              blocks: toBlocks(li.children),
              ...(typeof li.checked === 'boolean' ? { checked: li.checked } : {}),
            }),
          ),
          range,
        },
      ];
    case 'table': {
      const [head, ...rows] = n.children;
      return [
        {
          type: 'table',
          align: (n.align ?? []).map((a) => a ?? null),
          header: head ? head.children.map((c) => toInlines(c.children)) : [],
          rows: rows.map((r) => r.children.map((c) => toInlines(c.children))),
          range,
        },
      ];
    }
    case 'blockquote':
      return [blockquote(n.children, range)];
    case 'code':
      return [{ type: 'code', value: n.value, ...(n.lang ? { lang: n.lang } : {}), range }];
    case 'thematicBreak':
      return [{ type: 'rule', range }];
    case 'html':
      return n.value.trim() && !isHtmlComment(n.value) ? [{ type: 'paragraph', content: [{ type: 'text', value: n.value }], range }] : [];
    case 'footnoteDefinition':
      return [
        {
          type: 'paragraph',
          content: [{ type: 'text', value: `[${n.label ?? n.identifier}] ` }, ...firstParagraph(n)],
          range,
        },
      ];
    default:
      // yaml (front matter), definitions (link targets already resolved): not text.
      return undefined;
  }
}

function firstParagraph(n: Parent): Inline[] {
  return n.children.flatMap((c) => (c.type === 'paragraph' ? toInlines((c as Parent).children as PhrasingContent[]) : []));
}

/** `> text … > — Name, role`: the last paragraph starting with a dash is the attribution. */
const ATTRIBUTION = /^\s*(?:—|–|--)\s*/;

function blockquote(children: BlockContent[] | RootContent[], range: SourceRange | undefined): Block {
  const blocks = toBlocks(children as RootContent[]);
  const last = blocks[blocks.length - 1];
  if (blocks.length > 1 && last?.type === 'paragraph') {
    const first = last.content[0];
    if (first?.type === 'text' && ATTRIBUTION.test(first.value)) {
      const content: Inline[] = [{ type: 'text', value: first.value.replace(ATTRIBUTION, '') }, ...last.content.slice(1)];
      return { type: 'blockquote', blocks: blocks.slice(0, -1), attribution: content, range };
    }
  }
  return { type: 'blockquote', blocks, range };
}
