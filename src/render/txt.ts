/**
 * Plain text, ready to paste into an e-mail: every word of the source, links as
 * their text with the address in angle brackets (RFC 3986, appendix C), lists
 * and tables laid out in columns, optional wrapping by the Unicode rules.
 * Arabic stays in logical order: the reader's software lays it out.
 */
import type { Block, Inline } from '../model/types.js';
import { width, wrap } from '../text/wrap.js';
import type { Part } from './compose.js';
import type { Renderer } from './types.js';

type Lines = string[];

/** How to wrap: at `columns` (none: no wrapping), never inside one of `known` (the contacts' numbers and addresses). */
interface Wrap {
  columns: number | undefined;
  known: readonly string[];
}

function inlineToText(list: readonly Inline[]): string {
  return list
    .map((i): string => {
      switch (i.type) {
        case 'text':
        case 'code':
          return i.value;
        case 'break':
          return '\n';
        case 'image':
          return i.alt ? `${i.alt} <${i.url}>` : `<${i.url}>`;
        case 'link': {
          // compose left only the links a reader can follow (../model/links.ts), and marked those whose words are the address: printed once
          const t = inlineToText(i.children);
          if (!t.trim()) return `<${i.url}>`;
          return i.wordsAreTarget ? t : `${t} <${i.url}>`;
        }
        default:
          return inlineToText(i.children);
      }
    })
    .join('');
}

function paragraph(text: string, w: Wrap, first = '', rest = first): Lines {
  return text.split('\n').flatMap((l, i) => wrap(l, w.columns, i ? rest : first, rest, w.known));
}

function pad(s: string, w: number, align: 'left' | 'right' | 'center' | null): string {
  const gap = Math.max(0, w - width(s));
  if (align === 'right') return ' '.repeat(gap) + s;
  if (align === 'center') return ' '.repeat(gap >> 1) + s + ' '.repeat(gap - (gap >> 1));
  return s + ' '.repeat(gap);
}

function table(b: Extract<Block, { type: 'table' }>): Lines {
  const rows = [b.header, ...b.rows].map((r) => r.map((c) => inlineToText(c).replace(/\n/g, ' ')));
  const cols = Math.max(...rows.map((r) => r.length));
  const widths = Array.from({ length: cols }, (_, c) => Math.max(3, ...rows.map((r) => width(r[c] ?? ''))));
  const fmt = (r: string[]) =>
    widths
      .map((w, c) => pad(r[c] ?? '', w, b.align[c] ?? null))
      .join(' | ')
      .replace(/\s+$/, '');
  const [head, ...body] = rows;
  return [fmt(head ?? []), widths.map((w) => '-'.repeat(w)).join('-|-'), ...body.map(fmt)];
}

/** Blocks as groups of lines; groups are separated by a blank line. */
function blocks(list: readonly Block[], columns: Wrap, indent = ''): Lines[] {
  return list.map((b): Lines => {
    switch (b.type) {
      case 'paragraph':
      case 'heading':
        return paragraph(inlineToText(b.content), columns, indent);
      case 'code':
        return b.value.split('\n').map((l) => `${indent}    ${l}`.replace(/\s+$/, ''));
      case 'rule':
        return [`${indent}* * *`];
      case 'table':
        return table(b).map((l) => indent + l);
      case 'blockquote': {
        const inner = `${indent}    `;
        const groups = blocks(b.blocks, columns, inner);
        if (b.attribution) groups.push(paragraph(inlineToText(b.attribution), columns, `${inner}— `, `${inner}  `));
        return joinGroups(groups);
      }
      case 'list':
        return b.items.flatMap((item, n) => {
          const marker = b.ordered ? `${b.start + n}. ` : item.checked === undefined ? '- ' : item.checked ? '- [x] ' : '- [ ] ';
          const hang = indent + ' '.repeat(width(marker));
          const [first, ...others] = item.blocks;
          const head =
            first && (first.type === 'paragraph' || first.type === 'heading')
              ? paragraph(inlineToText(first.content), columns, indent + marker, hang)
              : [indent + marker.trimEnd(), ...joinGroups(blocks(first ? [first] : [], columns, hang))];
          return [...head, ...joinGroups(blocks(others, columns, hang))];
        });
    }
  });
}

function joinGroups(groups: Lines[]): Lines {
  return groups.flatMap((g, i) => (i ? ['', ...g] : g));
}

function part(p: Part, columns: Wrap): Lines[] {
  switch (p.kind) {
    case 'letterhead':
      return p.text || p.lines ? [[...(p.text ? [p.text] : []), ...(p.lines ?? [])]] : [];
    case 'line':
      return [paragraph(p.text, columns)];
    case 'lead': {
      return [paragraph(p.dateline + inlineToText(p.content), columns)];
    }
    case 'blocks':
      return blocks(p.blocks, columns);
    case 'contacts': {
      const out: Lines[] = [];
      if (p.sentence) out.push(paragraph(inlineToText(p.sentence), columns));
      if (p.heading) out.push([p.heading]);
      for (const entry of p.entries ?? []) out.push(entry.map((l) => inlineToText(l)));
      return [...out, ...blocks(p.notes, columns)];
    }
    case 'section':
      return [...(p.heading ? [paragraph(p.heading, columns)] : []), ...blocks(p.blocks, columns)];
  }
}

/** Lines that belong together at the top of a release (letterhead and label; release line and reference). */
const TIGHT: Record<string, string[]> = { letterhead: ['label'], releaseLine: ['reference'] };

export const txtRenderer: Renderer = {
  format: 'txt',
  extension: 'txt',
  render({ composed, options }) {
    const groups: Lines[] = [];
    let previous: string | undefined;
    for (const p of composed.parts) {
      const own = part(p, { columns: options.wrap, known: composed.keepWhole });
      const style = p.kind === 'line' ? p.style : p.kind;
      if (previous && TIGHT[previous]?.includes(style) && own.length === 1 && groups.length) groups[groups.length - 1]!.push(...own[0]!);
      else groups.push(...own);
      previous = style;
    }
    return `${joinGroups(groups).join('\n')}\n`;
  },
};
