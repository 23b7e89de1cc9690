/**
 * Quotes: quoted speech with its attribution in the same paragraph, and block
 * quotes whose last paragraph names the speaker (docs/source-format.md#quotes). Speech verbs,
 * honorifics and articles come from the locale data.
 */
import type { Blockquote, Node, Paragraph, RootContent } from 'mdast';
import type { LineIndex } from '../../messages.js';
import type { LocaleData } from '../../templates/types.js';
import { type QuoteSpan, scanQuotes } from '../../text/quotes.js';
import type { Quote, SourceRange } from '../types.js';
import { rangeOf } from './blocks.js';
import { type PositionedText, positionedText } from './text.js';

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const alternatives = (list: readonly string[]) =>
  [...list]
    .sort((a, b) => b.length - a.length)
    .map(escape)
    .join('|') || '(?!)';

/** Name particles that may stand lower-case inside a name (Ines de Souza, Ludwig van Beethoven). */
const PARTICLES = ['de', 'da', 'do', 'dos', 'das', 'del', 'della', 'di', 'du', 'van', 'von', 'der', 'den', 'la', 'le', 'bin', 'ibn', 'al', 'el'];

interface Patterns {
  verbFirst: RegExp;
  speakerFirst: RegExp;
  /** before the quotation, speaker then verb: `Leinarte said: “…”`, `Leinarte declaró que «…»` */
  introduces: RegExp;
  /** before the quotation, verb then speaker (`introduce: [verb-speaker]`): `وقالت لينارتي: «…»` */
  introducesVerbFirst?: RegExp;
  /** before the quotation, `according to X,`; `self`: a phrase that stands for the last speaker (`по её словам`) */
  according: { re: RegExp; self: boolean }[];
  honorific: RegExp;
  /** a title inside the words of a speaker, and the name after it */
  title?: RegExp;
  article: RegExp;
  pronoun: RegExp;
}

const patternCache = new WeakMap<LocaleData, Patterns>();

/**
 * How names are written, from the locale's `speech.names`:
 * - `capitalized` (Latin, Cyrillic, Greek): capitalized words and initials, with particles (de, van);
 * - `han` (Chinese): Han characters, given name and surname joined by `·`, no spaces around the verb
 *   (the name is matched lazily, so that `莱纳特强调说` stops before the verb);
 * - `words` (Arabic, no letter case): up to four words.
 * In every shape, no word of the locale's `notNames` (Spanish `Y`, Arabic `في`) is part of a name.
 */
const NAME_SHAPES = {
  capitalized: {
    token: `(?:[\\p{Lu}]\\.|[\\p{Lu}][\\p{L}\\p{M}'’\\-]*)`,
    join: `\\s+(?:(?:${alternatives(PARTICLES)})\\s+)?`,
    max: 4,
    gap: '\\s+',
    verbEnd: '(?![\\p{L}])',
    verbStart: '(?<![\\p{L}\\p{M}])',
  },
  han: { token: '[\\p{Script=Han}]{1,8}?', join: '[·・\\-]', max: 3, gap: '\\s*', verbEnd: '', verbStart: '' },
  words: { token: '[\\p{L}\\p{M}\\-]+', join: '\\s+', max: 3, gap: '\\s+', verbEnd: '(?![\\p{L}])', verbStart: '(?<![\\p{L}\\p{M}])' },
} as const;

/** Punctuation of many scripts: Latin, Arabic (، ؛ ؟) and CJK full-width (， ： 。). */
const COMMA = '[,،，、]';
const STOP = '.;!?。；！？؛؟';
const QUOTES = '“”«»"「」';
/** How far before a quotation the words that introduce it are looked for, in UTF-16 code units: a long appositive fits. */
const INTRODUCTION = 400;

/** A phrase's pattern whose first letter matches in either case (`По словам`, `по словам`). */
const anyCase = (phrase: string) => {
  const first = phrase[0] ?? '';
  const rest = escape(phrase.slice(1)).replace(/ +/g, '\\s+');
  return first.toLowerCase() === first.toUpperCase() ? escape(first) + rest : `[${first.toLowerCase()}${first.toUpperCase()}]${rest}`;
};

