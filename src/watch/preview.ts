/**
 * `pressready preview`: one release as its web page (the html renderer's own
 * output), served by node:http on this machine, with its lint messages, links to
 * its PDF, DOCX and plain text (made in memory, for the current version of the
 * source) and a small script that reloads the page when the server says, through
 * server-sent events on /events, that a save changed it. Only these paths are
 * answered: nothing of the file system is served.
 *
 * The page's Content-Security-Policy (sent as a header, and merged into one the
 * page may carry itself) allows that one script by a nonce made for each response,
 * the page's own styles by their hashes, its inlined logo, and /events; nothing else.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { forget, touches } from '../io/stamp.js';
import type { Message } from '../messages.js';
import type { GenerateOptions, Planned } from '../pipeline/generate.js';
import type { Composed } from '../render/compose.js';
import { esc } from '../render/html/escape.js';
import { formatMessage } from '../report/format.js';
import type { Io } from '../report/io.js';
import { printMessages } from '../report/io.js';
import { configCandidates, pathVariants } from './deps.js';
import type { Batch, Watcher } from './watcher.js';

/** The formats linked from the page, with their content types. */
const PREVIEW_TYPES: Record<string, string> = {
  html: 'text/html; charset=utf-8',
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  txt: 'text/plain; charset=utf-8',
};
const LINKED = [
  ['pdf', 'PDF'],
  ['docx', 'DOCX'],
  ['txt', 'Plain text'],
] as const;

/** Loopback addresses: the ones a preview answers for unless another `--host` is given. */
const LOOPBACK = ['127.0.0.1', 'localhost', '::1', '[::1]'];

const sha256b64 = (s: string) => createHash('sha256').update(s, 'utf8').digest('base64');

/** A Content-Security-Policy with `script-src` allowing `nonce`, `connect-src` allowing the server itself, and `style-src` the given hashes. */
export function allowPreview(policy: string, nonce: string, styleHashes: readonly string[]): string {
  const directives = policy
    .split(';')
    .map((d) => d.trim())
    .filter(Boolean);
  const add = (name: string, values: string[]) => {
    const i = directives.findIndex((d) => d.split(/\s+/)[0]!.toLowerCase() === name);
    if (i < 0) directives.push([name, ...values].join(' '));
    else directives[i] = [directives[i]!.replace(/\s+'none'/i, ''), ...values].join(' ');
  };
  add('script-src', [`'nonce-${nonce}'`]);
  add('connect-src', ["'self'"]);
  if (styleHashes.length)
    add(
      'style-src',
      styleHashes.map((h) => `'sha256-${h}'`),
    );
  return directives.join('; ');
}

const BASE_POLICY = "default-src 'none'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

const PANEL_CSS = `
.pressready-preview{position:sticky;bottom:0;margin:2rem 0 0;padding:.6rem 1rem;background:#f4f4f4;border-top:1px solid #bbb;font:14px/1.4 system-ui,sans-serif;color:#222}
.pressready-preview a{margin-right:1rem}
.pressready-preview ul{margin:.4rem 0 0;padding-left:1.2rem}
.pressready-preview .error{color:#a00}
.pressready-preview .warning{color:#850}
`;

/** The script: reload when the server's version is not the page's. */
function reloadScript(version: number): string {
  return `new EventSource('/events').onmessage=(e)=>{if(e.data!=='${version}')location.reload()};`;
}

interface PreviewOptions {
  port: number;
  host: string;
  /** the host was given on the command line: requests for it are answered too */
  hostGiven: boolean;
}

interface Current {
  version: number;
  planned?: Planned;
  composed?: Composed;
  messages: Message[];
  /** rendered for this version, by format */
  outputs: Map<string, Promise<{ data: Uint8Array | string; warnings: Message[] }>>;
  /** what it depends on besides its own text; undefined when it did not load (then any change renders again) */
  deps?: string[];
}

export class Preview {
  private current: Current = { version: 0, messages: [], outputs: new Map() };
  private readonly clients = new Set<ServerResponse>();
  private server: Server | undefined;

  constructor(
    private readonly file: string,
    private readonly opts: GenerateOptions,
    private readonly io: Io,
    private readonly watcher: Watcher,
  ) {}

  private get abs(): string {
    return path.resolve(this.opts.cwd, this.file);
  }

