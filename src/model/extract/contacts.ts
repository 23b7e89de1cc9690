/**
 * Media contacts: from the list in the body's contacts section (one item a
 * contact: name, then role, phone and e-mail in any order, separated by commas
 * or ` / `) and from the front matter. Phone numbers are recognized by
 * libphonenumber-js (Google's metadata, kept up to date) and kept as written.
 */
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import type { Link, List, ListItem, Node, Parent, Text } from 'mdast';
import type { ContactInput } from '../../source/front-matter.js';
import type { Contact } from '../types.js';
import { rangeOf } from './blocks.js';

const EMAIL = /^[^\s@<>()]+@[^\s@<>()]+\.[^\s@<>()]+$/;

export function isEmail(s: string): boolean {
  return EMAIL.test(s.trim());
}

/** Addresses written in one field, separated by commas, semicolons, slashes or spaces. */
function splitEmails(s: string): string[] {
  return s.split(/\s*[,;/]\s*|\s+/).filter(Boolean);
}

/** Numbers written in one field, separated by ` / ` as in a contacts-list item (a number's own spaces and slashes stay). */
function splitPhones(s: string): string[] {
  return s
    .split(/\s+\/\s+/)
    .map((p) => p.trim())
    .filter(Boolean);
}

/** The E.164 form of a valid international number, or undefined. */
function phoneE164(s: string): string | undefined {
  const p = parsePhoneNumberFromString(s.trim());
  return p?.isValid() ? p.number : undefined;
}

/** Something written as a phone number (valid or not): mostly digits, at least six of them. */
function looksLikePhone(s: string): boolean {
  return /^[+(]?[\d\s().\-–/]+$/.test(s.trim()) && (s.match(/\d/g)?.length ?? 0) >= 6;
}

/** The text of a list item, with `mailto:` links read as their address. */
function itemText(node: Node): string {
  if (node.type === 'text' || node.type === 'inlineCode') return (node as Text).value;
  if (node.type === 'link') {
    const url = (node as Link).url;
    const text = (node as Link).children.map(itemText).join('');
    if (url.startsWith('mailto:') && !isEmail(text)) return `${text} ${url.slice(7)}`;
    return text;
  }
  // an image in a contact line is its description, as everywhere else: nothing written is dropped
  if (node.type === 'image') return (node as { alt?: string | null }).alt ?? '';
  if (node.type === 'break') return ', ';
  if ('children' in node) return (node as Parent).children.map(itemText).join(node.type === 'listItem' ? ', ' : '');
  return '';
}

function parseContactText(text: string): Omit<Contact, 'from'> | undefined {
  const parts = text
    // the Arabic comma (،) and the Chinese ones (，、) separate as the comma does
    .split(/\s*[,،，、]\s*|\s+\/\s+|\s*[;؛；]\s*|\s*\|\s*|\n+/)
    .map((s) => s.trim())
    .filter(Boolean);
  const words: string[] = [];
  const phones: string[] = [];
  const emails: string[] = [];
  for (const part of parts) {
    // "Vivian Kwok vkwok@ohchr.org": an address written after the name, without a comma
    const tail = /\s(\S+@\S+)$/.exec(part);
    if (isEmail(part)) emails.push(part);
    else if (tail && isEmail(tail[1]!)) {
      words.push(part.slice(0, tail.index));
      emails.push(tail[1]!);
    } else if (phoneE164(part) || looksLikePhone(part)) phones.push(part);
    else words.push(part);
  }
  const [name, role, ...rest] = words;
  if (!name) return undefined;
  return {
    name,
    ...(role ? { role } : {}),
    ...(rest.length ? { organization: rest.join(', ') } : {}),
    phones,
    ...(phones.length && phoneE164(phones[0]!) ? { phoneE164: phoneE164(phones[0]!)! } : {}),
    emails,
  };
}

/** Contacts from the lists of a contacts section; the nodes that are not contact lists are returned as notes. */
export function contactsFromSection(nodes: readonly Node[]): { contacts: Contact[]; notes: Node[] } {
  const contacts: Contact[] = [];
  const notes: Node[] = [];
  for (const n of nodes) {
    if (n.type !== 'list') {
      notes.push(n);
      continue;
    }
    for (const item of (n as List).children as ListItem[]) {
      const c = parseContactText(itemText(item));
      const range = rangeOf(item);
      if (c) contacts.push({ ...c, from: 'body', ...(range ? { range } : {}) });
    }
  }
  return { contacts, notes };
}

export function contactFromInput(c: ContactInput, from: 'front-matter' | 'template', deskName?: string): Contact {
  const phones = c.phone ? splitPhones(c.phone) : [];
  const e164 = phones.length ? phoneE164(phones[0]!) : undefined;
  return {
    name: c.name ?? deskName ?? '',
    ...(c.desk ? { desk: c.desk } : {}),
    ...(c.role ? { role: c.role } : {}),
    ...(c.organization ? { organization: c.organization } : {}),
    phones,
    ...(e164 ? { phoneE164: e164 } : {}),
    emails: c.email ? splitEmails(c.email) : [],
    from,
  };
}

/** What the media section is called in one language, as `contact.mediaSection` and `mediaSectionAlone` word it. */
export interface MediaSectionWords {
  mediaSection?: string;
  mediaSectionAlone?: string;
  /** articles that may open the phrase and be left out (`the`, `la`) */
  articles: readonly string[];
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** For comparing names: case, apostrophes and runs of spaces aside. */
const fold = (s: string) => s.normalize('NFC').replace(/[’ʼ`]/g, "'").replace(/\s+/g, ' ').trim().toLocaleLowerCase();

function phrasePattern(phrase: string, articles: readonly string[]): RegExp {
  let p = fold(phrase);
  // `the {organization} Media Section` also reads `{organization} Media Section`
  const first = p.split(' ')[0]!;
  const optional = articles.some((a) => fold(a) === first) && p.includes(' ');
  if (optional) p = p.slice(first.length + 1);
  const body = escape(p).replace(/\\\{organization\\\}/g, '(.+)');
  return new RegExp(`^${optional ? `(?:${escape(first)} )?` : ''}${body}$`, 'u');
}

/**
 * Whether a contact's name is the media section as worded in one of `words`:
 * alone (`Media Section`, `Section des médias`), or with an organization that is
 * one of `organizations` — the names the release's own organization goes by — so
 * that another office's media section is left as written.
 */
export function isMediaSection(name: string, words: readonly MediaSectionWords[], organizations: readonly string[]): boolean {
  const n = fold(name);
  const known = new Set(organizations.filter(Boolean).map(fold));
  for (const w of words) {
    if (w.mediaSectionAlone && phrasePattern(w.mediaSectionAlone, w.articles).test(n)) return true;
    if (!w.mediaSection) continue;
    const m = phrasePattern(w.mediaSection, w.articles).exec(n);
    if (m?.slice(1).every((org) => known.has(org.trim()))) return true;
  }
  return false;
}
