/**
 * One policy for links, applied by compose (../render/compose.ts) and reported on
 * by lint (link-scheme): which targets become live links in the outputs, and when
 * a link's words already are its address. A link whose target is not live is
 * printed as its words alone, in every format; the renderers print the links
 * compose gives them, and decide nothing.
 */
import type { Inline } from './types.js';

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
  return /^([a-z][a-z0-9+.-]*):/i.exec(u)?.[1]?.toLowerCase();
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

/** A link's words as plain text prints them (an image: its description and address). */
function plainWords(list: readonly Inline[]): string {
  return list
    .map((i) => (i.type === 'text' || i.type === 'code' ? i.value : i.type === 'break' ? '\n' : i.type === 'image' ? (i.alt ? `${i.alt} <${i.url}>` : `<${i.url}>`) : plainWords(i.children)))
    .join('');
}

/** Bidi controls (marks, embeddings, isolates): compose puts isolates around addresses in right-to-left text. */
const BIDI_CONTROLS = /[\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;

/**
 * Whether a link's words are its address (`vkwok@ohchr.org` → `mailto:vkwok@ohchr.org`,
 * `www.un.org` → `https://www.un.org/`): a format that shows targets beside the
 * words (plain text) then shows it once.
 */
function wordsAreTarget(words: string, url: string): boolean {
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

/**
 * Links and images whose target is not live → their words (an image's description), recursively; a live link
 * whose words are its address is marked `wordsAreTarget`. `extra`: the template's schemes.
 */
export function resolveLinks(list: readonly Inline[], extra: readonly string[] = []): Inline[] {
  return list.flatMap((i): Inline[] => {
    switch (i.type) {
      case 'link': {
        if (!isLiveTarget(i.url, extra)) return resolveLinks(i.children, extra);
        const url = i.url.trim();
        const children = resolveLinks(i.children, extra);
        const { wordsAreTarget: _was, ...link } = i;
        return [{ ...link, url, children, ...(wordsAreTarget(plainWords(children), url) ? { wordsAreTarget: true as const } : {}) }];
      }
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
