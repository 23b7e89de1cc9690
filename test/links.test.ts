/**
 * Links, contacts and what must stay whole: no phone number, e-mail address or
 * URL split across lines (PDF read back by pdftotext, plain text wrapped at 40
 * and 72 columns); one link policy in every format; every word of the model in
 * every output, checked over generated releases.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, describe, expect, it } from 'vitest';
import { isLiveTarget } from '../src/model/links.js';
import type { Block, Inline } from '../src/model/types.js';
import type { Loaded } from '../src/release/load.js';
import { compose } from '../src/render/compose.js';
import { docxRenderer } from '../src/render/docx/index.js';
import { pdfRenderer } from '../src/render/pdf/index.js';
import { txtRenderer } from '../src/render/txt.js';
import { ALL_FIXTURES, decodeXml, FIXTURES, letters, loadOrFail, tempDir, words } from './helpers.js';

const tmp = tempDir({
  // a measure narrow enough that contacts' numbers and addresses reach the end of a line
  'templates/narrow/template.yaml': 'name: narrow\nextends: default\npage:\n  margins: { top: 20, right: 70, bottom: 22, left: 70 }\n',
});
afterAll(() => tmp.cleanup());

let serial = 0;

interface Outputs {
  txt: string;
  txt40: string;
  txt72: string;
  /** document.xml's text, a line a paragraph or line break */
  docx: string;
  /** hyperlinks of document.xml: target and words */
  docxLinks: { target: string; text: string }[];
  pdf: string;
  /** the targets of the PDF's link annotations */
  pdfLinks: string[];
}

const xmlText = (xml: string) => decodeXml([...xml.replace(/<w:br\/>/g, '<w:t>\n</w:t>').matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join(''));

async function load(file: string, opts: { text?: string; template?: string } = {}): Promise<Loaded> {
  return loadOrFail(file, { cwd: tmp.dir, ...opts });
}

async function outputs(l: Loaded, formats: { pdf?: boolean; docx?: boolean } = { pdf: true, docx: true }): Promise<Outputs> {
  const composed = compose(l);
  const input = (wrap?: number) => ({ ...l, composed, options: { env: {}, ...(wrap ? { wrap } : {}) }, warn: () => {} });
  const out: Outputs = {
    txt: txtRenderer.render(input()) as string,
    txt40: txtRenderer.render(input(40)) as string,
    txt72: txtRenderer.render(input(72)) as string,
    docx: '',
    docxLinks: [],
    pdf: '',
    pdfLinks: [],
  };
  if (formats.docx) {
    const files = unzipSync((await docxRenderer.render(input())) as Uint8Array);
    const doc = strFromU8(files['word/document.xml']!);
    const rels = strFromU8(files['word/_rels/document.xml.rels']!);
    out.docx = [...doc.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map(([p]) => xmlText(p)).join('\n');
    out.docxLinks = [...doc.matchAll(/<w:hyperlink [^>]*r:id="([^"]+)"[^>]*>([\s\S]*?)<\/w:hyperlink>/g)].map(([, id, xml]) => ({
      target: decodeXml(new RegExp(`Id="${id}"[^>]*Target="([^"]+)"`).exec(rels)?.[1] ?? ''),
      text: xmlText(xml!),
    }));
  }
  if (formats.pdf) {
    const file = path.join(tmp.dir, `out-${++serial}.pdf`);
    writeFileSync(file, (await pdfRenderer.render(input())) as Uint8Array);
    out.pdf = execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
    execFileSync('qpdf', ['--qdf', '--object-streams=disable', file, `${file}.qdf`]);
    out.pdfLinks = [...readFileSync(`${file}.qdf`, 'latin1').matchAll(/\/URI \(((?:[^()\\]|\\.)*)\)/g)].map((m) => m[1]!.replace(/\\(.)/g, '$1'));
  }
  return out;
}

/** Bidi controls and the spaces a layout puts between words: not part of what is compared. */
const clean = (s: string) => s.replace(/[\u200E\u200F\u202A-\u202E\u2066-\u2069]/g, '').replace(/[ \t\u00A0]+/g, ' ');

/**
 * The strings of `candidates` that the output prints broken across lines: not
 * on any one line, but there when the lines are joined (with a space, or with
 * nothing, as after `https://`).
 */
