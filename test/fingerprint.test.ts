/** `source-hash`: a block-by-block fingerprint of an original, and which blocks changed. */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseSource } from '../src/source/parse.js';
import { describeChange, diffFingerprint, fingerprintBlocks, formatFingerprint, freshness, parseFingerprint } from '../src/translations/fingerprint.js';
import { fixture } from './helpers.js';

const WATER = readFileSync(fixture('water-report/release.md'), 'utf8');
const source = (text: string) => {
  const p = parseSource('release.md', text);
  if (!p.source) throw new Error(p.messages[0]?.reason);
  return p.source;
};
const fp = (text: string) => formatFingerprint(fingerprintBlocks(source(text)));

describe('the fingerprint', () => {
  it('is `v1:` and one 8-character hash a block: SHA-256 of the kind, NUL and the text, base64url', () => {
    const value = fp(WATER);
    const hashes = parseFingerprint(value)!;
    // the headline, then the 11 top-level blocks of the body (lead, paragraph, quote, paragraph, list, paragraph, ###, paragraph, ##, two paragraphs)
    expect(hashes).toHaveLength(12);
    const headline = 'Independent expert urges States to guarantee safe drinking water in informal settlements';
    expect(hashes[0]).toBe(createHash('sha256').update(`headline\0${headline}`).digest('base64url').slice(0, 8));
    expect(value).toMatch(/^v1:[A-Za-z0-9_-]{8}(\.[A-Za-z0-9_-]{8}){11}$/);
  });

  it('does not change with line endings, Unicode normalization or trailing spaces', () => {
    const crlf = WATER.replace(/\n/g, '\r\n');
    const nfd = WATER.normalize('NFD');
    const spaces = WATER.replace(/\.\n/g, '.  \n');
    expect(fp(crlf)).toBe(fp(WATER));
    expect(fp(nfd)).toBe(fp(WATER));
    expect(fp(spaces)).toBe(fp(WATER));
  });

  it('rejects what it did not write', () => {
    expect(parseFingerprint('v1:abc')).toBeUndefined();
    expect(parseFingerprint('sha256:0123456789')).toBeUndefined();
    expect(parseFingerprint('v1:')).toEqual([]);
  });
});

describe('which blocks changed', () => {
  const stored = parseFingerprint(fp(WATER))!;
  const changes = (text: string) => diffFingerprint(stored, fingerprintBlocks(source(text))).map(describeChange);

  it('a paragraph reworded', () => {
    expect(changes(WATER.replace('34 countries', '35 countries'))).toEqual(['the paragraph at line 25 (“The report documents practices…”) changed']);
  });

  it('the headline, and a paragraph added', () => {
    const text = WATER.replace('headline: Independent expert urges', 'headline: UN expert urges').replace('### Financing', 'A new paragraph.\n\n### Financing');
    expect(changes(text)).toEqual(['the headline changed', 'the paragraph at line 33 (“A new paragraph.”) is new']);
  });

  it('a block removed', () => {
    const text = WATER.replace('### Financing\n\n', '');
    expect(changes(text)).toEqual(['a block after the paragraph at line 31 (“Governments already know what…”) was removed']);
  });

  it('freshness: up to date, stale, unmarked, invalid', () => {
    const original = source(WATER);
    expect(freshness(fp(WATER), original)).toEqual({ status: 'up-to-date' });
    expect(freshness(fp(WATER.replace('34 countries', '35 countries')), original).status).toBe('stale');
    expect(freshness(undefined, original)).toEqual({ status: 'unmarked' });
    expect(freshness('d41d8cd98f', original)).toEqual({ status: 'invalid' });
  });
});
