/**
 * Random press-release sources, as a user could write them, for the property
 * suite (property.test.ts): front matter in the six languages with both
 * templates, and a body of every Markdown construct, every kind of link target
 * and Unicode's hard cases. Each piece of Markdown is built with the text a
 * reader sees, so that the words every output must print are known without
 * parsing the source again, and with what must never be printed (comments,
 * targets that are not live links).
 */
import fc from 'fast-check';

export const LANGS = ['en', 'fr', 'es', 'ru', 'ar', 'zh'] as const;
export type Lang = (typeof LANGS)[number];

/** Markdown, the text a reader sees, the words no output may print, the link targets no output may print or link to. */
export interface Piece {
  md: string;
  text: string;
  hidden: string[];
  hostile: string[];
}

export interface GeneratedSource {
  lang: Lang;
  template: 'default' | 'wire';
  /** the whole source file */
  source: string;
  /** what every output must show: headline, subheadline, body as read, contacts */
  visible: string;
  /** words of HTML comments: never printed */
  hidden: string[];
  /** distinctive parts of link targets that must be neither printed in the text nor linked */
  hostile: string[];
  /** over the bounds (size, depth): refused by design */
  overLimit: boolean;
}

const piece = (md: string, text = md, hidden: string[] = [], hostile: string[] = []): Piece => ({ md, text, hidden, hostile });
const join = (ps: readonly Piece[], sep = ' ', textSep = sep): Piece => ({
  md: ps.map((p) => p.md).join(sep),
  text: ps.map((p) => p.text).join(textSep),
  hidden: ps.flatMap((p) => p.hidden),
  hostile: ps.flatMap((p) => p.hostile),
});

// ---- words ----

/** Words of each language; none is a section name of the templates (Background, Contacts, About, О, عن, 关于 …). */
const POOL: Record<Lang, readonly string[]> = {
  en: ['water', 'council', 'report', 'village', 'harbour', 'teacher', 'budget', 'garden', 'rights', 'season', 'children', 'it’s', "don't", 'UNICEF'],
  fr: ['rapport', 'eau', 'comité', 'école', 'été', 'garçon', 'naïve', 'cœur', 'œuvre', 'façade', 'l’accès', "aujourd'hui"],
  es: ['informe', 'niño', 'agua', 'corazón', 'pingüino', 'señora', 'año', 'canción', 'ACNUDH'],
  ru: ['доклад', 'вода', 'комитет', 'школа', 'ёлка', 'объём', 'подъезд', 'человек', 'ООН'],
  ar: ['مياه', 'تقرير', 'مدينة', 'تمويل', 'الأمم', 'المتحدة', 'مُحَمَّد', 'حقوق', 'سكان', 'الإنسان', 'لا'],
  zh: ['水', '报告', '委员会', '城市', '人权', '儿童', '教育', '联合国', '妇女'],
};

/** Unicode's hard cases, each as written and as read. */
const EDGE: readonly string[] = [
  'Zoe\u0308',
  'man\u0303ana',
  'e\u0301te\u0301',
  'q\u0301',
  'Ångström',
  'İstanbul',
  'straße',
  'ﬁnance',
  'Ａｂｃ',
  '👩‍👩‍👧‍👦',
  '👍🏽',
  '🏳️‍🌈',
  '🇺🇳',
  '10\u00A0000',
  '5\u202F%',
  'a\u00A0b',
  'x\u2009y',
  'UNICEF مياه',
  'مياه UNICEF 2026',
  'COVID-19',
  '1.1',
  '١٢٣',
  'Ⅻ',
  'ǅemal',
  'ﷺ',
  'שלום',
  'עברית UN',
  'Ελλάδα',
  'देवनागरी',
  'ไทย',
];

/** Characters Markdown reads: as written, and the text a reader sees. */
const TRICKY: readonly [string, string][] = [
  ['AT&T', 'AT&T'],
  ['C#', 'C#'],
  ['x_y_z', 'x_y_z'],
  ['a\\*b', 'a*b'],
  ['\\[note\\]', '[note]'],
  ['50 %', '50 %'],
  ['&copy;', '©'],
  ['&#1605;', 'م'],
  ['a < b', 'a < b'],
  ['Q&A', 'Q&A'],
];

