/** What every renderer receives and gives back. */
import type { Message, Place } from '../messages.js';
import type { Release } from '../model/types.js';
import type { LocaleData, Template } from '../templates/types.js';
import type { Composed } from './compose.js';

export interface RenderOptions {
  /** wrap plain text at this many columns */
  wrap?: number;
  pdfStandard?: 'pdfa-2b';
  /** the e-mail's sender and recipients (`--from`, `--to`): none unless given */
  mail?: { from?: string; to?: string[] };
  /** the environment (SOURCE_DATE_EPOCH), passed in so that rendering is a pure function */
  env: NodeJS.ProcessEnv;
}

/** Another language version of a release: its language and where its outputs go. */
export interface Related {
  /** BCP 47 tag */
  lang: string;
  /** its output path without extension, relative to the folder of this release's outputs (POSIX) */
  stem: string;
}

/**
 * An original and its translations, as the pipeline knows them (the sources of
 * a run, and a translation's original): plain data, so that a renderer can link
 * the language versions of a release without reading any file.
 */
export interface Family {
  /** this release, as the others are given */
  self: Related;
  /** the original, when this release is a translation */
  original?: Related;
  /** the translations of the original, other than this release */
  translations: Related[];
}

export interface RenderInput {
  release: Release;
  composed: Composed;
  template: Template;
  locale: LocaleData;
  options: RenderOptions;
  /** a problem that does not stop the output (a character no font has) */
  warn: (m: Omit<Message, 'file'>) => void;
  /** the release's other language versions, when there are any */
  family?: Family;
  /** where some text is written in the source, for messages about it (renderers know nothing of Markdown) */
  locate?: (text: string) => Place | undefined;
}

export interface Renderer {
  format: string;
  extension: string;
  render(input: RenderInput): Promise<Uint8Array | string> | Uint8Array | string;
}
