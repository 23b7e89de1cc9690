/** Shared test helpers: run the real binary, load a fixture through the pipeline, temporary folders. */

import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, crc32 } from 'node:zlib';
import { afterEach } from 'vitest';
import { type Loaded, type LoadOptions, loadRelease } from '../src/release/load.js';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const BIN = path.join(ROOT, 'bin', 'pressready.js');
export const FIXTURES = path.join(ROOT, 'fixtures');

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Run `pressready` as a user would: a separate process, from `cwd`. */
export function runCli(args: string[], opts: { cwd?: string; env?: Record<string, string>; input?: string } = {}): RunResult {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd: opts.cwd ?? ROOT,
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0', GITHUB_ACTIONS: '', ...opts.env },
    input: opts.input,
    encoding: 'utf8',
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

export function fixture(...parts: string[]): string {
  return path.join(FIXTURES, ...parts);
}

/** A release loaded, or an error that lists the messages that say why it did not load. */
export async function loadOrFail(file: string, opts: LoadOptions): Promise<Loaded> {
  const { loaded, messages } = await loadRelease(file, opts);
  if (!loaded) throw new Error(messages.map((m) => `${m.file}: ${m.reason}`).join('\n'));
  return loaded;
}

export async function loadFixture(rel: string): Promise<Loaded> {
  return loadOrFail(path.relative(ROOT, fixture(rel)), { cwd: ROOT });
}

/** A temporary folder with the given files; removed by the returned function. */
export function tempDir(files: Record<string, string> = {}): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(path.join(tmpdir(), 'pressready-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** For one test file: `temp(files)` makes a temporary folder that is removed after the test. */
export function tempDirs(): (files?: Record<string, string>) => string {
  const cleanups: (() => void)[] = [];
  afterEach(() => cleanups.splice(0).forEach((c) => c()));
  return (files = {}) => {
    const t = tempDir(files);
    cleanups.push(t.cleanup);
    return t.dir;
  };
}

/** The words of a text (letters and digits; each Han character alone), for "every word of the source is in the output" checks. */
export function words(text: string): string[] {
  // Han characters one by one: Chinese has no spaces, and a line may break between any two of them.
  // An Arabic prefix joined to a Latin word by a tatweel (بـVivian, "with Vivian") is a word of its own.
  return (
    text
      .normalize('NFC')
      .replace(/\u0640(?=\p{Script=Latin})/gu, '\u0640 ')
      .match(/\p{Script=Han}|(?:(?!\p{Script=Han})[\p{L}\p{N}])+(?:[’'](?:(?!\p{Script=Han})\p{L})+)*/gu) ?? []
  );
}

/** Every file under a folder, as sorted POSIX paths relative to it. */
export function allFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join('/'))
    .sort();
}

/**
 * The words a reader must find in any output of a source: the headline, the
 * subheadline and every word of the body, but not link targets (they are behind
 * the words), list numbers, nor the headings of the contacts and background
 * sections, which the template replaces by its own phrasing. Compared by letters
 * (see `letters`).
 */
export function expectedWords(l: Loaded): string[] {
  return words(letters(expectedText(l)));
}

/** The text behind `expectedWords`: headline, subheadline and body, without link targets, list numbers and the replaced headings. */
export function expectedText(l: Loaded): string {
  const body = l.source.text
    .slice(l.source.bodyOffset)
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/\]\([^)]*\)/g, ']')
    // list numbers are the format's own numbering, not words of the source
    .replace(/^(\s*)\d+[.)](?=\s)/gm, '$1')
    .split('\n')
    .filter((line) => {
      const h = /^##\s+(.*)$/.exec(line);
      if (!h) return true;
      const name = h[1]!.trim();
      return !(l.release.background?.heading === name && l.template.settings.backgroundHeading === 'label') && !l.locale.sections.contacts.some((c) => c.toLowerCase() === name.toLowerCase());
    })
    .join('\n');
  // the media section is printed in the release's words (contact.mediaSection), not as the source names it
  const desks = l.release.contacts.filter((c) => c.desk && c.from === 'body').map((c) => c.name);
  return [l.release.headline, l.release.subheadline ?? '', desks.reduce((t, name) => t.split(name).join(''), body)].join('\n');
}

/**
 * Words as written (NFC, vowel signs and other marks kept with their letters;
 * each Han character alone) and every quotation mark and bracket, in order: what
 * a reader copying from an output must get back.
 */
