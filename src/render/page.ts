/**
 * The page a template asks for, in PDF points: its size and its margins (given in
 * millimetres in template.yaml). The PDF lays out on it; the DOCX's plan and the
 * web page's print stylesheet read the same numbers.
 */
import type { Template } from '../templates/types.js';

/** A page and its margins, in points. */
export interface Geometry {
  width: number;
  height: number;
  left: number;
  right: number;
  top: number;
  bottom: number;
}

/** Page sizes in points. */
const SIZES = { A4: [595.28, 841.89], Letter: [612, 792] } as const;

/** Points in a millimetre. */
export const MM = 72 / 25.4;

export function pageGeometry(template: Template): Geometry {
  const { size, margins } = template.settings.page;
  const [width, height] = SIZES[size];
  return { width, height, left: margins.left * MM, right: margins.right * MM, top: margins.top * MM, bottom: margins.bottom * MM };
}
