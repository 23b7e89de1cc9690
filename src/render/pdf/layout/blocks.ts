/**
 * The parts of a release (../../compose.ts) → flow items: paragraphs laid out in
 * their column, tables with measured columns, the logo; each tied to its place
 * in the structure tree. Order, words and styles come from compose and the
 * template; this only measures and breaks.
 */
import { readFileSync } from 'node:fs';
import { imageSize } from 'image-size';
import type { Block, Inline } from '../../../model/types.js';
import type { StyleName, Template } from '../../../templates/types.js';
import { type Composed, type Part, styleOf } from '../../compose.js';
import { bulletAt } from '../../lists.js';
import { typographyOf } from '../../scripts.js';
import { isHanText, justifyHan, type TextLayout } from './lines.js';
import type { StructNode, Structure } from './structure.js';
import type { FlowItem, ParaBox, ResolvedStyle, Span, TableBox } from './types.js';

const LINK_COLOR = '#0b57d0';

/** A template style for a release in `lang`: a style's italics apply only where the language's script is set in italics (../../scripts.ts). */
export function resolveStyle(template: Template, name: StyleName, lang: string, over: Partial<ResolvedStyle> = {}): ResolvedStyle {
  const s = styleOf(template, name);
  return {
    role: s.font ?? 'sans',
    size: s.size ?? 11,
    bold: s.bold ?? false,
    italic: (s.italic ?? false) && typographyOf(lang).italic,
    color: s.color ?? '#000000',
    lineHeight: s.lineHeight ?? 1.3,
    spaceBefore: s.spaceBefore ?? 0,
    spaceAfter: s.spaceAfter ?? 0,
    align: s.align ?? 'start',
    indent: s.indent ?? 0,
    ...over,
  };
}

export function spans(list: readonly Inline[], st: ResolvedStyle, extra: Partial<Span> = {}): Span[] {
  const base: Span = { text: '', bold: st.bold, italic: st.italic, color: st.color, size: st.size, underline: false, ...extra };
  const walk = (items: readonly Inline[], s: Span): Span[] =>
    items.flatMap((i): Span[] => {
      switch (i.type) {
        case 'text':
          return [{ ...s, text: i.value }];
        case 'code':
          return [{ ...s, text: i.value }];
        case 'break':
          return [{ ...s, text: '\n' }];
        case 'image':
          return [{ ...s, text: i.alt || i.url, color: LINK_COLOR, underline: true, link: i.url }];
        case 'emphasis':
          return walk(i.children, { ...s, italic: true });
        case 'strong':
          return walk(i.children, { ...s, bold: true });
        case 'delete':
          return walk(i.children, s);
        case 'link':
          // compose left only the links a reader can follow (../../../model/links.ts)
          return walk(i.children, { ...s, color: LINK_COLOR, underline: true, link: i.url });
      }
    });
  return walk(list, base).filter((s) => s.text);
}

const text = (value: string): Inline[] => [{ type: 'text', value }];

interface Column {
  left: number;
  width: number;
}

export class BlockLayout {
  readonly items: FlowItem[] = [];
  private readonly dir: 'ltr' | 'rtl';
  /** the release's language: its script decides whether a style's italics apply */
  private readonly lang: string;
  /** how many lists the block being laid out is inside (a list's level, as in the DOCX numbering) */
  private listDepth = 0;
  /** the end marker's paragraph: the release text ends on its page */
  endMarker: ParaBox | undefined;
  /** blocks() inside blocks() (lists, quotes): 1 at a part's own blocks */
  private depth = 0;
  /**
   * Called after each of a part's own blocks is laid out, when every item before
   * it is final (a list has set its items' spacing, a table has taken its cells
   * out of the flow): a reader of the layout so far may stop it by throwing.
   */
  afterBlock?: () => void;

  constructor(
    private readonly template: Template,
    private readonly text: TextLayout,
    private readonly structure: Structure,
    composed: Composed,
    private readonly width: number,
  ) {
    this.dir = composed.dir;
    this.lang = composed.lang;
  }

  /** `justify`: body text, set justified when it is Chinese */
  para(parent: StructNode, type: string, content: Span[], st: ResolvedStyle, column: Column = { left: 0, width: this.width }, keepWithNext = false, justify = false): ParaBox | undefined {
    const left = column.left + st.indent;
    const width = column.width - 2 * st.indent;
    const laid = this.text.lines(content, st.role, width, this.dir, st.lineHeight);
    if (!laid.length) return undefined;
    // Chinese text is set justified, as Chinese releases are; so is text a style justifies (the Chinese way: between characters)
    const lines = (st.align === 'justify' || (justify && st.align === 'start')) && isHanText(content.map((c) => c.text).join('')) ? justifyHan(laid, width) : laid;
    const box: ParaBox = {
      kind: 'para',
      leaf: this.structure.add(parent, type),
      lines,
      spaceBefore: st.spaceBefore,
      spaceAfter: st.spaceAfter,
      left,
      width,
      align: st.align,
      dir: this.dir,
      keepWithNext,
    };
    this.items.push(box);
    return box;
  }

