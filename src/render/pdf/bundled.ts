/**
 * The fonts pressready bundles (npm packages of Noto fonts), by the names a
 * template may use, and their sharing between worker threads: with a pool, the
 * main thread reads the faces the sources need once, into shared memory, and
 * every worker's fontkit reads them there (the Chinese faces are 17 MB, which
 * each worker held a copy of). No fontkit here: the main thread loads this
 * without the PDF stack.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { isMainThread, workerData } from 'node:worker_threads';
import { UserError } from '../../messages.js';
import type { FontFaces } from '../../templates/types.js';

const require = createRequire(import.meta.url);

/** Bundled fonts: a name a template may use → the npm package and the file in it. */
export const BUNDLED: Record<string, [pkg: string, file: string]> = {
  'noto-sans': ['@embedpdf/fonts-latin', 'fonts/NotoSans-Regular.ttf'],
  'noto-sans-bold': ['@embedpdf/fonts-latin', 'fonts/NotoSans-Bold.ttf'],
  'noto-sans-italic': ['@embedpdf/fonts-latin', 'fonts/NotoSans-Italic.ttf'],
  'noto-sans-bold-italic': ['@embedpdf/fonts-latin', 'fonts/NotoSans-BoldItalic.ttf'],
  'noto-naskh-arabic': ['@embedpdf/fonts-arabic', 'fonts/NotoNaskhArabic-Regular.ttf'],
  'noto-naskh-arabic-bold': ['@embedpdf/fonts-arabic', 'fonts/NotoNaskhArabic-Bold.ttf'],
  'noto-sans-hans': ['@embedpdf/fonts-sc', 'fonts/NotoSansHans-Regular.otf'],
  'noto-sans-hans-bold': ['@embedpdf/fonts-sc', 'fonts/NotoSansHans-Bold.otf'],
};

/** Bundled faces for scripts the template's fonts may lack, by ISO 15924 code. */
export const SCRIPT_FACES: Record<string, FontFaces> = {
  Latn: { regular: 'noto-sans', bold: 'noto-sans-bold', italic: 'noto-sans-italic', boldItalic: 'noto-sans-bold-italic' },
  Arab: { regular: 'noto-naskh-arabic', bold: 'noto-naskh-arabic-bold' },
  Hans: { regular: 'noto-sans-hans', bold: 'noto-sans-hans-bold' },
};

/**
 * Files found, by name: a FontSet asks for each chain it builds, several times a release, and
 * Node's `require.resolve` stats its way up node_modules each time (~2 ms a release in `watch`).
 * Only what was found is kept: a missing package is looked for again.
 */
const found = new Map<string, string>();

export function bundledFile(name: string): string {
  const known = found.get(name);
  if (known) return known;
  const entry = BUNDLED[name];
  if (!entry) throw new Error(`no bundled font ${name}`);
  const [pkg, file] = entry;
  let dir: string;
  try {
    // the package exports only its entry point (dist/…): its folder is the one above
    dir = path.dirname(path.dirname(require.resolve(pkg)));
  } catch {
    throw new UserError({
      file: 'pressready',
      ruleId: 'font',
      severity: 'error',
      reason: `The font package ${pkg} is not installed`,
      hint: `Install it: npm install ${pkg}`,
    });
  }
  const abs = path.join(dir, file);
  if (!existsSync(abs)) throw new UserError({ file: 'pressready', ruleId: 'font', severity: 'error', reason: `${pkg} has no ${file}`, hint: `Reinstall it: npm install ${pkg}` });
  found.set(name, abs);
  return abs;
}

export type SharedFonts = Record<string, SharedArrayBuffer>;

/** What a pool gives its workers: the bundled faces for Latin and `scripts`, read once into shared memory. */
export function fontsForWorkers(scripts: Iterable<string>): { fonts: SharedFonts } {
  const names = new Set<string>();
  for (const script of ['Latn', ...scripts]) for (const name of Object.values(SCRIPT_FACES[script] ?? {})) names.add(name);
  const out: SharedFonts = {};
  for (const name of names) {
    let file: string;
    try {
      file = bundledFile(name);
    } catch {
      continue; // not installed: the worker that needs it says so
    }
    const bytes = readFileSync(file);
    const shared = new SharedArrayBuffer(bytes.length);
    new Uint8Array(shared).set(bytes);
    out[file] = shared;
  }
  return { fonts: out };
}

let given: SharedFonts = !isMainThread && workerData && typeof workerData === 'object' ? ((workerData as { fonts?: SharedFonts }).fonts ?? {}) : {};

/**
 * The main thread reads the faces from the memory it shares with its PDF thread too (its DOCX takes their
 * line heights: ../docx/pdf-plan.ts): one copy of each font file in the process, not two (370 sources,
 * three pairs of runs: peak RSS 2–12 MB lower).
 */
export function useSharedFonts(shared: { fonts: SharedFonts }): void {
  given = { ...given, ...shared.fonts };
}

/** A font file's bytes in shared memory, when the main thread gave them to this worker. */
export function sharedFont(file: string): Buffer | undefined {
  const shared = given[file];
  return shared ? Buffer.from(shared) : undefined;
}
