/**
 * V8's heap settings for a run with a worker pool. Left to itself, V8 sizes each
 * heap for throughput: semi-spaces that grow to 16 MB, and an old generation
 * that grows to several times what is live before a full collection. With three
 * isolates (the main thread and two workers, each worker ~40 MB live: code,
 * parsed fonts, caches), 1,000 sources peaked at 650 MB. These settings hold a
 * run under 300 MB, for ~40% more CPU in the collector (figures below).
 *
 * The flags are V8's own, set through `v8.setFlagsFromString`: the semi-space
 * growth factor and heap growing percent are read at each collection (so they
 * apply to the main thread, already running), the semi-space size when an
 * isolate is made (so it applies to workers started after it is set).
 */
import { setFlagsFromString } from 'node:v8';

let restoring = false;

/**
 * V8 stamps the code cache it makes with its flags, and takes a cache only under the same flags: the cache
 * written when the process exits (bin/code-cache.cjs on Node 20; Node 22+'s compile cache) must carry V8's
 * defaults, which the next run starts with, or that run rejects it and compiles everything again. Run
 * before every other exit listener (prepended), which is where that cache is written.
 */
function defaultsAtExit(): void {
  if (restoring) return;
  restoring = true;
  process.prependOnceListener('exit', () => {
    setFlagsFromString('--semi-space-growth-factor=2');
    setFlagsFromString('--heap-growing-percent=0');
    setFlagsFromString('--max-semi-space-size=0');
  });
}

/** Before the scan: the main thread reads every source once; its young generation stays at its first size. */
export function beforeScan(): void {
  defaultsAtExit();
  setFlagsFromString('--semi-space-growth-factor=1');
  setFlagsFromString('--heap-growing-percent=50');
}

/**
 * Before the workers start: 6 MB semi-spaces for them, and a full collection
 * once the old generation has grown by 40%. Measured on 1,000 sources at --jobs 2
 * (time, peak RSS): V8's own settings 24 s, 650 MB; 4 MB and 50%: 35 s, 283 MB;
 * 6 MB and 40%: 34 s, 287 MB; 6 MB and 50%: 30 s, 302 MB.
 */
export function beforePool(): void {
  defaultsAtExit();
  setFlagsFromString('--semi-space-growth-factor=2');
  setFlagsFromString('--max-semi-space-size=6');
  setFlagsFromString('--heap-growing-percent=40');
}

/** When the main thread does the work after all (too few units for a pool, or two cores): V8's own settings again. */
export function forMainThread(): void {
  setFlagsFromString('--semi-space-growth-factor=2');
  setFlagsFromString('--heap-growing-percent=0');
}

/**
 * For a long-lived `watch` or `preview`: a full collection once the old
 * generation has grown by half. Left to V8 (an old generation let grow to
 * several times what is live), 200 saves of one release in one process (all
 * three formats) took the RSS to 211 MB with ~30 MB live, 12 ms of collection a
 * save; with this, 144 MB, 13 ms. (Young semi-spaces held at their first size
 * too: 114 MB, but 50 ms of collection a save.)
 */
export function forLongRun(): void {
  defaultsAtExit();
  setFlagsFromString('--heap-growing-percent=50');
}

/**
 * The main thread doing many units: an old generation that may grow to 2.5× what is live
 * before a full collection (V8 lets it grow up to 4×). Measured on 200 sources,
 * txt+docx+pdf, CPU and peak RSS: V8's own 17.9 s, 301 MB (1,000 sources: 323 MB); 300%:
 * 17.2 s, 294 MB; 200%: 18.7 s, 249 MB (1,000 sources: 289 and 300 MB); 150%: 19.3 s,
 * 225 MB; 50%: 23.3 s, 189 MB (one run each on a loaded machine: ±1 s).
 */
export function boundMainHeap(): void {
  defaultsAtExit();
  setFlagsFromString('--heap-growing-percent=150');
}

/**
 * The main thread doing many units with a PDF thread beside it (./pool.ts, pdfThreadFor): the flag is
 * read by both heaps, and two heaps at 150% went past 300 MB. Measured on 370 sources, txt+docx+pdf,
 * wall time and peak RSS, two runs each: 150% 11.7 / 10.8 s, 301 / 298 MB; 80% 11.5 / 12.7 s, 282 /
 * 281 MB; 40% 11.5 / 13.5 s, 273 / 281 MB (the machine's speed varies by ±10% from run to run).
 */
export function boundHeapsWithPdfThread(): void {
  defaultsAtExit();
  setFlagsFromString('--heap-growing-percent=80');
}
