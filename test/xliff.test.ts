/**
 * `translations export` / `translations import`: XLIFF 2.1 for CAT tools. Each
 * export is validated against the OASIS XLIFF 2.1 schemas (core + Metadata module)
 * with xmllint, without the network; see test/assets/xliff/README.md for where the
 * schema files come from.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseMarkdown } from '../src/source/parse.js';
import { ALL_FIXTURES, FIXTURES, ROOT, runCli, tempDir } from './helpers.js';

const t = tempDir();
afterAll(() => t.cleanup());

/** The folder with xliff_core_2.0.xsd, metadata.xsd and informativeCopiesOf3rdPartySchemas/w3c/xml.xsd. */
const SCHEMA_PLACES = [process.env.XLIFF_XSD_DIR, path.join(ROOT, 'test/assets/xliff'), path.join(ROOT, '../shared/xliff-xsd')].filter((d): d is string => !!d);
const SCHEMA_DIR = SCHEMA_PLACES.find((d) => existsSync(path.join(d, 'xliff_core_2.0.xsd')));
// Said on every run that lacks them, so that a skipped schema check is never silent.
if (!SCHEMA_DIR) console.warn(`test/xliff.test.ts: the OASIS XLIFF 2.1 schemas are not in ${SCHEMA_PLACES.join(', ')}; the schema checks are skipped (test/assets/xliff/README.md)`);
function schemaDir(): string {
  if (!SCHEMA_DIR) throw new Error('no schema');
  return SCHEMA_DIR;
}

/** A schema that imports the core and the Metadata module, so that xmllint checks both. */
function driverSchema(): string {
  const dir = schemaDir();
  const file = path.join(t.dir, 'xliff-2.1-with-metadata.xsd');
  writeFileSync(
    file,
    `<?xml version="1.0" encoding="UTF-8"?>
<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">
  <xs:import namespace="urn:oasis:names:tc:xliff:document:2.0" schemaLocation="${path.join(dir, 'xliff_core_2.0.xsd')}"/>
  <xs:import namespace="urn:oasis:names:tc:xliff:metadata:2.0" schemaLocation="${path.join(dir, 'metadata.xsd')}"/>
</xs:schema>
`,
  );
  return file;
}

function xmllint(schema: string, file: string): { ok: boolean; out: string } {
  const r = spawnSync('xmllint', ['--noout', '--nonet', '--schema', schema, file], { encoding: 'utf8' });
  if (r.error) throw new Error(`xmllint could not be run (apt-get install libxml2-utils): ${r.error.message}`);
  return { ok: r.status === 0, out: r.stdout + r.stderr };
}

let n = 0;
/** A copy of a fixture folder to work in. */
function copy(name: string): string {
  const dir = path.join(t.dir, `${name}-${++n}`);
  cpSync(path.join(FIXTURES, name), dir, { recursive: true });
  return dir;
}

const read = (f: string) => readFileSync(f, 'utf8');
const body = (text: string) =>
  JSON.parse(
    JSON.stringify(
      parseMarkdown(text).children.filter((c) => c.type !== 'yaml'),
      (k, v: unknown) => (k === 'position' ? undefined : v),
    ),
  ) as unknown[];

/** Languages of each original's translations, and one without a translation. */
const CASES = ALL_FIXTURES.filter((f) => /\/release\.md$/.test(f)).flatMap((f) => {
  const dir = path.dirname(f);
  const langs = readdirSync(path.join(FIXTURES, dir))
    .map((x) => /^release\.([a-z]{2})\.md$/.exec(x)?.[1])
    .filter((l): l is string => !!l);
  return [...langs, 'de'].map((lang) => ({ dir, lang, translated: langs.includes(lang) }));
});

let driver: string | undefined;
/** made when first needed: without the schema files only the tests that validate fail */
const schemaFile = () => (driver ??= driverSchema());

describe('translations export', () => {
  it.each(CASES)('$dir → $lang: one unit a block, targets where a translation exists, no URL as text', ({ dir, lang, translated }) => {
    const work = copy(dir);
    const r = runCli(['translations', 'export', 'release.md', '--lang', lang], { cwd: work });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const text = read(path.join(work, `release.${lang}.xlf`));
    expect(text).toMatch(
      /^<\?xml version="1\.0" encoding="UTF-8"\?>\n<xliff xmlns="urn:oasis:names:tc:xliff:document:2\.0" xmlns:mda="urn:oasis:names:tc:xliff:metadata:2\.0" version="2\.1" srcLang="en" trgLang="[a-z]+">/,
    );
    // a target for every unit exactly where a translation exists
    const units = text.match(/<unit /g)!.length;
    expect(units).toBeGreaterThan(5);
    expect(text.match(/<target>/g)?.length ?? 0).toBe(translated ? units : 0);
    // no URL is editable text: every link's URL is in <originalData>, none in a <source> or <target>
    for (const m of text.matchAll(/<(source|target)>(.*)<\/\1>/g)) expect(m[2]!.replace(/<[^>]*>/g, '')).not.toMatch(/https?:\/\/\S+\)/);
  });
});

