/**
 * Pages → pdfkit: every placement drawn where the layout put it, as marked
 * content of its structure leaf (tagged PDF); page furniture (running header,
 * `Page X of Y`, `- more -`) drawn as artifacts, mirrored for right-to-left
 * languages.
 */
import type PDFKit from 'pdfkit';
import { currentFont } from '../../adapters/pdfkit.js';
import type { Geometry } from '../page.js';
import type { Page, Placement } from './layout/paginate.js';
import type { StructNode } from './layout/structure.js';
import type { Line, ParaBox, Run, StructLeaf, TableBox } from './layout/types.js';

type Doc = PDFKit.PDFDocument;

/** A number as pdfkit writes one (six decimals at most). */
const num = (n: number) => String(Math.round(n * 1e6) / 1e6);

type Content = ReturnType<Doc['markStructureContent']>;

export interface Furniture {
  header?: Line;
  page: (page: number, pages: number) => Line | undefined;
  more?: Line;
  /** `- more -` goes on the pages before this one (the page with the end marker) */
  moreBefore?: number;
  color: string;
}

export class Drawer {
  /** marked content by structure leaf id */
  readonly contents = new Map<number, Content[]>();
  private readonly contentWidth: number;

  constructor(
    private readonly doc: Doc,
    private readonly g: Geometry,
    private readonly dir: 'ltr' | 'rtl',
  ) {
    this.contentWidth = g.width - g.left - g.right;
  }

  /** The page x of a column given from the content's start edge (mirrored for right-to-left). */
  private columnX(left: number, width: number): number {
    return this.dir === 'rtl' ? this.g.left + this.contentWidth - left - width : this.g.left + left;
  }

  private mark(leaf: StructLeaf, draw: () => void): void {
    const content = this.doc.markStructureContent(leaf.type);
    draw();
    this.doc.endMarkedContent();
    const list = this.contents.get(leaf.id) ?? [];
    list.push(content);
    this.contents.set(leaf.id, list);
  }

  private artifact(draw: () => void): void {
    this.doc.markContent('Artifact', { type: 'Pagination' });
    draw();
    this.doc.endMarkedContent();
  }

  private fillRect(x: number, y: number, w: number, h: number, color: string): void {
    this.doc.rect(x, y, w, h).fill(color);
    this.current.color = color;
  }

  /** The font, size and colour last set: pdfkit's `font()` compares fonts each time it is called. */
  private current = { font: '', size: 0, color: '' };

  line(line: Line, x: number, top: number): void {
    const baseline = top + line.baseline;
    for (const r of line.runs) {
      if (r.face.key !== this.current.font) this.doc.font(r.face.key);
      if (r.size !== this.current.size) this.doc.fontSize(r.size);
      if (r.color !== this.current.color) this.doc.fillColor(r.color);
      this.current = { font: r.face.key, size: r.size, color: r.color };
      this.show(r, x + r.x, baseline);
      // pdfkit places its underline for text set from the top; this one sits under the baseline
      if (r.underline)
        this.doc
          .lineWidth(r.size / 18)
          .strokeColor(r.color)
          .moveTo(x + r.x, baseline + r.size / 8)
          .lineTo(x + r.x + r.width, baseline + r.size / 8)
          .stroke();
      if (r.link) this.doc.link(x + r.x, top, r.width, line.height, r.link);
    }
  }

  /**
   * A run's glyphs, as pdfkit's text() would set them (its font's encoding and
   * positions), with a right-to-left run's source characters as ActualText
   * inside the text object: text extraction (poppler) reads an ActualText span in
   * the coordinates in force when the span ends, which pdfkit's text() has
   * already restored.
   */
  private show(r: Run, x: number, baseline: number): void {
    const doc = this.doc;
    const font = currentFont(doc);
    const size = font.size;
    const [encoded, positions] = font.encode(r.text);
    const scale = size / 1000;
    const y = doc.page.height - baseline;
    this.doc.save();
    this.doc.transform(1, 0, 0, -1, 0, doc.page.height);
    doc.addContent('BT');
    if (r.actual) this.doc.markContent('Span', { actual: r.actual } as never);
    doc.addContent(`1 0 0 1 ${num(x)} ${num(y)} Tm`);
    doc.addContent(`/${font.id} ${num(size)} Tf`);
    if (r.spacing) doc.addContent(`${num(r.spacing)} Tc`);
    const commands: string[] = [];
    let last = 0;
    let hadOffset = false;
    let px = x;
    const segment = (cur: number) => {
      if (last < cur) commands.push(`<${encoded.slice(last, cur).join('')}> ${num(-(positions[cur - 1]!.xAdvance - positions[cur - 1]!.advanceWidth))}`);
      last = cur;
    };
    const flush = (i: number) => {
      segment(i);
      if (commands.length) doc.addContent(`[${commands.join(' ')}] TJ`);
      commands.length = 0;
    };
    positions.forEach((pos, i) => {
      if (pos.xOffset || pos.yOffset) {
        flush(i);
        doc.addContent(`1 0 0 1 ${num(px + pos.xOffset * scale)} ${num(y + pos.yOffset * scale)} Tm`);
        flush(i + 1);
        hadOffset = true;
      } else {
        if (hadOffset) {
          doc.addContent(`1 0 0 1 ${num(px)} ${num(y)} Tm`);
          hadOffset = false;
        }
        if (pos.xAdvance - pos.advanceWidth !== 0) segment(i + 1);
      }
      px += pos.xAdvance * scale + (r.spacing ?? 0);
    });
    flush(positions.length);
    if (r.actual) this.doc.endMarkedContent();
    doc.addContent('ET');
    this.doc.restore();
  }

