/** The `md` output: Markdown for a CMS, read back by remark as a CMS would read it. */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Heading, Paragraph, Root, RootContent } from 'mdast';
import { toString } from 'mdast-util-to-string';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { inlineText } from '../src/model/extract/blocks.js';
import { compose } from '../src/render/compose.js';
import { mdRenderer } from '../src/render/md.js';
import type { Family } from '../src/render/types.js';
import { ALL_FIXTURES, expectedWords, fixture, generateInTwoTimeZones, loadFixture, missingWords, ROOT, runCli, tempDirs, words } from './helpers.js';

const temp = tempDirs();

async function md(rel: string, family?: Family) {
  const l = await loadFixture(rel);
  const composed = compose(l);
  const out = mdRenderer.render({ ...l, composed, options: { env: {} }, warn: () => {}, ...(family ? { family } : {}) }) as string;
  return { l, composed, out };
}

function parse(text: string): Root {
  return unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).use(remarkGfm).parse(text);
}

/** The text of a tree, blocks apart (mdast-util-to-string glues the last word of one paragraph to the first of the next). */
function blockText(node: Root | RootContent): string {
  if ('children' in node && ['root', 'blockquote', 'list', 'listItem', 'table', 'tableRow'].includes(node.type)) return (node.children as RootContent[]).map(blockText).join('\n');
  return toString(node);
}

function frontMatter(tree: Root): Record<string, unknown> {
  const first = tree.children[0];
  expect(first?.type).toBe('yaml');
  return YAML.parse((first as { value: string }).value) as Record<string, unknown>;
}

/** Golden files: set UPDATE_GOLDEN=1 to rewrite them, and say why in the commit. */
function golden(name: string, actual: string): void {
  const file = path.join(ROOT, 'test', 'golden', name);
  if (process.env.UPDATE_GOLDEN) writeFileSync(file, actual);
  expect(actual).toBe(readFileSync(file, 'utf8'));
}

