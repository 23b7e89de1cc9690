/**
 * The worker thread's entry (piscina loads it by file name): one unit a task.
 * Renderers load lazily inside each worker, on its first source of that format.
 */
import { runUnit, type SourceReport, type UnitTask } from './run-unit.js';

export default async function generateUnit(task: UnitTask): Promise<SourceReport[]> {
  return runUnit(task);
}
