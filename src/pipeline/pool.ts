/**
 * Running the units: a worker-thread pool (piscina — maintained, small, used by
 * many build tools; it replaces a worker that dies and rejects only that
 * worker's tasks) for many units; the main thread for one unit, `--jobs 1`, or
 * too few units for workers to pay for their start-up, the latter with a PDF thread beside it on
 * two cores. The pipeline is imported lazily, so that with a pool the main thread never loads the
 * Markdown parser or a renderer.
 */
import { availableParallelism } from 'node:os';
import type { Message } from '../messages.js';
import type { SharedFonts } from '../render/pdf/bundled.js';
import { beforePool, boundHeapsWithPdfThread, boundMainHeap, forMainThread } from './heap.js';
import type { SourceReport, UnitTask } from './run-unit.js';

type OnUnit = (index: number, reports: SourceReport[]) => void;

/** Every source of a unit whose worker died: reported, so that the run goes on and says what it lost. */
function crashed(task: UnitTask, e: unknown): SourceReport[] {
  const why = e instanceof Error ? e.message : String(e);
  return task.sources.map(({ ref }) => ({
    file: ref.file,
    outputs: [],
    inputs: [],
    ok: false,
    messages: [
      {
        file: ref.file,
        ruleId: 'worker',
        severity: 'error',
        reason: `The worker generating this source stopped (${why})`,
        hint: 'The other sources were not affected. Run this one alone with --jobs 1 to see the problem; if it persists, report it as a bug.',
      } satisfies Message,
    ],
  }));
}

/**
 * Without --jobs, each worker should have this many units: a worker costs about
 * 0.2 s to start (modules, JIT, the renderers it loads), and below that the main
 * thread alone finishes first (measured with plain text on 2 cores: 40 sources
 * took 0.72 s in the main thread, 0.90 s with two workers; 1,000 took 7.2 s and 5.2 s).
 */
const AUTO_UNITS_PER_WORKER = 8;

/**
 * Formats whose renderers hold fonts and big documents: with them, two workers on two cores
 * cost more than they give. Each worker is a third heap beside the main thread's, warms its
 * own JIT and, held under 300 MB, collects garbage far more often. Measured on the 2-core
 * machine (loaded by other work), txt+docx+pdf, CPU time and peak RSS: 200 sources, main
 * thread 18 s, 249 MB; two workers 30 s, 289 MB (relaxing their heaps: 24 s, 332 MB);
 * 1,000 sources, 66 s against 98 s CPU, the same wall time.
 */
const HEAVY = new Set(['pdf', 'docx', 'eml']);

/**
 * How many worker threads; 1 means the main thread. `jobs`: --jobs, when given.
 * Never more than the units, nor than the cores: the work is all CPU, and each
 * thread beyond a core only costs its memory (`-j 100000` once started 180 threads
 * and 2.8 GB for 180 sources). Without --jobs on two cores or fewer, the main
 * thread does PDF, DOCX and e-mail (HEAVY), with a PDF thread beside it (pdfThreadFor).
 */
export function workerCount(units: number, jobs: number | undefined, cores = availableParallelism(), formats: readonly string[] = []): number {
  if (jobs === undefined && cores <= 2 && formats.some((f) => HEAVY.has(f))) return 1;
  const n = jobs ?? Math.floor(units / AUTO_UNITS_PER_WORKER);
  return Math.max(1, Math.min(n, units, cores));
}

/**
 * Without --jobs, on two cores, the main thread does the work (HEAVY) but gives each release's PDF to
 * a second thread (./pdf-thread.ts, as `watch` does), which renders it while the main thread loads,
 * lints and renders the text; the DOCX then takes the end marker's page from the PDF's layout instead
 * of laying the release out again, and two units are in hand at once, so that neither thread waits
 * for the other at a unit's start or end. Two isolates, not three as with --jobs 2, each with half the
 * code, the font files shared, their heaps bounded (./heap.ts, boundHeapsWithPdfThread). Measured on
 * the benchmark's 1,000 sources (txt+docx+pdf, 2 cores; wall time, CPU, peak RSS): the main thread
 * alone 31.5 s, 34.7 s, 246 MB; --jobs 2 29.6 s, 50.7 s, 307 MB; this 24.8 / 26.6 s, 36 / 38 s,
 * 258 / 264 MB (the machine's speed varies by ±10% from run to run). The bytes are the same.
 * Not with an e-mail (it attaches the PDF rendered in its own thread), nor for fewer sources than a
 * worker needs to pay for its start (its modules, compiled without the code cache, and its fonts):
 * one cold release took 664 ms without the thread and 847 ms with it; the six sources of
 * fixtures/cedaw-trafficking, 1.66 and 1.62 s (hyperfine, 8–15 runs).
 */
