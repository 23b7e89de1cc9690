/**
 * docs/ is the project's reference: it must name what the code has — every flag of
 * every command, every front-matter key, format and limit — and its links (and the
 * code's citations of it) must lead somewhere. The code cites no file that a clone
 * of the repository lacks.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '../src/cli/main.js';
import { parseLimits } from '../src/limits.js';
import { FORMATS } from '../src/render/registry.js';
import type { Io } from '../src/report/io.js';
import { frontMatterSpec } from '../src/source/front-matter.js';
import type { Spec } from '../src/yaml/schema.js';
import { ROOT } from './helpers.js';

const read = (rel: string) => readFileSync(path.join(ROOT, rel), 'utf8');

function filesUnder(dir: string, keep: (f: string) => boolean): string[] {
  const out: string[] = [];
  for (const name of readdirSync(path.join(ROOT, dir))) {
    const rel = `${dir}/${name}`;
    if (statSync(path.join(ROOT, rel)).isDirectory()) out.push(...filesUnder(rel, keep));
    else if (keep(rel)) out.push(rel);
  }
  return out;
}

const DOCS = ['README.md', ...filesUnder('docs', (f) => f.endsWith('.md'))];

/** Markdown without its fenced code blocks and inline code (whose brackets are no links). */
function prose(text: string): string {
  const out: string[] = [];
  let fence: string | undefined;
  for (const line of text.split('\n')) {
    const m = /^\s*(`{3,}|~{3,})/.exec(line);
    if (fence) {
      if (m && m[1]![0] === fence[0] && m[1]!.length >= fence.length && line.trim() === m[1]) fence = undefined;
      out.push('');
    } else if (m) {
      fence = m[1]!;
      out.push('');
    } else out.push(line.replace(/(`+)[^`]*?\1/g, ''));
  }
  return out.join('\n');
}

/** The anchors GitHub makes of a page's headings: lower case, punctuation dropped, spaces as `-`, repeats numbered. */
function anchors(text: string): Set<string> {
  const seen = new Map<string, number>();
  const out = new Set<string>();
  let fence: string | undefined;
  for (const line of text.split('\n')) {
    const f = /^\s*(`{3,}|~{3,})/.exec(line);
    if (f) fence = fence ? (line.trim() === f[1] && f[1]![0] === fence[0] && f[1]!.length >= fence.length ? undefined : fence) : f[1];
    if (fence || f) continue;
    const h = /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
    if (!h) continue;
    const base = h[1]!
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\p{M}\s_-]/gu, '')
      .replace(/\s/g, '-');
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    out.add(n ? `${base}-${n}` : base);
  }
  return out;
}

/** Whether `target` (a path relative to `from`'s folder, maybe with #anchor) leads somewhere; the reason when not. */
function broken(from: string, target: string): string | undefined {
  const [file, anchor] = target.split('#') as [string, string | undefined];
  const abs = file ? path.resolve(path.dirname(path.join(ROOT, from)), decodeURIComponent(file)) : path.join(ROOT, from);
  if (!existsSync(abs)) return `${from}: ${target}: no such file`;
  if (anchor === undefined) return undefined;
  if (!abs.endsWith('.md')) return `${from}: ${target}: an anchor into a file that is not Markdown`;
  return anchors(readFileSync(abs, 'utf8')).has(anchor) ? undefined : `${from}: ${target}: no heading makes #${anchor}`;
}

describe('the reference in docs/', () => {
  it('has the pages the README links to', () => {
    for (const f of ['README.md', 'source-format.md', 'outputs.md', 'cli.md', 'lint.md', 'limits.md', 'templates.md', 'rules/quote-style.md']) {
      expect(existsSync(path.join(ROOT, 'docs', f)), f).toBe(true);
    }
    const readme = read('README.md');
    for (const f of ['docs/README.md', 'docs/source-format.md', 'docs/cli.md', 'docs/lint.md', 'docs/outputs.md', 'docs/limits.md', 'docs/templates.md']) expect(readme).toContain(`(${f}`);
  });

  it('links only to files and headings that exist (README.md and docs/)', () => {
    const problems: string[] = [];
    let links = 0;
    for (const file of DOCS) {
      for (const m of prose(read(file)).matchAll(/\]\(([^)\s]+)\)/g)) {
        const target = m[1]!;
        if (/^[a-z][a-z+.-]*:/i.test(target)) continue;
        links++;
        const b = broken(file, target);
        if (b) problems.push(b);
      }
    }
    expect(problems).toEqual([]);
    expect(links).toBeGreaterThan(60);
  });

  it('is what the code cites: every `docs/….md#anchor` in src/, scripts/, test/ and bin/ leads somewhere', () => {
    const code = ['src', 'scripts', 'test', 'bin'].flatMap((d) => filesUnder(d, (f) => /\.(ts|mts|mjs|cjs|js)$/.test(f)));
    const problems: string[] = [];
    let cited = 0;
    for (const file of code) {
      for (const m of read(file).matchAll(/\bdocs\/([a-z-]+(?:\/[a-z-]+)?\.md)(#[a-z0-9-]+)?/g)) {
        cited++;
        const b = broken('README.md', `docs/${m[1]}${m[2] ?? ''}`);
        if (b) problems.push(`${file}: ${b}`);
      }
    }
    expect(problems).toEqual([]);
    expect(cited).toBeGreaterThan(10);
  });

  it('the code cites no file that a clone does not have (the old contract and notes)', () => {
    const missing = /\bS[P]EC(?:\.md)?\b|\bN[O]TES\.md\b/;
    const code = ['src', 'scripts', 'test', 'bin'].flatMap((d) => filesUnder(d, (f) => /\.(ts|mts|mjs|cjs|js|json|md)$/.test(f)));
    expect(code.length).toBeGreaterThan(100);
    const hits = code.flatMap((f) =>
      read(f)
        .split('\n')
        .flatMap((l, i) => (missing.test(l) ? [`${f}:${i + 1}: ${l.trim()}`] : [])),
    );
    expect(hits).toEqual([]);
    expect(DOCS.filter((f) => missing.test(read(f)))).toEqual([]);
  });
});

