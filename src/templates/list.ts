/**
 * Every template a project can use: its own (`templates/<name>/` in the working
 * folder) and the built-ins, each loaded — so that a broken one is reported
 * here rather than when a release needs it.
 */
import { realpathSync } from 'node:fs';
import path from 'node:path';
import { isUserError, type Message } from '../messages.js';
import { BUILTIN_DIR, builtinTemplateNames, loadTemplate, projectTemplateNames } from './load.js';
import { loadLocale } from './locale.js';
import type { Template } from './types.js';

interface TemplateEntry {
  name: string;
  origin: Template['origin'];
  dir: string;
  /** loaded, or the problems that stop it loading */
  template?: Template;
  messages: Message[];
  /** a built-in that a project template of the same name hides */
  shadowed?: boolean;
}

function load(name: string, dir: string, origin: Template['origin']): TemplateEntry {
  try {
    const template = loadTemplate(dir, origin);
    return { name, origin, dir, template, messages: checkLocales(template) };
  } catch (e) {
    if (!isUserError(e)) throw e;
    return { name, origin, dir, messages: e.messages };
  }
}

export function listTemplates(cwd: string): TemplateEntry[] {
  const project = projectTemplateNames(cwd).map((n) => load(n, path.join(cwd, 'templates', n), 'project'));
  const builtin = builtinTemplateNames().map((n) => ({
    ...load(n, path.join(BUILTIN_DIR, n), 'built-in'),
    ...(project.some((p) => p.name === n) ? { shadowed: true } : {}),
  }));
  return [...project, ...builtin];
}

/** Load every locale of a template: the problems found, each once, none when all load. */
export function checkLocales(template: Template): Message[] {
  const messages = new Map<string, Message>();
  for (const lang of template.languages) {
    try {
      loadLocale(template, lang);
    } catch (e) {
      if (!isUserError(e)) throw e;
      // every language reads the English section names too: a broken en.yaml would be reported once a language
      for (const m of e.messages) messages.set(JSON.stringify([m.file, m.place?.start.offset, m.reason]), m);
    }
  }
  return [...messages.values()];
}

/** How a template in an `extends` chain is named to a user: a built-in by name, another by folder. */
export function chainName(dir: string, display: (abs: string) => string): string {
  return path.dirname(dir) === realpathSync(BUILTIN_DIR) ? path.basename(dir) : display(dir);
}
