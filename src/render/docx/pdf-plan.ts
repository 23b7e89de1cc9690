/**
 * What the DOCX takes from the PDF's layout, so that the two read alike: the
 * height of a line (the PDF's rule: the style's size × its line height, or the
 * faces' ascent + descent when taller), and the page that holds the end marker
 * (the `more` label goes at the foot of every page before it). The PDF's own
 * layout layer computes both, with the same fonts; nothing is measured twice.
 */

import type { Template } from '../../templates/types.js';
import type { Composed } from '../compose.js';
import { pageGeometry } from '../page.js';
import { knownEndPage } from '../pdf/end-page.js';
import { FontSet } from '../pdf/fonts.js';
import { BlockLayout } from '../pdf/layout/blocks.js';
import { TextLayout } from '../pdf/layout/lines.js';
import { paginate } from '../pdf/layout/paginate.js';
import { Structure } from '../pdf/layout/structure.js';
import type { ScriptSettings } from './styles.js';

/** A letter of each script whose faces the release's lines use: Latin always, and the language's own. */
const SAMPLE: Record<string, string> = { Latn: 'n', Arab: 'ب', Hans: '中', Hant: '中' };

interface PdfPlan {
  /**
   * The page (1-based) that holds the end marker (the pages + 1 when there is
   * none), exact up to the third page; 4 for any later one (the footers need no more).
   */
  endPage: number;
  /** the PDF's height in points of a line of text in a style of `size` and `lineHeight` */
  lineHeight(size: number, lineHeight: number, bold: boolean, role?: string): number;
}

/** The pages the footers tell apart: the first, the second and the odd ones after it. */
const LATER = 4;

/** Thrown to stop the layout once the end marker's page is known. */
const KNOWN = Symbol('known');

export function pdfPlan(composed: Composed, template: Template, scripts: ScriptSettings): PdfPlan {
  const fonts = new FontSet(template);
  const samples = [SAMPLE.Latn!, ...(scripts.script && SAMPLE[scripts.script] ? [SAMPLE[scripts.script]!] : [])];
  // the PDF of this very release, rendered first, already knows the page; else the release is laid out here
  const known = knownEndPage(composed);
  return {
    endPage: known !== undefined ? Math.min(known, LATER) : endMarkerPage(composed, template, fonts),
    lineHeight(size, lineHeight, bold, role = 'sans') {
      // as the PDF's lines do: the tallest ascent and the deepest descent of the faces on the line
      // (a script's own face at its size: Arabic is set larger than Latin)
      let ascent = 0;
      let descent = 0;
      let largest = size;
      for (const ch of samples) {
        const face = fonts.faceFor(ch.codePointAt(0)!, role, bold, false);
        if (!face) continue;
        const m = fonts.metrics(face);
        const sz = size * face.scale;
        largest = Math.max(largest, sz);
        ascent = Math.max(ascent, (m.ascent / m.unitsPerEm) * sz);
        descent = Math.max(descent, (-m.descent / m.unitsPerEm) * sz);
      }
      return Math.max(largest * lineHeight, ascent + descent);
    },
  };
}

/** The end marker's page as the PDF's layout puts it (see PdfPlan.endPage), laid out as the PDF renderer does. */
function endMarkerPage(composed: Composed, template: Template, fonts: FontSet): number {
  const g = pageGeometry(template);
  // the same lines as the PDF's: phone numbers and addresses kept whole
  const text = new TextLayout(fonts, () => {}, composed.keepWhole);
  const structure = new Structure();
  const blocks = new BlockLayout(template, text, structure, composed, g.width - g.left - g.right);
  const top = g.top;
  const bottom = g.height - g.bottom;
  let endMarker: object | undefined;
  // The page of an item is final once the item after it is laid out (a heading goes with what follows), and
  // no item moves one before it: the end marker's page is known when it is laid out, or when items before
  // it already reach the fourth page. The rest of a long release is not laid out.
  const pageOf = (box: object | undefined) => paginate(blocks.items, top, bottom).findIndex((p) => p.placements.some((pl) => pl.kind === 'lines' && pl.box === box));
  let checkAt = 16;
  blocks.afterBlock = () => {
    if (blocks.items.length < checkAt) return;
    checkAt = blocks.items.length + 16;
    if (pageOf(blocks.items[blocks.items.length - 2]) + 1 >= LATER) throw KNOWN;
  };
  try {
    for (const part of composed.parts) {
      const before = blocks.items.length;
      blocks.part(part, structure.root);
      if (part.kind === 'line' && part.style === 'endMarker') {
        endMarker = blocks.items[before];
        if (endMarker) break;
      }
    }
    const pages = paginate(blocks.items, top, bottom);
    const found = pages.findIndex((p) => p.placements.some((pl) => pl.kind === 'lines' && pl.box === endMarker));
    // no end marker: the `more` label on every page
    return Math.min(found < 0 ? pages.length + 1 : found + 1, LATER);
  } catch (e) {
    if (e !== KNOWN) throw e;
    return LATER;
  }
}
