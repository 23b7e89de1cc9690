/**
 * `pressready watch <sources|folders|globs>`: one process that generates the
 * sources, then regenerates on every save what the save affects (../../watch/).
 * Ctrl-C (exit 130) or SIGTERM (exit 0) stops it once the release being written
 * is written, so that no temporary file is left.
 */
import path from 'node:path';
import { type GenerateFlags, usage } from '../../options/generate-flags.js';
import type { Io } from '../../report/io.js';

export type WatchFlags = Pick<GenerateFlags, 'format' | 'out' | 'template' | 'wrap' | 'pdfStandard' | 'from' | 'to' | 'quiet' | 'strict' | 'limit'>;

export type Stop = 'SIGINT' | 'SIGTERM';

/** Resolves at the first Ctrl-C or SIGTERM; the listeners are taken away then. */
export function untilSignal(): Promise<Stop> {
  return new Promise((resolve) => {
    const on = (s: Stop) => () => {
      process.off('SIGINT', int);
      process.off('SIGTERM', term);
      resolve(s);
    };
    const int = on('SIGINT');
    const term = on('SIGTERM');
    process.on('SIGINT', int);
    process.on('SIGTERM', term);
  });
}

export const exitCodeOf = (s: Stop) => (s === 'SIGINT' ? 130 : 0);

export async function watchCommand(args: string[], flags: WatchFlags, io: Io, stop: Promise<Stop> = untilSignal()): Promise<number> {
  if (args.includes('-')) throw usage('`watch` reads files: `-` (standard input) cannot be watched', 'Name the source file, for example: pressready watch release.md');
  (await import('../../pipeline/heap.js')).forLongRun();
  (await import('../../watch/piece-memo.js')).rememberPieces();
  (await import('../../io/stamp.js')).stampOncePerBatch();
  (await import('../../io/write.js')).writeSynchronously();
  const pdf = new (await import('../../pipeline/pdf-thread.js')).PdfThread();
  pdf.install();
  const { Watcher } = await import('../../watch/watcher.js');
  const { WatchSession } = await import('../../watch/session.js');
  let session: InstanceType<typeof WatchSession> | undefined;
  const inside = (abs: string, dir: string) => abs === dir || abs.startsWith(dir + path.sep);
  // the outputs are never sources, even when the output folder is inside a watched one
  const watcher = new Watcher((batch) => session!.onBatch(batch), { ignore: (abs) => session !== undefined && inside(abs, session.outDir) });
  session = new WatchSession(args, flags, io, watcher);
  let stopped: Stop | undefined;
  void stop.then((s) => (stopped = s));
  try {
    await session.start();
    await watcher.start();
    if (!stopped) io.err(`${session.summary()}\n`);
    const signal = await stop;
    return exitCodeOf(signal);
  } finally {
    // the release being written is written before the process ends: no temporary file is left
    await watcher.close();
    await pdf.close();
  }
}
