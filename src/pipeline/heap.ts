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

/** Before the scan: the main thread reads every source once; its young generation stays at its first size. */
export function beforeScan(): void {
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
  setFlagsFromString('--semi-space-growth-factor=2');
  setFlagsFromString('--max-semi-space-size=6');
  setFlagsFromString('--heap-growing-percent=40');
}

/** When the main thread does the work after all (too few units for a pool): V8's own settings again. */
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
  setFlagsFromString('--heap-growing-percent=50');
}
