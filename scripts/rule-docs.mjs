#!/usr/bin/env node
/**
 * The lint rules' documentation, written from the rules themselves (as remark-lint
 * writes its rules' readmes from their code), so that it cannot drift from them:
 *
 * - docs/rules/<id>.md, one page a rule: its `meta` (doc line, default severity,
 *   fix, options with their defaults), the comment at the top of its file
 *   (src/lint/rules/<id>.ts), and its examples, reported and not, with the
 *   messages and `--fix` output the test suite asserts (test/lint-rules.test.ts);
 *   docs/rules/parse.md for `parse`, which is not a rule;
 * - the rule table between the `rule-table` markers of README.md and docs/lint.md.
 *
 * `npm run docs` compiles src/ (tsc) and runs this; `node scripts/rule-docs.mjs
 * --check` writes nothing and exits 1 when a file is not what it would write.
 * test/rule-docs.test.ts runs the same functions on src/ and fails when the
 * committed files are stale. lint messages and SARIF point at the pages
 * (src/lint/doc-url.ts), so the package ships docs/.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const RULE_DIR = 'docs/rules';
/** The files that hold a rule table, and how a link from each reaches docs/rules/. */
export const TABLES = { 'README.md': 'docs/rules/', 'docs/lint.md': 'rules/' };
export const START = '<!-- rule-table: written by `npm run docs` from each rule’s meta (src/lint/rules/); edit the rules, not this table -->';
export const END = '<!-- /rule-table -->';

const NOTE = (from) => `<!-- Written by \`npm run docs\` (scripts/rule-docs.mjs) from ${from}. Edit that, then run \`npm run docs\`; test/rule-docs.test.ts fails while this page is stale. -->`;

// ---- text helpers ----

