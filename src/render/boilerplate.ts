/**
 * A template's boilerplate (`About …`) is Markdown in the locale file, read into
 * the same blocks as a source's own boilerplate section, once a locale.
 */
import { toBlocks } from '../model/extract/blocks.js';
import type { Section } from '../model/types.js';
import { parseMarkdown } from '../source/parse.js';
import type { LocaleData } from '../templates/types.js';

const cache = new WeakMap<LocaleData, Section[]>();

export function templateBoilerplate(locale: LocaleData): Section[] {
  if (!locale.boilerplate) return [];
  let sections = cache.get(locale);
  if (!sections) {
    const tree = parseMarkdown(locale.boilerplate.text);
    sections = [{ heading: locale.boilerplate.heading, blocks: toBlocks(tree.children) }];
    cache.set(locale, sections);
  }
  return sections;
}
