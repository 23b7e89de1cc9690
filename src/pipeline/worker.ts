/**
 * The worker thread's entry (piscina loads it by file name): one unit a task.
 * Renderers load lazily inside each worker, on its first source of that format.
 */
import { runUnit, type SourceReport, type UnitTask } from './run-unit.js';

export default async function generateUnit(task: UnitTask): Promise<SourceReport[]> {
  // Fault injection for the isolation test: this worker dies as a crashing renderer would.
  const fault = process.env.PRESSREADY_FAULT_EXIT;
  if (fault && task.sources.some((s) => s.ref.file.endsWith(fault))) process.exit(86);
  return runUnit(task);
}