describe.skipIf(!SCHEMA_DIR)('translations export: against the OASIS XLIFF 2.1 schemas (test/assets/xliff/README.md)', () => {
  it.each(CASES)('$dir → $lang validates', ({ dir, lang }) => {
    const work = copy(dir);
    expect(runCli(['translations', 'export', 'release.md', '--lang', lang], { cwd: work }).code).toBe(0);
    const v = xmllint(schemaFile(), path.join(work, `release.${lang}.xlf`));
    expect(v.out).toContain('validates');
    expect(v.ok).toBe(true);
  });

  it('the schema check is real: an XLIFF without srcLang, or with a bad state, fails it', () => {
    const work = copy('water-report');
    runCli(['translations', 'export', 'release.md', '--lang', 'fr'], { cwd: work });
    const xlf = path.join(work, 'release.fr.xlf');
    const good = read(xlf);
    writeFileSync(xlf, good.replace(' srcLang="en"', ''));
    expect(xmllint(schemaFile(), xlf).ok).toBe(false);
    writeFileSync(xlf, good.replace('state="initial"', 'state="done"'));
    expect(xmllint(schemaFile(), xlf).ok).toBe(false);
    writeFileSync(xlf, good.replace('<mda:meta type="block-hash">', '<mda:meta kind="block-hash">'));
    expect(xmllint(schemaFile(), xlf).ok).toBe(false);
  });
});

describe('translations export: states', () => {
  it('marks the blocks that changed since the translation for review, the rest translated', () => {
    const work = copy('cedaw-trafficking');
    const original = path.join(work, 'release.md');
    writeFileSync(original, read(original).replace('“Combatting trafficking also entails discouraging the demand,”', '“Combatting trafficking also means discouraging the demand,”'));
    const r = runCli(['translations', 'export', 'release.md', '--lang', 'fr'], { cwd: work });
    expect(r.stdout).toContain('1 to review');
    const text = read(path.join(work, 'release.fr.xlf'));
    const changed = /<unit id="(b\d+)"[\s\S]*?<\/unit>/g;
    const review = [...text.matchAll(changed)].filter((m) => m[0].includes('subState="pressready:needs-review"'));
    expect(review.map((m) => m[1])).toEqual(['b6']);
    expect(review[0]![0]).toContain('state="initial"');
    expect(review[0]![0]).toContain('also means discouraging');
    expect(text.match(/state="translated"/g)!.length).toBe(text.match(/<unit /g)!.length - 1);
  });
});