  private alignedX(box: ParaBox, line: Line): number {
    const x = this.columnX(box.left, box.width);
    const free = box.width - line.width;
    const startsRight = box.dir === 'rtl';
    switch (box.align) {
      case 'center':
        return x + free / 2;
      case 'end':
        return startsRight ? x : x + free;
      default:
        return startsRight ? x + free : x;
    }
  }

  private lines(box: ParaBox, from: number, to: number, y: number): void {
    this.mark(box.leaf, () => {
      let top = y;
      for (const line of box.lines.slice(from, to)) {
        this.line(line, this.alignedX(box, line), top);
        top += line.height;
      }
    });
    if (from === 0 && box.marker) {
      const { line, leaf, gap } = box.marker;
      const colX = this.columnX(box.left, box.width);
      const x = box.dir === 'rtl' ? colX + box.width + gap - line.width : colX - gap;
      this.mark(leaf, () => this.line(line, x, y + (box.lines[0]!.baseline - line.baseline)));
    }
  }

  private row(table: TableBox, r: number, y: number): void {
    const row = table.rows[r]!;
    const x = this.columnX(0, table.width);
    this.artifact(() => {
      if (r === 0) this.fillRect(x, y, table.width, row.height, table.headerFill);
      this.doc
        .lineWidth(r === 0 ? 1 : 0.5)
        .strokeColor(r === 0 ? table.ruleColor : '#bfbfbf')
        .moveTo(x, y + row.height)
        .lineTo(x + table.width, y + row.height)
        .stroke();
      if (r === 0)
        this.doc
          .lineWidth(1)
          .strokeColor(table.ruleColor)
          .moveTo(x, y)
          .lineTo(x + table.width, y)
          .stroke();
    });
    for (const cell of row.cells) this.lines(cell.box, 0, cell.box.lines.length, y + 4);
  }

  place(p: Placement): void {
    switch (p.kind) {
      case 'lines':
        return this.lines(p.box, p.from, p.to, p.y);
      case 'row':
        // a repeated header row is page furniture: the table's structure has it once
        if (p.repeated) {
          const table = p.table;
          this.artifact(() => {
            const row = table.rows[0]!;
            const x = this.columnX(0, table.width);
            this.fillRect(x, p.y, table.width, row.height, table.headerFill);
            for (const cell of row.cells) {
              let top = p.y + 4;
              for (const line of cell.box.lines) {
                this.line(line, this.alignedX(cell.box, line), top);
                top += line.height;
              }
            }
          });
          return;
        }
        return this.row(p.table, p.row, p.y);
      case 'image': {
        const x = this.columnX(0, p.box.width);
        this.mark(p.box.leaf, () => this.doc.image(p.box.file, x, p.y, { width: p.box.width, height: p.box.height }));
      }
    }
  }

  furniture(f: Furniture, page: number, pages: number): void {
    const centre = (line: Line) => this.g.left + (this.contentWidth - line.width) / 2;
    this.artifact(() => {
      if (f.header && page > 1) {
        const x = this.dir === 'rtl' ? this.g.width - this.g.right - f.header.width : this.g.left;
        const y = this.g.top - f.header.height - 10;
        this.line(f.header, x, y);
        this.doc
          .lineWidth(0.5)
          .strokeColor(f.color)
          .moveTo(this.g.left, y + f.header.height + 3)
          .lineTo(this.g.width - this.g.right, y + f.header.height + 3)
          .stroke();
      }
      const numbers = f.page(page, pages);
      if (numbers) this.line(numbers, centre(numbers), this.g.height - this.g.bottom / 2 - numbers.height / 2);
      if (f.more && page < (f.moreBefore ?? pages)) this.line(f.more, centre(f.more), this.g.height - this.g.bottom + 4);
    });
  }

  drawPages(pages: Page[], f: Furniture, addPage: () => void): void {
    pages.forEach((pg, i) => {
      addPage();
      // a new page starts with pdfkit's default graphics state
      this.current = { font: '', size: 0, color: '' };
      for (const p of pg.placements) this.place(p);
      this.furniture(f, i + 1, pages.length);
    });
  }

  /** The structure tree, with each leaf's marked content; empty elements are left out. */
  structure(node: StructNode): PDFKit.PDFStructureElement | undefined {
    const children = node.children.map((c) => this.structure(c)).filter((c): c is PDFKit.PDFStructureElement => c !== undefined);
    const content = this.contents.get(node.id) ?? [];
    if (!children.length && !content.length) return undefined;
    return this.doc.struct(node.type, node.alt ? { alt: node.alt } : {}, [...children, ...content] as never);
  }
}
