import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { localeSpec, PHRASES, STYLE_NAMES, templateSpec } from '../src/templates/schema.js';
import type { Spec } from '../src/yaml/schema.js';
import { ROOT } from './helpers.js';

const DOC = readFileSync(path.join(ROOT, 'docs/templates.md'), 'utf8');

/** Every key path a schema allows; `<>` for a key the user names (a font role, a style), `[]` for a list item. */
function keyPaths(spec: Spec, prefix = ''): string[] {
  const join = (k: string) => (prefix ? `${prefix}.${k}` : k);
  if (spec.type === 'record') return keyPaths(spec.values, join('<>'));
  if (spec.type === 'list' && spec.items.type === 'map') return keyPaths(spec.items, `${prefix}[]`);
  if (spec.type !== 'map') return [prefix];
  const specs = Object.values(spec.keys);
  // a mapping of many names to one spec (styles) reads as a key the user names
  if (specs.length > 2 && specs.every((s) => s === specs[0])) return keyPaths(specs[0]!, join('<>'));
  return Object.entries(spec.keys).flatMap(([k, s]) => keyPaths(s, join(k)));
}

/** The key as docs/templates.md writes it, in backticks: `fonts.<role>.bold`. */
function documented(key: string): boolean {
  const pattern = key
    .split('<>')
    .map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('<[a-z]+>');
  return new RegExp(`\`${pattern}\``).test(DOC);
}

describe('docs/templates.md documents every key the schemas allow', () => {
  it('every key of template.yaml', () => {
    const keys = keyPaths(templateSpec);
    expect(keys).toContain('fonts.<>.scripts.<>.boldItalic');
    expect(keys).toContain('contactsDefault[].phone');
    expect(keys.filter((k) => !documented(k))).toEqual([]);
    expect(STYLE_NAMES.filter((s) => !DOC.includes(`\`${s}\``))).toEqual([]);
  });

  it('every key of a locale file, and the placeholders of every phrase', () => {
    const keys = keyPaths(localeSpec);
    expect(keys).toContain('labels.contactsHeading');
    expect(keys.filter((k) => !documented(k))).toEqual([]);
    for (const [phrase, p] of Object.entries(PHRASES)) {
      if (!p.allowed.length) continue;
      const row = DOC.split('\n').findLast((l) => l.startsWith(`| \`${phrase}\` |`) && l.includes('{'));
      expect(row, phrase).toBeDefined();
      for (const name of p.allowed) expect(row, `${phrase} {${name}}`).toContain(p.required?.includes(name) ? `**\`{${name}}\`**` : `\`{${name}}\``);
    }
  });
});