describe('translations import', () => {
  it.each(CASES.filter((c) => c.translated))('$dir/$lang: the unchanged export leaves the translation byte for byte, and rebuilds its blocks', ({ dir, lang }) => {
    const work = copy(dir);
    const md = path.join(work, `release.${lang}.md`);
    const before = read(md);
    expect(runCli(['translations', 'export', 'release.md', '--lang', lang], { cwd: work }).code).toBe(0);
    const r = runCli(['translations', 'import', `release.${lang}.xlf`], { cwd: work });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(read(md)).toBe(before);
    // without the Markdown file, the XLIFF alone gives the same blocks (mdast) and front matter
    renameSync(md, `${md}.kept`);
    const fresh = runCli(['translations', 'import', `release.${lang}.xlf`], { cwd: work });
    expect(fresh.code).toBe(0);
    const written = read(md);
    expect(body(written)).toEqual(body(before));
    for (const key of ['headline:', 'subheadline:', '  city:', 'author:']) {
      const line = (s: string) =>
        s
          .split('\n')
          .find((l) => l.startsWith(key))
          ?.replace(/^[^:]+:\s*/, '')
          .replace(/^"|"$/g, '');
      expect(line(written)).toBe(line(before));
    }
    expect(written).toMatch(/^translation-of: release\.md$/m);
    expect(written).toMatch(new RegExp(`^lang: ${lang}$`, 'm'));
  });

  it('an edited target changes that block alone, and the translation is then up to date', () => {
    const work = copy('cedaw-trafficking');
    const md = path.join(work, 'release.fr.md');
    const before = read(md);
    runCli(['translations', 'export', 'release.md', '--lang', 'fr'], { cwd: work });
    const xlf = path.join(work, 'release.fr.xlf');
    writeFileSync(xlf, read(xlf).replace('suppose aussi de décourager la demande', 'c’est aussi décourager la demande, &amp; la réduire'));
    const r = runCli(['translations', 'import', 'release.fr.xlf'], { cwd: work });
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('release.fr.md: 1 block changed\n');
    const after = read(md);
    const a = before.split('\n');
    const b = after.split('\n');
    expect(b.length).toBe(a.length);
    const diff = a.map((l, i) => (l === b[i] ? undefined : [l, b[i]])).filter(Boolean);
    expect(diff).toHaveLength(1);
    expect(diff[0]![1]).toContain('c’est aussi décourager la demande, & la réduire');
    const status = runCli(['translations', 'release.md'], { cwd: work });
    expect(status.stdout).toMatch(/^ {2}fr {4}up to date/m);
  });

  it('a target that moves a link and an emphasis keeps the link’s URL and writes both', () => {
    const work = copy('vaccine-report');
    runCli(['translations', 'export', 'release.md', '--lang', 'fr'], { cwd: work });
    const xlf = path.join(work, 'release.fr.xlf');
    let text = read(xlf);
    const unit = /<unit id="(b\d+)"[\s\S]*?<\/unit>/g;
    const m = [...text.matchAll(unit)].find((u) => u[0].includes('Closing the Gap'))!;
    const source = /<source>(.*)<\/source>/.exec(m[0])![1]!;
    const pcs = [...source.matchAll(/<pc [^>]*>.*?<\/pc>|<ph [^>]*\/>/g)].map((x) => x[0]);
    expect(pcs).toHaveLength(3); // the emphasis, the link, the inline code
    const [em, link, code] = pcs as [string, string, string];
    const target = `Sur le ${link.replace(/>.*<\/pc>$/, '>site du Partenariat</pc>')}, avec les données (${code}), se trouve le rapport ${em.replace(/>.*<\/pc>$/, '>Combler l’écart</pc>')}.`;
    text = text.replace(m[0], m[0].replace('</source>', `</source>\n          <target>${target}</target>`).replace('state="initial"', 'state="translated"'));
    writeFileSync(xlf, text);
    const r = runCli(['translations', 'import', 'release.fr.xlf'], { cwd: work });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const md = read(path.join(work, 'release.fr.md'));
    expect(md).toContain('Sur le [site du Partenariat](https://www.example.org/reports/closing-the-gap-2025), avec les données (`coverage-2025.csv`), se trouve le rapport *Combler l’écart*.');
    // the untranslated blocks are the original's, still to do
    expect(md).toContain('Routine childhood immunization has returned');
    const status = runCli(['translations', 'release.md'], { cwd: work });
    expect(status.stdout).toMatch(/fr {4}stale/);
  });

  describe('refuses an XLIFF that does not match its original, at its place, and writes nothing', () => {
    function broken(edit: (xlf: string) => string): { work: string; r: ReturnType<typeof runCli>; xlfText: string; before: string } {
      const work = copy('cedaw-trafficking');
      runCli(['translations', 'export', 'release.md', '--lang', 'fr'], { cwd: work });
      const xlf = path.join(work, 'release.fr.xlf');
      const xlfText = edit(read(xlf));
      writeFileSync(xlf, xlfText);
      const before = read(path.join(work, 'release.fr.md'));
      const r = runCli(['translations', 'import', 'release.fr.xlf'], { cwd: work });
      expect(r.code).toBe(1);
      expect(read(path.join(work, 'release.fr.md'))).toBe(before);
      expect(readdirSync(work).filter((f) => f.startsWith('.') || f.includes('.tmp'))).toEqual([]);
      return { work, r, xlfText, before };
    }
    /** 1-based line and column of a string in a text */
    const place = (text: string, s: string) => {
      const i = text.indexOf(s);
      const lines = text.slice(0, i).split('\n');
      return `${lines.length}:${lines[lines.length - 1]!.length + 1}`;
    };

    it('a unit removed', () => {
      const { r, xlfText } = broken((x) => x.replace(/ *<unit id="b6"[\s\S]*?<\/unit>\n/, ''));
      expect(r.stderr).toContain(`release.fr.xlf:${place(xlfText, '<file ')}: error: Unit b6 (paragraph at line 22 of release.md) is missing from the file`);
    });

    it('an unknown unit id', () => {
      const { r, xlfText } = broken((x) => x.replace('<unit id="b6"', '<unit id="b99"'));
      expect(r.stderr).toContain(`release.fr.xlf:${place(xlfText, '<unit id="b99"')}: error: Unit b99 is not a part of release.md as it is now`);
    });

    it('a <pc> removed from a target', () => {
      const { r, xlfText } = broken((x) => x.replace(/(<target>[^<]*)<pc [^>]*>([^<]*)<\/pc>/, '$1$2'));
      const unit = /<unit id="(b\d+)"[\s\S]*?<\/unit>/.exec(xlfText.slice(xlfText.indexOf('<unit id="b1"')))!;
      void unit;
      expect(r.stderr).toMatch(/release\.fr\.xlf:\d+:\d+: error: Unit b2: the target lacks the inline code 1 of the source \("\[…\]\(https:\/\/www\.ohchr\.org\/en\/treaty-bodies\/cedaw\)"\)/);
      const at = /release\.fr\.xlf:(\d+):(\d+): error: Unit b2/.exec(r.stderr)!;
      const targetLine = xlfText.split('\n')[Number(at[1]) - 1]!;
      expect(targetLine.slice(Number(at[2]) - 1)).toMatch(/^<target>Dans sa recommandation/);
    });

    it('a link’s Markdown in originalData made into something else than a link', () => {
      const { r } = broken((x) => x.replace('](https://www.ohchr.org/fr/treaty-bodies/cedaw)</data>', '] (https://www.ohchr.org/fr/treaty-bodies/cedaw)</data>'));
      expect(r.stderr).toMatch(/Unit b2: the Markdown of code 1 .* is not a link as in the source/);
    });

    it('the XLIFF of another original', () => {
      const work = copy('water-report');
      const cedaw = copy('cedaw-trafficking');
      runCli(['translations', 'export', 'release.md', '--lang', 'fr'], { cwd: cedaw });
      cpSync(path.join(cedaw, 'release.fr.xlf'), path.join(work, 'release.fr.xlf'));
      const before = read(path.join(work, 'release.fr.md'));
      const r = runCli(['translations', 'import', 'release.fr.xlf'], { cwd: work });
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/release\.fr\.xlf:3:3: error: This XLIFF was exported from another original than release\.md/);
      expect(read(path.join(work, 'release.fr.md'))).toBe(before);
    });
  });

  describe('hostile XLIFF', () => {
    it('a DOCTYPE with entities is refused, nothing expanded', () => {
      const work = copy('water-report');
      runCli(['translations', 'export', 'release.md', '--lang', 'fr'], { cwd: work });
      const xlf = path.join(work, 'release.fr.xlf');
      const laughs = '<!DOCTYPE xliff [\n<!ENTITY a "aaaaaaaaaa">\n<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">\n<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">\n]>\n';
      writeFileSync(xlf, read(xlf).replace('<xliff ', `${laughs}<xliff `).replace('<target>', '<target>&c;'));
      const before = read(path.join(work, 'release.fr.md'));
      const r = runCli(['translations', 'import', 'release.fr.xlf'], { cwd: work });
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/release\.fr\.xlf:6:\d+: error: The file has a document type declaration/);
      expect(read(path.join(work, 'release.fr.md'))).toBe(before);
    });

    it('an external entity is refused', () => {
      const work = copy('water-report');
      writeFileSync(path.join(work, 'release.fr.xlf'), '<?xml version="1.0"?>\n<!DOCTYPE x SYSTEM "file:///etc/passwd">\n<xliff/>');
      const r = runCli(['translations', 'import', 'release.fr.xlf'], { cwd: work });
      expect(r.code).toBe(1);
      expect(r.stderr).toContain('document type declaration');
    });

    it('a very large file is refused with its size', () => {
      const work = copy('water-report');
      writeFileSync(path.join(work, 'big.xlf'), `<xliff>${' '.repeat(17 * 1024 * 1024)}</xliff>`);
      const r = runCli(['translations', 'import', 'big.xlf'], { cwd: work });
      expect(r.code).toBe(1);
      expect(r.stderr).toContain('big.xlf: error: The file is 17.0 MB; pressready reads XLIFF files of up to 16 MB');
    });

    it('malformed XML is told at its place', () => {
      const work = copy('water-report');
      writeFileSync(path.join(work, 'bad.xlf'), '<?xml version="1.0"?>\n<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.1">\n  <file id="f1">\n</xliff>\n');
      const r = runCli(['translations', 'import', 'bad.xlf'], { cwd: work });
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/bad\.xlf:4:\d+: error: The file is not well-formed XML/);
      expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
    });
  });

  it('`pressready translations <files>` still reports, beside the new subcommands', () => {
    const r = runCli(['translations', 'fixtures/cedaw-trafficking/release.md']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/fr {4}up to date/);
  });
});
