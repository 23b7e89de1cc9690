import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { compose } from '../src/render/compose.js';
import { jsonRenderer, SCHEMA_ID } from '../src/render/json.js';
import { loadFixture, ROOT } from './helpers.js';

const schema = JSON.parse(readFileSync(path.join(ROOT, 'schema', 'release.schema.json'), 'utf8'));
const validate = new Ajv2020({ allErrors: true, strict: false }).compile(schema);

describe('the JSON model', () => {
  it.each(['cedaw-trafficking/release.md', 'water-report/release.md', 'cedaw-trafficking/release.zh.md'])('%s validates against the published schema', async (f) => {
    const l = await loadFixture(f);
    const json = JSON.parse(jsonRenderer.render({ ...l, composed: compose(l), options: { env: {} }, warn: () => {} }) as string);
    expect(json.$schema).toBe(SCHEMA_ID);
    expect(schema.$id).toBe(SCHEMA_ID);
    const ok = validate(json);
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  it('a speaker’s title is kept apart from the name (the Chinese translation’s 委员会委员)', async () => {
    const l = await loadFixture('cedaw-trafficking/release.zh.md');
    const json = JSON.parse(jsonRenderer.render({ ...l, composed: compose(l), options: { env: {} }, warn: () => {} }) as string);
    expect(json.quotes[0]).toMatchObject({ speaker: '达利娅·莱纳特', title: '委员会委员' });
    expect(validate({ ...json, quotes: [{ ...json.quotes[0], title: 7 }] })).toBe(false);
  });

  it('the media section is a contact with `desk: media`, its name as written, in the original and in a translation', async () => {
    for (const f of ['cedaw-trafficking/release.md', 'cedaw-trafficking/release.zh.md']) {
      const l = await loadFixture(f);
      const json = JSON.parse(jsonRenderer.render({ ...l, composed: compose(l), options: { env: {} }, warn: () => {} }) as string);
      expect(json.modelVersion).toBe(4);
      expect(validate(json)).toBe(true);
      expect(json.contacts.map((c: { name: string; desk?: string }) => [c.name, c.desk])).toEqual([
        ['Vivian Kwok', undefined],
        ['UN Human Rights Office Media Section', 'media'],
      ]);
    }
    const bad = JSON.parse(JSON.stringify((await loadFixture('cedaw-trafficking/release.md')).release));
    bad.contacts[1].desk = 'press';
    expect(validate(bad)).toBe(false);
  });

  it('the schema rejects a model that breaks it', async () => {
    const l = await loadFixture('water-report/release.md');
    const bad = { ...JSON.parse(JSON.stringify(l.release)), dir: 'sideways' };
    expect(validate(bad)).toBe(false);
  });
});
