/**
 * The bundle (scripts/bundle.mjs): what it holds, and the modules it takes in the
 * place of a dependency's (Node's zlib for tiny-inflate and Brotli, pdfkit's AES
 * on demand) doing what the dependency's own did. Read from the build (lib/).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { builtinModules, createRequire } from 'node:module';
import path from 'node:path';
import { brotliCompressSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { ROOT } from './helpers.js';

const require = createRequire(import.meta.url);
const BUNDLE = path.join(ROOT, 'lib', 'bundle');
const fontsDir = path.dirname(path.dirname(require.resolve('@embedpdf/fonts-latin')));

describe('bundle', () => {
  it('loads no package from node_modules but piscina: pdfkit, fontkit and the rest are inside, compiled from the code cache', () => {
    const builtin = new Set(builtinModules);
    const outside = new Set<string>();
    for (const f of readdirSync(BUNDLE).filter((f) => f.endsWith('.js'))) {
      for (const m of readFileSync(path.join(BUNDLE, f), 'utf8').matchAll(/\b(?:require|import)\(\s*["'`]([^"'`]+)["'`]\s*\)/g)) {
        const id = m[1]!;
        if (!id.startsWith('.') && !id.startsWith('node:') && !builtin.has(id) && !builtin.has(id.split('/')[0]!)) outside.add(id);
      }
    }
    expect([...outside].sort()).toEqual(['piscina']);
    // pdfkit's sRGB profile (PDF/A), where the bundled pdfkit reads it
    expect(
      readFileSync(path.join(BUNDLE, 'data', 'sRGB_IEC61966_2_1.icc'))
        .subarray(36, 40)
        .toString('latin1'),
    ).toBe('acsp');
  });

  it('decodes Brotli (WOFF2 fonts) as the brotli package does, with and without the size given', () => {
    const native = require(path.join(ROOT, 'lib', 'adapters', 'brotli-zlib.cjs')) as (b: Uint8Array, size?: number) => Uint8Array;
    const js = require('brotli/decompress.js') as (b: Uint8Array, size?: number) => Uint8Array;
    const data = readFileSync(path.join(fontsDir, 'fonts', 'NotoSans-Light.ttf')).subarray(0, 200_000);
    const packed = brotliCompressSync(data);
    expect(Buffer.from(native(packed, data.length)).equals(data)).toBe(true);
    expect(Buffer.from(native(packed)).equals(Buffer.from(js(packed)))).toBe(true);
    expect(Buffer.from(native(packed, data.length)).equals(Buffer.from(js(packed, data.length)))).toBe(true);
  });

  it('inflates as tiny-inflate does', () => {
    const native = require(path.join(ROOT, 'lib', 'adapters', 'tiny-inflate-zlib.cjs')) as (src: Uint8Array, dest: Uint8Array) => Uint8Array;
    const js = require('tiny-inflate') as (src: Uint8Array, dest: Uint8Array) => Uint8Array;
    const data = readFileSync(path.join(fontsDir, 'fonts', 'NotoSans-Light.ttf')).subarray(0, 100_000);
    const packed = require('node:zlib').deflateRawSync(data) as Buffer;
    expect(Buffer.from(native(packed, new Uint8Array(data.length))).equals(Buffer.from(js(packed, new Uint8Array(data.length))))).toBe(true);
  });

  it('gives pdfkit the AES of @noble/ciphers, loaded when first called', () => {
    const lazy = require(path.join(ROOT, 'lib', 'adapters', 'aes-on-demand.cjs')) as typeof import('@noble/ciphers/aes.js');
    const real = require('@noble/ciphers/aes.js') as typeof import('@noble/ciphers/aes.js');
    const key = new Uint8Array(32).map((_, i) => i * 7);
    const iv = new Uint8Array(16).map((_, i) => 255 - i);
    const text = new TextEncoder().encode('A release that pressready never encrypts.');
    expect(lazy.cbc(key, iv).encrypt(text)).toEqual(real.cbc(key, iv).encrypt(text));
    expect(lazy.ecb(key).encrypt(text)).toEqual(real.ecb(key).encrypt(text));
  });
});

describe('V8 flags for a short run (bin/v8-flags.cjs)', () => {
  it('are flags this V8 has (an unknown one would be an error on stderr), set on Node 20 and 24', () => {
    const { flagsFor } = require(path.join(ROOT, 'bin', 'v8-flags.cjs')) as { flagsFor(major: number): string[] };
    const major = Number(process.versions.v8.split('.')[0]);
    const flags = flagsFor(major);
    if (major === 11 || major === 13) expect(flags.length).toBeGreaterThan(0);
    const known = execFileSync(process.execPath, ['--v8-options'], { encoding: 'utf8' });
    for (const f of flags) {
      const name = f.replace(/=.*/, '');
      expect(known, name).toMatch(new RegExp(`^\\s+${name}\\s`, 'm'));
      // each raises V8's own default
      const def = Number(new RegExp(`default: ${name}=(\\d+)`).exec(known)?.[1]);
      expect(Number(f.split('=')[1])).toBeGreaterThan(def);
    }
    const r = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'pressready.js'), '--help'], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/Usage: pressready/);
  });
});
