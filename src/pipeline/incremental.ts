/**
 * `--incremental`: a source is up to date when the previous manifest was written
 * by this version with the same options, recorded it as generated, every input
 * it recorded still has the same hash (and its template name still finds the same
 * folder), and every output it recorded is on disk with the same hash.
 * Anything else — including a manifest that cannot be read — means: generate it.
 */
import path from 'node:path';
import type { Message } from '../messages.js';
import { findTemplateDir } from '../templates/load.js';
import { fileHash, templateDigest } from './fingerprint.js';
import { type Manifest, type ManifestEntry, type ManifestInput, type ManifestOptions, type ManifestPaths, readManifest } from './manifest.js';
import type { Scanned } from './scan.js';

interface IncrementalContext {
  previous: Manifest;
  version: string;
  options: ManifestOptions;
  paths: ManifestPaths;
  cwd: string;
}

/** The previous manifest's entries by source path, when the whole manifest still applies. */
function usableEntries(ctx: IncrementalContext): Map<string, ManifestEntry> {
  const { previous } = ctx;
  if (previous.tool?.version !== ctx.version || JSON.stringify(previous.options) !== JSON.stringify(ctx.options)) return new Map();
  return new Map(previous.sources.map((e) => [e.source, e]));
}

async function inputUnchanged(input: ManifestInput, s: Scanned, ctx: IncrementalContext): Promise<boolean> {
  const abs = ctx.paths.abs(input.path);
  switch (input.role) {
    case 'source':
      return abs === s.abs && input.sha256 === s.sha256;
    case 'original':
      return (await fileHash(abs)) === input.sha256;
    case 'template': {
      if (input.name !== undefined) {
        const found = findTemplateDir(input.name, { searchDirs: [path.dirname(s.abs), ctx.cwd] });
        if (!found || found.dir.replace(/[\\/]+$/, '') !== abs) return false;
      }
      return (await templateDigest(abs).catch(() => undefined)) === input.sha256;
    }
    default:
      return false;
  }
}

async function isUpToDate(s: Scanned, entry: ManifestEntry | undefined, ctx: IncrementalContext): Promise<boolean> {
  if (entry?.status !== 'generated' || entry.errors?.length || !s.stem) return false;
  const formats = entry.outputs.map((o) => o.format).sort();
  if (formats.join() !== [...ctx.options.formats].sort().join()) return false;
  const stem = path.resolve(ctx.cwd, s.stem);
  for (const o of entry.outputs) {
    const abs = ctx.paths.abs(o.path);
    // the same place: the output folder, the id and the sub-folder are unchanged
    if (abs.slice(0, abs.length - path.extname(abs).length) !== stem) return false;
  }
  if (!entry.inputs.some((i) => i.role === 'source')) return false;
  for (const input of entry.inputs) if (!(await inputUnchanged(input, s, ctx))) return false;
  for (const o of entry.outputs) if ((await fileHash(ctx.paths.abs(o.path))) !== o.sha256) return false;
  return true;
}

/** The sources that are up to date, by absolute path, with their previous entries; and a notice when the manifest cannot be used. */
export async function upToDate(sources: readonly Scanned[], ctx: Omit<IncrementalContext, 'previous'> & { shown: string }): Promise<{ reused: Map<string, ManifestEntry>; notice?: Message }> {
  const reused = new Map<string, ManifestEntry>();
  const { manifest: previous, notice } = await readManifest(ctx.paths.file, ctx.shown);
  if (!previous) return { reused, ...(notice ? { notice } : {}) };
  const full = { ...ctx, previous };
  const entries = usableEntries(full);
  for (const s of sources) {
    const entry = entries.get(ctx.paths.rel(s.abs));
    if (entry && (await isUpToDate(s, entry, full))) reused.set(s.abs, entry);
  }
  return { reused };
}