  /** Load and lint the source again (a new version); the page and the other formats are made from it. */
  async load(): Promise<void> {
    const started = performance.now();
    const { plan, renderOne, composeFor } = await import('../pipeline/generate.js');
    const { familyOf } = await import('../pipeline/family.js');
    const { lintPlanned } = await import('../pipeline/lint.js');
    const ref = { file: this.file, base: path.dirname(this.abs), named: true };
    const [linted] = lintPlanned([await plan(ref, this.opts)], this.opts.cwd, false);
    const family = familyOf(linted!, [], this.opts);
    const p = family ? { ...linted!, family } : linted!;
    const version = this.current.version + 1;
    const next: Current = { version, planned: p, messages: [...p.messages], outputs: new Map() };
    if (p.loaded) {
      const { template } = p.loaded;
      next.composed = composeFor(p.loaded, this.opts);
      const render = (format: string) => {
        let made = next.outputs.get(format);
        if (!made) next.outputs.set(format, (made = renderOne(p, format, this.opts, next.composed)));
        return made;
      };
      // the page now; the others when asked for (the PDF first: the DOCX reads its layout)
      const html = await render('html');
      next.messages.push(...html.warnings);
      next.deps = [...template.chain, ...(p.loaded.original ? [path.resolve(this.opts.cwd, p.loaded.original.source.file)] : []), ...configCandidates(path.dirname(this.abs), this.opts.cwd)];
      this.watcher.watchDeep(template.chain);
      this.watcher.watchFilesOf(next.deps.filter((d) => !template.chain.includes(d)));
      void render('pdf').catch(() => {});
    }
    this.current = next;
    printMessages(this.io, next.messages);
    const ms = Math.round(performance.now() - started);
    this.io.out(p.loaded ? `${this.file}: page updated (${ms} ms)\n` : `${this.file}: not generated; the page shows why (${ms} ms)\n`);
    for (const c of this.clients) c.write(`data: ${version}\n\n`);
  }

  /** A save: render again when it touches the source or what it depends on. */
  async onBatch(batch: Batch): Promise<void> {
    const changed = [...batch.changed].flatMap(pathVariants);
    forget(changed);
    const deps = this.current.deps;
    const relevant = changed.some((c) => c === this.abs || !deps || deps.some((d) => touches(c, [d]) || touches(d, [c])));
    if (!relevant) return;
    try {
      await this.load();
    } catch (e) {
      printMessages(this.io, [
        {
          file: this.file,
          ruleId: 'internal',
          severity: 'error',
          reason: `Internal error: ${(e as Error)?.message ?? String(e)}`,
          hint: 'This is a bug in pressready; please report it. The preview goes on.',
        },
      ]);
    }
  }

  /** The name the formats are served under: the release's id, or the last one it had (a source with errors has none). */
  private lastStem = 'release';
  private stem(): string {
    const id = this.current.planned?.loaded?.release.id;
    if (id) this.lastStem = path.posix.basename(id);
    return this.lastStem;
  }

