/**
 * `translations new`: the skeleton of a translation, for a translator to fill in.
 *
 * Front matter: `translation-of`, `lang`, the original's `source-hash` now, and the
 * original's items that are not words copied as they are (contacts' names, phones
 * and e-mails; the date, embargo and reference are inherited, not copied); every item
 * made of words (headline, subheadline, city, author, keywords, contacts' roles)
 * is a placeholder under a YAML comment with the original's words.
 *
 * Body: each block of the original, in its Markdown form (a heading stays a
 * heading, a list keeps its items, a table its cells), with its words replaced by
 * a placeholder and the original block above it in an HTML comment, which no
 * output shows. The sections the template knows (contacts, background, "About")
 * are opened by the heading the target language's locale gives them; the contact
 * list is copied as it is (names, phones, e-mails). The placeholder is of the form
 * lint's `placeholder-text` rule reports as an error, at its line and column, until
 * the translator writes over it.
 */
import type { Nodes, RootContent } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { visit } from 'unist-util-visit';
import YAML from 'yaml';
import { isHtmlComment } from '../model/extract/blocks.js';
import { normalizeName, sectionKind } from '../model/extract/sections.js';
import type { ContactInput } from '../source/front-matter.js';
import type { Source } from '../source/parse.js';
import type { LocaleData, SectionKind } from '../templates/types.js';
import { fingerprintBlocks, formatFingerprint } from './fingerprint.js';

/** Reported by `placeholder-text` (an `[insert …]` phrase); capitalized, as a paragraph starts (see src/init/source.ts). */
export const UNTRANSLATED = '[Insert translation]';

/** The languages a translation may be made in: the six official languages of the United Nations. */
export const TRANSLATION_LANGUAGES = ['ar', 'en', 'es', 'fr', 'ru', 'zh'] as const;

interface SkeletonInput {
  original: Source;
  /** the original's locale, to tell its sections */
  originalLocale: LocaleData;
  /** the target language's locale, to name the sections */
  locale: LocaleData;
  lang: string;
  /** `translation-of`: the original's path relative to the translation's folder */
  translationOf: string;
}

/** A YAML scalar: double-quoted, so that phone numbers, `[…]` and `: ` stay text. */
function scalar(v: string): string {
  return YAML.stringify(v, { defaultStringType: 'QUOTE_DOUBLE', lineWidth: 0 }).trimEnd();
}

/** A YAML comment with the original's words, on one line. */
function yamlComment(indent: string, lang: string, words: string): string {
  return `${indent}# ${lang}: ${words.replace(/\s+/g, ' ').trim()}`;
}

/** The original's words in an HTML comment: `-->` inside them would end it early. */
function htmlComment(lang: string, text: string): string {
  const safe = text.replace(/--(!?)>/g, '--$1&gt;');
  return safe.includes('\n') ? `<!-- ${lang}:\n${safe}\n-->` : `<!-- ${lang}: ${safe} -->`;
}

function frontMatter(input: SkeletonInput): string[] {
  const fm = input.original.frontMatter;
  const from = fm.lang ?? 'en';
  const out = ['---', `translation-of: ${YAML.stringify(input.translationOf, { lineWidth: 0 }).trimEnd()}`, `lang: ${input.lang}`];
  const words = (key: string, value: unknown, indent = '') => {
    if (typeof value !== 'string' || !value.trim()) return;
    out.push(yamlComment(indent, from, value), `${indent}${key}: ${scalar(UNTRANSLATED)}`);
  };
  words('headline', fm.headline);
  words('subheadline', fm.subheadline);
  // The date, embargo and reference are not copied: a translation takes them from its original,
  // so that a later change there reaches every language.
  if (fm.dateline?.city) {
    out.push('dateline:');
    words('city', fm.dateline.city, '  ');
  }
  words('author', fm.author);
  if (Array.isArray(fm.keywords) && fm.keywords.length) {
    out.push('keywords:');
    for (const k of fm.keywords) out.push(`  - ${scalar(UNTRANSLATED)} ${yamlComment('', from, String(k)).trimStart()}`);
  }
  if (Array.isArray(fm.contacts) && fm.contacts.length) {
    out.push('contacts:');
    for (const c of fm.contacts as ContactInput[]) {
      const lines: string[] = [];
      // a name is a name (a translator may write it in another script); roles and organizations are words
      if (c.name) lines.push(`name: ${scalar(c.name)}`);
      for (const key of ['role', 'organization'] as const) if (c[key]) lines.push(yamlComment('', from, c[key]!), `${key}: ${scalar(UNTRANSLATED)}`);
      for (const key of ['phone', 'email'] as const) if (c[key]) lines.push(`${key}: ${scalar(c[key]!)}`);
      lines.forEach((l, i) => out.push(`${i ? '    ' : '  - '}${l}`));
    }
  }
  out.push(`source-hash: ${scalar(formatFingerprint(fingerprintBlocks(input.original)))}`, '---');
  return out;
}

