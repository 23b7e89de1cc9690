/**
 * The project settings in `pressready.config.yaml` (read by ./file.ts): the
 * languages every original should be translated into, lint rule settings
 * (checked by src/lint/config.ts) and generate defaults. A malformed config is a
 * usage error (exit 2): it affects every source.
 */
import { UserError } from '../messages.js';
import { type Spec, validate } from '../yaml/schema.js';
import { type ConfigFile, findConfig } from './file.js';

interface Config {
  /** where it was found; undefined when there is none */
  file?: string;
  /** languages every original should be translated into */
  languages: string[];
  /** the organization's name, in every language or by language (`fr: Haut-Commissariat …`) */
  organization?: string | Record<string, string>;
  generate?: GenerateDefaults;
}

/** The organization a config names for a language (`fr-CA`, then `fr`), if any. */
export function configOrganization(config: Config, lang: string): string | undefined {
  const o = config.organization;
  if (typeof o === 'string' || o === undefined) return o;
  const lower = lang.toLowerCase();
  const exact = Object.keys(o).find((k) => k.toLowerCase() === lower);
  const base = Object.keys(o).find((k) => k.toLowerCase() === lower.split('-')[0]);
  return o[exact ?? base ?? ''];
}

/** `generate:` in the config: the same names as the flags. */
export interface GenerateDefaults {
  format?: string | string[];
  out?: string;
  template?: string;
  wrap?: number;
  strict?: boolean;
  jobs?: number;
  'pdf-standard'?: string;
  quiet?: boolean;
  /** the e-mail's sender and recipients (eml) */
  from?: string;
  to?: string | string[];
}

const configSpec: Spec = {
  type: 'map',
  doc: 'the project configuration',
  keys: {
    languages: { type: 'list', items: { type: 'string' }, doc: 'the languages of the project, e.g. [en, fr, ar]' },
    organization: {
      type: 'oneOf',
      doc: 'the organization printed at the top of each release, and in the media section’s name: one name, or one a language',
      options: [
        { type: 'string', nonEmpty: true },
        { type: 'record', values: { type: 'string', nonEmpty: true }, keyPattern: /^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/, keyDoc: 'a language tag such as `en` or `fr`' },
      ],
    },
    lint: { type: 'any', doc: 'lint settings: `rules:` by id' },
    generate: {
      type: 'map',
      doc: 'defaults for generate; flags on the command line win',
      keys: {
        format: { type: 'oneOf', options: [{ type: 'string' }, { type: 'list', items: { type: 'string' } }], doc: 'formats: txt,docx,pdf | json,html,eml | all' },
        out: { type: 'string', doc: 'output folder' },
        template: { type: 'string', doc: 'template name or path' },
        wrap: { type: 'number', min: 20, max: 1000, doc: 'wrap plain text at this many columns' },
        strict: { type: 'boolean', doc: 'do not generate a source that has lint errors' },
        jobs: { type: 'number', min: 1, max: 256, doc: 'parallel workers' },
        'pdf-standard': { type: 'enum', values: ['pdfa-2b'], doc: 'PDF standard' },
        quiet: { type: 'boolean', doc: 'print only problems' },
        from: { type: 'string', doc: 'the e-mail’s sender (eml), e.g. "Press Office <press@example.org>"' },
        to: { type: 'oneOf', options: [{ type: 'string' }, { type: 'list', items: { type: 'string' } }], doc: 'the e-mail’s recipients (eml)' },
      },
    },
  },
};

const checked = new WeakMap<ConfigFile, Config>();

/** The project settings that apply to a folder (the nearest config upward). */
export function loadConfig(dir: string, cwd: string, cache?: Map<string, ConfigFile | null>): Config {
  const found = findConfig(dir, cwd, cache);
  if (!found || found.doc.contents === null) return { languages: [] };
  const done = checked.get(found);
  if (done) return done;
  const result = validate(found.src, found.doc.contents, configSpec, 'config', 'the configuration');
  if (result.messages.length) throw new UserError(result.messages, 2);
  const raw = found.value as Partial<Config>;
  const config: Config = { file: found.file, languages: raw.languages ?? [], ...(raw.organization ? { organization: raw.organization } : {}), ...(raw.generate ? { generate: raw.generate } : {}) };
  checked.set(found, config);
  return config;
}