  part(p: Part, root: StructNode): void {
    const t = this.template;
    switch (p.kind) {
      case 'letterhead': {
        if (p.logo) this.logo(p.logo, root);
        const st = resolveStyle(t, 'letterhead', this.lang);
        if (p.text) this.para(root, 'P', spans(text(p.text), st), st);
        for (const l of p.lines ?? []) this.para(root, 'P', spans(text(l), st, { bold: false }), st);
        return;
      }
      case 'line': {
        const st = resolveStyle(t, p.style, this.lang);
        const box = this.para(root, p.style === 'headline' ? 'H1' : 'P', spans(text(p.text), st), p.style === 'endMarker' ? { ...st, align: 'center' } : st);
        if (p.style === 'endMarker') this.endMarker = box;
        return;
      }
      case 'lead': {
        const st = resolveStyle(t, 'body', this.lang);
        const dateline = resolveStyle(t, 'dateline', this.lang);
        this.para(root, 'P', [...spans(text(p.dateline), dateline, { bold: dateline.bold }), ...spans(p.content, st)], st, undefined, false, true);
        return;
      }
      case 'blocks':
        this.blocks(p.blocks, root, 'body');
        return;
      case 'contacts': {
        const st = resolveStyle(t, 'contacts', this.lang);
        if (p.sentence) this.para(root, 'P', spans(p.sentence, st), st);
        if (p.heading) this.heading(p.heading, root);
        for (const entry of p.entries ?? []) {
          this.para(
            root,
            'P',
            entry.flatMap((l, i) => [...(i ? [{ ...spans(text('\n'), st)[0]! }] : []), ...spans(l, st)]),
            st,
          );
        }
        this.blocks(p.notes, root, 'contacts');
        return;
      }
      case 'section':
        if (p.heading) this.heading(p.heading, root);
        this.blocks(p.blocks, root, p.style);
    }
  }

  private heading(words: string, parent: StructNode): void {
    const st = resolveStyle(this.template, 'sectionLabel', this.lang);
    this.para(parent, 'H2', spans(text(words), st), st, undefined, true);
  }

  private logo(logo: NonNullable<Extract<Part, { kind: 'letterhead' }>['logo']>, root: StructNode): void {
    const size = imageSize(readFileSync(logo.file));
    const width = Math.min(logo.width ?? 140, this.width);
    this.items.push({
      kind: 'image',
      leaf: this.structure.add(root, 'Figure', logo.alt),
      file: logo.file,
      alt: logo.alt,
      width,
      height: (width * (size.height ?? 1)) / (size.width ?? 1),
      spaceAfter: 8,
      dir: this.dir,
    });
  }

  blocks(list: readonly Block[], parent: StructNode, styleName: StyleName, column: Column = { left: 0, width: this.width }): void {
    this.depth++;
    try {
      this.blockList(list, parent, styleName, column);
    } finally {
      this.depth--;
    }
  }

  private blockList(list: readonly Block[], parent: StructNode, styleName: StyleName, column: Column): void {
    const t = this.template;
    for (const [n, b] of list.entries()) {
      if (n > 0 && this.depth === 1) this.afterBlock?.();
      const st = resolveStyle(t, styleName, this.lang);
      const afterTable = list[n - 1]?.type === 'table' ? { spaceBefore: Math.max(st.spaceBefore, 8) } : {};
      switch (b.type) {
        case 'paragraph':
          this.para(parent, 'P', spans(b.content, st), { ...st, ...afterTable }, column, false, true);
          break;
        case 'heading': {
          const sub = resolveStyle(t, 'subheading', this.lang);
          this.para(parent, b.level <= 2 ? 'H2' : 'H3', spans(b.content, sub), b.level <= 2 ? sub : { ...sub, size: sub.size - 1 }, column, true);
          break;
        }
        case 'code':
          this.para(parent, 'Code', spans(text(b.value), st), st, column);
          break;
        case 'rule':
          this.para(parent, 'P', spans(text('* * *'), st), { ...st, align: 'center' }, column);
          break;
        case 'blockquote': {
          // the quote style's indent sets the block apart, on both sides
          const node = this.structure.add(parent, 'BlockQuote');
          const q = resolveStyle(t, 'quote', this.lang);
          this.blocks(b.blocks, node, 'quote', column);
          if (b.attribution) this.para(node, 'P', [...spans(text('— '), { ...q, italic: false }), ...spans(b.attribution, { ...q, italic: false })], { ...q, italic: false }, column);
          break;
        }
        case 'list':
          this.list(b, parent, styleName, column);
          break;
        case 'table':
          this.table(b, parent, st);
          break;
      }
    }
  }

