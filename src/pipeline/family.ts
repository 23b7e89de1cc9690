/**
 * The language versions of a release, for the formats that link them (the web
 * page's `hreflang` links and its JSON-LD): the other sources of its unit, as
 * the scan found them, and a translation's original, as it was loaded.
 */
import path from 'node:path';
import type { Family, Related } from '../render/types.js';
import type { Planned } from './generate.js';
import { stemOf } from './stem.js';

/** A source of a unit as the scan saw it: plain data, it crosses to a worker. */
export interface Member {
  file: string;
  stem?: string;
  lang?: string;
  translation: boolean;
}

function relative(from: string, to: string): string {
  return path.posix.relative(path.posix.dirname(from), to);
}

/** The family of a planned source among `members` (its unit's sources, itself among them or not); undefined when it has none. */
export function familyOf(p: Planned, members: readonly Member[], opts: { cwd: string; outDir: string }): Family | undefined {
  if (!p.loaded || !p.stem) return undefined;
  const self = p.stem;
  const related = (stem: string, lang: string): Related => ({ lang, stem: relative(self, stem) });
  const others = members.filter((m) => m.stem && m.lang && m.stem !== self);
  const loadedOriginal = p.loaded.original;
  let original: Related | undefined;
  if (loadedOriginal) {
    const o = others.find((m) => !m.translation);
    const stem = o?.stem ?? stemOf({ ...p.ref, file: loadedOriginal.source.file }, loadedOriginal.release.id, opts);
    original = related(stem, loadedOriginal.release.lang);
  }
  const translations = others.filter((m) => m.translation).map((m) => related(m.stem!, m.lang!));
  if (!original && !translations.length) return undefined;
  return { self: { lang: p.loaded.release.lang, stem: path.posix.basename(self) }, ...(original ? { original } : {}), translations };
}