describe('docs/cli.md', () => {
  const doc = read('docs/cli.md');
  const help = async (args: string[]) => {
    let out = '';
    const io: Io = { out: (s) => void (out += String(s)), err: (s) => void (out += s), env: {}, cwd: ROOT, isTTY: false, readStdin: async () => new Uint8Array() };
    expect(await run([...args, '--help'], io)).toBe(0);
    return out;
  };
  const COMMANDS = [
    ['init'],
    ['generate'],
    ['watch'],
    ['preview'],
    ['lint'],
    ['translations'],
    ['translations', 'new'],
    ['translations', 'export'],
    ['translations', 'import'],
    ['templates'],
    ['templates', 'show'],
  ];

  it('has every command, and every command of the program is in that list', async () => {
    const top = await help([]);
    const listed = [...top.matchAll(/^ {2}([a-z]+) /gm)].map((m) => m[1]).filter((c) => c !== 'help');
    expect(listed.sort()).toEqual([...new Set(COMMANDS.map((c) => c[0]))].sort());
    for (const c of COMMANDS) expect(doc, c.join(' ')).toContain(`pressready ${c.join(' ')}`);
  });

  it('names every flag of every command', async () => {
    const missing: string[] = [];
    let flags = 0;
    for (const c of COMMANDS) {
      const options = (await help(c)).split(/\nOptions:\n/)[1]?.split(/\n\n/)[0] ?? '';
      for (const m of options.matchAll(/(?:^|[\s,])(--[a-z][a-z-]*)/g)) {
        if (m[1] === '--help') continue;
        flags++;
        if (!new RegExp(`(?<![\\w-])${m[1]}(?![\\w-])`).test(doc)) missing.push(`${c.join(' ')} ${m[1]}`);
      }
    }
    expect(missing).toEqual([]);
    expect(flags).toBeGreaterThan(35);
  });

  it('names every exit code the commands return', () => {
    const table = doc.slice(doc.indexOf('## Exit codes'));
    for (const code of [0, 1, 2, 70, 130]) expect(table).toMatch(new RegExp(`^\\| ${code} \\|`, 'm'));
  });
});

describe('docs/source-format.md, outputs.md and limits.md', () => {
  /** Every key path of a spec: `dateline.city`, `contacts[].phone`. */
  function keys(spec: Spec, prefix = ''): string[] {
    if (spec.type === 'oneOf') return [...new Set(spec.options.flatMap((o) => keys(o, prefix)))];
    if (spec.type === 'list') return keys(spec.items, prefix);
    if (spec.type !== 'map') return [];
    return Object.entries(spec.keys).flatMap(([k, s]) => [prefix + k, ...keys(s, `${prefix + k}.`)]);
  }

  it('source-format.md documents every front-matter key, and every contact key', () => {
    const doc = read('docs/source-format.md');
    const all = keys(frontMatterSpec());
    expect(all).toEqual(expect.arrayContaining(['headline', 'dateline.date', 'contacts.phone', 'contacts.desk', 'source-hash']));
    const missing = all.filter((k) => !doc.includes(`\`${k}\``) && !(k.startsWith('contacts.') && doc.includes(`| \`${k.slice(9)}\` |`)));
    expect(missing).toEqual([]);
  });

  it('outputs.md names every format with its file', () => {
    const doc = read('docs/outputs.md');
    for (const f of FORMATS) expect(doc, f).toContain(`| \`${f}\` | \`<id>.${f}\` |`);
  });

  it('limits.md and cli.md name every --limit, and the defaults of src/limits.ts', () => {
    const r = parseLimits(['nonsense']);
    expect(r.ok).toBe(false);
    const names = [...(!r.ok ? r.hint : '').matchAll(/([a-z-]+)=</g)].map((m) => m[1]!);
    expect(names).toEqual(['source-kb', 'depth', 'table-columns']);
    const limits = read('docs/limits.md');
    for (const n of names) {
      expect(limits).toContain(`\`--limit ${n}=N\``);
      expect(read('docs/cli.md')).toContain(`\`${n}\``);
    }
    const defaults = parseLimits([]);
    expect(defaults.ok && defaults.limits).toEqual({ sourceBytes: 1024 * 1024, depth: 32, tableColumns: 20 });
    expect(limits).toMatch(/\| a source file \| 1 MB \(1,024 KB\) \|/);
    expect(limits).toMatch(/\| lists and block quotes inside one another \| 32 levels \|/);
    expect(limits).toMatch(/\| columns of a table \| 20 \|/);
  });
});