const QUOTES: readonly [string, string][] = [
  ['“', '”'],
  ['«\u00A0', '\u00A0»'],
  ['«', '»'],
  ['„', '“'],
  ['‹', '›'],
  ['‘', '’'],
  ['"', '"'],
  ['「', '」'],
  ['『', '』'],
];

const LETTERS = 'abcdefghijklmnopqrstuvwxyzабвгдежзийклмнопрстуфхцчшщыэюяéèüößñ';

/** A word wider than any line: up to 600 letters. */
const longWord = fc
  .tuple(fc.integer({ min: 40, max: 600 }), fc.integer({ min: 0, max: 1000 }))
  .map(([n, seed]) => Array.from({ length: n }, (_, i) => LETTERS[(seed + i * 7 + ((i * i) % 13)) % LETTERS.length]).join(''));

/** A word; `tricky`: also Markdown's characters (never inside emphasis, where they could pair with its delimiters, nor in Chinese, written without spaces). */
function word(lang: Lang, tricky: boolean): fc.Arbitrary<Piece> {
  return fc.oneof(
    { weight: 12, arbitrary: fc.constantFrom(...POOL[lang]).map((w) => piece(w)) },
    { weight: 2, arbitrary: fc.constantFrom(...POOL.en, ...POOL.ar, ...POOL.zh).map((w) => piece(w)) },
    { weight: 3, arbitrary: fc.constantFrom(...EDGE).map((w) => piece(w)) },
    ...(tricky && lang !== 'zh' ? [{ weight: 2, arbitrary: fc.constantFrom(...TRICKY).map(([md, text]) => piece(md, text)) }] : []),
    { weight: 1, arbitrary: longWord.map((w) => piece(w)) },
  );
}

const sepOf = (lang: Lang) => (lang === 'zh' ? '' : ' ');

function words(lang: Lang, min: number, max: number, tricky = true): fc.Arbitrary<Piece> {
  return fc.array(word(lang, tricky), { minLength: min, maxLength: max }).map((ws) => join(ws, sepOf(lang)));
}

/** Plain words for places where Markdown's characters would change the meaning (headings of tables, YAML). */
function plain(lang: Lang, min: number, max: number): fc.Arbitrary<string> {
  return fc.array(fc.constantFrom(...POOL[lang], ...EDGE.slice(0, 12)), { minLength: min, maxLength: max }).map((ws) => ws.join(sepOf(lang)));
}

// ---- links ----

/** Link targets of every scheme: [as written in Markdown (inside <…>), live?, a distinctive part that must not be printed when not live]. */
function target(n: number): fc.Arbitrary<{ md: string; live: boolean; mark?: string }> {
  const t = (md: string, live: boolean, mark?: string) => ({ md, live, ...(mark ? { mark } : {}) });
  return fc.constantFrom(
    t(`https://www.example.org/r/${n}`, true),
    t(`http://example.org/p?q=${n}&r=2`, true),
    t('mailto:desk@example.org', true),
    t('tel:+41229179362', true),
    t(`javascript:alert(${n}01)`, false, `alert(${n}01)`),
    t(`JaVaScRiPt:alert(${n}02)`, false, `alert(${n}02)`),
    t(`jav&#x09;ascript:alert(${n}03)`, false, `alert(${n}03)`),
    t(`java&#10;script:alert(${n}04)`, false, `alert(${n}04)`),
    t(` javascript:alert(${n}05)`, false, `alert(${n}05)`),
    t(`data:text/html;base64,PHNjcmlwdD4${n}`, false, `PHNjcmlwdD4${n}`),
    t(`file:///etc/passwd${n}`, false, `passwd${n}`),
    t(`vbscript:msgbox(${n})`, false, `msgbox(${n})`),
    t(`ms-msdt:/id%20PCWDiagnostic${n}`, false, `PCWDiagnostic${n}`),
    t(`\\\\\\\\host${n}\\\\share`, false, `host${n}`),
    t(`reports/annex-${n}.pdf`, false, `annex-${n}`),
    t('#', false),
    t('', false),
    t(`#section${n}`, false, `section${n}`),
  );
}

