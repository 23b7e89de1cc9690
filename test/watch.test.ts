/**
 * `pressready watch`: the built CLI as a child process in a temporary folder of
 * real files, edited as editors edit them (in place, by rename over the file,
 * deleted and made again), and the caches it reads through (src/io/stamp.ts).
 * Every wait polls with a bound; nothing is timed.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { crc32, deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { loadRelease } from '../src/release/load.js';
import { fixture, ROOT, runCli, tempDirs } from './helpers.js';
import { type Running, source, start, until } from './watch-helpers.js';

const temp = tempDirs();

/** A PNG of one colour, w × h pixels. */
function png(w: number, h: number, rgb: number[]): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const out = Buffer.alloc(12 + data.length);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc32(body), 8 + data.length);
    return out;
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  const row = Buffer.concat([Buffer.from([0]), Buffer.from(Array.from({ length: w }, () => rgb).flat())]);
  const raw = Buffer.concat(Array.from({ length: h }, () => row));
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

const read = (f: string) => (existsSync(f) ? readFileSync(f, 'utf8') : '');
const ready = (w: Running) => until(() => /Watching \d+ source/.test(w.err()), `the watch to start; stderr: ${w.err()}`);

/** Files anywhere under `dir` that a write left behind (`.name.pid.hex.tmp`). */
function temps(dir: string): string[] {
  return (readdirSync(dir, { recursive: true }) as string[]).filter((f) => /\.tmp$/.test(f));
}