/** The block's text with the words of each paragraph, heading and table cell replaced by the placeholder. */
function placeholderBlock(node: RootContent, text: string, start: number): string {
  const cuts: [number, number, string][] = [];
  visit(node as Nodes, (n) => {
    if (n.type !== 'paragraph' && n.type !== 'heading' && n.type !== 'tableCell') return undefined;
    const first = n.children[0]?.position?.start.offset;
    const last = n.children.at(-1)?.position?.end.offset;
    if (first === undefined || last === undefined || !/\p{L}/u.test(toString(n))) return 'skip';
    // an attribution's dash (`— Name, role`) stays: it tells a quotation's speaker in every language
    const dash = /^[—–―]\s*/.exec(text.slice(first - start, last - start))?.[0] ?? '';
    cuts.push([first - start, last - start, dash + UNTRANSLATED]);
    return 'skip';
  });
  let out = text;
  for (const [a, b, s] of cuts.sort((x, y) => y[0] - x[0])) out = out.slice(0, a) + s + out.slice(b);
  return out;
}

/** A section heading in the target language: the locale's first name for its kind; an "About …" heading keeps a placeholder for the rest. */
function sectionHeading(kind: SectionKind, original: string, originalLocale: LocaleData, locale: LocaleData): string | undefined {
  const name = locale.sections[kind][0];
  if (!name) return undefined;
  if (kind !== 'boilerplate' || originalLocale.sections.boilerplate.some((p) => normalizeName(p) === normalizeName(original))) return name;
  // `About the UN Human Rights Office` → `À propos [Insert translation]`, `关于[Insert translation]`
  return /\p{Script=Han}$/u.test(name) ? name + UNTRANSLATED : `${name} ${UNTRANSLATED}`;
}

function body(input: SkeletonInput): string[] {
  const { original } = input;
  const from = original.frontMatter.lang ?? 'en';
  const out: string[] = [];
  let section: SectionKind | undefined;
  for (const node of original.tree.children) {
    const start = node.position?.start.offset;
    const end = node.position?.end.offset;
    if (node.type === 'yaml' || start === undefined || end === undefined) continue;
    const text = original.text.slice(start, end).replace(/\r\n?/g, '\n');
    // an editor's comments are for the original's editors
    if (node.type === 'html' && isHtmlComment(node.value)) continue;
    if (node.type === 'heading' && node.depth === 2) {
      const kind = sectionKind(toString(node), input.originalLocale);
      const heading = kind && sectionHeading(kind, toString(node), input.originalLocale, input.locale);
      if (kind && heading) {
        section = kind;
        out.push(heading.includes(UNTRANSLATED) ? `${htmlComment(from, text)}\n## ${heading}` : `## ${heading}`);
        continue;
      }
    }
    // not words: link definitions, code, rules, raw HTML; a contacts section's list (names, phones, e-mails)
    if (node.type === 'definition' || node.type === 'code' || node.type === 'thematicBreak' || node.type === 'html' || (section === 'contacts' && node.type === 'list')) {
      out.push(text);
      continue;
    }
    const blank = placeholderBlock(node, text, start);
    out.push(blank === text ? text : `${htmlComment(from, text)}\n${blank}`);
  }
  return out;
}

/** The text of a new translation of `input.original`. */
export function translationSkeleton(input: SkeletonInput): string {
  return `${frontMatter(input).join('\n')}\n\n${body(input).join('\n\n')}\n`;
}
