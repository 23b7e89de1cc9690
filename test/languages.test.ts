import { describe, expect, it } from 'vitest';
import { loadRelease } from '../src/pipeline/load.js';
import { compose } from '../src/render/compose.js';
import { txtRenderer } from '../src/render/txt.js';
import { runCli, tempDir } from './helpers.js';

const CITY: Record<string, string> = { en: 'Geneva', fr: 'Genève', es: 'Ginebra', ru: 'Женева', ar: 'جنيف', zh: '日内瓦' };

async function load(lang: string, body = 'Lead.', extra = '', template = 'default') {
  const t = tempDir({
    'r.md': `---\nheadline: H\ndateline:\n  city: ${CITY[lang.split('-')[0]!] ?? 'Geneva'}\n  date: 2020-11-11\nlang: ${lang}\ntemplate: ${template}\n${extra}---\n\n${body}\n`,
  });
  try {
    return await loadRelease('r.md', { cwd: t.dir });
  } finally {
    t.cleanup();
  }
}

function text(l: Awaited<ReturnType<typeof load>>): string {
  return txtRenderer.render({ ...l, composed: compose(l.release, l.template, l.locale, {}), options: { env: {} }, warn: () => {} }) as string;
}

describe('datelines in the six UN languages (default template)', () => {
  it.each([
    ['en', 'GENEVA (11 November 2020) — Lead.'],
    ['fr', 'GENÈVE (11 novembre 2020) – Lead.'],
    ['es', 'GINEBRA (11 de noviembre de 2020) – Lead.'],
    ['ru', 'ЖЕНЕВА (11 ноября 2020 года) – Lead.'],
    ['ar', 'جنيف (11 تشرين الثاني/نوفمبر 2020) – Lead.'],
    ['zh', '日内瓦（2020年11月11日）——Lead.'],
  ])('%s', async (lang, line) => {
    const l = await load(lang);
    expect(text(l).split('\n')).toContain(line);
  });

  it('Arabic is right to left in the model', async () => {
    expect((await load('ar')).release.dir).toBe('rtl');
    expect((await load('fr')).release.dir).toBe('ltr');
  });

  it('a regional tag falls back within its language, never to another', async () => {
    const l = await load('fr-CA');
    expect(l.locale.lang).toBe('fr');
    expect(text(l)).toContain('GENÈVE (11 novembre 2020) –');
    await expect(load('de')).rejects.toThrow(/no `de` locale/);
  });

  it('an unknown language is exit 1 naming the languages the template has', () => {
    const t = tempDir({ 'r.md': '---\nheadline: H\ndateline: {city: Bern, date: 2020-11-11}\nlang: de-CH\n---\n\nLead.\n' });
    try {
      const r = runCli(['generate', 'r.md', '-f', 'txt'], { cwd: t.dir });
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/r\.md:4:7: error: The template `default` has no `de-CH` locale/);
      expect(r.stderr).toMatch(/It has: ar, en, es, fr, ru, zh\./);
    } finally {
      t.cleanup();
    }
  });

  it('lists are joined as each language joins them', async () => {
    const contacts = 'contacts:\n  - {name: A, email: a@x.org}\n  - {name: B, email: b@x.org}\n  - {name: C, email: c@x.org}\n';
    expect(text(await load('en', 'Lead.', contacts))).toContain('contact A at a@x.org, B at b@x.org or C at c@x.org');
    expect(text(await load('fr', 'Lead.', contacts))).toContain('A au a@x.org, B au b@x.org ou C au c@x.org');
    expect(text(await load('zh', 'Lead.', contacts))).toContain('A（a@x.org）、B（b@x.org）或C（c@x.org）');
  });

  it('English section names work in every language; each language adds its own', async () => {
    const fr = await load('fr', 'Lead.\n\n## Notes à l’intention des rédactions\n\nBg.\n\n## Background\n\nMore.\n');
    expect(fr.release.background?.heading).toBe('Notes à l’intention des rédactions');
    const zh = await load('zh', 'Lead.\n\n## 背景\n\n背景资料。\n\n## 关于人权高专办\n\n简介。\n');
    expect(zh.release.background?.heading).toBe('背景');
    expect(zh.release.boilerplate[0]?.heading).toBe('关于人权高专办');
    const ru = await load('ru', 'Lead.\n\n## Справочная информация\n\nТекст.\n');
    expect(ru.release.background).toBeDefined();
    const apostrophe = await load('fr', "Lead.\n\n## Notes à l'intention des rédactions\n\nBg.\n");
    expect(apostrophe.release.background).toBeDefined();
  });
});