const cell = (s) => String(s).replace(/\|/g, '\\|').replace(/\n/g, ' ');
const sentence = (s) => {
  const t = s.trim();
  return (t[0] ?? '').toUpperCase() + t.slice(1) + (/[.!?]$/.test(t) ? '' : '.');
};
const code = (s) => {
  const ticks = Math.max(0, ...[...String(s).matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(ticks + 1);
  return ticks ? `${fence} ${s} ${fence}` : `${fence}${s}${fence}`;
};

/**
 * Characters a reader would not see (bidi controls, zero-width and no-break spaces,
 * tabs, carriage returns) written as ⟨U+202E⟩: the examples of `hidden-characters`
 * and `french-spacing` are about them, and a page must not carry a live bidi override.
 */
export function visible(text) {
  return text.replace(/(?![\n ])[\p{Cc}\p{Cf}\p{Zs}\p{Zl}\p{Zp}]/gu, (c) => `⟨U+${c.codePointAt(0).toString(16).toUpperCase().padStart(4, '0')}⟩`);
}

function fenced(text, lang) {
  const shown = visible(text.endsWith('\n') ? text : `${text}\n`);
  const ticks = Math.max(2, ...[...shown.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(ticks + 1);
  return `${fence}${lang}\n${shown}${fence}`;
}

const langOf = (file) => (/\.ya?ml$/.test(file) ? 'yaml' : /\.md$/.test(file) ? 'markdown' : '');

/** A value as YAML writes it in a flow collection (`[warning, { max: 100 }]`). */
function yamlValue(v) {
  if (Array.isArray(v)) return `[${v.map(yamlValue).join(', ')}]`;
  if (v && typeof v === 'object')
    return `{ ${Object.entries(v)
      .map(([k, x]) => `${k}: ${yamlValue(x)}`)
      .join(', ')} }`;
  if (typeof v === 'string') return /^[A-Za-z][A-Za-z0-9_-]*$/.test(v) && !/^(true|false|null|yes|no|on|off|y|n)$/i.test(v) ? v : JSON.stringify(v);
  return String(v);
}

/** An option's default, as the pages print it. */
function shownDefault(v) {
  if (Array.isArray(v)) return v.length ? v.map((x) => code(x)).join(', ') : 'none';
  return code(typeof v === 'string' ? v : JSON.stringify(v));
}

/** What an option takes, in words (the option specs are src/yaml/schema.ts's). */
function kind(spec) {
  switch (spec.type) {
    case 'number': {
      const bounds = [spec.min !== undefined ? `at least ${spec.min}` : '', spec.max !== undefined ? `at most ${spec.max}` : ''].filter(Boolean);
      return ['a number', ...bounds].join(', ');
    }
    case 'string':
      return 'text';
    case 'boolean':
      return '`true` or `false`';
    case 'enum':
      return `one of ${spec.values.map(code).join(', ')}`;
    case 'list':
      return spec.items.type === 'string' ? 'a list of words' : `a list of ${kind(spec.items)}`;
    default:
      return spec.type;
  }
}

/**
 * The comment at the top of a rule's file, as paragraphs: its first words (`` `lead`: ``)
 * dropped, since the page is headed by the id.
 */
export function headerOf(source, id) {
  const m = /^\s*\/\*\*([\s\S]*?)\*\//.exec(source);
  if (!m) return [];
  const lines = m[1].split('\n').map((l) => l.replace(/^\s*\*( |$)/, '').trimEnd());
  const paragraphs = [];
  let current = [];
  for (const l of lines) {
    if (l.trim()) current.push(l.trim());
    else if (current.length) paragraphs.push(current.join(' ')), (current = []);
  }
  if (current.length) paragraphs.push(current.join(' '));
  if (paragraphs.length) paragraphs[0] = sentence(paragraphs[0].replace(new RegExp(`^\`${id.replace(/[-]/g, '\\-')}\`:\\s*`), ''));
  return paragraphs;
}

// ---- the pages ----

function placeOf(m) {
  const start = `${m.line}:${m.column}`;
  if (m.endLine === undefined && m.endColumn === undefined) return start;
  return `${start}–${m.endLine ?? m.line}:${m.endColumn ?? m.column}`;
}

function example(ex, reported) {
  const out = [`### ${reported ? 'Reported' : 'Not reported'}: ${ex.name}`, ''];
  if (ex.options && Object.keys(ex.options).length) out.push(`With the options ${code(yamlValue(ex.options))}.`, '');
  for (const [file, text] of Object.entries(ex.files ?? {})) out.push(`The folder also holds ${code(file)}:`, '', fenced(text, langOf(file)), '');
  if (ex.files && Object.keys(ex.files).length) out.push('`release.md`:', '');
  out.push(fenced(ex.source, 'markdown'), '');
  if (reported) {
    const hints = ex.messages.some((m) => m.hint !== undefined);
    out.push(hints ? '| at | message | how to mend |' : '| at | message |', hints ? '| --- | --- | --- |' : '| --- | --- |');
    for (const m of ex.messages) out.push(`| ${placeOf(m)} | ${cell(visible(m.reason))} |${hints ? ` ${cell(visible(m.hint ?? ''))} |` : ''}`);
    out.push('');
    if (ex.output !== undefined) out.push('After `pressready lint --fix`:', '', fenced(ex.output, 'markdown'), '');
  }
  return out;
}

export function rulePage(rule, source) {
  const { meta, examples } = rule;
  const opts = meta.options ? Object.entries(meta.options.spec) : [];
  const out = [
    NOTE(`src/lint/rules/${meta.id}.ts`),
    '',
    `# \`${meta.id}\``,
    '',
    sentence(meta.doc),
    '',
    '| | |',
    '| --- | --- |',
    `| default severity | ${meta.severity} |`,
    `| \`--fix\` | ${meta.fixable ? cell(meta.fixDoc ?? 'yes') : 'no fix'} |`,
    `| options | ${opts.length ? opts.map(([name]) => code(name)).join(', ') : 'none'} |`,
    '',
    ...headerOf(source, meta.id).flatMap((p) => [p, '']),
  ];
  const setting = opts.length ? `[${meta.severity}, ${yamlValue(meta.options.defaults)}]` : 'off';
  out.push('## Settings', '');
  out.push(
    opts.length
      ? 'In `pressready.config.yaml` (found from the source’s folder upward), the rule’s severity — `error`, `warning` or `off` — and its options; here the defaults:'
      : 'In `pressready.config.yaml` (found from the source’s folder upward), the rule’s severity — `error`, `warning` or `off`:',
    '',
    fenced(`lint:\n  rules:\n    ${meta.id}: ${setting}\n`, 'yaml'),
    '',
  );
  if (opts.length) {
    out.push('| option | takes | default | meaning |', '| --- | --- | --- | --- |');
    for (const [name, spec] of opts) out.push(`| ${code(name)} | ${cell(kind(spec))} | ${cell(shownDefault(meta.options.defaults[name]))} | ${cell(spec.doc ?? '')} |`);
    out.push('');
  }
  out.push('See [lint](../lint.md) for settings, `pressready-disable` comments and the report formats.', '');
  out.push('## Examples', '');
  const all = [...examples.invalid, ...examples.valid];
  const hidden = all.some((ex) => [ex.source, ex.output ?? '', ...Object.values(ex.files ?? {})].some((t) => visible(t) !== t));
  out.push(
    'Each example is linted as `release.md` in a folder of its own; the messages and the `--fix` output are the ones the test suite asserts.' +
      (hidden ? ' Characters a reader would not see are written ⟨U+202E⟩ here; columns count them as one.' : ''),
    '',
  );
  for (const ex of examples.invalid) out.push(...example(ex, true));
  for (const ex of examples.valid) out.push(...example(ex, false));
  return out.join('\n').replace(/\n+$/, '\n');
}

export function parsePage(parse) {
  return [
    NOTE('`PARSE` in src/lint/rules/index.ts'),
    '',
    `# \`${parse.id}\``,
    '',
    sentence(parse.doc),
    '',
    '| | |',
    '| --- | --- |',
    '| default severity | error (fatal) |',
    '| `--fix` | no fix |',
    '| options | none |',
    '',
    'Not a rule that a config can set: a source that cannot be read at all — no front matter between `---` lines at its top, a front matter that is not closed, a YAML syntax error or a duplicate key, a file that is not UTF-8 text or is over a [limit](../limits.md) — gets one fatal message with this id, and no rule runs on it; the other sources are still linted. A bad value in a front matter that can be read is the [`front-matter`](front-matter.md) rule’s, and the body is still checked.',
    '',
  ].join('\n');
}

function optionsCell(rule) {
  const o = rule.meta.options;
  if (!o) return '—';
  return Object.keys(o.spec)
    .map((name) => {
      const d = o.defaults[name];
      return Array.isArray(d) ? code(name) : `${code(name)} = ${code(typeof d === 'string' ? d : JSON.stringify(d))}`;
    })
    .join(', ');
}

/** The rule table, with links to the pages as seen from the file that holds it. */
export function ruleTable(rules, parse, linkBase) {
  const rows = rules.map(
    (r) => `| [\`${r.meta.id}\`](${linkBase}${r.meta.id}.md) | ${r.meta.severity} | ${cell(r.meta.doc)} | ${cell(optionsCell(r))} | ${r.meta.fixable ? cell(r.meta.fixDoc ?? 'yes') : '—'} |`,
  );
  return [
    '| rule | default | reports | options (default) | `--fix` |',
    '| --- | --- | --- | --- | --- |',
    ...rows,
    `| [\`${parse.id}\`](${linkBase}${parse.id}.md) | fatal | ${cell(parse.doc)} | — | — |`,
  ].join('\n');
}

/** `text` with the table between its markers replaced. */
export function withTable(text, table, file) {
  const start = text.indexOf(START);
  const end = text.indexOf(END);
  if (start < 0 || end < start) throw new Error(`${file}: the rule-table markers are missing; put\n${START}\n${END}\nwhere the table goes.`);
  return `${text.slice(0, start + START.length)}\n${table}\n${text.slice(end)}`;
}

/**
 * Every file this script writes, path (relative to the repository) → text.
 * `read(rel)` gives a repository file's text (README.md, docs/lint.md, the rules' sources).
 */
export function ruleDocFiles({ rules, parse, read }) {
  const files = new Map();
  for (const rule of rules) files.set(`${RULE_DIR}/${rule.meta.id}.md`, rulePage(rule, read(`src/lint/rules/${rule.meta.id}.ts`)));
  files.set(`${RULE_DIR}/${parse.id}.md`, parsePage(parse));
  for (const [file, base] of Object.entries(TABLES)) files.set(file, withTable(read(file), ruleTable(rules, parse, base), file));
  return files;
}

/** The files that are not what `ruleDocFiles` makes: changed, missing, or a page of no rule. */
export function staleFiles(files, root = ROOT) {
  const stale = [];
  for (const [rel, text] of files) {
    const abs = path.join(root, rel);
    if (!existsSync(abs)) stale.push(`${rel} (missing)`);
    else if (readFileSync(abs, 'utf8') !== text) stale.push(rel);
  }
  const dir = path.join(root, RULE_DIR);
  for (const f of existsSync(dir) ? readdirSync(dir) : []) if (!files.has(`${RULE_DIR}/${f}`)) stale.push(`${RULE_DIR}/${f} (no such rule)`);
  return stale;
}

async function main(argv) {
  const check = argv.includes('--check');
  const built = path.join(ROOT, 'lib/lint/rules/index.js');
  if (!existsSync(built)) {
    console.error('rule-docs: lib/ is not built; run `npm run docs` (it compiles src/ first).');
    return 1;
  }
  const { RULES, PARSE } = await import(pathToFileURL(built).href);
  const read = (rel) => readFileSync(path.join(ROOT, rel), 'utf8');
  const files = ruleDocFiles({ rules: RULES, parse: PARSE, read });
  const stale = staleFiles(files);
  if (check) {
    for (const s of stale) console.error(`rule-docs: ${s} is out of date; run \`npm run docs\``);
    return stale.length ? 1 : 0;
  }
  for (const s of stale) {
    const rel = s.replace(/ \(.*\)$/, '');
    if (files.has(rel)) mkdirSync(path.dirname(path.join(ROOT, rel)), { recursive: true }), writeFileSync(path.join(ROOT, rel), files.get(rel));
    else rmSync(path.join(ROOT, rel));
    console.log(`rule-docs: ${s.endsWith('(no such rule)') ? 'removed' : 'wrote'} ${rel}`);
  }
  if (!stale.length) console.log('rule-docs: up to date');
  return 0;
}

if (process.argv[1] && pathToFileURL(path.resolve(process.argv[1])).href === import.meta.url) {
  try {
    process.exitCode = await main(process.argv.slice(2));
  } catch (e) {
    console.error(`rule-docs: ${e instanceof Error ? e.message : String(e)}`);
    process.exitCode = 1;
  }
}