function broken(output: string, candidates: readonly string[]): string[] {
  const lines = clean(output)
    .split('\n')
    .map((l) => l.trim());
  const joined = [lines.join(' '), lines.join('')];
  return [...new Set(candidates.map(clean))].filter((c) => !lines.some((l) => l.includes(c)) && joined.some((j) => j.includes(c)));
}

/** Whether `s` is printed whole on one line of `output`. */
const onOneLine = (output: string, s: string) =>
  clean(output)
    .split('\n')
    .some((l) => l.includes(clean(s)));

/**
 * What must never be split, found in the source with plain patterns (not the
 * code under test): URLs, e-mail addresses and international phone numbers,
 * and the contacts' numbers and addresses from the model.
 */
function wholes(l: Loaded): { all: string[]; contacts: string[] } {
  const src = l.source.text;
  const urls = [...src.matchAll(/\b(?:https?|mailto):[^\s<>()[\]]*[^\s<>()[\].,;:!?'"»”]/g)].map((m) => m[0]);
  const emails = [...src.matchAll(/[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g)].map((m) => m[0]);
  const phones = [...src.matchAll(/\+\d[\d ()-]{5,}\d/g)].map((m) => m[0]);
  const contacts = l.release.contacts.flatMap((c) => [...c.phones, ...c.emails]);
  return { all: [...urls, ...emails, ...phones, ...contacts], contacts };
}

const EDGE_EN = `---
headline: Water utilities asked to publish their tariffs
dateline: {city: Geneva, date: 2026-03-02}
contacts:
  - { name: Jane Roe, role: Spokesperson, organization: UNICEF, phone: "+41 (0) 22 917 9362", email: "jroe@unicef.org / press@unicef.org" }
---

Journalists may call the duty officer on +41 (0) 22 917 9362 at any hour, or write to press-desk@example.org before noon; the full report is published at https://www.example.org/reports/2026/water-and-sanitation/annex-statistical-tables-and-methodology.pdf for everyone.

A [link to nowhere](#) and an [empty one]() and a [real one](https://www.un.org/en/) stay readable.

## Background

See [the committee](https://www.ohchr.org/en/treaty-bodies/cedaw) and <https://www.ohchr.org/en/instruments-mechanisms/instruments/convention-elimination-all-forms-discrimination-against-women>.
`;

const EDGE_ES = `---
headline: El Comité pide proteger a las mujeres migrantes
lang: es
dateline: {city: Ginebra, date: 2026-03-02}
---

Para más información, llame al +41 (0) 22 917 9362 o escriba a vkwok@ohchr.org antes del mediodía, dijo la Oficina.

## Contactos

- Vivian Kwok, Oficial de prensa, ACNUDH, +41 (0) 22 917 9362, vkwok@ohchr.org / media@ohchr.org
- Sección de Medios de la Oficina de Derechos Humanos de la ONU, +41 (0) 22 928 9855, media@ohchr.org
`;

const SOURCES: { name: string; file: string; text?: string }[] = [
  ...ALL_FIXTURES.map((f) => ({ name: f, file: path.join(FIXTURES, f) })),
  { name: 'a long URL and a phone number mid-sentence (en)', file: path.join(tmp.dir, 'edge.md'), text: EDGE_EN },
  { name: 'CEDAW contacts in Spanish', file: path.join(tmp.dir, 'edge.es.md'), text: EDGE_ES },
];

describe('nothing that must stay whole is split across lines', () => {
  it.each(SOURCES.flatMap((s) => [undefined, 'narrow', 'wire'].map((t) => [s.name, t ?? 'its own template', s, t] as const)))(
    '%s, %s: PDF, --wrap 40 and --wrap 72',
    async (_n, _t, s, template) => {
      const l = await load(s.file, { ...(s.text ? { text: s.text } : {}), ...(template ? { template } : {}) });
      const o = await outputs(l, { pdf: true });
      const { all, contacts } = wholes(l);
      expect(contacts.length).toBeGreaterThan(0);
      for (const [format, text] of [
        ['pdf', o.pdf],
        ['txt40', o.txt40],
        ['txt72', o.txt72],
      ] as const) {
        expect({ format, broken: broken(text, all) }).toEqual({ format, broken: [] });
        // the contacts' numbers and addresses are printed, each on one line
        expect({ format, missing: contacts.filter((c) => !onOneLine(text, c)) }).toEqual({ format, missing: [] });
      }
    },
    60_000,
  );

  it('a URL longer than the line stands alone on its line, whole, in text and in the PDF', async () => {
    const l = await load(path.join(tmp.dir, 'edge.md'), { text: EDGE_EN, template: 'narrow' });
    const o = await outputs(l, { pdf: true });
    const url = 'https://www.example.org/reports/2026/water-and-sanitation/annex-statistical-tables-and-methodology.pdf';
    for (const t of [o.txt40, o.txt72]) expect(t.split('\n')).toContain(url);
    expect(o.pdf.split('\n').map((x) => x.trim())).toContain(url);
    expect(o.pdfLinks).toContain(url);
    // the phone number mid-sentence, whole
    for (const t of [o.pdf, o.txt40, o.txt72]) expect(onOneLine(t, '+41 (0) 22 917 9362 at')).toBe(true);
  }, 30_000);
});

describe('links and contacts, decided once', () => {
  it('the contacts sentence keeps the organization, in every format', async () => {
    const l = await load(path.join(tmp.dir, 'edge.md'), { text: EDGE_EN });
    const o = await outputs(l);
    for (const t of [o.txt, o.docx, o.pdf]) expect(clean(t).replace(/\s+/g, ' ')).toContain('Jane Roe (Spokesperson), UNICEF at +41 (0) 22 917 9362 / jroe@unicef.org / press@unicef.org');
    const es = await outputs(await load(path.join(tmp.dir, 'edge.es.md'), { text: EDGE_ES }), { docx: true });
    expect(es.txt.replace(/\s+/g, ' ')).toContain('Vivian Kwok (Oficial de prensa), ACNUDH (+41 (0) 22 917 9362 / vkwok@ohchr.org / media@ohchr.org)');
  }, 30_000);

  it.each(['default', 'wire'])(
    '%s: each e-mail its own mailto link, in DOCX, PDF and text',
    async (template) => {
      const l = await load(path.join(tmp.dir, 'edge.md'), { text: EDGE_EN, template });
      const o = await outputs(l);
      const mail = o.docxLinks.filter((k) => k.target.startsWith('mailto:'));
      expect(mail).toEqual([
        { target: 'mailto:press-desk@example.org', text: 'press-desk@example.org' },
        { target: 'mailto:jroe@unicef.org', text: 'jroe@unicef.org' },
        { target: 'mailto:press@unicef.org', text: 'press@unicef.org' },
      ]);
      expect(o.pdfLinks.filter((k) => k.startsWith('mailto:'))).toEqual(['mailto:press-desk@example.org', 'mailto:jroe@unicef.org', 'mailto:press@unicef.org']);
      // plain text: each address once, as its words
      for (const a of ['jroe@unicef.org', 'press@unicef.org']) expect(o.txt.split(a).length - 1).toBe(1);
      expect(o.txt).not.toContain('mailto:');
    },
    30_000,
  );

  it('Arabic text prints each e-mail address once', async () => {
    const l = await load(path.join(FIXTURES, 'water-report/release.ar.md'));
    const o = await outputs(l, {});
    expect(o.txt.split('a.lindqvist@example.org').length - 1).toBe(1);
    expect(o.txt).not.toContain('<mailto:');
  });

  it('a link to `#` or to nothing is its words alone in every format; a real one is a link', async () => {
    const l = await load(path.join(tmp.dir, 'edge.md'), { text: EDGE_EN });
    const o = await outputs(l);
    for (const t of [o.txt, o.docx, o.pdf]) expect(clean(t).replace(/\s+/g, ' ')).toContain('A link to nowhere and an empty one and a real one');
    expect(o.txt).toContain('A link to nowhere and an empty one and a real one <https://www.un.org/en/> stay readable.');
    expect(o.txt).not.toMatch(/<#>|<>/);
    expect(o.docxLinks.map((k) => k.target)).toContain('https://www.un.org/en/');
    expect(o.docxLinks.map((k) => k.text)).not.toContain('link to nowhere');
    expect(o.docxLinks.map((k) => k.text)).not.toContain('empty one');
    expect(o.pdfLinks).toContain('https://www.un.org/en/');
    expect(o.pdfLinks.filter((k) => k === '#' || k === '')).toEqual([]);
    // one policy: what compose hands the renderers has no link that is not live
    const composed = compose(l);
    const targets: string[] = [];
    const walk = (list: readonly Inline[]): void => list.forEach((i) => (i.type === 'link' ? (targets.push(i.url), walk(i.children)) : 'children' in i ? walk(i.children) : undefined));
    const blocks = (list: readonly Block[]): void =>
      list.forEach((b) =>
        b.type === 'paragraph' || b.type === 'heading' ? walk(b.content) : b.type === 'list' ? b.items.forEach((it) => blocks(it.blocks)) : b.type === 'blockquote' ? blocks(b.blocks) : undefined,
      );
    for (const p of composed.parts) {
      if (p.kind === 'lead') walk(p.content);
      if (p.kind === 'blocks' || p.kind === 'section') blocks(p.blocks);
      if (p.kind === 'contacts') walk(p.sentence ?? []), blocks(p.notes);
    }
    expect(targets.length).toBeGreaterThan(3);
    expect(targets.filter((t) => !isLiveTarget(t))).toEqual([]);
  }, 30_000);
});

// ---- every word of the model in every format, over generated releases ----

/** Invented words: each appears nowhere in a template, a label or a URL, so that it can be counted. */
const TOKENS = [
  'zorblat',
  'quenmir',
  'travolin',
  'besquid',
  'mornavel',
  'plistrum',
  'gavrodin',
  'sundrell',
  'wexalon',
  'frimbote',
  'kaltiver',
  'nuxomar',
  'drevalis',
  'hobrenix',
  'velmora',
  'cristanu',
];
const AR_TOKENS = ['مياه', 'صرف', 'تقرير', 'خبيرة', 'حكومات', 'سكان', 'مدينة', 'تمويل'];
const PHONES = ['+41 (0) 22 917 9362', '+41 22 928 9855', '+1 212 555 0147', '+44 20 7946 0958', '+33 1 45 68 10 00'];

const token = fc.constantFrom(...TOKENS);
const phrase = (min: number, max: number) => fc.array(token, { minLength: min, maxLength: max }).map((w) => w.join(' '));
const email = fc.tuple(token, token).map(([a, b]) => `${a}.${b}@example.org`);
const contact = fc.record(
  {
    name: fc.tuple(token, token).map(([a, b]) => `${a[0]!.toUpperCase()}${a.slice(1)} ${b[0]!.toUpperCase()}${b.slice(1)}`),
    role: phrase(1, 2),
    organization: phrase(1, 3),
    phone: fc.constantFrom(...PHONES),
    emails: fc.uniqueArray(email, { minLength: 0, maxLength: 3 }),
  },
  { requiredKeys: ['name', 'emails'] },
);
const link = fc.record({ words: phrase(1, 3), target: fc.constantFrom('#', '', '#section', 'https://www.example.org/reports/a-81-212', 'mailto:desk@example.org') });
const paragraph = fc.array(
  fc.oneof(
    phrase(1, 6).map((t) => ({ t })),
    link,
    fc.constantFrom(...PHONES).map((p) => ({ phone: p })),
  ),
  { minLength: 1, maxLength: 5 },
);
const release = fc.record({
  template: fc.constantFrom('default', 'wire'),
  lang: fc.constantFrom('en', 'fr', 'ar'),
  headline: phrase(2, 6),
  subheadline: fc.option(phrase(2, 6), { nil: undefined }),
  reference: fc.option(
    token.map((t) => `PR/26/${t}`),
    { nil: undefined },
  ),
  contacts: fc.array(contact, { minLength: 1, maxLength: 3 }),
  inBody: fc.boolean(),
  paragraphs: fc.array(paragraph, { minLength: 1, maxLength: 3 }),
});
type Generated = typeof release extends fc.Arbitrary<infer T> ? T : never;

const yamlString = (s: string) => JSON.stringify(s);

function source(g: Generated): string {
  const para = (p: Generated['paragraphs'][number]) => `${p.map((x) => ('t' in x ? x.t : 'phone' in x ? `call ${x.phone} now` : `[${x.words}](${x.target})`)).join(' ')}.`;
  const fm = [
    '---',
    `headline: ${yamlString(g.headline)}`,
    ...(g.subheadline ? [`subheadline: ${yamlString(g.subheadline)}`] : []),
    ...(g.reference ? [`reference: ${yamlString(g.reference)}`] : []),
    `lang: ${g.lang}`,
    `template: ${g.template}`,
    'dateline: {city: Geneva, date: 2026-03-02}',
  ];
  const body = g.paragraphs.map(para);
  if (g.lang === 'ar') body.unshift(`${AR_TOKENS.join(' ')}.`);
  if (g.inBody) {
    // the contacts section as a press office writes it: one item a contact
    const heading = { en: 'Media contacts', fr: 'Contacts presse', ar: 'جهات الاتصال' }[g.lang];
    body.push(`## ${heading}\n\n${g.contacts.map((c) => `- ${[c.name, c.role, c.role && c.organization, c.phone, c.emails.join(' / ')].filter(Boolean).join(', ')}`).join('\n')}`);
  } else {
    fm.push('contacts:');
    for (const c of g.contacts) {
      fm.push(`  - name: ${yamlString(c.name)}`);
      if (c.role) fm.push(`    role: ${yamlString(c.role)}`);
      if (c.organization) fm.push(`    organization: ${yamlString(c.organization)}`);
      if (c.phone) fm.push(`    phone: ${yamlString(c.phone)}`);
      if (c.emails.length) fm.push(`    email: ${yamlString(c.emails.join(' / '))}`);
    }
  }
  return [...fm, '---', '', ...body.join('\n\n').split('\n'), ''].join('\n');
}

/** Words of the model that every format prints: body, front-matter fields, contacts. */
function modelWords(l: Loaded): string[] {
  const r = l.release;
  const inline = (list: readonly Inline[]): string =>
    list.map((i) => (i.type === 'text' || i.type === 'code' ? i.value : i.type === 'image' ? i.alt : i.type === 'break' ? ' ' : inline(i.children))).join('');
  const blocks = (list: readonly Block[]): string =>
    list.map((b) => (b.type === 'paragraph' || b.type === 'heading' ? inline(b.content) : b.type === 'list' ? b.items.map((it) => blocks(it.blocks)).join(' ') : '')).join('\n');
  return scriptWords(
    [r.headline, r.subheadline ?? '', r.reference ?? '', inline(r.lead), blocks(r.body), ...r.contacts.flatMap((c) => [c.name, c.role ?? '', c.organization ?? '', ...c.phones, ...c.emails])].join(
      '\n',
    ),
  );
}

const count = (list: readonly string[], w: string) => list.filter((x) => x === w).length;

/** Words, an Arabic word and a Latin one apart even when printed together (the Arabic contacts sentence writes `بـName`). */
const scriptWords = (text: string) => words(letters(text).replace(/([\p{Script=Arabic}\u0640])(?=[\p{Script=Latin}\p{N}])|([\p{Script=Latin}\p{N}])(?=\p{Script=Arabic})/gu, '$1$2 '));

async function checkWords(g: Generated, withPdf: boolean): Promise<void> {
  const file = path.join(tmp.dir, `gen-${++serial}.md`);
  const l = await load(file, { text: source(g) });
  expect(l.release.contacts).toHaveLength(g.contacts.length);
  const expected = modelWords(l);
  const o = await outputs(l, { pdf: withPdf, docx: true });
  const formats: [string, string][] = [['txt', o.txt], ['docx', o.docx], ...(withPdf ? ([['pdf', o.pdf]] as [string, string][]) : [])];
  for (const [format, text] of formats) {
    const have = scriptWords(clean(text));
    // every format and language as whole words (the Arabic PDF too, since its text layer keeps words in reading order)
    expect({ format, missing: [...new Set(expected)].filter((w) => !have.includes(w)) }).toEqual({ format, missing: [] });
    // no word dropped or doubled: each invented word of the body and the contacts as often as in the model
    // (the headline may come again in a running header: not counted)
    const headline = new Set(words([l.release.headline, l.release.subheadline ?? '', l.release.reference ?? ''].join(' ').toLowerCase()));
    const lower = have.map((w) => w.toLowerCase());
    const wantLower = expected.map((w) => w.toLowerCase());
    const counted = [...new Set(wantLower)].filter((w) => TOKENS.includes(w) && !headline.has(w));
    expect({ format, counts: counted.map((w) => [w, count(lower, w)]) }).toEqual({ format, counts: counted.map((w) => [w, count(wantLower, w)]) });
  }
}

describe('every word of the model is in every format (generated releases)', () => {
  it('text and DOCX', async () => {
    await fc.assert(
      fc.asyncProperty(release, (g) => checkWords(g, false)),
      { numRuns: 40, seed: 20260302 },
    );
  }, 120_000);

  it('PDF too', async () => {
    await fc.assert(
      fc.asyncProperty(release, (g) => checkWords(g, true)),
      { numRuns: 12, seed: 4242 },
    );
  }, 120_000);
});