function patterns(locale: LocaleData): Patterns {
  const cached = patternCache.get(locale);
  if (cached) return cached;
  const { verbs, honorifics, articles } = locale.speech;
  const pronouns = locale.speech.pronouns ?? [];
  const titles = locale.speech.titles ?? [];
  const notNames = locale.speech.notNames ?? [];
  const shape = NAME_SHAPES[locale.speech.names ?? 'capitalized'];
  const token = notNames.length ? `(?!(?:${alternatives(notNames)})(?![\\p{L}\\p{M}]))${shape.token}` : shape.token;
  const name = `${token}(?:${shape.join}${token}){0,${shape.max}}`;
  const prefix = (list: readonly string[]) => (list.length ? `(?:(?:${alternatives(list)})${shape.gap})?` : '');
  const speaker = `(?<speaker>${prefix(articles)}${prefix(honorifics)}${prefix(titles)}${name}${pronouns.length ? `|(?:${alternatives(pronouns)})` : ''})`;
  const verbPrefixes = locale.speech.verbPrefixes ?? [];
  const verb = `${verbPrefixes.length ? `(?:${alternatives(verbPrefixes)})?` : ''}(?:${alternatives(verbs)})${shape.verbEnd}`;
  const between = shape.gap === '\\s+' ? `${shape.gap}(?:\\p{Ll}+\\s+){0,2}` : shape.gap;
  const lead = `^\\s*(?:${COMMA}|[;:：])?\\s*(?:[—–-]\\s*)?`;
  const that = locale.speech.that ?? [];
  // the end of words that introduce a quotation: a comma, a colon or a `that` word, just before the quotation mark
  const end = `(?:${COMMA}|[:：]${that.length ? `|${shape.gap === '\\s*' ? '' : '\\s'}(?:${alternatives(that)})${shape.verbEnd}` : ''})\\s*$`;
  const order = locale.speech.introduce ?? ['speaker-verb'];
  const p: Patterns = {
    verbFirst: new RegExp(`${lead}${verb}${shape.gap}${speaker}(?:${COMMA}\\s*(?<role>[^${STOP}${QUOTES}]+))?`, 'u'),
    speakerFirst: new RegExp(`${lead}${speaker}${between}${verb}`, 'u'),
    introduces: order.includes('speaker-verb') ? new RegExp(`${speaker}${between}${verb}[^${STOP}${QUOTES}]*?${end}`, 'u') : /(?!)/u,
    ...(order.includes('verb-speaker')
      ? {
          introducesVerbFirst: new RegExp(`${shape.verbStart}${verb}${shape.gap}${speaker}(?:${COMMA}\\s*(?<role>[^${STOP}${QUOTES}:：]+?)|\\s[^${STOP}${QUOTES}]*?)?\\s*${end}`, 'u'),
        }
      : {}),
    according: (locale.speech.according ?? []).map((phrase) => {
      const [before, after] = phrase.split('{speaker}');
      const self = after === undefined;
      const words = self ? anyCase(before!) : `${anyCase(before!)}${speaker}${escape(after!)}`;
      return { re: new RegExp(`${shape.verbStart}${words}\\s*${COMMA}?\\s*$`, 'u'), self };
    }),
    honorific: new RegExp(`^(?:(?:${alternatives(honorifics)})${shape.gap})+`, 'u'),
    ...(titles.length
      ? {
          title: new RegExp(shape.gap === '\\s*' ? `^(?<title>.*?(?:${alternatives(titles)}))[\\s·]*(?<name>\\S.*)$` : `^(?<title>(?:.*?\\s)?(?:${alternatives(titles)}))\\s+(?<name>\\S.*)$`, 'u'),
        }
      : {}),
    article: new RegExp(`^(?:${alternatives(articles)})${shape.gap}`, 'u'),
    pronoun: new RegExp(`^(?:${alternatives(pronouns)})$`, 'u'),
  };
  patternCache.set(locale, p);
  return p;
}

interface Speaker {
  name: string;
  role?: string;
  title?: string;
  kind: 'person' | 'organization';
}

/** Who has spoken so far, to resolve `Leinarte` to `Dalia Leinarte` and `she` to the last speaker. */
class Speakers {
  private readonly known: Speaker[] = [];
  private last?: Speaker;
  private readonly articles: boolean;
  constructor(
    private readonly p: Patterns,
    locale: LocaleData,
  ) {
    this.articles = locale.speech.articles.length > 0;
  }

  /** the last speaker named, for words that stand for them (`по её словам`) */
  get latest(): Speaker | undefined {
    return this.last;
  }

  resolve(raw: string, role?: string): Speaker {
    const written = raw.trim();
    if (this.p.pronoun.test(written) && this.last) return this.last;
    const afterArticle = written.replace(this.p.article, '');
    let name = afterArticle.replace(this.p.honorific, '').trim();
    // a title before the name is the speaker's title, not part of the name: `Special Rapporteur Ana Souza`, `委员会委员达利娅·莱纳特`
    const t = this.p.title?.exec(name);
    const title = t?.groups?.title?.trim();
    if (t?.groups?.name) name = t.groups.name.trim();
    // `la Sra. Leinarte`, `the Special Rapporteur Ana Souza`: an article before an honorific or a title is a person's
    const personal = name !== afterArticle.trim() || title !== undefined;
    const isOrg = (this.p.article.test(written) && this.articles && !personal) || /^\p{Lu}{2,}$/u.test(written);
    const kind = isOrg ? 'organization' : 'person';
    let found = this.known.find((s) => s.name === name);
    if (!found && !/[\s·・]/.test(name)) {
      found = this.known.find((s) => s.kind === kind && s.name.split(/[\s·・]+/).pop() === name);
    }
    if (!found) {
      found = { name, kind, ...(role ? { role } : {}), ...(title ? { title } : {}) };
      this.known.push(found);
    } else {
      if (role && !found.role) found.role = role;
      if (title && !found.title) found.title = title;
    }
    this.last = found;
    return found;
  }
}