export function pdfThreadFor(formats: readonly string[], sources: number, jobs: number | undefined, cores = availableParallelism()): boolean {
  if (jobs !== undefined || cores < 2 || !formats.includes('pdf') || formats.includes('eml')) return false;
  return sources >= AUTO_UNITS_PER_WORKER;
}

async function startPdfThread(shared?: () => Promise<{ fonts: SharedFonts }>) {
  const fonts = await shared?.();
  if (fonts) (await import('../render/pdf/bundled.js')).useSharedFonts(fonts);
  const thread = new (await import('./pdf-thread.js')).PdfThread({ ...(fonts ? { fonts } : {}), docxAfterPdf: true });
  thread.install();
  return thread;
}

/** The worker threads' entry (./worker.ts): the pool's, and `watch`'s PDF thread's (./pdf-thread.ts). */
export const WORKER = new URL('./worker.js', import.meta.url).href;

/**
 * `shared`: what every worker is given when a pool starts (the fonts its sources
 * need, in shared memory), and to the PDF thread beside the main one; not called when the main thread
 * does the work alone.
 */
export async function runUnits(tasks: UnitTask[], jobs: number | undefined, onUnit: OnUnit, shared?: () => Promise<{ fonts: SharedFonts }>): Promise<void> {
  const threads = workerCount(tasks.length, jobs, undefined, tasks[0]?.opts.formats);
  if (threads <= 1) {
    forMainThread();
    const { runUnit } = await import('./run-unit.js');
    const sources = tasks.reduce((n, t) => n + t.sources.length, 0);
    const pdf = pdfThreadFor(tasks[0]?.opts.formats ?? [], sources, jobs) ? await startPdfThread(shared) : undefined;
    try {
      let next = 0;
      const lane = async () => {
        while (next < tasks.length) {
          const i = next++;
          onUnit(i, await runUnit(tasks[i]!));
          // bounded once the first unit has loaded the renderers (their code cache is taken only under V8's own flags)
          if (i === 0 && tasks.length > 1) (pdf ? boundHeapsWithPdfThread : boundMainHeap)();
        }
      };
      await Promise.all(pdf ? [lane(), lane()] : [lane()]);
    } finally {
      await pdf?.close();
    }
    return;
  }
  const { Piscina } = await import('piscina');
  beforePool();
  const workerData = shared ? await shared() : undefined;
  const pool = new Piscina<UnitTask, SourceReport[]>({
    filename: WORKER,
    ...(workerData ? { workerData } : {}),
    minThreads: threads,
    maxThreads: threads,
    // Keep workers (and the renderers they loaded) for the whole run.
    idleTimeout: 60_000,
    // Two units a worker: one renders while the other waits on the disk (1,000 sources: 35 s, against 36 s one at a time).
    concurrentTasksPerWorker: 2,
  });
  // A worker that dies between tasks has no task to reject: nothing is lost, and the pool replaces it.
  pool.on('error', () => {});
  try {
    const lost: number[] = [];
    await Promise.all(
      tasks.map((task, i) =>
        pool.run(task).then(
          (r) => onUnit(i, r),
          () => void lost.push(i),
        ),
      ),
    );
    // A worker that dies takes with it every unit it was working on (two at a time). Each is tried
    // again alone, so that only a unit that kills its worker by itself is reported as failed.
    for (const i of lost.sort((a, b) => a - b)) {
      const task = tasks[i]!;
      await pool.run(task).then(
        (r) => onUnit(i, r),
        (e: unknown) => onUnit(i, crashed(task, e)),
      );
    }
  } finally {
    await pool.destroy();
  }
}
