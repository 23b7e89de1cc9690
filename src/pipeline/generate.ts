/**
 * `generate` as plain functions: load each source, plan its outputs (and refuse
 * two sources writing one path before anything is written), render each format,
 * write atomically. A source that fails is reported and the others go on.
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import { writeAllAtomic, writeProblem } from '../io/write.js';
import type { Limits } from '../limits.js';
import { isUserError, type Message } from '../messages.js';
import type { NewsItem } from '../newsroom/item.js';
import { type Loaded, type LoadOptions, loadRelease } from '../release/load.js';
import { type Composed, compose } from '../render/compose.js';
import { renderer } from '../render/registry.js';
import type { Family, RenderOptions } from '../render/types.js';
import type { SourceRef } from './inputs.js';
import { stemOf } from './stem.js';

export interface Output {
  /** path relative to the working folder, POSIX */
  path: string;
  format: string;
  bytes: number;
  sha256: string;
}

export interface SourceResult {
  file: string;
  outputs: Output[];
  messages: Message[];
  ok: boolean;
  /** the outputs could not be written for a reason of the machine (an errno code, e.g. ENOSPC): the run says it once, and exits 2 */
  environment?: string;
  /** with --feed, a source written: what the newsroom lists of it */
  news?: NewsItem;
}

export interface GenerateOptions {
  formats: string[];
  outDir: string;
  template?: string;
  cwd: string;
  render: RenderOptions;
  /** --strict: a renderer's warning (a missing glyph) is an error, and the source is not written */
  strict?: boolean;
  /** --limit: the bounds on what is read */
  limits?: Limits;
  /** --feed: the sources' reports carry what the newsroom page and feeds list */
  feed?: boolean;
}

/**
 * A source as the steps before rendering leave it. Each step (plan, the check of
 * its stem, lint) returns a new one: messages added, and the release taken away
 * when that step refuses to build it (see `refused`).
 */
export interface Planned {
  ref: SourceRef;
  /** the release to build; absent when it is not built (it did not load, or a step refused it: `messages` says why) */
  loaded?: Loaded;
  messages: Message[];
  /** output path (relative to cwd) without its extension */
  stem?: string;
  /** its other language versions (./family.ts) */
  family?: Family;
}

function toMessages(file: string, e: unknown): Message[] {
  if (isUserError(e)) return e.messages;
  // A bug, not a user error: say so plainly, with what to report.
  const err = e as Error;
  return [
    { file, ruleId: 'internal', severity: 'error', reason: `Internal error: ${err?.message ?? String(e)}`, hint: 'This is a bug in pressready; please report it with the source that caused it.' },
  ];
}

/** A step's refusal: the plan with more messages and without its release, which is then not built. */
export function refused(p: Planned, messages: readonly Message[]): Planned {
  const { loaded: _notBuilt, ...rest } = p;
  return { ...rest, messages: [...p.messages, ...messages] };
}

/** Load a source and decide where its outputs go. `originals`: shared by the sources of one unit (see LoadOptions). */
export async function plan(ref: SourceRef, opts: GenerateOptions, originals?: LoadOptions['originals']): Promise<Planned> {
  try {
    const { loaded, messages } = await loadRelease(ref.file, {
      cwd: opts.cwd,
      ...(opts.template ? { template: opts.template } : {}),
      ...(originals ? { originals } : {}),
      ...(opts.limits ? { limits: opts.limits } : {}),
    });
    if (!loaded) return { ref, messages };
    // a release is sent for its lead: one that has none (only a dateline and END) is not generated
    if (!loaded.release.lead.length) {
      const { source } = loaded;
      const at = Math.min(source.bodyOffset, source.text.length);
      return {
        ref,
        messages: [
          ...messages,
          {
            file: ref.file,
            place: source.index.place(at),
            ruleId: 'lead',
            severity: 'error',
            reason: 'Not generated: the release has no lead (the body must start with a paragraph)',
            hint: 'Start the body with the lead: a paragraph that says who did what, when and where.',
          },
        ],
      };
    }
    return { ref, loaded, messages, stem: stemOf(ref, loaded.release.id, opts) };
  } catch (e) {
    return { ref, messages: toMessages(ref.file, e) };
  }
}

/**
 * The document date a build fixes for every output (SOURCE_DATE_EPOCH, for
 * reproducible builds), read from the environment the options carry; undefined:
 * each release's own date.
 */
function fixedDate(env: NodeJS.ProcessEnv): Date | undefined {
  const epoch = env.SOURCE_DATE_EPOCH;
  return epoch && /^\d+$/.test(epoch) ? new Date(Number(epoch) * 1000) : undefined;
}

/** A loaded release composed for these options: what every format prints of it. */
export function composeFor(loaded: Loaded, opts: Pick<GenerateOptions, 'render'>): Composed {
  const date = fixedDate(opts.render.env);
  return compose({ ...loaded, ...(date ? { date } : {}) });
}

/** `composed`: the release composed once for all its formats (build); composed here when not given. */
export async function renderOne(p: Planned, format: string, opts: GenerateOptions, composed?: Composed): Promise<{ data: Uint8Array | string; warnings: Message[] }> {
  const { release, template, locale } = p.loaded!;
  const warnings: Message[] = [];
  const r = await renderer(format);
  composed ??= composeFor(p.loaded!, opts);
  const data = await r.render({
    release,
    composed,
    template,
    locale,
    options: opts.render,
    ...(p.family ? { family: p.family } : {}),
    warn: (m) => warnings.push({ file: p.ref.file, ...m }),
    locate: (needle) => {
      const { text, index } = p.loaded!.source;
      const at = text.indexOf(needle);
      return at < 0 ? undefined : index.place(at, at + needle.length);
    },
  });
  return { data, warnings };
}

