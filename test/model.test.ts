import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { sectionKind } from '../src/model/extract/sections.js';
import { compose } from '../src/render/compose.js';
import { txtRenderer } from '../src/render/txt.js';
import { loadLocale, loadTemplate } from '../src/templates/load.js';
import { loadFixture, loadOrFail, ROOT, tempDir } from './helpers.js';

async function fromText(body: string, fm = '') {
  const t = tempDir({ 'r.md': `---\nheadline: H\ndateline:\n  city: Geneva\n  date: 2020-11-11\n${fm}---\n\n${body}` });
  try {
    return (await loadOrFail('r.md', { cwd: t.dir })).release;
  } finally {
    t.cleanup();
  }
}

describe('the release model of the CEDAW example', () => {
  it('has the lead, 5 quotes (4 by Dalia Leinarte, 1 by the Committee) and 2 contacts', async () => {
    const { release } = await loadFixture('cedaw-trafficking/release.md');
    expect(release.lead[0]).toMatchObject({ type: 'text' });
    expect(JSON.stringify(release.lead)).toMatch(/^\[\{"type":"text","value":"The UN women’s rights committee today called/);
    expect(release.quotes).toHaveLength(5);
    expect(release.quotes.filter((q) => q.speaker === 'Dalia Leinarte')).toHaveLength(4);
    const committee = release.quotes.filter((q) => q.speakerKind === 'organization');
    expect(committee).toHaveLength(1);
    expect(committee[0]!.speaker).toBe('Committee');
    expect(release.quotes[0]!.role).toBe('the committee member who led the drafting of the general recommendation');
    expect(release.quotes[3]!.text).toMatch(/^State parties must create/);
    expect(release.contacts.map((c) => [c.name, c.phones, c.emails])).toEqual([
      ['Vivian Kwok', ['+41 (0) 22 917 9362'], ['vkwok@ohchr.org']],
      ['UN Human Rights Office Media Section', ['+41 (0) 22 928 9855'], ['media@ohchr.org']],
    ]);
    expect(release.contacts[0]!.phoneE164).toBe('+41229179362');
    expect(release.background?.heading).toBe('Background');
    expect(release.boilerplate.map((b) => b.heading)).toEqual(['About the UN Human Rights Office']);
  });

  it('gives each quote its range in the source', async () => {
    const { release, source } = await loadFixture('cedaw-trafficking/release.md');
    for (const q of release.quotes) {
      const written = source.text.slice(q.range.start.offset, q.range.end.offset);
      expect(written.startsWith('“')).toBe(true);
      expect(written.endsWith('”')).toBe(true);
      expect(written).toContain(q.text);
    }
    expect(release.quotes[0]!.range.start).toMatchObject({ line: 18, column: 1 });
  });
});

describe('the release model of the water report', () => {
  it('has 3 quotes by Ines Carvalho-Mendes, the first a block quote with her role, and 1 contact from front matter', async () => {
    const { release } = await loadFixture('water-report/release.md');
    expect(release.quotes).toHaveLength(3);
    expect(release.quotes.every((q) => q.speaker === 'Ines Carvalho-Mendes')).toBe(true);
    expect(release.quotes[0]).toMatchObject({ form: 'block', role: 'UN Independent Expert on water in informal settlements' });
    expect(release.contacts).toEqual([
      { name: 'Amara Lindqvist', role: 'Press officer', phones: ['+1 212 555 0147'], phoneE164: '+12125550147', emails: ['a.lindqvist@example.org'], from: 'front-matter' },
    ]);
    expect(release.embargo).toMatchObject({ date: '2026-03-22', time: '10:00', offset: '-04:00', gmtTime: '14:00' });
    expect(release.reference).toBe('PR/26/014');
    expect(release.background?.heading).toBe('Notes to editors');
    const kinds = release.body.map((b) => b.type);
    expect(kinds).toEqual(['paragraph', 'blockquote', 'paragraph', 'list', 'paragraph', 'heading', 'paragraph']);
  });
});

describe('quote attribution', () => {
  it('an honorific does not stop a surname from resolving', async () => {
    const r = await fromText('Lead.\n\n“First words,” said Dr. Amina Yusuf, the rapporteur.\n\n“Second words,” Dr. Yusuf added.\n\n“Third,” Ms. Yusuf noted.\n');
    expect(r.quotes.map((q) => q.speaker)).toEqual(['Amina Yusuf', 'Amina Yusuf', 'Amina Yusuf']);
    expect(r.quotes[1]!.role).toBe('the rapporteur');
  });

  it('a quote introduced before its words, and a pronoun', async () => {
    const r = await fromText('Lead.\n\nMaria Lopez said: “We will act.”\n\n“Now,” she added.\n');
    expect(r.quotes.map((q) => q.speaker)).toEqual(['Maria Lopez', 'Maria Lopez']);
  });

  it('a quote that goes on after its attribution keeps the speaker', async () => {
    const r = await fromText('Lead.\n\n“One,” said Jan de Vries. “Two.”\n');
    expect(r.quotes.map((q) => [q.text, q.speaker])).toEqual([
      ['One', 'Jan de Vries'],
      ['Two.', 'Jan de Vries'],
    ]);
  });

  it('two different people stay apart', async () => {
    const r = await fromText('Lead.\n\n“A,” said Anna Berg.\n\n“B,” said Carl Berg-Olsen.\n\n“C,” Berg said.\n');
    expect(r.quotes.map((q) => q.speaker)).toEqual(['Anna Berg', 'Carl Berg-Olsen', 'Anna Berg']);
  });

  it('quoted words with no speaker have none', async () => {
    const r = await fromText('Lead.\n\nThe plan is called “Water for All” in the report.\n');
    expect(r.quotes).toHaveLength(1);
    expect(r.quotes[0]!.speaker).toBeUndefined();
  });

  it('a block quote without attribution', async () => {
    const r = await fromText('Lead.\n\n> Words of nobody in particular.\n');
    expect(r.quotes).toEqual([expect.objectContaining({ form: 'block', text: 'Words of nobody in particular.' })]);
    expect(r.quotes[0]!.speaker).toBeUndefined();
  });
});

describe('sections and contacts', () => {
  it('section names match whatever their case, apostrophes and a trailing colon', async () => {
    const r = await fromText('Lead.\n\n## MEDIA CONTACTS:\n\n- A B, a@b.org\n\n## Note to editors\n\nBg.\n\n## About us\n\nWe.\n');
    expect(r.contacts.map((c) => c.emails)).toEqual([['a@b.org']]);
    expect(r.background?.heading).toBe('Note to editors');
    expect(r.boilerplate[0]!.heading).toBe('About us');
  });

  it('a level-2 heading that names no section stays in the body', async () => {
    const r = await fromText('Lead.\n\n## The findings\n\nText.\n');
    expect(r.body.map((b) => b.type)).toEqual(['heading', 'paragraph']);
  });

  it('contacts in any order, with a role, an organization, mailto links and ` / `', async () => {
    const r = await fromText(
      'Lead.\n\n## Contacts\n\n- Jane Roe, Spokesperson, UNICEF, [jroe@unicef.org](mailto:jroe@unicef.org) / +1 917 555 0123\n- Rolf Weber / +49 30 901820\n\nCall us any time.\n',
    );
    expect(r.contacts).toEqual([
      expect.objectContaining({ name: 'Jane Roe', role: 'Spokesperson', organization: 'UNICEF', emails: ['jroe@unicef.org'], phones: ['+1 917 555 0123'] }),
      expect.objectContaining({ name: 'Rolf Weber', phones: ['+49 30 901820'], emails: [] }),
    ]);
    expect(r.contactNotes).toHaveLength(1);
  });

  it('a contact’s phone numbers are a list, in the body and in the front matter, printed with the locale’s separator', async () => {
    const t = tempDir({
      'r.md': '---\nheadline: H\ndateline: { city: Geneva, date: 2020-11-11 }\ncontacts:\n  - { name: Jo Roe, phone: "+41 22 917 9000 / +41 79 000 0000" }\n---\n\nLead.\n',
      'b.md': '---\nheadline: H\ndateline: { city: Geneva, date: 2020-11-11 }\n---\n\nLead.\n\n## Contacts\n\n- Jo Roe, +41 22 917 9000, +41 79 000 0000, jo@example.org\n',
    });
    try {
      for (const file of ['r.md', 'b.md']) {
        const l = await loadOrFail(file, { cwd: t.dir });
        expect(l.release.contacts[0]).toMatchObject({ phones: ['+41 22 917 9000', '+41 79 000 0000'], phoneE164: '+41229179000' });
        const composed = compose(l);
        expect(composed.keepWhole).toEqual(expect.arrayContaining(['+41 22 917 9000', '+41 79 000 0000']));
        const text = txtRenderer.render({ ...l, composed, options: { env: {} }, warn: () => {} }) as string;
        expect(text).toContain(`+41 22 917 9000${l.locale.contact.separator}+41 79 000 0000`);
      }
    } finally {
      t.cleanup();
    }
  });

  it('a contact line drops nothing: words that are no name, role, phone or e-mail, and an image’s description, are kept', async () => {
    const r = await fromText('Lead.\n\n## Contacts\n\n- Vivian Kwok, Press officer, UNICEF, +41 22 917 9362, vkwok@ohchr.org, available after 14:00 ![on leave](https://x.org/l.png)\n');
    const c = r.contacts[0]!;
    const kept = [c.name, c.role, c.organization, ...c.phones, ...c.emails].join(' ');
    for (const w of ['Vivian', 'Kwok', 'Press', 'officer', 'UNICEF', '9362', 'vkwok@ohchr.org', 'available', 'after', '14:00', 'on', 'leave']) expect(kept).toContain(w);
  });

  it('several e-mail addresses of one contact are a list, from the body and from the front matter', async () => {
    const r = await fromText('Lead.\n\n## Contacts\n\n- Ann Lee, +41 22 917 9362, ann@x.org / press@x.org\n', 'contacts:\n  - { name: Bo Li, email: "bo@x.org, info@x.org" }\n');
    expect(r.contacts.map((c) => c.emails)).toEqual([
      ['ann@x.org', 'press@x.org'],
      ['bo@x.org', 'info@x.org'],
    ]);
  });

  it('front-matter contacts come after those of the body', async () => {
    const r = await fromText('Lead.\n\n## Contacts\n\n- Body Person, body@x.org\n', 'contacts:\n  - name: Front Person\n    email: front@x.org\n');
    expect(r.contacts.map((c) => [c.name, c.from])).toEqual([
      ['Body Person', 'body'],
      ['Front Person', 'front-matter'],
    ]);
  });

  it('the first block is the lead only when it is a paragraph', async () => {
    const r = await fromText('### Not a lead\n\nText.\n');
    expect(r.lead).toEqual([]);
    expect(r.body.map((b) => b.type)).toEqual(['heading', 'paragraph']);
  });
});

describe('section headings', () => {
  const template = loadTemplate(path.join(ROOT, 'templates/default'), 'built-in');
  const kind = (lang: string, heading: string) => sectionKind(heading, loadLocale(template, lang));
  it('a boilerplate prefix is a word of its own, except in Chinese', () => {
    expect(kind('ru', 'Об Управлении ООН по правам человека')).toBe('boilerplate');
    expect(kind('ru', 'О Комитете')).toBe('boilerplate');
    // headings that merely start with the letters of `О` / `Об` / `عن` stay in the body
    expect(kind('ru', 'Основные выводы')).toBeUndefined();
    expect(kind('ru', 'Область применения')).toBeUndefined();
    expect(kind('ar', 'عنوان التقرير')).toBeUndefined();
    expect(kind('ar', 'عن مفوضية الأمم المتحدة')).toBe('boilerplate');
    expect(kind('zh', '关于联合国人权事务高级专员办事处')).toBe('boilerplate');
    expect(kind('en', 'Aboutface')).toBeUndefined();
    expect(kind('en', 'About the UN Human Rights Office')).toBe('boilerplate');
  });
});

describe('reference-style links', () => {
  it('keep their address: full, collapsed and shortcut references, and images; an undefined one stays words', async () => {
    const r = await fromText(
      'The committee published [its report][rep], a [summary][] and the [annex] with ![the chart][img] and [nothing][none].\n\n[rep]: https://example.org/report "The report"\n[SUMMARY]: https://example.org/summary\n[annex]: <https://example.org/annex>\n[img]: https://example.org/chart.png\n',
    );
    expect(r.lead).toEqual([
      { type: 'text', value: 'The committee published ' },
      { type: 'link', url: 'https://example.org/report', children: [{ type: 'text', value: 'its report' }] },
      { type: 'text', value: ', a ' },
      { type: 'link', url: 'https://example.org/summary', children: [{ type: 'text', value: 'summary' }] },
      { type: 'text', value: ' and the ' },
      { type: 'link', url: 'https://example.org/annex', children: [{ type: 'text', value: 'annex' }] },
      { type: 'text', value: ' with ' },
      { type: 'image', url: 'https://example.org/chart.png', alt: 'the chart' },
      { type: 'text', value: ' and [nothing][none].' },
    ]);
  });
});
