import { describe, expect, it } from 'vitest';
import { compose } from '../src/render/compose.js';
import { txtRenderer } from '../src/render/txt.js';
import { loadOrFail, runCli, tempDir } from './helpers.js';

const CITY: Record<string, string> = { en: 'Geneva', fr: 'Genève', es: 'Ginebra', ru: 'Женева', ar: 'جنيف', zh: '日内瓦' };

async function load(lang: string, body = 'Lead.', extra = '', template = 'default') {
  const t = tempDir({
    'r.md': `---\nheadline: H\ndateline:\n  city: ${CITY[lang.split('-')[0]!] ?? 'Geneva'}\n  date: 2020-11-11\nlang: ${lang}\ntemplate: ${template}\n${extra}---\n\n${body}\n`,
  });
  try {
    return await loadOrFail('r.md', { cwd: t.dir });
  } finally {
    t.cleanup();
  }
}

function text(l: Awaited<ReturnType<typeof load>>): string {
  return txtRenderer.render({ ...l, composed: compose(l), options: { env: {} }, warn: () => {} }) as string;
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

  /** the speakers of a release's quotes, each quote the first of its paragraph (so none takes the speaker of the quote before it) */
  const speakers = async (lang: string, ...paragraphs: string[]) => (await load(lang, ['Lead.', ...paragraphs].join('\n\n'))).release.quotes;

  it('Arabic, verb first: وقالت X، الدور: «…»; وأكدت X: «…»; quote first with شددت; a verb with ف; no preposition in a name', async () => {
    const q = await speakers(
      'ar',
      'وقالت داليا لينارتي، عضوة اللجنة التي قادت صياغة التوصية العامة: «لقد كشفت الجائحة العالمية عن الحاجة الملحة».',
      'وأكدت لينارتي: «إن مكافحة الاتجار تنطوي أيضاً على الحد من الطلب».',
      '«إن الاتجار جريمة جنسانية ترتبط ارتباطاً وثيقاً بالاستغلال الجنسي»، شددت لينارتي.',
      '«يجب على الدول الأطراف أن تهيئ الظروف المناسبة»، قالت لينارتي.',
      'فأضافت لينارتي في المؤتمر الصحفي: «يجب أن تتحرك الدول الآن».',
      'وأكدت اللجنة في التوصية العامة: «إن مكافحة الاتجار تتطلب إطار حماية أوسع».',
      'وقال الخبير المستقل أحمد سالم إن «الحصول على المياه حق لا يتوقف على سند ملكية».',
    );
    expect(q.map((x) => x.speaker)).toEqual(['داليا لينارتي', 'داليا لينارتي', 'داليا لينارتي', 'داليا لينارتي', 'داليا لينارتي', 'اللجنة', 'أحمد سالم']);
    expect(q[0]!.role).toBe('عضوة اللجنة التي قادت صياغة التوصية العامة');
    expect(q[6]!.title).toBe('الخبير المستقل');
  });

  it('a paragraph of 100,000 characters of speech verbs before a quote is read in moments, not minutes', async () => {
    for (const [lang, words] of [
      ['ar', 'وقالت داليا لينارتي في '],
      ['zh', '委员会委员达利娅说的'],
      ['en', 'Leinarte said that the '],
    ] as const) {
      const t = performance.now();
      const q = await speakers(lang, `${words.repeat(100_000 / words.length)}«كلمات كثيرة هنا الآن»`);
      expect(q).toHaveLength(1);
      expect(performance.now() - t, lang).toBeLessThan(4000);
    }
  });

  it('a verb-first introduction counts only where the locale has that order: not in English', async () => {
    const en = await speakers('en', 'Said Dalia Leinarte: “The pandemic has revealed an urgent need.”');
    expect(en[0]!.speaker).toBeUndefined();
  });

  it('Russian: «…», — сказала X; «…», — заявила г-жа X; X заявила: «…»; по словам X, «…»; по её словам, «…»; X заявила, что «…»', async () => {
    const q = await speakers(
      'ru',
      '«Глобальная пандемия показала, что необходимо действовать», — сказала Далия Лейнарте.',
      '«Борьба с торговлей людьми предполагает сдерживание спроса», — заявила г-жа Лейнарте.',
      'Инес Карвалью-Мендес заявила: «Правительства уже знают, что работает».',
      'По словам Лейнарте, «торговля людьми — это преступление, имеющее гендерный характер».',
      'По её словам, «государства-участники должны создать надлежащие условия».',
      'Карвалью-Мендес подчеркнула, что «доступ к воде не может зависеть от права собственности».',
      'Специальный докладчик Анна Петрова сказала: «Времени больше нет».',
    );
    expect(q.map((x) => x.speaker)).toEqual(['Далия Лейнарте', 'Далия Лейнарте', 'Инес Карвалью-Мендес', 'Далия Лейнарте', 'Далия Лейнарте', 'Инес Карвалью-Мендес', 'Анна Петрова']);
    expect(q[6]!.title).toBe('Специальный докладчик');
  });

  it('Spanish: «…», dijo X; X afirmó: «…»; «…», señaló la Sra. X (a person, not an organization); X declaró que «…»; según X, «…»', async () => {
    const q = await speakers(
      'es',
      '«La pandemia mundial ha puesto de manifiesto una necesidad urgente», dijo Dalia Leinarte.',
      'Ines Carvalho-Mendes afirmó: «Los gobiernos ya saben lo que funciona».',
      '«Combatir la trata también implica desalentar la demanda», señaló la Sra. Leinarte.',
      'Leinarte declaró que «la trata es un delito de género, estrechamente vinculado a la explotación sexual».',
      'Según Carvalho-Mendes, «lo que falta es la voluntad política de extender los servicios».',
      '«El agua es un derecho humano y no un privilegio», dijo la Relatora Especial Ana Pérez.',
      'Carvalho-Mendes afirmó: «Los gobiernos ya saben lo que funciona». Y añadió: «Lo que falta es la voluntad política».',
    );
    expect(q.slice(6).map((x) => x.speaker)).toEqual(['Ines Carvalho-Mendes', 'Ines Carvalho-Mendes']); // `Y` is no name
    expect(q.slice(0, 6).map((x) => x.speaker)).toEqual(['Dalia Leinarte', 'Ines Carvalho-Mendes', 'Dalia Leinarte', 'Dalia Leinarte', 'Ines Carvalho-Mendes', 'Ana Pérez']);
    expect(q.map((x) => x.speakerKind)).toEqual(Array(8).fill('person'));
    expect(q[5]!.title).toBe('Relatora Especial');
  });

  it('Chinese: a title before the name is kept apart (委员会委员达利娅·莱纳特表示：“…”); 莱纳特强调说：“…”; “…”莱纳特说。', async () => {
    const q = await speakers(
      'zh',
      '牵头起草这项一般性建议的委员会委员达利娅·莱纳特表示：“全球大流行病表明，迫切需要处理这一问题。”',
      '莱纳特强调说：“打击贩运还需要抑制需求。”',
      '“贩运是一种具有性别特征的犯罪，与性剥削密切相关。”莱纳特说。',
      '联合国特别报告员伊内斯·卡瓦略表示：“获得水不能取决于土地所有权证书。”', // the title as the locale lists it,
      '在这项一般性建议中，委员会强调：“需要援用更广泛的保护框架。”',
    );
    expect(q.map((x) => x.speaker)).toEqual(['达利娅·莱纳特', '达利娅·莱纳特', '达利娅·莱纳特', '伊内斯·卡瓦略', '委员会']);
    expect(q.map((x) => x.title)).toEqual(['委员会委员', '委员会委员', '委员会委员', '特别报告员', undefined]);
  });

  it('English: a title before the name, and `according to`', async () => {
    const q = await speakers(
      'en',
      '“Water cannot wait for a land title,” said UN Special Rapporteur Ana Souza.',
      'According to Souza, “the political will is missing.”',
      'Souza said that “governments already know what works.”',
    );
    expect(q.map((x) => [x.speaker, x.title])).toEqual([
      ['Ana Souza', 'UN Special Rapporteur'],
      ['Ana Souza', 'UN Special Rapporteur'],
      ['Ana Souza', 'UN Special Rapporteur'],
    ]);
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