export type Rendered = Awaited<ReturnType<typeof renderOne>>;

/** A format this process renders on another thread: the promise of it, or undefined to render it here. */
type RenderElsewhere = (format: string, p: Planned, composed: Composed, opts: GenerateOptions) => Promise<Rendered> | undefined;

let elsewhere: RenderElsewhere | undefined;
/** the DOCX is rendered after the PDF rendered elsewhere has come back, and takes its end marker's page */
let docxAfterPdf = false;

/** `watch`, and a batch on two cores, render the PDF on a second thread while this one renders the other formats (./pdf-thread.ts). */
export function renderElsewhere(fn: RenderElsewhere | undefined, how: { docxAfterPdf?: boolean } = {}): void {
  elsewhere = fn;
  docxAfterPdf = fn !== undefined && how.docxAfterPdf === true;
}

interface Started {
  composed: Composed;
  /** a rejection is awaited by build (or dropped with a failure there), never left unhandled */
  away: Map<string, Promise<Rendered>>;
}

/** Formats started elsewhere for a loaded source, with the composition they were started from: build takes them. */
const started = new WeakMap<Loaded, Started>();

function startAway(p: Planned, opts: GenerateOptions): Started {
  const composed = composeFor(p.loaded!, opts);
  const away = new Map<string, Promise<Rendered>>();
  for (const format of opts.formats) {
    const there = elsewhere?.(format, p, composed, opts);
    there?.catch(() => {});
    if (there) away.set(format, there);
  }
  return { composed, away };
}

/**
 * A source just loaded, before it is linted: with a renderer elsewhere, its formats
 * rendered there start now, while this thread lints (the release is not changed by
 * linting; a source that --strict then refuses leaves its renderings unused).
 */
export function startElsewhere(p: Planned, opts: GenerateOptions): void {
  if (!elsewhere || !p.loaded || !p.stem) return;
  try {
    started.set(p.loaded, startAway(p, opts));
  } catch {
    // build composes again, and reports what this met
  }
}

/** `write` false: everything but the writing (`watch` rehearses a release so, ../watch/session.ts). */
export async function build(p: Planned, opts: GenerateOptions, write = true): Promise<SourceResult> {
  const result: SourceResult = { file: p.ref.file, outputs: [], messages: [...p.messages], ok: false };
  if (!p.loaded || !p.stem) return result;
  try {
    // Render every format before writing any, so that a failure leaves no partial set.
    // One composition for every format, and the PDF first: the DOCX then reads the end marker's page from the
    // PDF's layout instead of laying the release out again, and the e-mail attaches the same PDF (../render/pdf/).
    // Formats rendered elsewhere (the PDF thread: ./pdf-thread.ts) are started first, or were when the source was loaded, and awaited last.
    const { composed, away } = started.get(p.loaded) ?? startAway(p, opts);
    started.delete(p.loaded);
    // With docxAfterPdf, a PDF rendered elsewhere is awaited before the DOCX, which then lays nothing out.
    const waits = docxAfterPdf && away.has('pdf');
    const rank = (f: string) => (f === 'pdf' ? 0 : waits && f === 'docx' ? 2 : 1);
    const order = [...opts.formats].sort((a, b) => rank(a) - rank(b));
    const done = new Map<string, Rendered>();
    for (const format of order) {
      if (away.has(format)) continue;
      if (waits && format === 'docx') done.set('pdf', await away.get('pdf')!);
      done.set(format, await renderOne(p, format, opts, composed));
    }
    for (const [format, there] of away) if (!done.has(format)) done.set(format, await there);
    const rendered: { format: string; data: Uint8Array | string }[] = [];
    for (const format of opts.formats) {
      const { data, warnings } = done.get(format)!;
      result.messages.push(...(opts.strict ? warnings.map((w) => (w.severity === 'warning' ? { ...w, severity: 'error' as const } : w)) : warnings));
      rendered.push({ format, data });
    }
    if ((opts.strict && result.messages.some((m) => m.severity === 'error')) || !write) return result;
    const outputs: Output[] = [];
    const files: { file: string; data: Uint8Array }[] = [];
    for (const { format, data } of rendered) {
      const r = await renderer(format);
      const out = `${p.stem}.${r.extension}`;
      const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
      files.push({ file: path.resolve(opts.cwd, out), data: bytes });
      outputs.push({ path: out, format, bytes: bytes.byteLength, sha256: createHash('sha256').update(bytes).digest('hex') });
    }
    // all of this source's outputs or none: a full disk must not leave a .txt beside a missing .pdf
    try {
      await writeAllAtomic(files);
    } catch (e) {
      const problem = writeProblem(e, `${p.stem}.*`);
      if (!problem) throw e;
      result.messages.push({ file: p.ref.file, ruleId: 'write', severity: 'error', reason: problem.reason, hint: problem.hint });
      result.environment = problem.kind;
      return result;
    }
    result.outputs.push(...outputs);
    result.ok = !result.messages.some((m) => m.severity === 'error');
  } catch (e) {
    result.messages.push(...toMessages(p.ref.file, e));
  }
  return result;
}
