/**
 * `--manifest <file>`: what a run made, for CI and for `--incremental`. Paths are
 * POSIX and relative to the manifest's folder (built-in templates are named
 * `pressready:templates/<name>`, the same wherever the tool is installed).
 * Everything is sorted and nothing records a time, so that two runs over the
 * same sources — with any `--jobs`, argument order or TZ — write the same bytes.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Message } from '../messages.js';
import { BUILTIN_DIR } from '../templates/load.js';
import type { InputRecord, InputRole } from './fingerprint.js';
import type { GenerateOptions, Output } from './generate.js';
import type { SourceReport } from './run-unit.js';

const MANIFEST_VERSION = 1;
const BUILTIN = 'pressready:templates/';

/** An input as recorded: `path` relative to the manifest (or `pressready:templates/…`). */
export type ManifestInput = InputRecord;
/** An output as recorded: `path` relative to the manifest. */
export type ManifestOutput = Output;

export interface ManifestProblem {
  file: string;
  line?: number;
  column?: number;
  rule: string;
  message: string;
}

export interface ManifestEntry {
  source: string;
  status: 'generated' | 'failed';
  inputs: ManifestInput[];
  outputs: ManifestOutput[];
  errors?: ManifestProblem[];
  warnings?: ManifestProblem[];
}

/** What else decides the bytes of the outputs; a change means nothing is up to date. */
export interface ManifestOptions {
  formats: string[];
  template?: string;
  wrap?: number;
  pdfStandard?: string;
  sourceDateEpoch?: string;
  /** the e-mail's sender and recipients (eml) */
  mailFrom?: string;
  mailTo?: string[];
}

export interface Manifest {
  manifestVersion: number;
  tool: { name: 'pressready'; version: string };
  options: ManifestOptions;
  shard?: string;
  sources: ManifestEntry[];
  /** --feed: index.html and the feeds (format `newsroom`, `atom`), paths relative to the manifest */
  newsroom?: ManifestOutput[];
}

const byKey = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const ROLE_ORDER: InputRole[] = ['source', 'original', 'template'];

/** Converts between the manifest's relative paths and absolute ones. */
export class ManifestPaths {
  readonly dir: string;
  constructor(readonly file: string) {
    this.dir = path.dirname(file);
  }
  rel(abs: string): string {
    const builtin = path.relative(BUILTIN_DIR, abs);
    if (!builtin.startsWith('..') && !path.isAbsolute(builtin)) return BUILTIN + builtin.split(path.sep).join('/');
    return path.relative(this.dir, abs).split(path.sep).join('/') || '.';
  }
  abs(rel: string): string {
    return rel.startsWith(BUILTIN) ? path.join(BUILTIN_DIR, rel.slice(BUILTIN.length)) : path.resolve(this.dir, rel);
  }
}

function problem(m: Message, cwd: string, paths: ManifestPaths): ManifestProblem {
  return {
    file: paths.rel(path.resolve(cwd, m.file)),
    ...(m.place ? { line: m.place.start.line, column: m.place.start.column } : {}),
    rule: m.ruleId,
    message: m.reason,
  };
}

export function entryOf(report: SourceReport, cwd: string, paths: ManifestPaths): ManifestEntry {
  const errors = report.messages.filter((m) => m.severity === 'error').map((m) => problem(m, cwd, paths));
  const warnings = report.messages.filter((m) => m.severity === 'warning').map((m) => problem(m, cwd, paths));
  const inputs = report.inputs
    .map((i: InputRecord) => ({ role: i.role, path: paths.rel(i.path), sha256: i.sha256, ...(i.name ? { name: i.name } : {}) }))
    .sort((a, b) => ROLE_ORDER.indexOf(a.role) - ROLE_ORDER.indexOf(b.role) || byKey(a.path, b.path));
  return {
    source: paths.rel(path.resolve(cwd, report.file)),
    status: report.ok ? 'generated' : 'failed',
    inputs,
    outputs: report.outputs.map((o) => ({ path: paths.rel(path.resolve(cwd, o.path)), format: o.format, bytes: o.bytes, sha256: o.sha256 })).sort((a, b) => byKey(a.path, b.path)),
    ...(errors.length ? { errors } : {}),
    ...(warnings.length ? { warnings } : {}),
  };
}

