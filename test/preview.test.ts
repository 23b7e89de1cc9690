/**
 * `pressready preview`: the built CLI as a child process serving a source in a
 * temporary folder; asked over HTTP as a browser would (and by a real one:
 * Debian's Chromium through playwright-core), and as an attacker would (paths out
 * of the folder, another Host). Every wait polls with a bound.
 */

import { writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { networkInterfaces } from 'node:os';
import path from 'node:path';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allowPreview } from '../src/watch/preview.js';
import { tempDirs } from './helpers.js';
import { source, start, until } from './watch-helpers.js';

const temp = tempDirs();

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** A request with the path sent as written (not normalized), and any Host. */
function get(url: string, pathname: string, headers: Record<string, string> = {}): Promise<Answer> {
  const u = new URL(url);
  return new Promise((resolve, reject) => {
    const req = request({ host: u.hostname, port: u.port, path: pathname, method: 'GET', headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

async function startPreview(files: Record<string, string>, file: string) {
  const dir = temp(files);
  const p = start(['preview', file], dir);
  const url = await until(() => /Preview of .*: (http:\/\/\S+\/)/.exec(p.out())?.[1], 'the preview address');
  return { dir, p, url };
}

const SOURCE = source('Wells for every village', 'Villages in the north now have clean water, the committee said on Monday. A "quote without its end.');

describe('preview', () => {
  it('serves the page with its lint messages, the formats, events on a save; nothing else; on 127.0.0.1 only', async () => {
    const { dir, p, url } = await startPreview({ 'news/wells.md': SOURCE }, 'news/wells.md');
    expect(new URL(url).hostname).toBe('127.0.0.1');

    const page = await get(url, '/');
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    const html = page.body.toString('utf8');
    expect(html).toContain('<h1>Wells for every village</h1>');
    // lint's messages on the page, escaped: the quotation mark of the message is an entity, no tag comes from it
    const panel = /<aside class="pressready-preview"[\s\S]*?<\/aside>/.exec(html)![0];
    expect(panel).toMatch(/\[contacts\]/);
    expect(panel).toMatch(/\[quote-balance\]/);
    const items = [...panel.matchAll(/<li class="(\w+)">([\s\S]*?)<\/li>/g)];
    expect(items.length).toBeGreaterThanOrEqual(2);
    for (const [, , text] of items) expect(text).not.toMatch(/[<>"]/);
    // the one script runs by its nonce; the policy allows it and nothing else of the kind
    const nonce = /<script nonce="([^"]+)">/.exec(html)![1]!;
    const policy = String(page.headers['content-security-policy']);
    expect(policy).toContain(`script-src 'nonce-${nonce}'`);
    expect(policy).toContain("connect-src 'self'");
    expect(policy).toMatch(/default-src 'none'/);
    expect(policy).not.toContain('unsafe-inline');

    // the formats, made in memory, with their types
    const types = { txt: 'text/plain; charset=utf-8', pdf: 'application/pdf', docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' };
    for (const [f, type] of Object.entries(types)) {
      expect(html).toContain(`href="/wells.${f}"`);
      const r = await get(url, `/wells.${f}`);
      expect(r.status, f).toBe(200);
      expect(r.headers['content-type']).toBe(type);
      expect(r.body.length).toBeGreaterThan(100);
    }
    expect((await get(url, '/wells.txt')).body.toString('utf8')).toContain('Wells for every village');
    expect((await get(url, '/wells.pdf')).body.subarray(0, 5).toString()).toBe('%PDF-');
    expect((await get(url, '/wells.docx')).body.subarray(0, 2).toString()).toBe('PK');

    // nothing of the file system
    for (const bad of [
      '/../../etc/passwd',
      '/%2e%2e/%2e%2e/etc/passwd',
      '/..%2f..%2fetc%2fpasswd',
      '/news/wells.md',
      '/wells.txt/../../news/wells.md',
      '/%2e%2e%2fnews%2fwells.md',
      '/wells.md',
      '/etc/passwd',
    ]) {
      const r = await get(url, bad);
      expect(r.status, bad).toBe(404);
      expect(r.body.toString()).not.toContain('root:');
      expect(r.body.toString()).not.toContain('headline:');
    }
    // another site's name for this address (DNS rebinding) is refused
    expect((await get(url, '/', { Host: 'attacker.example' })).status).toBe(403);
    expect((await get(url, '/', { Host: `localhost:${new URL(url).port}` })).status).toBe(200);
    // not reachable from the machine's other addresses
    const other = Object.values(networkInterfaces())
      .flat()
      .find((a) => a && a.family === 'IPv4' && !a.internal);
    if (other) await expect(get(`http://${other.address}:${new URL(url).port}/`, '/')).rejects.toThrow(/ECONNREFUSED/);

    // an event on /events after a save, with the new version
    const events: string[] = [];
    const u = new URL(url);
    const req = request({ host: u.hostname, port: u.port, path: '/events' }, (res) => {
      expect(res.headers['content-type']).toBe('text/event-stream');
      res.setEncoding('utf8');
      res.on('data', (c: string) => events.push(c));
    });
    req.end();
    await until(() => events.join('').includes('data: 1'), 'the first event (the version the page has)');
    writeFileSync(path.join(dir, 'news/wells.md'), source('Pumps repaired in forty villages'));
    await until(() => /data: 2/.test(events.join('')), 'an event after the save');
    req.destroy();
    expect((await get(url, '/')).body.toString()).toContain('<h1>Pumps repaired in forty villages</h1>');
    expect((await get(url, '/wells.txt')).body.toString()).toContain('Pumps repaired in forty villages');

    // bad YAML: the page says why, and still reloads; the formats are not served
    writeFileSync(path.join(dir, 'news/wells.md'), '---\nheadline: [unclosed\n---\n\nLead.\n');
    await until(() => /not generated/.test(p.out()), 'the failure');
    const broken = (await get(url, '/')).body.toString();
    expect(broken).toMatch(/yaml-syntax/);
    expect(broken).toMatch(/<script nonce=/);
    expect((await get(url, '/wells.pdf')).status).toBe(503);

    p.proc.kill('SIGINT');
    expect(await p.exit).toBe(130);
  });

  it('refuses a port that is not a number and a host that is not an address', async () => {
    const dir = temp({ 'a.md': SOURCE });
    for (const args of [
      ['--port', 'http'],
      ['--host', 'example.org'],
      ['--port', '70000'],
    ]) {
      const p = start(['preview', 'a.md', ...args], dir);
      expect(await p.exit).toBe(2);
      expect(p.err()).toMatch(/--port|--host/);
    }
    const missing = start(['preview', 'nothere.md'], dir);
    expect(await missing.exit).toBe(2);
    expect(missing.err()).toMatch(/No such source file/);
  });

  it('merges the page’s own Content-Security-Policy with what the preview needs', () => {
    expect(allowPreview("default-src 'none'; script-src 'none'", 'abc', ['h1'])).toBe("default-src 'none'; script-src 'nonce-abc'; connect-src 'self'; style-src 'sha256-h1'");
    expect(allowPreview("default-src 'self'; script-src 'self'; connect-src https://x.example", 'n', [])).toBe("default-src 'self'; script-src 'self' 'nonce-n'; connect-src https://x.example 'self'");
  });
});

describe('preview in Chromium', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium' });
  });
  afterAll(async () => browser?.close());

  it('loads the page, runs its one script under the policy, and reloads with the new headline after a save', async () => {
    const { dir, p, url } = await startPreview({ 'wells.md': SOURCE }, 'wells.md');
    const page = await browser.newPage();
    const refused: string[] = [];
    page.on('console', (m) => {
      if (/Content Security Policy|Refused/i.test(m.text())) refused.push(m.text());
    });
    await page.goto(url);
    expect(await page.textContent('h1')).toBe('Wells for every village');
    // connected before the save or after it, the script learns the page's version is old (the server sends its version first)
    writeFileSync(path.join(dir, 'wells.md'), source('Solar pumps reach the last district'));
    await page.waitForFunction(() => document.querySelector('h1')?.textContent === 'Solar pumps reach the last district', undefined, { timeout: 30_000 });
    expect(refused).toEqual([]);
    await page.close();
    p.proc.kill('SIGTERM');
    expect(await p.exit).toBe(0);
  });
});
