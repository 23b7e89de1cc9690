/**
 * Reading one template or locale file: YAML with positions, checked against its
 * schema. Each file is read once while it is the same (../io/stamp.ts), however
 * many templates extend it.
 */
import { readFileSync, realpathSync, statSync } from 'node:fs';
import YAML, { type Document } from 'yaml';
import { FileCache, Stamps } from '../io/stamp.js';
import { LineIndex, UserError } from '../messages.js';
import { parseYaml, placeOf, type YamlSource } from '../yaml/parse.js';
import { type Spec, validate } from '../yaml/schema.js';
import { inside } from './files.js';

/** One file of a template's stack. */
export interface Layer {
  file: string;
  /** the folder of the template the file belongs to: the files it names resolve here */
  dir: string;
  raw: Record<string, unknown>;
  doc: Document.Parsed;
  src: YamlSource;
}

const layers = new FileCache<string, Layer>();

/** The largest template.yaml or locale file read (a few kilobytes is usual). */
const MAX_YAML_BYTES = 256 * 1024;

/** Read and check a file; every problem is a UserError with the file's line and column. */
export function readLayer(file: string, dir: string, spec: Spec, what: string): Layer {
  const cached = layers.get(file);
  if (cached) return cached;
  let text: string;
  let real: string;
  const stamps = new Stamps().add(file);
  try {
    real = realpathSync(file);
    const size = statSync(real).size;
    if (size > MAX_YAML_BYTES) {
      throw new UserError({
        file,
        ruleId: 'template',
        severity: 'error',
        reason: `${what[0]!.toUpperCase()}${what.slice(1)} is ${Math.ceil(size / 1024)} KB, over the limit of ${MAX_YAML_BYTES / 1024} KB`,
        hint: 'A template or locale file is a few kilobytes of settings and words: check that this is the file you meant.',
      });
    }
    text = readFileSync(real, 'utf8');
  } catch (e) {
    if (e instanceof UserError) throw e;
    throw new UserError({ file, ruleId: 'template', severity: 'error', reason: `Cannot read ${what}`, hint: 'Check that the file exists and is readable.' });
  }
  // as for a logo or a font: a template's own files stay inside its folder, also through a symbolic link
  if (!inside(real, realpathSync(dir))) {
    throw new UserError({
      file,
      ruleId: 'template',
      severity: 'error',
      reason: `${what[0]!.toUpperCase()}${what.slice(1)} is a symbolic link that leads out of the template folder`,
      hint: 'Put the file itself inside the template folder.',
    });
  }
  if (text.startsWith('\uFEFF')) text = text.slice(1);
  const src: YamlSource = { file, text, index: new LineIndex(text), base: 0 };
  const parsed = parseYaml(src, text, 'template');
  if (parsed.messages.length) throw new UserError(parsed.messages);
  const contents = parsed.doc.contents as YAML.Node | null;
  if (contents !== null && !YAML.isMap(contents)) {
    throw new UserError({
      file,
      place: placeOf(src, contents),
      ruleId: 'template',
      severity: 'error',
      reason: `${what[0]!.toUpperCase()}${what.slice(1)} is not a mapping of \`key: value\` lines`,
      hint: `Write ${what} as \`key: value\` lines; see docs/templates.md.`,
    });
  }
  // Each file may leave required keys to the template it extends: those are checked on the merged stack.
  if (contents !== null) {
    const result = validate(src, contents, spec, 'template', what, { partial: true });
    if (result.messages.length) throw new UserError(result.messages);
  }
  const layer: Layer = { file, dir, raw: (parsed.value ?? {}) as Record<string, unknown>, doc: parsed.doc, src };
  layers.set(file, layer, stamps);
  return layer;
}
