/**
 * `pressready preview <source>`: the release's web page on a local HTTP server
 * (../../watch/preview.ts), made again on every save. It listens on 127.0.0.1
 * unless `--host` names another address; port 0, the default, is a free port.
 * Ctrl-C (exit 130) or SIGTERM (exit 0) stops it.
 */
import { isIP } from 'node:net';
import { usage } from '../../options/generate-flags.js';
import type { Io } from '../../report/io.js';
import { exitCodeOf, type Stop, untilSignal } from './watch.js';

export interface PreviewFlags {
  port?: string;
  host?: string;
  template?: string;
}

function parsePort(value: string | undefined): number {
  const n = Number(value ?? '0');
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw usage(`--port takes a port number from 0 to 65535, not \`${value}\``, 'For example --port 8080; leave it out (or 0) for a free port.');
  return n;
}

export async function previewCommand(source: string, flags: PreviewFlags, io: Io, stop: Promise<Stop> = untilSignal(), onUrl?: (url: string) => void): Promise<number> {
  const port = parsePort(flags.port);
  const host = flags.host ?? '127.0.0.1';
  if (host !== 'localhost' && !isIP(host)) throw usage(`--host takes an IP address, not \`${host}\``, 'For example --host 127.0.0.1 (the default: this machine only).');
  if (source === '-') throw usage('`preview` reads a file: `-` (standard input) cannot be watched', 'Name the source file, for example: pressready preview release.md');
  const { existsSync, statSync } = await import('node:fs');
  const path = (await import('node:path')).default;
  const abs = path.resolve(io.cwd, source);
  if (!existsSync(abs) || !statSync(abs).isFile()) throw usage(`No such source file \`${source}\``, 'Check the path; preview shows one source file.');
  const { generateOptions } = await import('../../options/generate-options.js');
  const { opts } = await generateOptions({ ...(flags.template ? { template: flags.template } : {}) }, io);
  (await import('../../pipeline/heap.js')).forLongRun();
  const { Watcher } = await import('../../watch/watcher.js');
  const { Preview } = await import('../../watch/preview.js');
  const rel = path.relative(io.cwd, abs);
  const file = rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel.split(path.sep).join('/') : abs;
  let preview: InstanceType<typeof Preview> | undefined;
  const watcher = new Watcher((batch) => preview!.onBatch(batch));
  preview = new Preview(file, { ...opts, formats: ['html', 'pdf', 'docx', 'txt'] }, io, watcher);
  try {
    await preview.load();
    watcher.watchFilesOf([abs]);
    const url = await preview.listen({ port, host, hostGiven: flags.host !== undefined });
    await watcher.start();
    if (!['127.0.0.1', '::1', 'localhost'].includes(host)) io.err(`pressready: listening on ${host}: other machines on the network can open this preview\n`);
    io.out(`Preview of ${file}: ${url} (Ctrl-C to stop)\n`);
    onUrl?.(url);
    return exitCodeOf(await stop);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EADDRINUSE') throw usage(`Port ${port} is in use`, 'Give another with --port, or leave it out for a free one.');
    if ((e as NodeJS.ErrnoException).code === 'EADDRNOTAVAIL') throw usage(`This machine has no address ${host}`, 'Leave --host out to listen on 127.0.0.1.');
    throw e;
  } finally {
    await watcher.close();
    await preview.close();
  }
}
