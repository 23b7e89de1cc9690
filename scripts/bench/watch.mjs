/**
 * The watch row: `pressready watch` on one release (fixtures/cedaw-trafficking/
 * release.md, copied alone into a temporary folder), saved again and again; the
 * time from each save to all three outputs (txt, docx, pdf) renamed into place,
 * and the process's resident memory after 50 saves and after 500.
 */
import { spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, statSync, watch, writeFileSync } from 'node:fs';
import path from 'node:path';
import { median } from './measure.mjs';

const OUTPUTS = ['txt', 'docx', 'pdf'];

function percentile(xs, p) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
}

/** VmRSS of a process in MB (Linux), or undefined. */
function rssMb(pid) {
  try {
    const kb = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kb ? Number(kb) / 1024 : undefined;
  } catch {
    return undefined;
  }
}

export async function watchFigures({ bin, sample, tmp, saves = 500, timed = 50 }) {
  const dir = path.join(tmp, 'watch');
  mkdirSync(dir, { recursive: true });
  const src = path.join(dir, 'release.md');
  copyFileSync(sample, src);
  const text = readFileSync(src, 'utf8');
  const out = path.join(dir, 'out');
  const files = OUTPUTS.map((f) => path.join(out, `release.${f}`));
  const child = spawn(process.execPath, [bin, 'watch', src, '-o', out, '-f', OUTPUTS.join(','), '-q'], {
    cwd: dir,
    env: { ...process.env, CI: 'true', NO_COLOR: '1' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let err = '';
  child.stderr.on('data', (d) => (err += d));
  try {
    const deadline = Date.now() + 60_000;
    while (!/Watching/.test(err)) {
      if (Date.now() > deadline || child.exitCode !== null) throw new Error(`watch did not start:\n${err}`);
      await new Promise((r) => setTimeout(r, 20));
    }
    // told by the file system when an output is renamed into place, not by polling (which would take a core from the watch)
    let wake = () => {};
    const watcher = watch(out, () => wake());
    const ino = () => files.map((f) => statSync(f, { throwIfNoEntry: false })?.ino ?? 0);
    const ms = [];
    let rss50;
    for (let i = 1; i <= saves; i++) {
      const before = ino();
      const t = performance.now();
      // each save a different text: a word of the headline (the front matter's first piece) and its length change
      writeFileSync(src, text.replace('trafficking', `trafficking${'x'.repeat(i % 7)}${i}`));
      await new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`save ${i}: outputs not rewritten in 30 s:\n${err}`)), 30_000);
        const check = () => {
          const now = ino();
          if (now.every((n, k) => n !== before[k])) {
            clearTimeout(timer);
            resolve();
          }
        };
        wake = check;
        check();
      });
      if (i <= timed) ms.push(performance.now() - t);
      if (i === timed) rss50 = rssMb(child.pid);
      // past the watch's throttle of one file's events, so that each save is a save of its own
      await new Promise((r) => setTimeout(r, 60));
    }
    watcher.close();
    const rss500 = rssMb(child.pid);
    return { saves, timedSaves: timed, medianMs: median(ms), p95Ms: percentile(ms, 95), rss50Mb: rss50, rssEndMb: rss500, rssGrowth: rss50 && rss500 ? rss500 / rss50 - 1 : undefined };
  } finally {
    child.kill('SIGINT');
    await new Promise((r) => (child.exitCode !== null ? r() : child.once('exit', r)));
  }
}
