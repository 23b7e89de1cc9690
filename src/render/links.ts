/**
 * One policy for links, read by compose (../compose.ts): which targets become
 * live links in the outputs, and when a link's words already are its address.
 * A link whose target is not live is printed as its words alone, in every
 * format; the renderers print the links compose gives them, and decide nothing.
 */
import type { Inline } from '../model/types.js';

/**
 * Whether a link to `url` is kept as a link a reader can follow. Not an empty
 * target, nor one inside the page (`#`, `#section`): a release has no anchors,
 * and lint reports such links.
 */
export function isLiveTarget(url: string | undefined): url is string {
  const u = url?.trim();
  return !!u && !u.startsWith('#');
}

/** Bidi controls (marks, embeddings, isolates): compose puts isolates around addresses in right-to-left text. */
const BIDI_CONTROLS = /[\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;

/**
 * Whether a link's words are its address (`vkwok@ohchr.org` → `mailto:vkwok@ohchr.org`,
 * `www.un.org` → `https://www.un.org/`): a format that shows targets beside the
 * words (plain text) then shows it once.
 */
export function wordsAreTarget(words: string, url: string): boolean {
  const strip = (s: string) =>
    s
      .replace(BIDI_CONTROLS, '')
      .trim()
      .replace(/^(?:mailto|tel):/i, '')
      .replace(/^https?:\/\//i, '')
      .replace(/\/$/, '')
      .replace(/\s+/g, '');
  return strip(words) === strip(url);
}

/** Links and images whose target is not live → their words (an image's description), recursively. */
export function resolveLinks(list: readonly Inline[]): Inline[] {
  return list.flatMap((i): Inline[] => {
    switch (i.type) {
      case 'link':
        return isLiveTarget(i.url) ? [{ ...i, url: i.url.trim(), children: resolveLinks(i.children) }] : resolveLinks(i.children);
      case 'image':
        return isLiveTarget(i.url) ? [i] : i.alt ? [{ type: 'text', value: i.alt }] : [];
      case 'emphasis':
      case 'strong':
      case 'delete':
        return [{ ...i, children: resolveLinks(i.children) }];
      default:
        return [i];
    }
  });
}
