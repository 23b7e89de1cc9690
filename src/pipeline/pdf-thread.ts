/**
 * On two cores or more, `watch` — and `generate` of many sources on two cores without
 * --jobs (./pool.ts) — renders each release's PDF on a second thread while the main
 * thread lints the release and renders its DOCX and text: the two largest renderings
 * run side by side instead of one after the other. The PDF is started as soon as the
 * release is loaded (./generate.ts, startElsewhere). One thread for the session (piscina, as `generate`'s pool: it
 * replaces a thread that dies), started with the first PDF; it keeps its fonts and
 * its compiled code between saves.
 *
 * What it is sent is plain data (../pipeline/pdf-task.ts). Files the main thread sees change
 * are sent with the next task, so that the thread's caches (a template's font) drop
 * them too. A thread that fails (not a release that fails: that comes back as its
 * messages) is not a failed save: the PDF is rendered here instead (and, after a few
 * failures in a row, from then on). With `eml` the
 * PDF is rendered here too: the e-mail attaches the PDF rendered in its process.
 * The DOCX needs the end marker's page from the PDF's layout: in `watch` it lays the
 * release out itself (../render/docx/pdf-plan.ts), so that a save waits for neither;
 * in a batch (docxAfterPdf) it waits for the thread's PDF and takes the page from it.
 */
import { availableParallelism } from 'node:os';
import type { Piscina } from 'piscina';
import { onForget } from '../io/stamp.js';
import { UserError } from '../messages.js';
import type { Composed } from '../render/compose.js';
import type { SharedFonts } from '../render/pdf/bundled.js';
import { rememberEndPage } from '../render/pdf/end-page.js';
import { type GenerateOptions, type Planned, type Rendered, renderElsewhere, renderOne } from './generate.js';
import type { PdfDone, PdfTask } from './pdf-task.js';
import { WORKER } from './pool.js';

/**
 * The thread's young generation, in MB. V8's own (up to 16 MB semi-spaces) took the
 * watch's RSS from 135 MB (PDF in the main thread) to 204 MB; with 4 or 6 MB, 170 MB, the
 * save as fast (60 saves of fixtures/cedaw-trafficking, 2 cores shared with other jobs).
 */
const YOUNG_MB = 6;

/** A thread that failed this many tasks in a row (one it dies on, say) is not sent more: starting another costs more than it saves. */
const GIVE_UP = 3;

export class PdfThread {
  private pool: Promise<Piscina<PdfTask, PdfDone>> | undefined;
  private readonly changed = new Set<string>();
  private closed = false;
  /** the thread's failures in a row: after GIVE_UP, the PDFs are rendered here for the rest of the session */
  private failures = 0;

  /**
   * `fonts`: the font files a batch's sources need, in shared memory, given to the thread as it starts
   * (../render/pdf/bundled.ts). `docxAfterPdf`: the DOCX waits for the PDF and takes the end marker's
   * page from its layout, instead of laying the release out again while the PDF is rendered: less work
   * in all (a batch's throughput), a later DOCX (not for `watch`, where a save waits for its slowest output).
   */
  constructor(private readonly how: { fonts?: { fonts: SharedFonts }; docxAfterPdf?: boolean } = {}) {
    onForget((changed) => {
      if (this.pool) for (const c of changed) this.changed.add(c);
    });
  }

  /** From now on, `generate`'s pipeline in this process renders PDFs here. On one core: no thread (it would only take turns). */
  install(): void {
    if (availableParallelism() < 2) return;
    renderElsewhere((format, p, composed, opts) => this.render(format, p, composed, opts), { docxAfterPdf: this.how.docxAfterPdf === true });
  }

  private start(): Promise<Piscina<PdfTask, PdfDone>> {
    return (this.pool ??= import('piscina').then(({ Piscina }) => {
      const pool = new Piscina<PdfTask, PdfDone>({
        filename: WORKER,
        ...(this.how.fonts ? { workerData: this.how.fonts } : {}),
        minThreads: 1,
        maxThreads: 1,
        resourceLimits: { maxYoungGenerationSizeMb: YOUNG_MB },
      });
      // a thread that dies between tasks has no task to fail; the pool starts another
      pool.on('error', () => {});
      return pool;
    }));
  }

  render(format: string, p: Planned, composed: Composed, opts: GenerateOptions): Promise<Rendered> | undefined {
    if (format !== 'pdf' || opts.formats.includes('eml') || this.closed || this.failures >= GIVE_UP || !p.loaded) return undefined;
    const { release, template, locale, source } = p.loaded;
    const { page: _page, ...furniture } = composed.furniture;
    const task: PdfTask = { file: p.ref.file, release, composed: { ...composed, furniture }, template, locale, options: opts.render, text: source.text, forget: [...this.changed] };
    this.changed.clear();
    const here = () => {
      this.failures++;
      return renderOne(p, 'pdf', opts, composed);
    };
    return this.start()
      .then((pool) => pool.run(task))
      .then((done): Rendered => {
        this.failures = 0;
        if (done.ok) {
          if (done.endPage !== undefined) rememberEndPage(composed, done.endPage);
          return { data: done.data, warnings: done.warnings.map((w) => ({ file: p.ref.file, ...w })) };
        }
        if ('messages' in done) throw new UserError(done.messages);
        throw new Error(done.internal);
      }, here);
  }

  /** Stops the thread (after the task it is on). */
  async close(): Promise<void> {
    this.closed = true;
    renderElsewhere(undefined);
    await (await this.pool)?.destroy();
  }
}