describe('quote attribution in other languages', () => {
  it('French: « … », a déclaré Mme X; a quote that goes on', async () => {
    const l = await load('fr', 'Lead.\n\n« Un », a déclaré Mme Ana Souza, rapporteuse spéciale. « Deux. »\n\n« Trois », a ajouté Mme Souza.\n');
    expect(l.release.quotes.map((q) => q.speaker)).toEqual(['Ana Souza', 'Ana Souza', 'Ana Souza']);
    expect(l.release.quotes[0]!.role).toBe('rapporteuse spéciale');
  });

  it('Russian: «…», — заявила X', async () => {
    const l = await load('ru', 'Lead.\n\n«Первое», — заявила Далия Лейнарте. «Второе», — подчеркнула Лейнарте.\n');
    expect(l.release.quotes.map((q) => q.speaker)).toEqual(['Далия Лейнарте', 'Далия Лейнарте']);
  });

  it('Spanish: «…», dijo X', async () => {
    const l = await load('es', 'Lead.\n\n«Primero», dijo Ana Pérez, experta de la ONU.\n');
    expect(l.release.quotes[0]).toMatchObject({ speaker: 'Ana Pérez', role: 'experta de la ONU' });
  });

  it('Chinese: “……”莱纳特说; a full name with ·', async () => {
    const l = await load('zh', 'Lead.\n\n“全球大流行揭示了紧迫需要，”达利娅·莱纳特说。\n\n“打击贩运还需要抑制需求，”莱纳特强调说。\n');
    expect(l.release.quotes.map((q) => q.speaker)).toEqual(['达利娅·莱纳特', '达利娅·莱纳特']);
  });

  it('Arabic: «…»، قالت X', async () => {
    const l = await load('ar', 'Lead.\n\n«الجائحة كشفت الحاجة الملحة»، قالت داليا لينارتي، عضو اللجنة.\n');
    expect(l.release.quotes[0]).toMatchObject({ speaker: 'داليا لينارتي', role: 'عضو اللجنة' });
  });
});

describe('translations', () => {
  it('the French water report inherits date, template, embargo, reference and contacts from its original', async () => {
    const { loadFixture } = await import('./helpers.js');
    const l = await loadFixture('water-report/release.fr.md');
    expect(l.release.dateline).toEqual({ city: 'New York', date: '2026-03-22' });
    expect(l.release.template).toBe('wire');
    expect(l.release.embargo?.value).toBe('2026-03-22T10:00:00-04:00');
    expect(l.release.reference).toBe('PR/26/014');
    expect(l.release.contacts.map((c) => c.name)).toEqual(['Amara Lindqvist']);
    expect(l.release.id).toBe('release.fr');
    expect(l.release.quotes.every((q) => q.speaker === 'Ines Carvalho-Mendes')).toBe(true);
    expect(text(l)).toContain('NEW YORK, 22 mars 2026 – Plus de 1,1 milliard');
  });

  it('a missing original is the translation’s error at its translation-of line', () => {
    const t = tempDir({ 'r.fr.md': '---\ntranslation-of: gone.md\nheadline: H\nlang: fr\n---\n\nLead.\n' });
    try {
      const r = runCli(['generate', 'r.fr.md', '-f', 'txt'], { cwd: t.dir });
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/r\.fr\.md:2:17: error: The original `gone\.md` does not exist/);
    } finally {
      t.cleanup();
    }
  });
});

describe('the water report in six languages', () => {
  it.each([
    ['release.md', 'NEW YORK, 22 March 2026 — ', 'Ines Carvalho-Mendes'],
    ['release.fr.md', 'NEW YORK, 22 mars 2026 – ', 'Ines Carvalho-Mendes'],
    ['release.es.md', 'NUEVA YORK, 22 de marzo de 2026 – ', 'Ines Carvalho-Mendes'],
    ['release.ru.md', 'НЬЮ-ЙОРК, 22 марта 2026 года – ', 'Инес Карвалью-Мендес'],
    ['release.ar.md', 'نيويورك، 22 آذار/مارس 2026 – ', 'إينيس كارفاليو-منديز'],
    ['release.zh.md', '纽约，2026年3月22日——', '伊内斯·卡瓦略-门德斯'],
  ])('%s: dateline, three quotes by one speaker, contacts from the original', async (file, dateline, speaker) => {
    const { loadFixture } = await import('./helpers.js');
    const l = await loadFixture(`water-report/${file}`);
    expect(text(l)).toContain(`\n${dateline}`);
    expect(l.release.quotes).toHaveLength(3);
    expect(l.release.quotes.every((q) => q.speaker === speaker)).toBe(true);
    expect(l.release.quotes[0]!.form).toBe('block');
    expect(l.release.contacts.map((c) => c.name)).toEqual(['Amara Lindqvist']);
    expect(l.release.background).toBeDefined();
  });
});
