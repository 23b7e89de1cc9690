/**
 * The renderers by format. Each is loaded only when its format is asked for:
 * docx and pdfkit take tens of milliseconds to load.
 */
import type { Renderer } from './types.js';

/** Before fontkit loads, which the PDF and the DOCX (its page plan) lay text out with (../adapters/tiny-inflate.ts). */
const beforeFontkit = async () => (await import('../adapters/tiny-inflate.js')).useNativeInflate();

const loaders: Record<string, () => Promise<Renderer>> = {
  txt: async () => (await import('./txt.js')).txtRenderer,
  json: async () => (await import('./json.js')).jsonRenderer,
  md: async () => (await import('./md.js')).mdRenderer,
  docx: async () => {
    await beforeFontkit();
    return (await import('./docx/index.js')).docxRenderer;
  },
  html: async () => (await import('./html/index.js')).htmlRenderer,
  eml: async () => (await import('./eml.js')).emlRenderer,
  pdf: async () => {
    await beforeFontkit();
    return (await import('./pdf/index.js')).pdfRenderer;
  },
};

/** Formats in the order `all` lists them. */
export const FORMATS = Object.keys(loaders);
export const DEFAULT_FORMATS = FORMATS.filter((f) => ['txt', 'docx', 'pdf'].includes(f));

export function isFormat(f: string): boolean {
  return f in loaders;
}

const loaded = new Map<string, Promise<Renderer>>();

export function renderer(format: string): Promise<Renderer> {
  const load = loaders[format];
  if (!load) throw new Error(`unknown format ${format}`);
  let r = loaded.get(format);
  if (!r) loaded.set(format, (r = load()));
  return r;
}