/** Inline links, reference-style links, autolinks and images. Definitions go at the end of the source (`defs`). */
function link(lang: Lang): fc.Arbitrary<{ p: Piece; defs: string[] }> {
  return fc
    .tuple(fc.integer({ min: 1, max: 999 }), words(lang, 1, 3), fc.constantFrom('inline', 'angle', 'title', 'full', 'collapsed', 'image', 'imageRef', 'auto', 'autoHostile', 'bare'))
    .chain(([n, text, kind]) => target(n).map((tg) => ({ n, text, kind, tg })))
    .map(({ n, text, kind, tg }) => {
      const ref = `ref${n}`;
      const hostile = !tg.live && tg.mark ? [tg.mark] : [];
      const def = `[${ref}]: <${tg.md}>`;
      switch (kind) {
        case 'inline':
          return { p: piece(`[${text.md}](<${tg.md}>)`, text.text, text.hidden, hostile), defs: [] };
        case 'angle':
          return { p: piece(`[${text.md}](<${tg.md}>)`, text.text, text.hidden, hostile), defs: [] };
        case 'title':
          return { p: piece(`[${text.md}](<${tg.md}> "title words")`, text.text, text.hidden, hostile), defs: [] };
        case 'full':
          return { p: piece(`[${text.md}][${ref}]`, text.text, text.hidden, hostile), defs: [def] };
        case 'collapsed':
          return { p: piece(`[${ref}][]`, ref, [], hostile), defs: [def] };
        case 'image':
          return { p: piece(`![${text.md}](<${tg.md}>)`, text.text, text.hidden, hostile), defs: [] };
        case 'imageRef':
          return { p: piece(`![${text.md}][${ref}]`, text.text, text.hidden, hostile), defs: [def] };
        case 'auto':
          return { p: piece(`<https://www.example.org/a/${n}>`, `https://www.example.org/a/${n}`), defs: [] };
        case 'autoHostile':
          // an autolink's words are its address: printed as words, never a link
          return { p: piece(`<javascript:alert(${n}99)>`, `javascript:alert(${n}99)`), defs: [] };
        default:
          return { p: piece(`www.example.org/b/${n}`, `www.example.org/b/${n}`), defs: [] };
      }
    });
}

// ---- inlines and blocks ----

const HIDDEN = ['occultum', 'verborgen', 'skrytyj', 'nascosto'];

interface Built {
  p: Piece;
  defs: string[];
}

function inline(lang: Lang, depth: number): fc.Arbitrary<Built> {
  const w = words(lang, 1, 6).map((p) => ({ p, defs: [] as string[] }));
  const wrap = (open: string, close = open) => words(lang, 1, 4, false).map((p) => ({ p: { ...p, md: `${open}${p.md}${close}` }, defs: [] as string[] }));
  return fc.oneof(
    { weight: 10, arbitrary: w },
    { weight: 2, arbitrary: wrap('*') },
    { weight: 1, arbitrary: wrap('_') },
    { weight: 2, arbitrary: wrap('**') },
    { weight: 1, arbitrary: wrap('__') },
    { weight: 1, arbitrary: wrap('~~') },
    { weight: 1, arbitrary: wrap('***') },
    { weight: 2, arbitrary: plain(lang, 1, 3).map((t) => ({ p: piece(`\`${t}\``, t), defs: [] as string[] })) },
    { weight: 4, arbitrary: link(lang) },
    {
      weight: 2,
      arbitrary: fc.tuple(fc.constantFrom(...QUOTES), words(lang, 1, 5)).map(([[o, c], p]) => ({ p: { ...p, md: `${o}${p.md}${c}`, text: `${o}${p.text}${c}` }, defs: [] as string[] })),
    },
    { weight: 1, arbitrary: fc.constantFrom(...HIDDEN).map((h) => ({ p: piece(`<!-- ${h} -->`, '', [h]), defs: [] as string[] })) },
    ...(depth < 2
      ? [
          {
            weight: 1,
            arbitrary: fc.array(inline(lang, depth + 1), { minLength: 1, maxLength: 3 }).map((xs) => {
              const j = join(
                xs.map((x) => x.p),
                ' ',
              );
              return { p: { ...j, md: `**${j.md}**` }, defs: xs.flatMap((x) => x.defs) };
            }),
          },
        ]
      : []),
  );
}

