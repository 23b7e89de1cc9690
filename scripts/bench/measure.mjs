/** Timing helpers: wall time of a whole process, its peak RSS, medians. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const RSS_PRELOAD = fileURLToPath(new URL('./rss-preload.mjs', import.meta.url));

export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/**
 * Runs a command once; returns its wall time in ms (spawn included, as a CI job
 * or a Makefile pays it) and, with `rss`, a node process's peak RSS in MB
 * (worker threads included: they share the process).
 */
export function timeProcess(cmd, args, { cwd, env = {}, node = false, rss = false } = {}) {
  // the RSS probe is a module to load: only where peak RSS is reported, not in start-up figures
  const rssDir = node && rss ? mkdtempSync(path.join(tmpdir(), 'bench-rss-')) : undefined;
  const rssFile = rssDir && path.join(rssDir, 'rss');
  const argv = rssFile ? ['--import', RSS_PRELOAD, ...args] : args;
  const t = performance.now();
  const r = spawnSync(node ? process.execPath : cmd, argv, {
    cwd,
    env: { ...process.env, CI: 'true', NO_COLOR: '1', ...(rssFile ? { BENCH_RSS_FILE: rssFile } : {}), ...env },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  const ms = performance.now() - t;
  let rssMb;
  if (rssFile) {
    try {
      rssMb = Number(readFileSync(rssFile, 'utf8')) / 1024;
    } catch {
      rssMb = undefined;
    }
    rmSync(rssDir, { recursive: true, force: true });
  }
  return { ms, rssMb, code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Runs `once` n times (after `before` each time); medians of the time and of the peak RSS. */
export function repeat(n, once, before = () => {}) {
  const runs = [];
  for (let i = 0; i < n; i++) {
    before();
    const r = once();
    if (r.code !== 0 && r.code !== undefined) throw new Error(`benchmark command failed (exit ${r.code}):\n${r.stderr}`);
    runs.push(r);
  }
  const rss = runs.map((r) => r.rssMb).filter((x) => x !== undefined);
  return { ms: median(runs.map((r) => r.ms)), runs: runs.map((r) => Math.round(r.ms)), ...(rss.length ? { rssMb: median(rss), peakRssMb: Math.max(...rss) } : {}) };
}
