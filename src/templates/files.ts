/**
 * Files a template names (logo, fonts) are read only from inside the folder of
 * the template that names them: no absolute path, no `..`, no symlink that leads
 * out. Templates are data a user may have downloaded; they must not read
 * arbitrary files into a PDF.
 */
import { closeSync, existsSync, openSync, readSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { assetProblem } from './assets.js';

export type FileKind = 'image' | 'font';

type FileCheck = { ok: true; path: string } | { ok: false; reason: string; hint: string };

/** What the first bytes of each accepted format are (so a renamed SVG or HTML page is refused). */
const SIGNATURES: Record<FileKind, { name: string; bytes: number[] }[]> = {
  image: [
    { name: 'PNG', bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
    { name: 'JPEG', bytes: [0xff, 0xd8, 0xff] },
  ],
  font: [
    { name: 'TrueType', bytes: [0x00, 0x01, 0x00, 0x00] },
    { name: 'TrueType', bytes: [0x74, 0x72, 0x75, 0x65] },
    { name: 'OpenType', bytes: [0x4f, 0x54, 0x54, 0x4f] },
    { name: 'WOFF', bytes: [0x77, 0x4f, 0x46, 0x46] },
    { name: 'WOFF2', bytes: [0x77, 0x4f, 0x46, 0x32] },
    { name: 'TrueType collection', bytes: [0x74, 0x74, 0x63, 0x66] },
  ],
};

function head(file: string, n: number): Buffer {
  const fd = openSync(file, 'r');
  try {
    const buf = Buffer.alloc(n);
    const read = readSync(fd, buf, 0, n, 0);
    return buf.subarray(0, read);
  } finally {
    closeSync(fd);
  }
}

export function inside(p: string, root: string): boolean {
  const r = path.relative(root, p);
  return r !== '' && !r.startsWith('..') && !path.isAbsolute(r);
}

/**
 * Whether `rel`, a file named by `key` in the template whose folder is `dir`, is a
 * file inside that folder (and, given `kind`, of an accepted format).
 */
export function checkTemplateFile(dir: string, rel: string, key: string, kind?: FileKind): FileCheck {
  const fail = (reason: string, hint: string): FileCheck => ({ ok: false, reason, hint });
  if (path.isAbsolute(rel) || /^[a-zA-Z]:[\\/]/.test(rel) || rel.startsWith('\\')) {
    return fail(`\`${key}\` names an absolute path (${rel})`, 'Put the file inside the template folder and name it relative to that folder.');
  }
  const target = path.resolve(dir, rel);
  if (!inside(target, dir)) return fail(`\`${key}\` leaves the template folder (${rel})`, 'Put the file inside the template folder; `..` is not allowed.');
  if (!existsSync(target)) return fail(`\`${key}\` names a file that does not exist (${rel})`, `Add ${rel} to the template folder or correct \`${key}\`.`);
  const real = realpathSync(target);
  if (!inside(real, realpathSync(dir))) {
    return fail(`\`${key}\` is a link that leads out of the template folder (${rel})`, 'Copy the file into the template folder instead of linking to it.');
  }
  if (!statSync(real).isFile()) return fail(`\`${key}\` names a folder, not a file (${rel})`, `Name a file inside ${rel}.`);
  if (kind) {
    const bytes = head(real, 8);
    const known = SIGNATURES[kind];
    if (!known.some((s) => s.bytes.every((b, i) => bytes[i] === b))) {
      const formats = [...new Set(known.map((s) => s.name))].join(', ');
      return fail(
        `\`${key}\` (${rel}) is not a ${kind === 'image' ? 'PNG or JPEG image' : 'font file'}`,
        kind === 'image' ? 'Save the logo as PNG or JPEG (DOCX and PDF output cannot draw SVG).' : `Use a font file: ${formats}.`,
      );
    }
    const problem = assetProblem(kind, real, statSync(real).size);
    if (problem) {
      return fail(
        `\`${key}\` (${rel}) cannot be used: ${problem}`,
        kind === 'image' ? 'Export the logo again as PNG or JPEG, at most a few hundred kilobytes.' : 'Use the font file as its foundry ships it (TTF or OTF), not a damaged copy.',
      );
    }
  }
  return { ok: true, path: real };
}
