import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { compose } from '../src/render/compose.js';
import { txtRenderer } from '../src/render/txt.js';
import { width, wrap } from '../src/text/wrap.js';
import { loadFixture, ROOT, words } from './helpers.js';

async function txt(fixture: string, wrapAt?: number): Promise<string> {
  const l = await loadFixture(fixture);
  const composed = compose(l);
  return txtRenderer.render({ ...l, composed, options: { env: {}, ...(wrapAt ? { wrap: wrapAt } : {}) }, warn: () => {} }) as string;
}

/** Golden files: set UPDATE_GOLDEN=1 to rewrite them, and say why in the commit. */
function golden(name: string, actual: string): void {
  const file = path.join(ROOT, 'test', 'golden', name);
  if (process.env.UPDATE_GOLDEN) writeFileSync(file, actual);
  expect(actual).toBe(readFileSync(file, 'utf8'));
}

describe('plain text', () => {
  it('the CEDAW release reads paragraph for paragraph as the UN wire release (golden file)', async () => {
    const out = await txt('cedaw-trafficking/release.md');
    golden('cedaw-trafficking.txt', out);
    const paras = out.split('\n\n');
    expect(paras[0]).toBe('UN Human Rights Office\nPRESS RELEASE');
    expect(paras[1]).toBe('UN women’s rights committee calls for action on trafficking of women and girls in the digital age');
    expect(paras[2]).toBe('New general recommendation warns of social media recruitment during the COVID-19 pandemic');
    expect(paras[3]).toMatch(/^GENEVA \(11 November 2020\) — The UN women’s rights committee today called /);
    const end = paras.indexOf('END');
    expect(end).toBeGreaterThan(3);
    expect(paras[end + 1]).toBe(
      'For media inquiries, please contact Vivian Kwok at +41 (0) 22 917 9362 / vkwok@ohchr.org or the UN Human Rights Office Media Section at +41 (0) 22 928 9855 / media@ohchr.org',
    );
    expect(paras[end + 2]).toBe('Background:');
    expect(paras[end + 3]).toMatch(/^The Committee on the Elimination of Discrimination against Women <https:/);
    expect(paras.at(-3)).toBe('About the UN Human Rights Office');
  });

  it('the water report in the wire template: embargo line, reference, ###, a contact block, notes to editors', async () => {
    const out = await txt('water-report/release.md');
    golden('water-report.txt', out);
    expect(out).toContain('EMBARGOED UNTIL 22 March 2026, 10:00 UTC-04:00 (14:00 GMT)\nReference: PR/26/014');
    expect(out).toContain('\n\nNEW YORK, 22 March 2026 — More than 1.1 billion people');
    expect(out).toContain('\n\n###\n\nMedia contact\n\nAmara Lindqvist, Press officer\n+1 212 555 0147\na.lindqvist@example.org\n\nNotes to editors\n\n');
    expect(out).toContain('1. connecting households regardless of tenure status;\n2. capping');
    expect(out).toContain('    — Ines Carvalho-Mendes, UN Independent Expert on water in informal settlements');
  });

  it.each(['cedaw-trafficking/release.md', 'water-report/release.md'])('%s keeps every word of the body', async (f) => {
    const l = await loadFixture(f);
    const body = l.source.text.slice(l.source.bodyOffset);
    const out = await txt(f);
    const outWords = new Set(words(out));
    // section headings of contacts are replaced by the template's sentence or block heading
    const missing = words(body.replace(/^## (Media contacts|Contacts)$/gm, '').replace(/https?:\/\/\S+/g, '')).filter((w) => !outWords.has(w));
    expect(missing).toEqual([]);
  });

  it('--wrap wraps lines at the given width, with hanging indents in lists and no word cut', async () => {
    const out = await txt('water-report/release.md', 60);
    for (const line of out.split('\n')) {
      if (!line.includes('://')) expect(width(line)).toBeLessThanOrEqual(60);
    }
    expect(out).toMatch(/\n1\. connecting households regardless of tenure status;\n/);
    const unwrapped = await txt('water-report/release.md');
    expect(words(out)).toEqual(words(unwrapped));
  });
});

describe('wrapping by the Unicode rules', () => {
  it('breaks Chinese between characters, never before closing punctuation', () => {
    const text = '联合国妇女权利委员会今天呼吁各国政府采取一切适当手段，消除贩运妇女和女童的行为。委员会强调，贩运问题已经远远超出线下世界。';
    const lines = wrap(text, 20);
    expect(lines.length).toBeGreaterThan(3);
    for (const l of lines) {
      expect(width(l)).toBeLessThanOrEqual(20);
      expect(l).not.toMatch(/^[，。、；：！？」）]/);
    }
    expect(lines.join('')).toBe(text);
  });

  it('breaks Arabic at spaces only, keeping words whole', () => {
    const text = 'دعت اللجنة الأممية المعنية بحقوق المرأة اليوم الحكومات إلى اتخاذ جميع التدابير المناسبة للقضاء على الاتجار بالنساء والفتيات';
    const lines = wrap(text, 30);
    expect(lines.length).toBeGreaterThan(2);
    expect(lines.join(' ').split(' ')).toEqual(text.split(' '));
  });

  it('a word longer than the line stands alone, uncut', () => {
    const url = 'https://www.ohchr.org/en/documents/general-comments-and-recommendations';
    const lines = wrap(`See ${url} now`, 30);
    expect(lines.join(' ')).toContain('general-comments-');
    expect(lines.join('').replace(/\s/g, '')).toBe(`See${url}now`);
  });
});
