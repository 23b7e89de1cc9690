/**
 * Flow items → pages. A heading stays with what follows it; a paragraph never
 * leaves a single line alone at the foot or the top of a page; a table's header
 * row is repeated on each page it runs onto.
 */
import type { FlowItem, ImageBox, ParaBox, TableBox } from './types.js';

export type Placement =
  | { kind: 'lines'; box: ParaBox; from: number; to: number; y: number }
  | { kind: 'row'; table: TableBox; row: number; y: number; repeated: boolean }
  | { kind: 'image'; box: ImageBox; y: number };

export interface Page {
  placements: Placement[];
}

const heightOf = (box: ParaBox, from = 0, to = box.lines.length) => box.lines.slice(from, to).reduce((h, l) => h + l.height, 0);

/** The least of an item that must fit under a heading for the heading to stay: its first two lines, or its first row. */
function headOf(item: FlowItem | undefined): number {
  if (!item) return 0;
  if (item.kind === 'para') return item.spaceBefore + heightOf(item, 0, Math.min(2, item.lines.length));
  if (item.kind === 'table') return item.spaceBefore + (item.rows[0]?.height ?? 0) + (item.rows[1]?.height ?? 0);
  return item.height;
}

export function paginate(items: FlowItem[], top: number, bottom: number): Page[] {
  const pages: Page[] = [{ placements: [] }];
  let y = top;
  const page = () => pages[pages.length - 1]!;
  const newPage = () => {
    pages.push({ placements: [] });
    y = top;
  };
  const atTop = () => y === top;

  items.forEach((item, n) => {
    if (item.kind === 'image') {
      if (y + item.height > bottom && !atTop()) newPage();
      page().placements.push({ kind: 'image', box: item, y });
      y += item.height + item.spaceAfter;
      return;
    }
    if (item.kind === 'table') {
      if (!atTop()) y += item.spaceBefore;
      const header = item.rows[0]!;
      if (y + header.height + (item.rows[1]?.height ?? 0) > bottom && !atTop()) newPage();
      item.rows.forEach((row, r) => {
        if (y + row.height > bottom && !atTop()) {
          newPage();
          if (r > 0) {
            page().placements.push({ kind: 'row', table: item, row: 0, y, repeated: true });
            y += header.height;
          }
        }
        page().placements.push({ kind: 'row', table: item, row: r, y, repeated: false });
        y += row.height;
      });
      y += item.spaceAfter;
      return;
    }
    const before = atTop() ? 0 : item.spaceBefore;
    const total = heightOf(item);
    // a heading (and a chain of them) goes to the next page unless the start of what follows fits under it
    if (item.keepWithNext && !atTop() && y + before + total + headOf(items[n + 1]) > bottom) newPage();
    let from = 0;
    let start = y + (atTop() ? 0 : item.spaceBefore);
    while (from < item.lines.length) {
      let to = from;
      let h = 0;
      while (to < item.lines.length && start + h + item.lines[to]!.height <= bottom) h += item.lines[++to - 1]!.height;
      const left = item.lines.length - to;
      // widows and orphans: never one line alone at the foot or at the top of a page
      if (to < item.lines.length && to - from === 1 && from === 0 && !atTop()) to = from;
      else if (left === 1 && to - from >= 3) to -= 1;
      if (to === from) {
        if (atTop())
          to = from + 1; // a line taller than the page: place it anyway
        else {
          newPage();
          start = y;
          continue;
        }
      }
      page().placements.push({ kind: 'lines', box: item, from, to, y: start });
      y = start + heightOf(item, from, to);
      from = to;
      if (from < item.lines.length) {
        newPage();
        start = y;
      }
    }
    y += item.spaceAfter;
  });
  return pages;
}