describe('md: Markdown for a CMS', () => {
  it.each(ALL_FIXTURES)('%s read back by remark: the headline, the dateline opening the lead, the paragraphs and every word of the model', async (rel) => {
    const { l, composed, out } = await md(rel);
    const tree = parse(out);
    const { release } = l;

    const fm = frontMatter(tree);
    expect(fm.title).toBe(release.headline);
    expect(fm.lang).toBe(release.lang);
    expect(String(fm.date)).toBe(release.dateline.date);
    expect(fm.embargo).toBe(release.embargo?.value);

    // the headline: the one level-1 heading, as the model has it (the template may print it in capitals)
    const h1 = tree.children.filter((n): n is Heading => n.type === 'heading' && n.depth === 1);
    expect(h1.map((h) => toString(h).toLowerCase())).toEqual([release.headline.toLowerCase()]);

    // the lead: the first paragraph after the headline that opens with the dateline as composed
    const lead = composed.parts.find((p) => p.kind === 'lead')!;
    const paragraphs = tree.children.filter((n): n is Paragraph => n.type === 'paragraph').map((p) => toString(p));
    const leadText = paragraphs.find((p) => p.startsWith(lead.dateline.trimEnd()));
    expect(leadText, 'a paragraph opening with the dateline').toBeDefined();
    expect(words(leadText!)).toEqual(words(lead.dateline + inlineText(release.lead)));

    // the body's paragraphs, in order, each with its words
    const bodyParagraphs = release.body.filter((b) => b.type === 'paragraph').map((b) => words(inlineText(b.content)).join(' '));
    expect(bodyParagraphs.length).toBeGreaterThan(0);
    const readBack = paragraphs.map((p) => words(p).join(' '));
    let at = 0;
    for (const p of bodyParagraphs) {
      const found = readBack.indexOf(p, at);
      expect(found, `paragraph «${p.slice(0, 60)}…» in order`).toBeGreaterThanOrEqual(at);
      at = found + 1;
    }

    // and nothing of the release lost: every word of the source's body
    expect(missingWords(expectedWords(l), blockText(tree))).toEqual([]);
  });

  it('the water report (wire template, embargoed): front matter a CMS reads, labels in the language (golden file)', async () => {
    const { out } = await md('water-report/release.md', { self: { lang: 'en', stem: 'release' }, translations: [{ lang: 'fr', stem: 'release.fr' }] });
    golden('water-report.md', out);
    expect(out.startsWith('---\ntitle: Independent expert urges States')).toBe(true);
    const fm = frontMatter(parse(out));
    expect(Object.keys(fm)).toEqual(['title', 'date', 'lang', 'translations', 'embargo']);
    expect(fm.translations).toEqual({ fr: 'release.fr.md' });
    expect(out).toContain('\n**EMBARGOED UNTIL 22 March 2026, 10:00 UTC-04:00 (14:00 GMT)**\n');
    expect(out).toContain('\nNEW YORK, 22 March 2026 — More than 1.1 billion people');
    expect(out).toContain('\n## Media contact\n');
    expect(out).toContain('\n## Notes to editors\n');
  });

  it('labels in the release’s language: the French end marker, background label and contacts sentence', async () => {
    const { l, out } = await md('cedaw-trafficking/release.fr.md');
    const tree = parse(out);
    const texts = tree.children.map((n) => toString(n));
    expect(texts).toContain(l.locale.labels.endMarker);
    expect(tree.children.some((n) => n.type === 'heading' && n.depth === 2 && toString(n) === l.locale.labels.background)).toBe(true);
    expect(l.locale.labels.background).not.toBe('Background:');
  });

  it('escapes what would be Markdown syntax: text stays text', async () => {
    const dir = temp({
      'r.md':
        '---\nheadline: "Prices up *50%* # [not a link](x) <b>"\ndateline: { city: Geneva, date: 2026-01-05 }\n---\n\nThe lead with 1. a number and a_b_c and `code` and <tag>.\n\n- item *one*\n- item [two](https://example.org)\n',
    });
    const r = runCli(['generate', 'r.md', '-f', 'md', '-o', 'out'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    const tree = parse(readFileSync(path.join(dir, 'out/r.md'), 'utf8'));
    const h1 = tree.children.find((n): n is Heading => n.type === 'heading' && n.depth === 1)!;
    expect(toString(h1)).toBe('Prices up *50%* # [not a link](x) <b>');
    expect(h1.children.every((c) => c.type === 'text')).toBe(true);
    const list = tree.children.find((n) => n.type === 'list');
    expect(list && toString(list)).toBe('item oneitem two');
  });
});

describe('md from the command line', () => {
  it('`generate -f md -` writes the same Markdown to standard output as to a file', () => {
    const dir = temp();
    const file = runCli(['generate', fixture('water-report/release.md'), '-f', 'md', '-o', dir]);
    expect(file.code, file.stderr).toBe(0);
    const stdin = runCli(['generate', '-', '-f', 'md'], { input: readFileSync(fixture('water-report/release.md'), 'utf8') });
    expect(stdin.code, stdin.stderr).toBe(0);
    expect(stdin.stdout).toMatch(/^---\ntitle: Independent expert/);
    expect(stdin.stdout).toBe(readFileSync(path.join(dir, 'release.md'), 'utf8'));
    expect(stdin.stdout).toContain('\n# Independent expert urges States');
  });

  it('links each release to its translations’ .md, relative, files that exist', () => {
    const dir = temp();
    const r = runCli(['generate', fixture('water-report'), '-f', 'md', '-o', dir]);
    expect(r.code, r.stderr).toBe(0);
    const en = frontMatter(parse(readFileSync(path.join(dir, 'release.md'), 'utf8')));
    expect(Object.keys(en.translations as object).sort()).toEqual(['ar', 'es', 'fr', 'ru', 'zh']);
    for (const href of Object.values(en.translations as Record<string, string>)) expect(existsSync(path.join(dir, href)), href).toBe(true);
    const ar = frontMatter(parse(readFileSync(path.join(dir, 'release.ar.md'), 'utf8')));
    expect((ar.translations as Record<string, string>).en).toBe('release.md');
    expect(ar.lang).toBe('ar');
  });

  it('`-f all` writes the .md too', () => {
    const dir = temp();
    const r = runCli(['generate', fixture('vaccine-report/release.md'), '-f', 'all', '-o', dir]);
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(path.join(dir, 'release.md'), 'utf8')).toMatch(/^---\ntitle: /);
  });

  it.each(['water-report/release.ar.md', 'cedaw-trafficking/release.zh.md'])('%s: the same bytes in two time zones', (f) => {
    const [a, b] = generateInTwoTimeZones(f, 'md');
    expect(a.byteLength).toBeGreaterThan(1000);
    expect(a.equals(b)).toBe(true);
  });
});