/** A paragraph: inlines, now and then a hard break (two spaces or a backslash at the end of a line). */
function paragraph(lang: Lang): fc.Arbitrary<Built> {
  return fc.array(fc.tuple(inline(lang, 0), fc.constantFrom(' ', ' ', ' ', ' ', '  \n', '\\\n')), { minLength: 1, maxLength: 8 }).map((xs) => {
    let md = '';
    let text = '';
    xs.forEach(([x, sep], i) => {
      const last = i === xs.length - 1;
      md += x.p.md + (last ? '.' : sep);
      text += x.p.text + (last ? '.' : sep.includes('\n') ? '\n' : ' ');
    });
    return { p: { md, text, hidden: xs.flatMap(([x]) => x.p.hidden), hostile: xs.flatMap(([x]) => x.p.hostile) }, defs: xs.flatMap(([x]) => x.defs) };
  });
}

const indent = (s: string, by: string, first = by) =>
  s
    .split('\n')
    .map((l, i) => (i === 0 ? first : l ? by : by.trimEnd()) + l)
    .join('\n');

function list(lang: Lang, depth: number): fc.Arbitrary<Built> {
  return fc
    .tuple(
      fc.boolean(),
      fc.constantFrom('-', '*', '+'),
      fc.constantFrom('.', ')'),
      fc.integer({ min: 0, max: 12 }),
      fc.array(fc.tuple(paragraph(lang), depth < 3 ? fc.option(list(lang, depth + 1), { freq: 4, nil: undefined }) : fc.constant(undefined)), { minLength: 1, maxLength: 4 }),
    )
    .map(([ordered, bullet, delim, start, items]) => {
      const lines: string[] = [];
      const text: string[] = [];
      items.forEach(([p, sub], i) => {
        const marker = ordered ? `${start + i}${delim} ` : `${bullet} `;
        const pad = ' '.repeat(marker.length);
        lines.push(indent(p.p.md, pad, marker));
        text.push(p.p.text);
        if (sub) {
          lines.push(indent(sub.p.md, pad));
          text.push(sub.p.text);
        }
      });
      const all = items.flatMap(([p, sub]) => (sub ? [p, sub] : [p]));
      return { p: { md: lines.join('\n'), text: text.join('\n'), hidden: all.flatMap((x) => x.p.hidden), hostile: all.flatMap((x) => x.p.hostile) }, defs: all.flatMap((x) => x.defs) };
    });
}

function quote(lang: Lang): fc.Arbitrary<Built> {
  return fc
    .tuple(
      fc.array(paragraph(lang), { minLength: 1, maxLength: 2 }),
      fc.option(fc.tuple(fc.constantFrom('—', '–', '―'), fc.constantFrom(...NAMES), fc.option(plain(lang, 1, 3), { nil: undefined })), { nil: undefined }),
    )
    .map(([ps, attribution]) => {
      const blocks = ps.map((p) => p.p.md);
      const text = ps.map((p) => p.p.text);
      if (attribution) {
        const [dash, name, role] = attribution;
        const line = role ? `${name}, ${role}` : name;
        blocks.push(`${dash} ${line}`);
        text.push(line);
      }
      return {
        p: { md: blocks.map((b) => indent(b, '> ')).join('\n>\n'), text: text.join('\n'), hidden: ps.flatMap((p) => p.p.hidden), hostile: ps.flatMap((p) => p.p.hostile) },
        defs: ps.flatMap((p) => p.defs),
      };
    });
}