export function wordsAndMarks(text: string): string[] {
  return (
    text
      .normalize('NFC')
      // a Markdown link's or image's brackets are syntax, not text
      .replace(/!?\[([^\]]*)\]/g, '$1')
      .match(/\p{Script=Han}|(?:(?!\p{Script=Han})[\p{L}\p{N}\p{M}])+(?:[’'](?:(?!\p{Script=Han})[\p{L}\p{M}])+)*|[«»“”‘’„‚‹›"()[\]{}（）「」『』《》〈〉【】]/gu) ?? []
  );
}

/**
 * Text compared by its letters: NFKC (Arabic presentation forms, ligatures) and
 * without combining marks (Arabic vowel signs that PDF text extraction drops or
 * moves).
 */
export function letters(text: string): string {
  return text.normalize('NFKC').replace(/\p{M}/gu, '');
}

/** Words of `expected` that `actual` lacks (each word counted once). */
export function missingWords(expected: string[], actual: string): string[] {
  const have = new Set(words(letters(actual)));
  return [...new Set(expected)].filter((w) => !have.has(w));
}

/**
 * For right-to-left text read back from a PDF: extraction may return a word's
 * pieces (a lam-alef ligature, a letter with its vowel sign) out of order, so the
 * check is that every letter of the source is there as often as in the source.
 * Returns the letters short, with how many are missing.
 */
export function missingLetters(expected: string[], actual: string): Record<string, number> {
  const count = (list: Iterable<string>) => {
    const m = new Map<string, number>();
    for (const ch of list) if (/[\p{L}\p{N}]/u.test(ch)) m.set(ch, (m.get(ch) ?? 0) + 1);
    return m;
  };
  const want = count(expected.join(''));
  const have = count(letters(actual));
  const short: Record<string, number> = {};
  for (const [ch, n] of want) if ((have.get(ch) ?? 0) < n) short[ch] = n - (have.get(ch) ?? 0);
  return short;
}

/**
 * The example sources every output format is checked against: three English
 * releases, and two of them in the five other UN languages (French, Spanish,
 * Russian, Arabic, Chinese): ten translations.
 */
export const ALL_FIXTURES = [
  'cedaw-trafficking/release.md',
  'cedaw-trafficking/release.fr.md',
  'cedaw-trafficking/release.es.md',
  'cedaw-trafficking/release.ru.md',
  'cedaw-trafficking/release.ar.md',
  'cedaw-trafficking/release.zh.md',
  'vaccine-report/release.md',
  'water-report/release.md',
  'water-report/release.fr.md',
  'water-report/release.es.md',
  'water-report/release.ru.md',
  'water-report/release.ar.md',
  'water-report/release.zh.md',
];

/**
 * One fixture generated into one format by two processes in two time zones: the
 * two files' bytes, to compare.
 */
export function generateInTwoTimeZones(fixtureFile: string, format: string): [Buffer, Buffer] {
  const t = tempDir();
  try {
    const src = path.join(FIXTURES, fixtureFile);
    const out = (dir: string) => path.join(t.dir, dir, path.basename(fixtureFile).replace(/\.md$/, `.${format}`));
    runCli(['generate', src, '-f', format, '-o', path.join(t.dir, 'a')], { env: { TZ: 'Pacific/Auckland' } });
    runCli(['generate', src, '-f', format, '-o', path.join(t.dir, 'b')], { env: { TZ: 'America/Los_Angeles' } });
    return [readFileSync(out('a')), readFileSync(out('b'))];
  } finally {
    t.cleanup();
  }
}

/** One PNG chunk: length, type, data and its CRC (for tests that make PNG files byte by byte). */
export function pngChunk(type: string, data: Buffer): Buffer {
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const out = Buffer.alloc(body.length + 8);
  out.writeUInt32BE(data.length, 0);
  body.copy(out, 4);
  out.writeUInt32BE(crc32(body), body.length + 4);
  return out;
}

/** XML text with its five predefined entities read back (the XML the renderers write escapes no others). */
export const decodeXml = (s: string) =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');

/**
 * A TrueType font as WOFF2 (https://www.w3.org/TR/WOFF2/) with no table transformed: the tables, in the
 * font's order, as one Brotli stream. Enough for a reader's Brotli and table directory to be tested.
 */
export function woff2(ttf: Buffer): Buffer {
  const n = ttf.readUInt16BE(4);
  const tables = Array.from({ length: n }, (_, i) => {
    const at = 12 + 16 * i;
    return { tag: ttf.toString('latin1', at, at + 4), data: ttf.subarray(ttf.readUInt32BE(at + 8), ttf.readUInt32BE(at + 8) + ttf.readUInt32BE(at + 12)) };
  });
  const base128 = (v: number) => {
    const out = [v & 0x7f];
    for (v >>>= 7; v; v >>>= 7) out.unshift(0x80 | (v & 0x7f));
    return out;
  };
  // flags 63: the tag follows; transform version 3 for glyf and loca, 0 for the others, is "not transformed"
  const entries = Buffer.from(tables.flatMap((t) => [63 | ((t.tag === 'glyf' || t.tag === 'loca' ? 3 : 0) << 6), ...Buffer.from(t.tag, 'latin1'), ...base128(t.data.length)]));
  const data = brotliCompressSync(Buffer.concat(tables.map((t) => t.data)));
  const header = Buffer.alloc(48);
  header.write('wOF2', 0, 'latin1');
  header.writeUInt32BE(ttf.readUInt32BE(0), 4);
  header.writeUInt32BE(48 + entries.length + data.length, 8);
  header.writeUInt16BE(n, 12);
  header.writeUInt32BE(12 + 16 * n + tables.reduce((a, t) => a + ((t.data.length + 3) & ~3), 0), 16);
  header.writeUInt32BE(data.length, 20);
  header.writeUInt16BE(1, 24);
  return Buffer.concat([header, entries, data]);
}
