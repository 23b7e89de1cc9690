/**
 * The worker thread's entry (piscina loads it by file name): one unit a task.
 * Renderers load lazily inside each worker, on its first source of that format;
 * the pipeline itself on the first unit (`watch`'s PDF thread never loads it).
 */
import type { SourceReport, UnitTask } from './run-unit.js';
import type { PdfDone, PdfTask } from '../watch/pdf-task.js';

export default async function generateUnit(task: UnitTask | PdfTask): Promise<SourceReport[] | PdfDone> {
  // Fault injection for the isolation tests: this worker dies as a crashing renderer would.
  const fault = process.env.PRESSREADY_FAULT_EXIT;
  // `watch`'s PDF thread: one release's PDF a task (../watch/pdf-thread.ts)
  if ('composed' in task) {
    if (fault && task.file.endsWith(fault)) process.exit(86);
    return (await import('../watch/pdf-task.js')).renderPdf(task);
  }
  if (fault && task.sources.some((s) => s.ref.file.endsWith(fault))) process.exit(86);
  return (await import('./run-unit.js')).runUnit(task);
}
