'use strict';
/**
 * V8's optimizing compilers, tuned for what a run of pressready is: a process
 * that lives about a second, or a batch whose work is the same few functions
 * over and over. Left to V8, TurboFan compiled ~150 functions on background
 * threads in a one-release `generate`, ~350 ms of CPU on Node 20 (a third of the
 * run's), nearly all of it for code that had finished by the time it was ready;
 * on a 2-core machine or a busy CI runner that work took the second core from the
 * main thread. Here a function must run 16 times longer before it is optimized:
 * the hottest still are. Measured in README ("Benchmark"): one release −30% CPU,
 * 200 sources −20% CPU on Node 20; less on Node 24, whose Maglev tier is cheap.
 *
 * Set once, before the bundle loads, and never changed: V8 stamps the code cache
 * with its flags (./code-cache.cjs; Node's compile cache), so every run must start
 * under the same ones. (Flags changed while a worker runs can crash V8: they are
 * the process's, not a thread's.) Only flags this V8 is known to have are set, as
 * an unknown one is an error printed on stderr: V8 11 (Node 20) counts an
 * interrupt budget, V8 13 (Node 24) counts calls; on another V8 (Node 22's 12)
 * nothing is set. A tiering flag given to node (`node --max-opt=3 …`) wins:
 * nothing is set then either. (NODE_OPTIONS cannot carry these V8 flags.)
 */
const v8 = require('node:v8');

const TIERING = /(^|\s)--(no-)?(interrupt-budget|invocation-count-for-|max-opt|turbofan|opt\b|maglev)/;
const SCALE = 16;

/** The flags for V8 `major`, V8's defaults × SCALE. */
function flagsFor(major) {
  if (major === 11) return [`--interrupt-budget=${67584 * SCALE}`];
  if (major === 13) return [`--invocation-count-for-turbofan=${3000 * SCALE}`, `--invocation-count-for-maglev=${400 * SCALE}`, `--invocation-count-for-osr=${500 * SCALE}`];
  return [];
}

exports.flagsFor = flagsFor;

exports.forShortRun = function forShortRun(proc) {
  if (proc.execArgv.some((a) => TIERING.test(a))) return;
  for (const f of flagsFor(Number(proc.versions.v8.split('.')[0]))) v8.setFlagsFromString(f);
};
