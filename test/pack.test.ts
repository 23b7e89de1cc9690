/**
 * The package as users get it: `npm pack`, installed into a clean folder, then
 * `npx pressready` generates the example with the templates it ships. The install
 * prefers the npm cache but may ask the registry: `npm ci` caches the tarballs of
 * the lockfile, not the package documents a fresh `npm install` resolves versions
 * from, so `--offline` fails with ENOTCACHED on a machine whose cache holds only
 * what `npm ci` fetched.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allFiles, fixture, ROOT, tempDir } from './helpers.js';

const work = tempDir();
let packed: { filename: string; files: { path: string }[] };
beforeAll(() => {
  // --ignore-scripts: the test setup (test/global-setup.ts) has just built lib/; rebuilding here would race the other test files
  const out = execFileSync('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', work.dir], { cwd: ROOT, encoding: 'utf8' });
  packed = (JSON.parse(out) as (typeof packed)[])[0]!;
});
afterAll(() => work.cleanup());

const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { name: string; version: string; overrides?: Record<string, string> };

describe('the npm package', () => {
  it('packs what it needs and nothing of the repository’s own', () => {
    const files = packed.files.map((f) => f.path);
    expect(files).toEqual(
      expect.arrayContaining([
        'bin/pressready.js',
        'lib/cli/main.js',
        'lib/pipeline/worker.js',
        'lib/bundle/cli.js',
        'lib/bundle/worker.js',
        'lib/bundle/package.json',
        'bin/code-cache.cjs',
        'templates/default/template.yaml',
        'templates/default/locales/en.yaml',
        'templates/wire/template.yaml',
        'package.json',
        'README.md',
        'docs/README.md',
        'docs/cli.md',
        'docs/rules/quote-style.md',
        'docs/rules/parse.md',
      ]),
    );
    expect(files.filter((f) => /^(src|test|fixtures|scripts|\.ci)\//.test(f))).toEqual([]);
  });

  it('installs in a clean folder and runs as npx pressready with its templates', () => {
    const app = path.join(work.dir, 'app');
    // npm applies `overrides` only in the root project: the clean folder carries ours (see README, "Installing")
    mkdirSync(app);
    writeFileSync(path.join(app, 'package.json'), JSON.stringify({ name: 'app', version: '1.0.0', private: true, ...(pkg.overrides ? { overrides: pkg.overrides } : {}) }));
    const tarball = path.join(work.dir, packed.filename);
    const install = spawnSync('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', tarball], { cwd: app, encoding: 'utf8' });
    expect(install.stderr).not.toMatch(/ERR/);
    expect(install.status).toBe(0);

    copyFileSync(fixture('cedaw-trafficking/release.md'), path.join(app, 'release.md'));
    const env = { ...process.env, NO_COLOR: '1', CI: 'true' };
    const version = spawnSync('npx', ['--no-install', 'pressready', '--version'], { cwd: app, encoding: 'utf8', env });
    expect(version.stdout.trim()).toBe(pkg.version);
    const r = spawnSync('npx', ['--no-install', 'pressready', 'generate', 'release.md', '-f', 'all', '-t', 'wire', '--manifest', 'dist/manifest.json'], { cwd: app, encoding: 'utf8', env });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const made = allFiles(path.join(app, 'dist'));
    expect(made).toContain('release.txt');
    expect(made).toContain('manifest.json');
    expect(readFileSync(path.join(app, 'dist', 'release.txt'), 'utf8')).toContain('FOR IMMEDIATE RELEASE');
    const manifest = JSON.parse(readFileSync(path.join(app, 'dist', 'manifest.json'), 'utf8'));
    expect(manifest.sources[0].inputs).toContainEqual(expect.objectContaining({ role: 'template', path: 'pressready:templates/wire' }));
  });

  // a test of its own (the install above takes most of a test's time on a busy machine); it uses that install
  it("links each lint rule's page in the installed package (src/lint/doc-url.ts)", () => {
    const app = path.join(work.dir, 'app');
    const env = { ...process.env, NO_COLOR: '1', CI: 'true' };
    expect(existsSync(path.join(app, 'node_modules', pkg.name, 'package.json'))).toBe(true);
    const sarif = spawnSync('npx', ['--no-install', 'pressready', 'lint', 'release.md', '--format', 'sarif'], { cwd: app, encoding: 'utf8', env });
    expect(sarif.stderr).toBe('');
    const rules = (JSON.parse(sarif.stdout) as { runs: { tool: { driver: { rules: { id: string; helpUri: string }[] } } }[] }).runs[0]!.tool.driver.rules;
    expect(rules.length).toBeGreaterThan(10);
    for (const d of rules) {
      const page = fileURLToPath(d.helpUri);
      expect(page).toBe(path.join(realpathSync(app), 'node_modules', pkg.name, 'docs', 'rules', `${d.id}.md`));
      expect(readFileSync(page, 'utf8')).toContain(`# \`${d.id}\``);
    }
  });
});