function table(lang: Lang): fc.Arbitrary<Built> {
  return fc.integer({ min: 2, max: 4 }).chain((cols) =>
    fc
      .tuple(
        fc.array(plain(lang, 1, 2), { minLength: cols, maxLength: cols }),
        fc.array(fc.constantFrom('---', ':---', '---:', ':---:'), { minLength: cols, maxLength: cols }),
        fc.array(
          fc.array(
            words(lang, 1, 3).filter((p) => !p.md.includes('|') && !p.md.includes('\n')),
            { minLength: cols, maxLength: cols },
          ),
          { minLength: 1, maxLength: 4 },
        ),
      )
      .map(([head, align, rows]) => ({
        p: {
          md: [`| ${head.join(' | ')} |`, `| ${align.join(' | ')} |`, ...rows.map((r) => `| ${r.map((c) => c.md).join(' | ')} |`)].join('\n'),
          text: [head.join(' \n '), ...rows.map((r) => r.map((c) => c.text).join(' \n '))].join('\n'),
          hidden: [],
          hostile: rows.flat().flatMap((c) => c.hostile),
        },
        defs: [],
      })),
  );
}

function code(lang: Lang): fc.Arbitrary<Built> {
  return fc
    .tuple(fc.constantFrom('```', '~~~', '````', 'indent'), fc.option(fc.constantFrom('js', 'text', 'yaml'), { nil: undefined }), fc.array(plain(lang, 1, 6), { minLength: 1, maxLength: 4 }))
    .map(([fence, info, lines]) => ({
      p: piece(fence === 'indent' ? lines.map((l) => `    ${l}`).join('\n') : `${fence}${info ?? ''}\n${lines.join('\n')}\n${fence}`, lines.join('\n')),
      defs: [],
    }));
}

const NAMES = ['Amara Lindqvist', 'Jean-Luc Ndiaye', 'Zoë Ó Briain', 'Иван Петров', 'فاطمة الزهراء', '王小明', 'José Núñez', 'Nguyễn Thị Minh'];

function block(lang: Lang): fc.Arbitrary<Built> {
  const b = (md: string) => ({ p: piece(md, ''), defs: [] as string[] });
  return fc.oneof(
    { weight: 10, arbitrary: paragraph(lang) },
    { weight: 2, arbitrary: fc.tuple(fc.integer({ min: 1, max: 6 }), plain(lang, 1, 5)).map(([n, t]) => ({ p: piece(`${'#'.repeat(n)} ${t}`, t), defs: [] as string[] })) },
    { weight: 3, arbitrary: list(lang, 0) },
    { weight: 2, arbitrary: quote(lang) },
    { weight: 2, arbitrary: table(lang) },
    { weight: 1, arbitrary: code(lang) },
    { weight: 1, arbitrary: fc.constantFrom('***', '---', '___', '- - -').map(b) },
    { weight: 1, arbitrary: fc.constantFrom(...HIDDEN).map((h) => ({ p: piece(`<!--\n${h}\n-->`, '', [h]), defs: [] as string[] })) },
    { weight: 1, arbitrary: plain(lang, 1, 3).map((t) => ({ p: piece(`<div>${t}</div>`, `div ${t} div`), defs: [] as string[] })) },
  );
}

// ---- front matter ----

const CITY: Record<Lang, string> = { en: 'Geneva', fr: 'Genève', es: 'Ginebra', ru: 'Женева', ar: 'جنيف', zh: '日内瓦' };
const PHONES = ['+41 (0) 22 917 9362', '+41 22 928 9855', '+1 212 555 0147', '+7 495 787 2100'];
const EMAILS = ['press@example.org', 'a.lindqvist@example.org', 'media.desk@example.org'];

const yamlString = (s: string) => JSON.stringify(s);

function contact(lang: Lang) {
  return fc.record(
    { name: fc.constantFrom(...NAMES), role: plain(lang, 1, 2), organization: plain(lang, 1, 3), phone: fc.constantFrom(...PHONES), email: fc.constantFrom(...EMAILS) },
    { requiredKeys: ['name'] },
  );
}

