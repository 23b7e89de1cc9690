import { describe, expect, it } from 'vitest';
import { FontSet } from '../src/render/pdf/fonts.js';
import { TextLayout } from '../src/render/pdf/layout/lines.js';
import { paginate } from '../src/render/pdf/layout/paginate.js';
import type { Line, ParaBox } from '../src/render/pdf/layout/types.js';
import { SCRIPT_TYPOGRAPHY } from '../src/render/scripts.js';
import { loadFixture } from './helpers.js';

const line = (h = 10): Line => ({ runs: [], width: 10, height: h, baseline: 8 });
let id = 0;
const para = (lines: number, keepWithNext = false): ParaBox => ({
  kind: 'para',
  leaf: { id: ++id, type: 'P' },
  lines: Array.from({ length: lines }, () => line()),
  spaceBefore: 0,
  spaceAfter: 0,
  left: 0,
  width: 100,
  align: 'start',
  dir: 'ltr',
  keepWithNext,
});

/** Lines of each page, as [box id, from, to]. */
const shape = (pages: ReturnType<typeof paginate>) => pages.map((p) => p.placements.map((pl) => (pl.kind === 'lines' ? [pl.box.leaf.id, pl.from, pl.to] : [])));

describe('pagination', () => {
  it('never leaves one line of a paragraph alone at the foot of a page', () => {
    const a = para(9);
    const b = para(5);
    // a page of 10 lines: a takes 9, one line is left for b: b moves whole to the next page
    const pages = shape(paginate([a, b], 0, 100));
    expect(pages).toEqual([[[a.leaf.id, 0, 9]], [[b.leaf.id, 0, 5]]]);
  });

  it('never leaves one line alone at the top of the next page', () => {
    const a = para(3);
    const b = para(8);
    // 7 lines of room for b's 8: it would leave one for the next page, so it takes 6 and carries 2
    expect(shape(paginate([a, b], 0, 100))).toEqual([
      [
        [a.leaf.id, 0, 3],
        [b.leaf.id, 0, 6],
      ],
      [[b.leaf.id, 6, 8]],
    ]);
  });

  it('keeps a heading with the start of what follows', () => {
    const a = para(8);
    const h = para(1, true);
    const b = para(4);
    // the heading would fit in the last line but its paragraph would not start there
    expect(shape(paginate([a, h, b], 0, 100))).toEqual([
      [[a.leaf.id, 0, 8]],
      [
        [h.leaf.id, 0, 1],
        [b.leaf.id, 0, 4],
      ],
    ]);
  });
});

describe('bidi lines', () => {
  it('Arabic runs right to left; digits and Latin keep their order; brackets are mirrored', async () => {
    const { template } = await loadFixture('water-report/release.ar.md');
    const text = new TextLayout(new FontSet(template), () => {});
    const span = { bold: false, italic: false, color: '#000000', size: 10, underline: false };
    const [l] = text.lines([{ ...span, text: 'قالت اللجنة (CEDAW) إن 189 دولة' }], 'sans', 1000, 'rtl', 1.3);
    const visual = l!.runs.map((r) => r.text);
    // left to right on the page: the number first, the first Arabic word last
    expect(visual[0]).toBe('دولة');
    expect(visual).toContain('189');
    expect(visual).toContain('CEDAW');
    expect(visual.at(-1)).toBe('قالت');
    // the brackets, mirrored in right-to-left text, read (CEDAW) on the page
    const i = visual.indexOf('CEDAW');
    expect(visual[i - 1]!.trim()).toBe('(');
    expect(visual[i + 1]!.trim()).toBe(')');
    for (let k = 1; k < l!.runs.length; k++) expect(l!.runs[k]!.x).toBeCloseTo(l!.runs[k - 1]!.x + l!.runs[k - 1]!.width);
  });

  it('Arabic is set in its own face a size larger than Latin (its script’s scale, as in the DOCX), digits and Latin at the style’s size', async () => {
    const { template } = await loadFixture('water-report/release.ar.md');
    const text = new TextLayout(new FontSet(template), () => {});
    const span = { bold: false, italic: false, color: '#000000', size: 10, underline: false };
    const [l] = text.lines([{ ...span, text: 'قالت اللجنة (CEDAW) إن 189 دولة' }], 'sans', 1000, 'rtl', 1.3);
    const sizeOf = (t: string) => l!.runs.find((r) => r.text === t)!.size;
    expect(sizeOf('CEDAW')).toBe(10);
    expect(sizeOf('189')).toBe(10);
    expect(sizeOf('دولة')).toBeCloseTo(10 * SCRIPT_TYPOGRAPHY.Arab!.sizeScale);
    expect(SCRIPT_TYPOGRAPHY.Arab!.sizeScale).toBeGreaterThan(1);
  });
});

describe('a word wider than its line', () => {
  it('is cut into lines that each fit and hold as much as fits, never between a letter and its accent', async () => {
    const { template } = await loadFixture('cedaw-trafficking/release.md');
    const text = new TextLayout(new FontSet(template), () => {});
    const span = { bold: false, italic: false, color: '#000000', size: 10, underline: false };
    const word = 'e\u0301'.repeat(300); // é, decomposed: a letter and a combining accent
    const lines = text.lines([{ ...span, text: word }], 'sans', 100, 'ltr', 1.3);
    expect(lines.length).toBeGreaterThan(5);
    const texts = lines.map((l) => l.runs.map((r) => r.text).join(''));
    expect(texts.join('')).toBe(word);
    for (const t of texts) expect(t).toMatch(/^(?:e\u0301)+$/);
    for (const l of lines) expect(l.width).toBeLessThanOrEqual(100);
    // every line but the last is full: one more letter would not fit
    const one = text.lines([{ ...span, text: 'e\u0301' }], 'sans', 100, 'ltr', 1.3)[0]!.width;
    for (const l of lines.slice(0, -1)) expect(l.width + one).toBeGreaterThan(100);
  });
});
