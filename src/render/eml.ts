/**
 * The release as an e-mail ready to send or to import into a mail client
 * (RFC 5322): the plain text and the web page as alternatives, the PDF
 * attached — each made by its own renderer — composed by nodemailer's MIME
 * builder. Date, Message-ID and the part boundaries come from the release, so
 * the bytes are the same on every run, on every machine.
 */
import { createHash } from 'node:crypto';
import MailComposer from 'nodemailer/lib/mail-composer';
import { renderer } from './registry.js';
import type { Renderer, RenderInput } from './types.js';

async function part(format: string, input: RenderInput): Promise<Buffer> {
  const data = await (await renderer(format)).render(input);
  return typeof data === 'string' ? Buffer.from(data, 'utf8') : Buffer.from(data.buffer, data.byteOffset, data.byteLength);
}

/** The domain a Message-ID names: the sender's, else the tool's (a name that is nobody's address). */
function domainOf(from: string | undefined): string {
  const d = from && /@([A-Za-z0-9.-]+)>?\s*$/.exec(from)?.[1];
  return d || 'pressready.invalid';
}

function build(composer: MailComposer): Promise<Buffer> {
  return new Promise((resolve, reject) => composer.compile().build((err, message) => (err ? reject(err) : resolve(message))));
}

export const emlRenderer: Renderer = {
  format: 'eml',
  extension: 'eml',
  async render(input) {
    const { release, composed, options } = input;
    const [text, html, pdf] = [await part('txt', input), await part('html', input), await part('pdf', input)];
    const hash = createHash('sha256');
    for (const b of [text, html, pdf]) hash.update(createHash('sha256').update(b).digest());
    hash.update(JSON.stringify(options.mail ?? {}));
    const digest = hash.digest('hex');
    const { from, to } = options.mail ?? {};
    const composer = new MailComposer({
      ...(from ? { from } : {}),
      ...(to?.length ? { to } : {}),
      subject: composed.meta.embargoedTitle ?? composed.meta.title,
      date: composed.meta.date,
      messageId: `<${digest.slice(0, 32)}@${domainOf(from)}>`,
      // fixed boundaries: random ones would change the bytes on every run
      baseBoundary: digest.slice(32, 48),
      headers: { 'Content-Language': composed.lang },
      text: { content: text.toString('utf8'), contentType: 'text/plain; charset=utf-8' },
      html: { content: html.toString('utf8'), contentType: 'text/html; charset=utf-8' },
      attachments: [{ filename: `${release.id}.pdf`, content: pdf, contentType: 'application/pdf' }],
      disableFileAccess: true,
      disableUrlAccess: true,
    });
    return new Uint8Array(await build(composer));
  },
};