/** The heading a press office gives its contacts section, from the template's own list (`sections.contacts`). */
export type ContactsHeadings = Record<Lang, string>;

/** A whole source: front matter, body (mostly a lead paragraph first), reference definitions; now and then one over the bounds. */
export function sourceArb(headings: ContactsHeadings): fc.Arbitrary<GeneratedSource> {
  return fc.constantFrom(...LANGS).chain((lang) =>
    fc
      .record({
        template: fc.constantFrom('default' as const, 'wire' as const),
        headline: plain(lang, 2, 8),
        subheadline: fc.option(plain(lang, 2, 6), { nil: undefined }),
        reference: fc.option(
          fc.integer({ min: 1, max: 999 }).map((n) => `PR/26/${n}`),
          { nil: undefined },
        ),
        embargo: fc.option(fc.constant('2026-03-22T10:00:00-04:00'), { nil: undefined, freq: 5 }),
        contactsAt: fc.constantFrom('none', 'front', 'body'),
        contacts: fc.array(contact(lang), { minLength: 1, maxLength: 3 }),
        leadFirst: fc.oneof({ weight: 9, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
        lead: paragraph(lang),
        blocks: fc.array(block(lang), { minLength: 0, maxLength: 8 }),
        over: fc.oneof({ weight: 40, arbitrary: fc.constant('no') }, { weight: 1, arbitrary: fc.constant('deep') }, { weight: 1, arbitrary: fc.constant('big') }),
        crlf: fc.oneof({ weight: 8, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
      })
      .map((g): GeneratedSource => {
        const fm = ['---', `headline: ${yamlString(g.headline)}`];
        if (g.subheadline) fm.push(`subheadline: ${yamlString(g.subheadline)}`);
        fm.push(`dateline: {city: ${yamlString(CITY[lang])}, date: 2026-03-22}`, `lang: ${lang}`, `template: ${g.template}`);
        if (g.reference) fm.push(`reference: ${g.reference}`);
        if (g.embargo) fm.push(`embargo: ${g.embargo}`);
        const visible = [g.headline, g.subheadline ?? ''];
        const body = g.leadFirst ? [g.lead, ...g.blocks] : [...g.blocks, g.lead];
        const mds = body.map((b) => b.p.md);
        visible.push(...body.map((b) => b.p.text));
        if (g.contactsAt === 'front') {
          fm.push('contacts:');
          for (const c of g.contacts) {
            fm.push(`  - name: ${yamlString(c.name)}`);
            for (const k of ['role', 'organization', 'phone', 'email'] as const) if (c[k]) fm.push(`    ${k}: ${yamlString(c[k]!)}`);
            visible.push([c.name, c.role, c.organization].filter(Boolean).join('\n'));
          }
        } else if (g.contactsAt === 'body') {
          mds.push(`## ${headings[lang]}`, g.contacts.map((c) => `- ${[c.name, c.role, c.phone, c.email].filter(Boolean).join(', ')}`).join('\n'));
          visible.push(...g.contacts.map((c) => [c.name, c.role].filter(Boolean).join('\n')));
        }
        if (g.over === 'deep') mds.push(`${'> '.repeat(40)}${g.headline}`);
        if (g.over === 'big') mds.push(Array.from({ length: Math.ceil(1_100_000 / (g.lead.p.md.length + 2)) }, () => g.lead.p.md).join('\n\n'));
        const defs = body.flatMap((b) => b.defs);
        if (defs.length) mds.push(defs.join('\n'));
        fm.push('---');
        let source = [...fm, '', mds.join('\n\n'), ''].join('\n');
        if (g.crlf) source = source.replace(/\n/g, '\r\n');
        return {
          lang,
          template: g.template,
          source,
          visible: visible.join('\n'),
          hidden: body.flatMap((b) => b.p.hidden),
          hostile: body.flatMap((b) => b.p.hostile),
          overLimit: g.over !== 'no',
        };
      }),
  );
}
