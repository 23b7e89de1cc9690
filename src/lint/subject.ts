/**
 * One source → what the rules read: the parsed source, and when its front matter
 * is valid, the release model with its template and locale. A YAML or front-matter
 * syntax error is fatal (rule id `parse`); a bad value (a missing key, an unknown
 * language, a missing original) goes to the `front-matter` rule and the body is
 * still checked.
 */
import path from 'node:path';
import type { Limits } from '../limits.js';
import { formatPlace, isUserError, type Message } from '../messages.js';
import { loadRelease, placeOfKey } from '../release/load.js';
import { parseSource, type Source } from '../source/parse.js';
import { findTemplateDir, loadLocale, loadTemplate, resolveLanguage } from '../templates/load.js';
import type { LocaleData } from '../templates/types.js';
import { ruleDocUrl } from './doc-url.js';
import type { Subject } from './rule.js';

type SubjectResult = { ok: true; subject: Subject } | { ok: false; fatal: Message[] };

export async function buildSubject(file: string, text: string, cwd: string, limits?: Limits): Promise<SubjectResult> {
  const parsed = parseSource(file, text, limits);
  if (!parsed.source) return { ok: false, fatal: parsed.messages.map((m) => ({ ...m, ruleId: 'parse', severity: 'error', url: ruleDocUrl('parse') })) };
  const source = parsed.source;
  const problems: Message[] = [...parsed.messages];
  const base = { file, source, frontMatterProblems: problems };
  if (parsed.ok) {
    const { loaded, messages } = await loadRelease(file, { cwd, text, source, ...(limits ? { limits } : {}) });
    problems.push(...messages.map((m) => asFrontMatterProblem(m, source)));
    if (loaded) return { ok: true, subject: { ...base, loaded, locale: loaded.locale, lang: loaded.release.lang } };
  }
  const lang = typeof source.frontMatter.lang === 'string' ? source.frontMatter.lang : 'en';
  return { ok: true, subject: { ...base, lang, ...localeOf(source, lang, cwd) } };
}

/**
 * A problem loading the release (its template, its language, its original) is a
 * problem of a front-matter value. One found in another file (the template's YAML,
 * the original) is told here, at the key that leads to it.
 */
function asFrontMatterProblem(m: Message, source: Source): Message {
  if (m.file === source.file) return { ...m, ruleId: 'front-matter' };
  const key = m.ruleId === 'template' ? 'template' : 'translation-of';
  return {
    ...m,
    file: source.file,
    place: placeOfKey(source, [key]),
    ruleId: 'front-matter',
    reason: `${formatPlace(m)}: ${m.reason}`,
  };
}

/** Locale data for the body rules when the release itself could not be loaded. */
function localeOf(source: Source, lang: string, cwd: string): { locale?: LocaleData } {
  const ref = typeof source.frontMatter.template === 'string' ? source.frontMatter.template : 'default';
  try {
    const found = findTemplateDir(ref, { searchDirs: [path.dirname(path.resolve(cwd, source.file)), cwd] });
    if (!found) return {};
    const template = loadTemplate(found.dir, found.origin);
    const name = resolveLanguage(template, lang);
    return name ? { locale: loadLocale(template, name) } : {};
  } catch (e) {
    if (isUserError(e)) return {};
    throw e;
  }
}