describe('watch', () => {
  it('generates, then again on a save, a rename over the source, a delete and a re-creation, and goes on after bad YAML', async () => {
    const dir = temp({ 'news/wells.md': source('Wells for every village') });
    const txt = path.join(dir, 'out', 'wells.txt');
    const w = start(['watch', 'news', '-o', 'out', '-f', 'txt,html'], dir);
    await ready(w);
    expect(read(txt)).toContain('Wells for every village');
    expect(existsSync(path.join(dir, 'out', 'wells.html'))).toBe(true);
    expect(w.out()).toMatch(/news\/wells\.md → out\/wells\.txt, out\/wells\.html \(\d+ ms\)/);

    // a save in place
    writeFileSync(path.join(dir, 'news/wells.md'), source('Pumps repaired in forty villages'));
    await until(() => read(txt).includes('Pumps repaired in forty villages'), 'the saved headline in the text');
    await until(() => w.out().match(/news\/wells\.md → /g)?.length === 2, 'the line of the second generation');

    // an editor's atomic save: a temporary file renamed over the source
    writeFileSync(path.join(dir, 'news/.wells.md.swp'), source('Solar pumps reach the last district'));
    renameSync(path.join(dir, 'news/.wells.md.swp'), path.join(dir, 'news/wells.md'));
    await until(() => read(txt).includes('Solar pumps reach the last district'), 'the renamed-over headline in the text');

    // deleted: said so, the outputs kept; made again: generated again
    unlinkSync(path.join(dir, 'news/wells.md'));
    await until(() => /news\/wells\.md: deleted/.test(w.err()), 'the deletion to be told');
    expect(read(txt)).toContain('Solar pumps reach the last district');
    writeFileSync(path.join(dir, 'news/wells.md'), source('Wells back after the flood'));
    await until(() => read(txt).includes('Wells back after the flood'), 'the re-created source in the text');

    // a new source in the watched folder
    writeFileSync(path.join(dir, 'news/schools.md'), source('Schools open their doors'));
    await until(() => read(path.join(dir, 'out', 'schools.txt')).includes('Schools open their doors'), 'the new source to be generated');

    // bad YAML: the message with its place, the last outputs kept, the watch alive; the next good save regenerates
    const before = w.out().length;
    writeFileSync(path.join(dir, 'news/wells.md'), '---\nheadline: [unclosed\ndateline: {city: Geneva, date: 2026-03-02}\n---\n\nLead.\n');
    await until(() => /news\/wells\.md:\s*not generated/.test(w.out().slice(before)), 'the failure line');
    expect(w.err()).toMatch(/news\/wells\.md:\d+:\d+/);
    expect(read(txt)).toContain('Wells back after the flood');
    expect(w.proc.exitCode).toBeNull();
    writeFileSync(path.join(dir, 'news/wells.md'), source('Mended and generated'));
    await until(() => read(txt).includes('Mended and generated'), 'the mended source in the text');

    w.proc.kill('SIGINT');
    expect(await w.exit).toBe(130);
    expect(temps(dir)).toEqual([]);
  });

  it('regenerates the sources of a template whose locale file or template.yaml changed, and only those', async () => {
    const dir = temp({
      'templates/house/template.yaml': 'extends: default\nname: house\n',
      'templates/house/locales/en.yaml': 'labels:\n  endMarker: "ENDS HERE"\n',
      'a.md': source('Uses the house template', undefined, 'template: house\n'),
      'b.md': source('Uses the default template'),
    });
    const w = start(['watch', 'a.md', 'b.md', '-o', 'out', '-f', 'txt'], dir);
    await ready(w);
    const a = path.join(dir, 'out', 'a.txt');
    expect(read(a)).toContain('ENDS HERE');
    const bBefore = statSync(path.join(dir, 'out', 'b.txt')).mtimeMs;
    const lines = () => w.out().split('\n').filter(Boolean);
    const n = lines().length;

    writeFileSync(path.join(dir, 'templates/house/locales/en.yaml'), 'labels:\n  endMarker: "THE LAST LINE"\n');
    await until(() => read(a).includes('THE LAST LINE'), 'the new locale word in a.txt');
    expect(read(a)).not.toContain('ENDS HERE');

    // template.yaml: the house template now extends wire, whose words differ
    writeFileSync(path.join(dir, 'templates/house/template.yaml'), 'extends: wire\nname: house\n');
    await until(() => lines().filter((l) => l.startsWith('a.md → ')).length >= 3, 'a.md generated a third time');
    // b.md uses the default template: never generated again
    expect(
      lines()
        .slice(n)
        .some((l) => l.startsWith('b.md')),
    ).toBe(false);
    expect(statSync(path.join(dir, 'out', 'b.txt')).mtimeMs).toBe(bBefore);

    // a broken template: its message, the watch goes on; mended, the source comes back
    writeFileSync(path.join(dir, 'templates/house/template.yaml'), 'extends: default\nname: house\npage: [\n');
    await until(() => /templates\/house\/template\.yaml/.test(w.err()), 'the template error');
    writeFileSync(path.join(dir, 'templates/house/locales/en.yaml'), 'labels:\n  endMarker: "MENDED END"\n');
    writeFileSync(path.join(dir, 'templates/house/template.yaml'), 'extends: default\nname: house\n');
    await until(() => read(a).includes('MENDED END'), 'the mended template used');

    w.proc.kill('SIGTERM');
    expect(await w.exit).toBe(0);
    expect(temps(dir)).toEqual([]);
  });

  it('regenerates the translations of a changed original, and every source when the config changes', async () => {
    const dir = temp({
      'r.md': source('The original headline', undefined, 'id: water\n'),
      'r.fr.md': '---\nheadline: Le titre traduit\nlang: fr\ntranslation-of: r.md\n---\n\nLes villages du nord ont désormais de l’eau potable, a déclaré le comité lundi.\n',
      'pressready.config.yaml': 'generate:\n  format: [html]\n',
    });
    const w = start(['watch', '.', '-o', 'out'], dir);
    await ready(w);
    const fr = path.join(dir, 'out', 'r.fr.html');
    await until(() => existsSync(fr), 'the translation generated');
    const frCount = () => (w.out().match(/r\.fr\.md → /g) ?? []).length;
    expect(frCount()).toBe(1);
    writeFileSync(path.join(dir, 'r.md'), source('The original headline, changed', undefined, 'id: water\n'));
    await until(() => frCount() === 2, 'the translation generated again with its original');

    // the config's generate defaults change the formats of every source
    writeFileSync(path.join(dir, 'pressready.config.yaml'), 'generate:\n  format: [html, txt]\n');
    await until(() => existsSync(path.join(dir, 'out', 'r.fr.txt')) && existsSync(path.join(dir, 'out', 'water.txt')), 'the config’s formats used');
    w.proc.kill('SIGINT');
    expect(await w.exit).toBe(130);
  });

  it('regenerates the sources of a template whose logo changed', async () => {
    const dir = temp({ 'templates/logo/template.yaml': 'extends: default\nname: logo\nletterhead: { logo: logo.png }\n', 'a.md': source('With a logo', undefined, 'template: logo\n') });
    writeFileSync(path.join(dir, 'templates/logo/logo.png'), png(240, 60, [0, 85, 140]));
    const w = start(['watch', 'a.md', '-o', 'out', '-f', 'html'], dir);
    await ready(w);
    const html = path.join(dir, 'out', 'a.html');
    const logoOf = () => /src="data:image\/png;base64,([^"]+)"/.exec(read(html))?.[1];
    const first = logoOf();
    expect(Buffer.from(first!, 'base64').equals(png(240, 60, [0, 85, 140]))).toBe(true);
    writeFileSync(path.join(dir, 'templates/logo/logo.png'), png(120, 60, [200, 30, 30]));
    await until(() => logoOf() !== first && logoOf(), 'the new logo in the page');
    expect(Buffer.from(logoOf()!, 'base64').equals(png(120, 60, [200, 30, 30]))).toBe(true);
    w.proc.kill('SIGINT');
    expect(await w.exit).toBe(130);
  });

  it('generates a new source that matches a watched glob, and not one that does not', async () => {
    const dir = temp({ 'news/a.md': source('The first release'), 'notes/x.md': source('A note') });
    const w = start(['watch', 'news/*.md', '-o', 'out', '-f', 'txt'], dir);
    await ready(w);
    expect(read(path.join(dir, 'out', 'a.txt'))).toContain('The first release');
    writeFileSync(path.join(dir, 'notes/y.md'), source('Another note'));
    writeFileSync(path.join(dir, 'news/b.md'), source('The second release'));
    await until(() => read(path.join(dir, 'out', 'b.txt')).includes('The second release'), 'the new matching source generated');
    expect(w.out()).not.toMatch(/notes\//);
    expect(existsSync(path.join(dir, 'out', 'y.txt'))).toBe(false);
    w.proc.kill('SIGINT');
    expect(await w.exit).toBe(130);
  });

  it('refuses standard input', async () => {
    const dir = temp();
    const w = start(['watch', '-'], dir);
    expect(await w.exit).toBe(2);
    expect(w.err()).toMatch(/standard input/);
  });
});