function toQuote(text: string, speaker: Speaker | undefined, form: Quote['form'], range: SourceRange): Quote {
  return {
    text,
    ...(speaker ? { speaker: speaker.name, speakerKind: speaker.kind, ...(speaker.title ? { title: speaker.title } : {}), ...(speaker.role ? { role: speaker.role } : {}) } : {}),
    form,
    range,
  };
}

function cleanRole(role: string | undefined, locale: LocaleData): string | undefined {
  const r = role
    ?.trim()
    .replace(/[,;:،，：]$/, '')
    .trim();
  if (!r || locale.speech.verbs.includes(r)) return undefined;
  return r;
}

function inlineQuotes(para: Paragraph, locale: LocaleData, speakers: Speakers, index: LineIndex): Quote[] {
  const p = patterns(locale);
  const pt: PositionedText = positionedText(para);
  const spans = scanQuotes(pt.text, locale.quotes).spans.filter((s) => s.depth === 0);
  const out: Quote[] = [];
  let previous: Speaker | undefined;
  spans.forEach((s: QuoteSpan, i) => {
    const after = pt.text.slice(s.close + 1, spans[i + 1]?.open ?? pt.text.length);
    // words that introduce a quotation stand just before it: only the last INTRODUCTION characters are searched,
    // so that a long paragraph is not searched again from every word (the patterns are not anchored at the start)
    const before = pt.text.slice(Math.max(i > 0 ? spans[i - 1]!.close + 1 : 0, s.open - INTRODUCTION), s.open);
    let speaker: Speaker | undefined;
    // after the quotation (`“…,” said X`, `“…,” X said`), else before it (`X said: “…”`, `قالت X: «…»`, `according to X, “…”`)
    const m = p.verbFirst.exec(after) ?? p.speakerFirst.exec(after) ?? p.introduces.exec(before) ?? p.introducesVerbFirst?.exec(before) ?? null;
    const according = m ? undefined : p.according.map((x) => ({ ...x, m: x.re.exec(before) })).find((x) => x.m);
    if (m?.groups?.speaker) speaker = speakers.resolve(m.groups.speaker, cleanRole(m.groups.role, locale));
    else if (according?.m?.groups?.speaker) speaker = speakers.resolve(according.m.groups.speaker);
    else if (according?.self) speaker = speakers.latest;
    else if (previous) speaker = previous; // a quote that goes on after its attribution
    previous = speaker ?? previous;
    const text = pt.text
      .slice(s.open + 1, s.close)
      .trim()
      .replace(/[,،，]$/, '');
    const start = pt.offsets[s.open]!;
    const end = pt.offsets[s.close]! + 1;
    out.push(toQuote(text, speaker, 'inline', { start: index.point(start), end: index.point(end) }));
  });
  return out;
}

function blockQuote(node: Blockquote, locale: LocaleData, speakers: Speakers): Quote | undefined {
  const range = rangeOf(node);
  if (!range) return undefined;
  const paras = node.children.filter((c): c is Paragraph => c.type === 'paragraph').map((c) => positionedText(c).text);
  const last = paras[paras.length - 1];
  let speaker: Speaker | undefined;
  let words = paras;
  if (paras.length > 1 && last && /^\s*(?:—|–|--)\s*/.test(last)) {
    words = paras.slice(0, -1);
    const attribution = last.replace(/^\s*(?:—|–|--)\s*/, '');
    const comma = attribution.search(new RegExp(COMMA));
    const name = comma < 0 ? attribution : attribution.slice(0, comma);
    speaker = speakers.resolve(name, cleanRole(comma < 0 ? undefined : attribution.slice(comma + 1), locale));
  }
  return toQuote(words.join('\n\n').trim(), speaker, 'block', range);
}

/** Quotes of the lead and body, in document order. */
export function extractQuotes(nodes: readonly RootContent[], locale: LocaleData, index: LineIndex): Quote[] {
  const speakers = new Speakers(patterns(locale), locale);
  const out: Quote[] = [];
  const walk = (n: Node) => {
    if (n.type === 'paragraph') out.push(...inlineQuotes(n as Paragraph, locale, speakers, index));
    else if (n.type === 'blockquote') {
      const q = blockQuote(n as Blockquote, locale, speakers);
      if (q) out.push(q);
    } else if ('children' in n && Array.isArray(n.children)) for (const c of n.children as Node[]) walk(c);
  };
  for (const n of nodes) walk(n);
  return out;
}
