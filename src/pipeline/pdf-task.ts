/**
 * The PDF of a release, rendered on the PDF thread of `watch` and of a batch on two
 * cores (./pdf-thread.ts sends it; ./worker.ts is the thread's entry). What crosses is plain
 * data: the release composed on the main thread, without its one function (the
 * page numbers' words, made again here from the locale), and the source's text,
 * for where a warning's character is written. The renderer is the one `generate`
 * runs, so the bytes are the same.
 */
import { forget } from '../io/stamp.js';
import { isUserError, LineIndex, type Message } from '../messages.js';
import type { Release } from '../model/types.js';
import { type Composed, pageFurniture } from '../render/compose.js';
import { knownEndPage } from '../render/pdf/end-page.js';
import { renderer } from '../render/registry.js';
import type { RenderOptions } from '../render/types.js';
import type { LocaleData, Template } from '../templates/types.js';

export interface PdfTask {
  /** the source, as the user named it */
  file: string;
  release: Release;
  composed: Omit<Composed, 'furniture'> & { furniture: Omit<Composed['furniture'], 'page'> };
  template: Template;
  locale: LocaleData;
  options: RenderOptions;
  /** the source's text, to place a warning */
  text: string;
  /** files the main thread saw change since the last task: this thread's caches drop what they made of them */
  forget: string[];
}

export type PdfDone =
  /** `endPage`: the page of the end marker, as the PDF laid it out (the DOCX's footers take it: ../render/pdf/end-page.ts) */
  | { ok: true; data: Uint8Array; warnings: Omit<Message, 'file'>[]; endPage?: number }
  /** a problem the user can mend (a font file that cannot be read): its messages */
  | { ok: false; messages: Message[] }
  /** a bug: its message, reported as `generate` reports one */
  | { ok: false; internal: string };

export async function renderPdf(task: PdfTask): Promise<PdfDone> {
  try {
    forget(task.forget);
    const composed: Composed = { ...task.composed, furniture: { ...task.composed.furniture, page: pageFurniture(task.locale) } };
    const warnings: Omit<Message, 'file'>[] = [];
    let index: LineIndex | undefined;
    const data = await (await renderer('pdf')).render({
      release: task.release,
      composed,
      template: task.template,
      locale: task.locale,
      options: task.options,
      warn: (m) => warnings.push(m),
      locate: (needle) => {
        const at = task.text.indexOf(needle);
        if (at < 0) return undefined;
        index ??= new LineIndex(task.text);
        return index.place(at, at + needle.length);
      },
    });
    const endPage = knownEndPage(composed);
    return { ok: true, data: data as Uint8Array, warnings, ...(endPage !== undefined ? { endPage } : {}) };
  } catch (e) {
    if (isUserError(e)) return { ok: false, messages: e.messages };
    return { ok: false, internal: (e as Error)?.message ?? String(e) };
  }
}
