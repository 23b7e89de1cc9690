/** What every renderer receives and gives back. */
import type { Message, Place } from '../messages.js';
import type { Release } from '../model/types.js';
import type { LocaleData, Template } from '../templates/types.js';
import type { Composed } from './compose.js';

export interface RenderOptions {
  /** wrap plain text at this many columns */
  wrap?: number;
  pdfStandard?: 'pdfa-2b';
  /** the environment (SOURCE_DATE_EPOCH), passed in so that rendering is a pure function */
  env: NodeJS.ProcessEnv;
}

/**
 * One member of a release's family — the original and its translations, this
 * release included — as the pipeline knows it: plain data, so that a renderer
 * can link the other languages (`.md` front matter, `hreflang` links) without
 * knowing how sources are found.
 */
export interface FamilyMember {
  /** BCP 47 tag of that release */
  lang: string;
  /** its output path without extension, POSIX, relative to this release's output folder (`release.fr`, `../fr/water`) */
  stem: string;
  /** the original (no `translation-of`) */
  original: boolean;
}

export interface RenderInput {
  release: Release;
  composed: Composed;
  template: Template;
  locale: LocaleData;
  options: RenderOptions;
  /** a problem that does not stop the output (a character no font has) */
  warn: (m: Omit<Message, 'file'>) => void;
  /** where some text is written in the source, for messages about it (renderers know nothing of Markdown) */
  locate?: (text: string) => Place | undefined;
  /** the release's family in the unit's order (the original first), this release included; absent or one member for a lone source */
  family?: FamilyMember[];
}

export interface Renderer {
  format: string;
  extension: string;
  render(input: RenderInput): Promise<Uint8Array | string> | Uint8Array | string;
}