describe('watch writes what generate writes', () => {
  const FORMATS = ['txt', 'docx', 'pdf'];
  /** The bytes `generate` writes for `file` in `dir` now, by format, and those the watch wrote. */
  function compare(dir: string, file: string, formats = FORMATS): void {
    rmSync(path.join(dir, 'gen'), { recursive: true, force: true });
    const r = runCli(['generate', file, '-o', 'gen', '-f', formats.join(','), '-q'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    const stem = path.basename(file, '.md');
    for (const f of formats) {
      const watched = readFileSync(path.join(dir, 'out', `${stem}.${f}`));
      const generated = readFileSync(path.join(dir, 'gen', `${stem}.${f}`));
      expect(watched.equals(generated), `${stem}.${f}: the watch's bytes are generate's`).toBe(true);
    }
  }

  it('txt, docx and pdf, after edits of one paragraph, of the front matter, and of the blocks around them', async () => {
    const text = readFileSync(fixture('cedaw-trafficking/release.md'), 'utf8');
    const dir = temp({ 'release.md': text });
    const w = start(['watch', 'release.md', '-o', 'out', '-f', FORMATS.join(',')], dir);
    await ready(w);
    const generated = () => (w.out().match(/^release\.md → /gm) ?? []).length;
    compare(dir, 'release.md');
    const pdfBefore = readFileSync(path.join(dir, 'out', 'release.pdf'));
    let saved = text;
    const save = async (edit: (t: string) => string, what: string) => {
      const n = generated();
      const next = edit(saved);
      expect(next).not.toBe(saved);
      saved = next;
      writeFileSync(path.join(dir, 'release.md'), saved);
      await until(() => generated() > n, `the watch to generate after ${what}`);
      compare(dir, 'release.md');
    };
    // one word of one paragraph in the middle: the other pieces of the source are not parsed again
    await save((t) => t.replace('urged governments to address', 'urged all governments to address'), 'a one-word edit');
    expect(readFileSync(path.join(dir, 'out', 'release.txt'), 'utf8')).toContain('urged all governments');
    expect(readFileSync(path.join(dir, 'out', 'release.pdf')).equals(pdfBefore)).toBe(false);
    // the front matter: the headline (title, running header) and the date
    await save((t) => t.replace(/^headline: .*$/m, 'headline: Committee asks for action on trafficking online').replace('date: 2020-11-11', 'date: 2020-11-12'), 'a front-matter edit');
    expect(readFileSync(path.join(dir, 'out', 'release.txt'), 'utf8')).toContain('Committee asks for action on trafficking online');
    // a paragraph added, another taken away, a list where a paragraph was
    await save(
      (t) =>
        t
          .replace('“Combatting trafficking also entails discouraging the demand,” Leinarte stressed.\n\n', '')
          .replace('\nThe experts urged', '\nA new paragraph, with *emphasis*.\n\n- one point\n- another point\n\nThe experts urged'),
      'blocks added and removed',
    );
    // back to the first text: the pieces seen before
    await save(() => text, 'the first text again');
    w.proc.kill('SIGINT');
    expect(await w.exit).toBe(130);
    expect(temps(dir)).toEqual([]);
  });

  it('an original and its Arabic translation, after an edit of the original', async () => {
    const dir = temp({ 'release.md': readFileSync(fixture('cedaw-trafficking/release.md'), 'utf8'), 'release.ar.md': readFileSync(fixture('cedaw-trafficking/release.ar.md'), 'utf8') });
    const w = start(['watch', 'release.md', 'release.ar.md', '-o', 'out', '-f', 'docx,pdf'], dir);
    await ready(w);
    const generated = (f: string) => (w.out().match(new RegExp(`^${f.replace('.', '\\.')} → `, 'gm')) ?? []).length;
    compare(dir, 'release.md', ['docx', 'pdf']);
    compare(dir, 'release.ar.md', ['docx', 'pdf']);
    writeFileSync(path.join(dir, 'release.md'), readFileSync(path.join(dir, 'release.md'), 'utf8').replace('date: 2020-11-11', 'date: 2020-11-13'));
    await until(() => generated('release.md') >= 2 && generated('release.ar.md') >= 2, 'the original and its translation generated again');
    compare(dir, 'release.md', ['docx', 'pdf']);
    compare(dir, 'release.ar.md', ['docx', 'pdf']);
    w.proc.kill('SIGINT');
    expect(await w.exit).toBe(130);
  });

  it('a PDF thread that dies: the PDF is rendered in the main thread, and the watch goes on', async () => {
    const dir = temp({ 'crash.md': source('The thread dies on this one') });
    // test/assets/worker-crash.cjs: the PDF thread exits (86) as it starts its task, each time one is started
    const crash = {
      NODE_OPTIONS: `--require ${JSON.stringify(path.join(ROOT, 'test/assets/worker-crash.cjs'))}`,
      PRESSREADY_TEST_CRASH_MODULE: 'pdf-task',
      PRESSREADY_TEST_CRASH_MARK: path.join(dir, 'deaths.txt'),
    };
    const saved = { ...process.env };
    Object.assign(process.env, crash);
    let w: Running;
    try {
      w = start(['watch', 'crash.md', '-o', 'out', '-f', 'txt,pdf'], dir);
    } finally {
      for (const k of Object.keys(crash))
        if (saved[k] === undefined) delete process.env[k];
        else process.env[k] = saved[k];
    }
    await ready(w);
    compare(dir, 'crash.md', ['txt', 'pdf']);
    writeFileSync(path.join(dir, 'crash.md'), source('Saved, and the thread dies again'));
    await until(() => (w.out().match(/^crash\.md → /gm) ?? []).length >= 2, 'the second generation');
    compare(dir, 'crash.md', ['txt', 'pdf']);
    // the thread did die (once a task it was sent), and the watch said nothing of it
    expect(readFileSync(path.join(dir, 'deaths.txt'), 'utf8')).toMatch(/^(died\n)+$/);
    expect(w.err()).not.toMatch(/internal|worker|thread/i);
    w.proc.kill('SIGINT');
    expect(await w.exit).toBe(130);
  });

  it('the PDF after a template’s font file changed (the PDF thread opens it again)', async () => {
    const fonts = path.join(path.dirname(path.dirname(createRequire(import.meta.url).resolve('@embedpdf/fonts-latin'))), 'fonts');
    const dir = temp({
      'templates/house/template.yaml': 'name: house\nextends: default\nfonts:\n  sans: { regular: house.ttf }\n',
      'r.md': source('A face of our own', undefined, 'template: house\n'),
    });
    writeFileSync(path.join(dir, 'templates/house/house.ttf'), readFileSync(path.join(fonts, 'NotoSans-Light.ttf')));
    const w = start(['watch', 'r.md', '-o', 'out', '-f', 'docx,pdf'], dir);
    await ready(w);
    const generated = () => (w.out().match(/^r\.md → /gm) ?? []).length;
    compare(dir, 'r.md', ['docx', 'pdf']);
    const before = readFileSync(path.join(dir, 'out', 'r.pdf'));
    expect(before.includes('NotoSans-Light')).toBe(true);
    writeFileSync(path.join(dir, 'templates/house/house.ttf'), readFileSync(path.join(fonts, 'NotoSans-Medium.ttf')));
    await until(() => generated() >= 2, 'the source generated again with the new face');
    const after = readFileSync(path.join(dir, 'out', 'r.pdf'));
    expect(after.includes('NotoSans-Medium')).toBe(true);
    expect(after.includes('NotoSans-Light')).toBe(false);
    compare(dir, 'r.md', ['docx', 'pdf']);
    w.proc.kill('SIGINT');
    expect(await w.exit).toBe(130);
  });
});

describe('caches hold while their files are the same', () => {
  it('a loaded template and locale follow an edit of the locale file and template.yaml in one process', async () => {
    const dir = temp({
      'templates/house/template.yaml': 'extends: default\nname: house\n',
      'templates/house/locales/en.yaml': 'labels:\n  endMarker: "FIRST END"\n',
      'a.md': source('One process', undefined, 'template: house\n'),
    });
    const load = async () => (await loadRelease('a.md', { cwd: dir })).loaded!;
    expect((await load()).locale.labels.endMarker).toBe('FIRST END');
    // a different size, so that the stamp differs however coarse the clock
    writeFileSync(path.join(dir, 'templates/house/locales/en.yaml'), 'labels:\n  endMarker: "SECOND, LONGER END"\n');
    expect((await load()).locale.labels.endMarker).toBe('SECOND, LONGER END');
    writeFileSync(path.join(dir, 'templates/house/template.yaml'), 'extends: wire\nname: house\n');
    expect((await load()).template.chain.some((d) => path.basename(d) === 'wire')).toBe(true);
    // a new locale file in the template: a new language
    mkdirSync(path.join(dir, 'templates/house/locales'), { recursive: true });
    writeFileSync(path.join(dir, 'templates/house/locales/fr.yaml'), 'labels:\n  endMarker: "FIN MAISON"\n');
    writeFileSync(path.join(dir, 'a.md'), source('Un processus', undefined, 'template: house\nlang: fr\n'));
    expect((await load()).locale.labels.endMarker).toBe('FIN MAISON');
  });
});