  private list(b: Extract<Block, { type: 'list' }>, parent: StructNode, styleName: StyleName, column: Column): void {
    const node = this.structure.add(parent, 'L');
    const st = resolveStyle(this.template, styleName, this.lang);
    const li = resolveStyle(this.template, 'list', this.lang);
    const hang = st.size * 1.6;
    const inner = { left: column.left + hang, width: column.width - hang };
    b.items.forEach((item, n) => {
      const itemNode = this.structure.add(node, 'LI');
      const marker = b.ordered ? `${b.start + n}.` : item.checked === undefined ? bulletAt(this.listDepth) : item.checked ? '☒' : '☐';
      const before = this.items.length;
      // Lbl before LBody; an Lbl left without content is left out of the tree
      const label = this.structure.add(itemNode, 'Lbl');
      const body = this.structure.add(itemNode, 'LBody');
      this.listDepth++;
      this.blocks(item.blocks, body, styleName, inner);
      this.listDepth--;
      const first = this.items[before];
      if (first?.kind === 'para') {
        const markerLines = this.text.lines(spans(text(marker), st), st.role, hang, this.dir, st.lineHeight);
        if (markerLines[0]) first.marker = { line: markerLines[0], leaf: label, gap: hang };
      }
      for (const it of this.items.slice(before)) if (it.kind === 'para' && it.leaf.type === 'P') it.spaceAfter = Math.min(it.spaceAfter, li.spaceAfter);
    });
    const last = this.items[this.items.length - 1];
    if (last?.kind === 'para') last.spaceAfter = Math.max(last.spaceAfter, st.spaceAfter);
  }

  private table(b: Extract<Block, { type: 'table' }>, parent: StructNode, st: ResolvedStyle): void {
    const t = this.template;
    const cellStyle = resolveStyle(t, 'table', this.lang, { spaceBefore: 0, spaceAfter: 0, size: resolveStyle(t, 'table', this.lang).size - 0.5 });
    const pad = 4;
    const rows = [b.header, ...b.rows];
    const cols = b.header.length;
    // column widths: by the longest unbroken content, scaled to the full width
    const natural = Array.from({ length: cols }, (_, c) =>
      Math.max(30, ...rows.map((r) => Math.min(this.width, ...this.text.lines(spans(r[c] ?? [], cellStyle), cellStyle.role, 10_000, this.dir, 1).map((l) => l.width)) + 2 * pad)),
    );
    const total = natural.reduce((a, b2) => a + b2, 0);
    const widths = natural.map((w) => (w / total) * this.width);
    const node = this.structure.add(parent, 'Table');
    const saved = this.items.length;
    const box: TableBox = {
      kind: 'table',
      leaf: node,
      rows: rows.map((r, ri) => {
        const tr = this.structure.add(node, 'TR');
        let x = 0;
        const cells = widths.map((w, c) => {
          const align = b.align[c] === 'right' ? 'end' : b.align[c] === 'center' ? 'center' : 'start';
          const cell = this.structure.add(tr, ri === 0 ? 'TH' : 'TD');
          const p = this.para(cell, 'P', spans(r[c] ?? [], cellStyle, ri === 0 ? { bold: true } : {}), { ...cellStyle, align }, { left: x + pad, width: w - 2 * pad });
          const cellBox = p ?? { kind: 'para' as const, leaf: cell, lines: [], spaceBefore: 0, spaceAfter: 0, left: x + pad, width: w - 2 * pad, align, dir: this.dir, keepWithNext: false };
          const out = { box: cellBox, x, width: w };
          x += w;
          return out;
        });
        const height = Math.max(...cells.map((c) => c.box.lines.reduce((h, l) => h + l.height, 0))) + 2 * pad;
        return { leaf: tr, height, cells };
      }),
      spaceBefore: 4,
      spaceAfter: Math.max(st.spaceAfter, 8),
      width: this.width,
      ruleColor: resolveStyle(t, 'label', this.lang).color,
      headerFill: '#ededed',
    };
    // the cells' paragraphs belong to the table, not to the flow
    this.items.length = saved;
    this.items.push(box);
  }
}