/** The options that change output bytes, as the manifest records them. */
export function manifestOptions(opts: GenerateOptions): ManifestOptions {
  const epoch = opts.render.env.SOURCE_DATE_EPOCH;
  return {
    formats: [...opts.formats].sort(),
    ...(opts.template ? { template: opts.template } : {}),
    ...(opts.render.wrap ? { wrap: opts.render.wrap } : {}),
    ...(opts.render.pdfStandard ? { pdfStandard: opts.render.pdfStandard } : {}),
    ...(epoch ? { sourceDateEpoch: epoch } : {}),
    ...(opts.render.mail?.from ? { mailFrom: opts.render.mail.from } : {}),
    ...(opts.render.mail?.to ? { mailTo: opts.render.mail.to } : {}),
  };
}

export function makeManifest(version: string, options: ManifestOptions, shard: string | undefined, entries: ManifestEntry[], newsroom: ManifestOutput[] = []): Manifest {
  return {
    manifestVersion: MANIFEST_VERSION,
    tool: { name: 'pressready', version },
    options,
    ...(shard ? { shard } : {}),
    sources: [...entries].sort((a, b) => byKey(a.source, b.source)),
    ...(newsroom.length ? { newsroom: [...newsroom].sort((a, b) => byKey(a.path, b.path)) } : {}),
  };
}

export function serializeManifest(m: Manifest): string {
  return `${JSON.stringify(m, null, 2)}\n`;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isString = (v: unknown): v is string => typeof v === 'string';
const listOf = (v: unknown, item: (x: unknown) => boolean) => Array.isArray(v) && v.every(item);
const isInput = (v: unknown) => isObject(v) && isString(v.role) && isString(v.path) && isString(v.sha256) && (v.name === undefined || isString(v.name));
const isOutput = (v: unknown) => isObject(v) && isString(v.path) && isString(v.format) && isString(v.sha256) && typeof v.bytes === 'number';
const isProblem = (v: unknown) => isObject(v) && isString(v.file) && isString(v.rule) && isString(v.message);
const isEntry = (v: unknown) =>
  isObject(v) &&
  isString(v.source) &&
  (v.status === 'generated' || v.status === 'failed') &&
  listOf(v.inputs, isInput) &&
  listOf(v.outputs, isOutput) &&
  (v.errors === undefined || listOf(v.errors, isProblem)) &&
  (v.warnings === undefined || listOf(v.warnings, isProblem));

/**
 * Whether a parsed manifest has the shape this version writes, down to every entry:
 * a file edited by hand or by another tool must not reach `--incremental` half-read.
 */
function isManifest(m: unknown): m is Manifest {
  return (
    isObject(m) && m.manifestVersion === MANIFEST_VERSION && isObject(m.tool) && isString(m.tool.version) && isObject(m.options) && listOf(m.options.formats, isString) && listOf(m.sources, isEntry)
  );
}

/** The previous manifest, or why it cannot be used (then every source is generated again). */
export async function readManifest(file: string, shown: string): Promise<{ manifest?: Manifest; notice?: Message }> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    return {}; // the first run: nothing to compare with
  }
  try {
    const m: unknown = JSON.parse(text);
    if (isManifest(m)) return { manifest: m };
  } catch {
    // fall through
  }
  return {
    notice: {
      file: shown,
      ruleId: 'manifest',
      severity: 'warning',
      reason: 'The manifest is not one this version of pressready wrote, so every source is generated again',
      hint: 'It will be rewritten at the end of this run.',
    },
  };
}
