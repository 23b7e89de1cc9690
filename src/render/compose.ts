/**
 * Model + template → the parts of a release in their order (docs/outputs.md#the-order-of-a-release), with
 * every printed word taken from the locale. Renderers map these parts to their
 * format; none of them decides order, phrasing or labels again.
 */

import { resolveLinks } from '../model/links.js';
import type { Block, Contact, Inline, Release, Section } from '../model/types.js';
import type { LocaleData, StyleName, Template, TextStyle } from '../templates/types.js';
import { fill, fillInline, formatDate, joinList, plural, shorten, upper } from './phrases.js';

export type Part =
  /** `lines`: under the organization name (address, web site), in the letterhead style */
  | { kind: 'letterhead'; style: 'letterhead'; text?: string; lines?: string[]; logo?: { file: string; alt: string; width?: number } }
  | { kind: 'line'; style: 'label' | 'releaseLine' | 'reference' | 'headline' | 'subheadline' | 'endMarker'; text: string }
  /** `dateline` is printed right before the lead: it ends with the space the language wants there (none in Chinese) */
  | { kind: 'lead'; style: 'body'; dateline: string; content: Inline[] }
  | { kind: 'blocks'; style: 'body'; blocks: Block[] }
  | { kind: 'contacts'; style: 'contacts'; sentence?: Inline[]; heading?: string; entries?: Inline[][][]; notes: Block[] }
  | { kind: 'section'; style: 'background' | 'boilerplate'; heading?: string; blocks: Block[] };

export interface Composed {
  lang: string;
  dir: 'ltr' | 'rtl';
  /** the Intl locale of the language */
  intl: string;
  parts: Part[];
  /**
   * Strings no line breaks inside, beyond the addresses and phone numbers a
   * scan of the text finds (../text/unbreakable.ts): the contacts' phone numbers
   * and addresses as written, which need not be valid to be kept whole.
   */
  keepWhole: string[];
  /**
   * The words of the quotes the release's paragraphs carry in their text (not
   * block quotes), without their marks, and the language's marks: formats that
   * mark a quotation (HTML's `<q>`) find them there.
   */
  quotes: { inline: string[]; primary: [string, string]; secondary: [string, string] };
  /** page furniture, filled in by the paginating formats */
  furniture: {
    runningHeader?: string;
    page: (page: number, pages: number) => string;
    more: string;
  };
  meta: {
    title: string;
    /** the title of an embargoed release where a message announces it (an e-mail's subject): the embargo said first */
    embargoedTitle?: string;
    subject?: string;
    author?: string;
    keywords: string[];
    /** document date: the one the build fixes (SOURCE_DATE_EPOCH), else the release date at 00:00 UTC */
    date: Date;
  };
}

/** `Page X of Y` in the locale's words (a Composed sent to another thread leaves its function behind: ../pipeline/pdf-thread.ts). */
export function pageFurniture(locale: LocaleData): Composed['furniture']['page'] {
  return (page, pages) => fill(locale.labels.page, { page: String(page), pages: String(pages) });
}

export function styleOf(template: Template, name: StyleName): TextStyle {
  return { ...template.settings.styles.base, ...template.settings.styles[name] };
}

/** What compose reads: all of it given by the caller (../pipeline/generate.ts composeFor), nothing from the process. */
interface ComposeInput {
  release: Release;
  template: Template;
  locale: LocaleData;
  /** the locale's boilerplate as blocks (read when the release loaded): printed when the release has none of its own */
  boilerplate: readonly Section[];
  /** the document date when the build fixes one (SOURCE_DATE_EPOCH); else the release's date */
  date?: Date;
}

function text(value: string): Inline[] {
  return [{ type: 'text', value }];
}

/**
 * The press office's media section in the release's language (`the UN Human
 * Rights Office Media Section`, `la Section des médias du Haut-Commissariat …`),
 * or its name as written when the locale does not word it.
 */
function deskName(c: Contact, locale: LocaleData, organization: string | undefined): string {
  const { mediaSection, mediaSectionAlone } = locale.contact;
  if (organization && mediaSection) return fill(mediaSection, { organization });
  return mediaSectionAlone ?? c.name;
}

