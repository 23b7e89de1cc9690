/**
 * One policy for links, read by compose (../compose.ts): which targets become
 * live links in the outputs, and when a link's words already are its address.
 * A link whose target is not live is printed as its words alone, in every
 * format; the renderers print the links compose gives them, and decide nothing.
 */
import type { Inline } from '../model/types.js';

/**
 * The link schemes a release may carry as live links: a web page, an e-mail
 * address, a phone number. A template may add its own (`links.schemes`).
 * Everything else — `javascript:`, `vbscript:`, `data:`, `file:`, `ms-msdt:`, a
 * UNC path, a relative address that a DOCX would resolve against the reader's disk —
 * is printed as its words: a release is opened by strangers.
 */
export const SAFE_SCHEMES: readonly string[] = ['http', 'https', 'mailto', 'tel'];

/**
 * The scheme of `url` as a browser or Word reads it: tabs and line breaks inside
 * are ignored (`jav&#x09;ascript:` is `javascript:`), leading controls and spaces
 * too, case does not count. Undefined when the address has none (relative).
 */
export function schemeOf(url: string): string | undefined {
  const u = url.replace(/[\t\n\r]/g, '').replace(/^[\u0000-\u0020]+/, '');
  return /^([a-z][a-z0-9+.-]*):/i.exec(u)?.[1]!.toLowerCase();
}

/**
 * Whether a link to `url` is kept as a link a reader can follow: an absolute
 * address with a scheme of SAFE_SCHEMES or of `extra` (the template's). Not an
 * empty target, not one inside the page (`#`): a release has no anchors. Lint
 * reports every link that is not (placeholder-link, link-scheme).
 */
export function isLiveTarget(url: string | undefined, extra: readonly string[] = []): url is string {
  const u = url?.trim();
  if (!u || u.startsWith('#')) return false;
  const scheme = schemeOf(u);
  return scheme !== undefined && (SAFE_SCHEMES.includes(scheme) || extra.includes(scheme));
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

/** Links and images whose target is not live → their words (an image's description), recursively. `extra`: the template's schemes. */
export function resolveLinks(list: readonly Inline[], extra: readonly string[] = []): Inline[] {
  return list.flatMap((i): Inline[] => {
    switch (i.type) {
      case 'link':
        return isLiveTarget(i.url, extra) ? [{ ...i, url: i.url.trim(), children: resolveLinks(i.children, extra) }] : resolveLinks(i.children, extra);
      case 'image':
        return isLiveTarget(i.url, extra) ? [i] : i.alt ? [{ type: 'text', value: i.alt }] : [];
      case 'emphasis':
      case 'strong':
      case 'delete':
        return [{ ...i, children: resolveLinks(i.children, extra) }];
      default:
        return [i];
    }
  });
}
