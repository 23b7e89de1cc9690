/**
 * A template's logo and font files, read whole before any release uses them: a
 * corrupt, truncated or oversized file is the template's error, naming its key,
 * instead of an "Invalid PNG" from deep inside a renderer on every source.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { crc32 } from 'node:zlib';

/** The bounds on a template's files (docs/limits.md). */
const ASSET_LIMITS = {
  imageBytes: 5 * 1024 * 1024,
  /** pixels on the longer side of a logo */
  imageSide: 8000,
  /** a whole CJK font is 16–20 MB */
  fontBytes: 40 * 1024 * 1024,
};

const MB = (n: number) => `${(n / 1024 / 1024).toFixed(n < 1024 * 1024 ? 2 : 0)} MB`;

/** What is wrong with a PNG: every chunk whole, its checksum right, IHDR first, IEND last. */
function pngProblem(b: Buffer): string | undefined {
  let at = 8;
  let first = true;
  let width = 0;
  let height = 0;
  while (at + 12 <= b.length) {
    const length = b.readUInt32BE(at);
    const type = b.toString('latin1', at + 4, at + 8);
    if (at + 12 + length > b.length) return `its ${type} chunk is cut short: the file is truncated`;
    const data = b.subarray(at + 4, at + 8 + length);
    if (crc32(data) !== b.readUInt32BE(at + 8 + length)) return `its ${type} chunk is damaged (checksum mismatch)`;
    if (first && type !== 'IHDR') return 'it does not start with an IHDR chunk';
    if (type === 'IHDR') {
      width = b.readUInt32BE(at + 8);
      height = b.readUInt32BE(at + 12);
    }
    first = false;
    if (type === 'IEND')
      return Math.max(width, height) > ASSET_LIMITS.imageSide ? `it is ${width} × ${height} pixels, more than ${ASSET_LIMITS.imageSide} on a side` : width && height ? undefined : 'it has no pixels';
    at += 12 + length;
  }
  return 'it ends before its IEND chunk: the file is truncated';
}

/** What is wrong with a JPEG: segments whole up to a frame header, and an end marker. */
function jpegProblem(b: Buffer): string | undefined {
  let at = 2;
  while (at + 4 <= b.length) {
    if (b[at] !== 0xff) return 'its segments are damaged';
    const marker = b[at + 1]!;
    const length = b.readUInt16BE(at + 2);
    if (at + 2 + length > b.length) return 'a segment is cut short: the file is truncated';
    // SOF0–SOF15 but DHT (C4), JPG (C8), DAC (CC)
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      const height = b.readUInt16BE(at + 5);
      const width = b.readUInt16BE(at + 7);
      if (!width || !height) return 'it has no pixels';
      if (Math.max(width, height) > ASSET_LIMITS.imageSide) return `it is ${width} × ${height} pixels, more than ${ASSET_LIMITS.imageSide} on a side`;
      return b[b.length - 2] === 0xff && b[b.length - 1] === 0xd9 ? undefined : 'it does not end with its end marker: the file is truncated';
    }
    at += 2 + length;
  }
  return 'it has no frame header: the file is truncated or damaged';
}

/** What is wrong with a font: fontkit, the PDF renderer's font reader, must open it and find characters in it. */
function fontProblem(b: Buffer): string | undefined {
  try {
    const fontkit = createRequire(import.meta.url)('fontkit') as { create(b: Buffer): { characterSet?: number[]; fonts?: unknown[] } };
    const font = fontkit.create(b);
    const faces = (font.fonts ?? [font]) as { characterSet?: number[] }[];
    return faces.some((f) => (f.characterSet?.length ?? 0) > 0) ? undefined : 'it maps no characters';
  } catch (e) {
    return `it cannot be read (${(e as Error).message.split('\n')[0]})`;
  }
}

/** Why a logo or font file cannot be used, or undefined when it can. `size`: its bytes, known from stat. */
export function assetProblem(kind: 'image' | 'font', file: string, size: number): string | undefined {
  const limit = kind === 'image' ? ASSET_LIMITS.imageBytes : ASSET_LIMITS.fontBytes;
  if (size > limit) return `it is ${MB(size)}, over the limit of ${MB(limit)} for a ${kind === 'image' ? 'logo' : 'font'}`;
  const b = readFileSync(file);
  if (kind === 'font') return fontProblem(b);
  return b[0] === 0x89 ? pngProblem(b) : jpegProblem(b);
}
