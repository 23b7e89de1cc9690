/** The reader: a parsed source (front matter + syntax tree) and its locale → the release model. */
import type { RootContent } from 'mdast';
import { toString } from 'mdast-util-to-string';
import type { FrontMatter } from '../../source/front-matter.js';
import type { Source } from '../../source/parse.js';
import type { LocaleData, Template } from '../../templates/types.js';
import { releaseId } from '../id.js';
import { type Embargo, MODEL_VERSION, type Release, type Section } from '../types.js';
import { rangeOf, toBlocks, toInlines } from './blocks.js';
import { contactFromInput, contactsFromSection, isMediaSection, type MediaSectionWords } from './contacts.js';
import { extractQuotes } from './quotes.js';
import { splitBody } from './sections.js';

const KNOWN_KEYS = new Set(['headline', 'subheadline', 'dateline', 'lang', 'template', 'embargo', 'reference', 'contacts', 'author', 'keywords', 'id', 'translation-of', 'source-hash']);

const pad = (n: number) => String(n).padStart(2, '0');

function parseEmbargo(value: string): Embargo {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(?::\d{2}(?:\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.exec(value);
  if (!m) throw new Error(`not an embargo date-time: ${value}`); // the front-matter schema checked it
  const instant = new Date(value);
  return {
    value,
    date: m[1]!,
    time: `${m[2]}:${m[3]}`,
    offset: m[4] === 'Z' ? '+00:00' : m[4]!,
    gmtDate: `${instant.getUTCFullYear()}-${pad(instant.getUTCMonth() + 1)}-${pad(instant.getUTCDate())}`,
    gmtTime: `${pad(instant.getUTCHours())}:${pad(instant.getUTCMinutes())}`,
  };
}

interface ExtractOptions {
  source: Source;
  /** front matter after a translation has inherited from its original */
  frontMatter: FrontMatter;
  locale: LocaleData;
  template: Template;
  templateRef: string;
  /**
   * What else names the press office's media section: its words in the
   * template's other languages, and other names of the organization (a
   * translation's original's `author`, the locales' organizations).
   */
  media?: { words: MediaSectionWords[]; organizations: string[] };
}

export function mediaSectionWords(locale: LocaleData): MediaSectionWords {
  return { mediaSection: locale.contact.mediaSection, mediaSectionAlone: locale.contact.mediaSectionAlone, articles: locale.speech.articles };
}

export function extractRelease({ source, frontMatter: fm, locale, template, templateRef, media }: ExtractOptions): Release {
  const split = splitBody(source.tree.children, locale);
  const quoteNodes: RootContent[] = [...(split.lead ? [split.lead] : []), ...split.body];

  const contacts: Release['contacts'] = [];
  const contactNotes: Release['body'] = [];
  let background: Section | undefined;
  const boilerplate: Section[] = [];
  for (const s of split.sections) {
    const heading = toString(s.heading);
    const range = rangeOf(s.heading);
    if (s.kind === 'contacts') {
      const found = contactsFromSection(s.nodes);
      contacts.push(...found.contacts);
      contactNotes.push(...toBlocks(found.notes as RootContent[]));
    } else if (s.kind === 'background' && !background) {
      background = { heading, blocks: toBlocks(s.nodes), ...(range ? { range } : {}) };
    } else if (s.kind === 'background' && background) {
      // A second background section: keep its heading and words under the first.
      background.blocks.push({ type: 'heading', level: 3, content: toInlines(s.heading.children), ...(range ? { range } : {}) }, ...toBlocks(s.nodes));
    } else {
      boilerplate.push({ heading, blocks: toBlocks(s.nodes), ...(range ? { range } : {}) });
    }
  }
  const deskName = locale.contact.mediaSectionAlone ?? 'media';
  contacts.push(...(fm.contacts ?? []).map((c) => contactFromInput(c, 'front-matter', deskName)));
  if (!contacts.length) contacts.push(...template.settings.contactsDefault.map((c) => contactFromInput(c, 'template')));
  // a contact named as the media section, in any of the template's languages, is the press office's own desk
  const words = [mediaSectionWords(locale), ...(media?.words ?? [])];
  const organizations = [fm.author, locale.letterhead?.organization, template.settings.letterhead.organization, ...(media?.organizations ?? [])].filter((o): o is string => !!o);
  for (const c of contacts) if (!c.desk && isMediaSection(c.name, words, organizations)) c.desk = 'media';

  const leadRange = split.lead ? rangeOf(split.lead) : undefined;
  const extra = Object.fromEntries(Object.entries(fm).filter(([k]) => !KNOWN_KEYS.has(k)));
  return {
    modelVersion: MODEL_VERSION,
    id: releaseId(source.file, fm.id),
    lang: fm.lang ?? 'en',
    dir: locale.dir,
    template: templateRef,
    headline: fm.headline.trim(),
    ...(fm.subheadline ? { subheadline: fm.subheadline.trim() } : {}),
    dateline: { city: fm.dateline.city.trim(), date: fm.dateline.date },
    ...(fm.embargo ? { embargo: parseEmbargo(fm.embargo) } : {}),
    ...(fm.reference ? { reference: fm.reference } : {}),
    lead: split.lead && split.lead.type === 'paragraph' ? toInlines(split.lead.children) : [],
    ...(leadRange ? { leadRange } : {}),
    body: toBlocks(split.body),
    quotes: extractQuotes(quoteNodes, locale, source.index),
    contacts,
    contactNotes,
    ...(background ? { background } : {}),
    boilerplate,
    metadata: {
      ...(fm.author ? { author: fm.author } : {}),
      keywords: fm.keywords ?? [],
      ...(fm['translation-of'] ? { translationOf: fm['translation-of'] } : {}),
      ...(fm['source-hash'] ? { sourceHash: fm['source-hash'] } : {}),
      extra,
    },
  };
}