/** The contact's name, with its role and organization as the locale phrases them. `line`: on a line of its own, its first letter a capital. */
function contactName(c: Contact, locale: LocaleData, withOrganization: boolean, organization: string | undefined, line = false): Inline[] {
  let who = c.desk ? deskName(c, locale, organization) : c.name;
  if (line && c.desk) who = upperFirst(who, locale);
  let name = c.role ? fill(locale.contact.withRole, { name: who, role: c.role }) : who;
  if (withOrganization && c.organization && !c.desk) name = fill(locale.contact.withOrganization, { name, organization: c.organization });
  return text(name);
}

function upperFirst(s: string, locale: LocaleData): string {
  const first = String.fromCodePoint(s.codePointAt(0) ?? 32);
  return first.toLocaleUpperCase(locale.intl) + s.slice(first.length);
}

/**
 * A phone number or an address in right-to-left text is left-to-right data: the
 * bidi algorithm would otherwise show `+1 212 555 0147` as `0147 555 212 1+`.
 * Unicode isolates (LRI … PDI) keep it in order in every format.
 */
function ltr(value: string, locale: LocaleData): string {
  return locale.dir === 'rtl' ? `\u2066${value}\u2069` : value;
}

/** A contact's numbers, between them the locale's separator, as one left-to-right run. */
function phones(c: Contact, locale: LocaleData): Inline[] {
  return text(ltr(c.phones.join(locale.contact.separator), locale));
}

/** Each address its own link, its words the address (under the one link policy, as every link). */
function email(address: string, locale: LocaleData): Inline[] {
  return resolveLinks([{ type: 'link', url: `mailto:${address}`, children: text(ltr(address, locale)) }]);
}

function contactDetails(c: Contact, locale: LocaleData): Inline[] {
  const items: Inline[][] = [];
  if (c.phones.length) items.push(phones(c, locale));
  items.push(...c.emails.map((e) => email(e, locale)));
  return items.flatMap((it, i) => (i ? [{ type: 'text' as const, value: locale.contact.separator }, ...it] : it));
}

/** The contacts' numbers and addresses as printed: kept whole on a line. */
function contactStrings(contacts: readonly Contact[]): string[] {
  return contacts
    .flatMap((c) => [...c.phones, ...c.emails])
    .map((s) => s.trim())
    .filter(Boolean);
}

/** Every link and image of some blocks under the one link policy (../model/links.ts). */
function resolveBlocks(list: readonly Block[], extra: readonly string[]): Block[] {
  return list.map((b): Block => {
    switch (b.type) {
      case 'paragraph':
      case 'heading':
        return { ...b, content: resolveLinks(b.content, extra) };
      case 'list':
        return { ...b, items: b.items.map((it) => ({ ...it, blocks: resolveBlocks(it.blocks, extra) })) };
      case 'table':
        return { ...b, header: b.header.map((c) => resolveLinks(c, extra)), rows: b.rows.map((r) => r.map((c) => resolveLinks(c, extra))) };
      case 'blockquote':
        return { ...b, blocks: resolveBlocks(b.blocks, extra), ...(b.attribution ? { attribution: resolveLinks(b.attribution, extra) } : {}) };
      default:
        return b;
    }
  });
}

function contactsPart(release: Release, template: Template, locale: LocaleData, organization: string | undefined): Part | undefined {
  const { contacts } = release;
  const notes = resolveBlocks(release.contactNotes, template.settings.links.schemes);
  if (!contacts.length && !notes.length) return undefined;
  if (template.settings.contacts.style === 'sentence') {
    const items = contacts.map((c) => {
      const details = contactDetails(c, locale);
      const name = contactName(c, locale, true, organization);
      return details.length ? fillInline(locale.contact.withDetails, { name, details }) : name;
    });
    return {
      kind: 'contacts',
      style: 'contacts',
      ...(items.length ? { sentence: fillInline(locale.labels.contactsSentence, { contacts: joinList(items, locale) }) } : {}),
      notes,
    };
  }
  const entries = contacts.map((c) => {
    const lines: Inline[][] = [contactName(c, locale, false, organization, true)];
    if (c.organization && !c.desk) lines.push(text(c.organization));
    if (c.phones.length) lines.push(phones(c, locale));
    for (const e of c.emails) lines.push(email(e, locale));
    return lines;
  });
  return {
    kind: 'contacts',
    style: 'contacts',
    heading: plural(locale.labels.contactsHeading, contacts.length, locale),
    entries,
    notes,
  };
}

/** Who issues the release: the letterhead's organization (the locale's, then the template's), else the source's author. */
export function organizationOf(release: Release, template: Template, locale: LocaleData): string | undefined {
  return locale.letterhead?.organization ?? template.settings.letterhead.organization ?? release.metadata.author;
}

