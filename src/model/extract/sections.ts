/**
 * Splitting the body: the lead (first paragraph), the body proper, and the
 * sections opened by level-2 headings whose names the locale knows.
 */
import type { Heading, RootContent } from 'mdast';
import { toString } from 'mdast-util-to-string';
import type { LocaleData, SectionKind } from '../../templates/types.js';
import { isHtmlComment } from './blocks.js';

interface RawSection {
  kind: SectionKind;
  heading: Heading;
  nodes: RootContent[];
}

interface SplitBody {
  lead?: RootContent;
  body: RootContent[];
  sections: RawSection[];
}

/** Case, apostrophes, spacing and a trailing colon do not matter when matching names. */
export function normalizeName(s: string): string {
  return s
    .normalize('NFC')
    .replace(/[’‘ʼ`´]/g, "'")
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/\s*[:：]$/, '')
    .toLowerCase();
}

export function sectionKind(heading: string, locale: LocaleData): SectionKind | undefined {
  const name = normalizeName(heading);
  const is = (list: string[]) => list.some((n) => normalizeName(n) === name);
  if (is(locale.sections.contacts)) return 'contacts';
  if (is(locale.sections.background)) return 'background';
  if (
    locale.sections.boilerplate.some((p) => {
      const prefix = normalizeName(p);
      // a prefix is a word of its own (`О`, `Об` in Russian, `About`), except in a language written without spaces (`关于…`)
      return name === prefix || name.startsWith(`${prefix} `) || (/\p{Script=Han}$/u.test(prefix) && name.startsWith(prefix));
    })
  )
    return 'boilerplate';
  return undefined;
}

export function splitBody(children: readonly RootContent[], locale: LocaleData): SplitBody {
  // Comments are not text: one above the lead must not take the lead's place.
  const nodes = children.filter((n) => n.type !== 'yaml' && n.type !== 'definition' && !(n.type === 'html' && isHtmlComment(n.value)));
  const out: SplitBody = { body: [], sections: [] };
  let current: RawSection | undefined;
  nodes.forEach((n, i) => {
    if (n.type === 'heading' && n.depth === 2) {
      const kind = sectionKind(toString(n), locale);
      if (kind) {
        current = { kind, heading: n, nodes: [] };
        out.sections.push(current);
        return;
      }
    }
    if (current) current.nodes.push(n);
    else if (i === 0 && n.type === 'paragraph') out.lead = n;
    else out.body.push(n);
  });
  return out;
}
