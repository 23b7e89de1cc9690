/**
 * The worker thread's entry (piscina loads it by file name): one unit a task.
 * Renderers load lazily inside each worker, on its first source of that format;
 * the pipeline itself on the first unit (the PDF thread never loads it).
 */

import type { PdfDone, PdfTask } from './pdf-task.js';
import type { SourceReport, UnitTask } from './run-unit.js';

export default async function generateUnit(task: UnitTask | PdfTask): Promise<SourceReport[] | PdfDone> {
  // the PDF thread of `watch` and of a batch on two cores: one release's PDF a task (./pdf-thread.ts)
  if ('composed' in task) return (await import('./pdf-task.js')).renderPdf(task);
  return (await import('./run-unit.js')).runUnit(task);
}
