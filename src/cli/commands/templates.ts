/** `pressready templates` and `templates show <name>`: what templates there are, and what one resolves to. */
import stringWidth from 'string-width';
import YAML from 'yaml';
import { displayPath as display } from '../../io/paths.js';
import { type Message, UserError } from '../../messages.js';
import { type Io, printMessages } from '../../report/io.js';
import { chainName, checkLocales, listTemplates } from '../../templates/list.js';
import { findTemplateDir, loadLocale, loadTemplate, resolveLanguage } from '../../templates/load.js';

export interface TemplatesShowFlags {
  lang?: string;
}

function table(rows: string[][]): string {
  // display columns, so that a name or description in Chinese lines up
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => stringWidth(r[c] ?? ''))));
  return `${rows
    .map((r) =>
      r
        .map((cell, c) => (c < r.length - 1 ? cell + ' '.repeat(widths[c]! - stringWidth(cell)) : cell))
        .join('  ')
        .trimEnd(),
    )
    .join('\n')}\n`;
}

export function templatesCommand(io: Io): number {
  const show = (abs: string) => display(abs, io.cwd);
  const entries = listTemplates(io.cwd);
  const rows = [['NAME', 'ORIGIN', 'LANGUAGES', 'EXTENDS', 'DESCRIPTION']];
  const problems: Message[] = [];
  for (const e of entries) {
    const t = e.template;
    const origin = e.origin === 'built-in' ? (e.shadowed ? 'built-in (hidden by the project’s)' : 'built-in') : `project, ${show(e.dir)}`;
    const ancestors = t
      ? t.chain
          .slice(0, -1)
          .reverse()
          .map((d) => chainName(d, show))
      : [];
    rows.push([
      e.name,
      origin,
      t ? t.languages.join(' ') || '(none)' : '—',
      t ? ancestors.join(' → ') : '—',
      e.messages.length ? `(${e.messages.length} error${e.messages.length === 1 ? '' : 's'}, below)` : (t?.settings.description ?? ''),
    ]);
    problems.push(...e.messages);
  }
  io.out(table(rows));
  printMessages(io, problems);
  return problems.length ? 1 : 0;
}

export function templatesShowCommand(ref: string, flags: TemplatesShowFlags, io: Io): number {
  const show = (abs: string) => display(abs, io.cwd);
  const found = findTemplateDir(ref, { searchDirs: [io.cwd] });
  if (!found) {
    throw new UserError(
      { file: 'pressready', ruleId: 'usage', severity: 'error', reason: `No template \`${ref}\``, hint: '`pressready templates` lists the templates; a path names a template folder.' },
      2,
    );
  }
  const t = loadTemplate(found.dir, found.origin);
  const problems = checkLocales(t);
  if (problems.length) throw new UserError(problems);
  const out: Record<string, unknown> = {
    name: t.name,
    origin: t.origin,
    folder: show(t.dir),
    ...(t.chain.length > 1
      ? {
          extends: t.chain
            .slice(0, -1)
            .reverse()
            .map((d) => chainName(d, show)),
        }
      : {}),
    languages: t.languages,
    files: Object.fromEntries(Object.entries(t.files).map(([k, v]) => [k, show(v)])),
    settings: t.settings,
  };
  if (flags.lang !== undefined) {
    const lang = resolveLanguage(t, flags.lang);
    if (!lang) {
      throw new UserError(
        { file: 'pressready', ruleId: 'usage', severity: 'error', reason: `The template \`${t.name}\` has no \`${flags.lang}\` locale`, hint: `It has: ${t.languages.join(', ') || 'none'}.` },
        2,
      );
    }
    out.locale = loadLocale(t, lang);
  }
  io.out(`# The template \`${t.name}\` as pressready resolves it (everything it extends merged in).\n`);
  io.out(YAML.stringify(out, { lineWidth: 0 }));
  return 0;
}