  /** The page as served: the web page, with the panel and the script, and its policy. */
  page(nonce: string, rendered: string | undefined): { html: string; policy: string } {
    const { version, planned, messages } = this.current;
    const list = messages.length
      ? `<ul class="pressready-messages">\n${messages.map((m) => `<li class="${esc(m.severity)}">${esc(stripVTControlCharacters(formatMessage(m)))}</li>`).join('\n')}\n</ul>`
      : '<p class="pressready-messages">No lint messages.</p>';
    const links = planned?.loaded ? `<p>${LINKED.map(([f, label]) => `<a href="/${esc(this.stem())}.${f}">${label}</a>`).join('')}</p>` : '';
    const panel = `<aside class="pressready-preview" aria-label="Preview">\n${links}\n${list}\n</aside>\n<script nonce="${nonce}">${reloadScript(version)}</script>\n`;
    const base =
      rendered !== undefined
        ? rendered
        : `<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<title>${esc(this.file)}: not generated</title>\n</head>\n<body>\n<h1>${esc(this.file)}: not generated</h1>\n</body>\n</html>\n`;
    let html = base;
    html = html.replace(/<\/head>/i, () => `<style>${PANEL_CSS}</style>\n</head>`).replace(/<\/body>/i, () => `${panel}</body>`);
    const hashes = [...html.matchAll(/<style>([\s\S]*?)<\/style>/g)].map((m) => sha256b64(m[1]!));
    // a policy the page carries itself is merged with the preview's needs too: the browser enforces both
    html = html.replace(
      /(<meta\s+http-equiv="Content-Security-Policy"\s+content=")([^"]*)(")/i,
      (_m, a: string, policy: string, b: string) => a + esc(allowPreview(policy.replace(/&#39;|&apos;/g, "'"), nonce, hashes)) + b,
    );
    return { html, policy: allowPreview(BASE_POLICY, nonce, hashes) };
  }

  private async respond(req: IncomingMessage, res: ServerResponse, hostOk: (host: string | undefined) => boolean): Promise<void> {
    const send = (status: number, type: string, body: string | Uint8Array, headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff', 'Referrer-Policy': 'no-referrer', ...headers });
      res.end(req.method === 'HEAD' ? undefined : body);
    };
    // a page of another site that names this address (DNS rebinding) is refused
    if (!hostOk(req.headers.host)) return send(403, 'text/plain; charset=utf-8', 'Forbidden: this preview answers only for its own address.\n');
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(405, 'text/plain; charset=utf-8', 'Method not allowed\n', { Allow: 'GET, HEAD' });
    let pathname: string;
    try {
      // the path as sent, not normalized: only the exact paths below are answered
      pathname = (req.url ?? '/').split('?')[0]!;
    } catch {
      return send(400, 'text/plain; charset=utf-8', 'Bad request\n');
    }
    if (pathname === '/' || pathname === '/index.html') {
      const made = this.current.outputs.get('html');
      const nonce = randomBytes(16).toString('base64');
      const { html, policy } = this.page(nonce, made ? String((await made).data) : undefined);
      return send(200, PREVIEW_TYPES.html!, html, { 'Content-Security-Policy': policy });
    }
    if (pathname === '/events') {
      res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-store', Connection: 'keep-alive', 'X-Content-Type-Options': 'nosniff' });
      res.write(`retry: 500\ndata: ${this.current.version}\n\n`);
      this.clients.add(res);
      req.on('close', () => this.clients.delete(res));
      return;
    }
    const stem = this.stem();
    for (const [format] of LINKED) {
      if (pathname !== `/${stem}.${format}` && pathname !== `/${encodeURIComponent(stem)}.${format}`) continue;
      const made = this.current.planned?.loaded ? this.renderFor(format) : undefined;
      if (!made) return send(503, 'text/plain; charset=utf-8', 'Not generated: the page says why.\n');
      try {
        const { data } = await made;
        return send(200, PREVIEW_TYPES[format]!, typeof data === 'string' ? data : Buffer.from(data), { 'Content-Disposition': `inline; filename="${stem.replace(/[^\w.-]/g, '_')}.${format}"` });
      } catch (e) {
        return send(500, 'text/plain; charset=utf-8', `Could not render the ${format}: ${(e as Error)?.message ?? String(e)}\n`);
      }
    }
    return send(404, 'text/plain; charset=utf-8', 'Not found\n');
  }

  private renderFor(format: string) {
    const cur = this.current;
    let made = cur.outputs.get(format);
    if (!made && cur.planned) {
      const p = cur.planned;
      made = import('../pipeline/generate.js').then(({ renderOne }) => renderOne(p, format, this.opts, cur.composed));
      cur.outputs.set(format, made);
    }
    return made;
  }

  /** Listen; resolves with the address to open. */
  async listen(o: PreviewOptions): Promise<string> {
    const server = createServer((req, res) => {
      const hostOk = (host: string | undefined) => {
        if (!host) return false;
        const name = host.replace(/:\d+$/, '');
        return LOOPBACK.includes(name) || (o.hostGiven && name === o.host);
      };
      this.respond(req, res, hostOk).catch(() => {
        if (!res.headersSent) res.writeHead(500);
        res.end();
      });
    });
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(o.port, o.host, () => resolve());
    });
    const { port } = server.address() as AddressInfo;
    const shown = o.host.includes(':') ? `[${o.host}]` : o.host;
    return `http://${shown}:${port}/`;
  }

  async close(): Promise<void> {
    for (const c of this.clients) c.end();
    this.clients.clear();
    const server = this.server;
    if (!server) return;
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  }
}