export function compose({ release, template, locale, boilerplate, date }: ComposeInput): Composed {
  const s = template.settings;
  const parts: Part[] = [];
  const line = (style: Extract<Part, { kind: 'line' }>['style'], value: string | undefined) => {
    if (!value) return;
    parts.push({ kind: 'line', style, text: styleOf(template, style).uppercase ? upper(value, locale) : value });
  };

  const organization = organizationOf(release, template, locale);
  const letterLines = locale.letterhead?.lines ?? s.letterhead.lines ?? [];
  // checked when the template was loaded, in the folder of the template that names it; the language's own first
  const logo = template.files[`letterhead.logos.${locale.lang}`] ?? template.files['letterhead.logo'];
  if (organization || logo || letterLines.length) {
    parts.push({
      kind: 'letterhead',
      style: 'letterhead',
      ...(organization ? { text: organization } : {}),
      ...(letterLines.length ? { lines: letterLines } : {}),
      ...(logo ? { logo: { file: logo, alt: organization ?? s.name, ...(s.letterhead.logoWidth ? { width: s.letterhead.logoWidth } : {}) } } : {}),
    });
  }
  line('label', locale.labels.release);
  const e = release.embargo;
  const embargoValues = e && {
    date: formatDate(e.date, locale),
    time: e.time,
    offset: e.offset,
    gmtDate: formatDate(e.gmtDate, locale),
    gmtTime: e.gmtTime,
  };
  if (embargoValues) {
    line('releaseLine', fill(locale.labels.embargo, embargoValues));
  } else if (s.immediateRelease) {
    line('releaseLine', locale.labels.immediate);
  }
  if (release.reference) line('reference', fill(locale.labels.reference, { reference: release.reference }));
  line('headline', release.headline);
  line('subheadline', release.subheadline);

  const city = s.dateline.cityCase === 'upper' ? upper(release.dateline.city, locale) : release.dateline.city;
  const dateline = fill(locale.dateline, { city, date: formatDate(release.dateline.date, locale) });
  parts.push({ kind: 'lead', style: 'body', dateline: release.lead.length ? dateline : dateline.trimEnd(), content: resolveLinks(release.lead, s.links.schemes) });
  if (release.body.length) parts.push({ kind: 'blocks', style: 'body', blocks: resolveBlocks(release.body, s.links.schemes) });
  line('endMarker', locale.labels.endMarker);

  for (const kind of s.sections) {
    if (kind === 'contacts') {
      const p = contactsPart(release, template, locale, organization);
      if (p) parts.push(p);
    } else if (kind === 'background' && release.background) {
      const heading = s.backgroundHeading === 'label' ? locale.labels.background : release.background.heading;
      parts.push({ kind: 'section', style: 'background', heading, blocks: resolveBlocks(release.background.blocks, s.links.schemes) });
    } else if (kind === 'boilerplate') {
      // the press office's own `About …`, when the source has none
      const sections = release.boilerplate.length ? release.boilerplate : boilerplate;
      for (const b of sections) parts.push({ kind: 'section', style: 'boilerplate', heading: b.heading, blocks: resolveBlocks(b.blocks, s.links.schemes) });
    }
  }

  const header = s.runningHeader === 'none' ? undefined : s.runningHeader === 'reference' && release.reference ? release.reference : shorten(release.headline);
  return {
    lang: release.lang,
    dir: release.dir,
    intl: locale.intl,
    parts,
    keepWhole: contactStrings(release.contacts),
    quotes: { inline: release.quotes.filter((q) => q.form === 'inline').map((q) => q.text), ...locale.quotes },
    furniture: {
      ...(header ? { runningHeader: header } : {}),
      page: pageFurniture(locale),
      more: locale.labels.more,
    },
    meta: {
      title: release.headline,
      ...(embargoValues
        ? {
            embargoedTitle: locale.labels.embargoSubject
              ? fill(locale.labels.embargoSubject, { ...embargoValues, headline: release.headline })
              : `${fill(locale.labels.embargo, embargoValues)} ${release.headline}`,
          }
        : {}),
      ...(release.subheadline ? { subject: release.subheadline } : {}),
      ...(release.metadata.author ? { author: release.metadata.author } : {}),
      keywords: release.metadata.keywords,
      date: date ?? new Date(`${release.dateline.date}T00:00:00Z`),
    },
  };
}
