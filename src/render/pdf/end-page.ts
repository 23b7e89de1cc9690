/**
 * The page that holds the end marker, by composed release, as the PDF renderer
 * laid it out. The DOCX's footers need it (`- more -` before that page:
 * ../docx/pdf-plan.ts); when the PDF of the same composed release was rendered
 * first (the pipeline renders the PDF first), the DOCX reads it here instead of
 * laying the release out a second time. Kept by object, never by key: a release
 * composed again is laid out again.
 */
import type { Composed } from '../compose.js';

const pages = new WeakMap<Composed, number>();

/** `page`: 1-based; the number of pages + 1 when the release has no end marker. */
export function rememberEndPage(composed: Composed, page: number): void {
  pages.set(composed, page);
}

export function knownEndPage(composed: Composed): number | undefined {
  return pages.get(composed);
}
