/**
 * A template's boilerplate (`About …`) is Markdown in the locale file, read into
 * the same blocks as a source's own boilerplate section when a release loads its
 * locale (./load.ts), once a locale: renderers receive blocks and know nothing of
 * Markdown.
 */
import { toBlocks } from '../model/extract/blocks.js';
import type { Section } from '../model/types.js';
import { parseMarkdown } from '../source/parse.js';
import type { LocaleData } from '../templates/types.js';

// by the locale file's boilerplate, which the copies of a locale (a project's organization name) share
const cache = new WeakMap<NonNullable<LocaleData['boilerplate']>, Section[]>();

export function templateBoilerplate(locale: LocaleData): Section[] {
  const b = locale.boilerplate;
  if (!b) return [];
  let sections = cache.get(b);
  if (!sections) {
    sections = [{ heading: b.heading, blocks: toBlocks(parseMarkdown(b.text).children) }];
    cache.set(b, sections);
  }
  return sections;
}
