/** A press office's own template, written into a temporary folder for the template and init tests. */
import { mkdirSync, realpathSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach } from 'vitest';
import { isUserError, type Message } from '../src/messages.js';
import { tempDir } from './helpers.js';

/** A real 1×1 PNG (the smallest image DOCX and PDF writers accept). */
export const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

/** Write files (text, or bytes) under `dir`. */
export function writeFiles(dir: string, files: Record<string, string | Buffer>): void {
  for (const [name, data] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), data);
  }
}

/**
 * Temporary project folders for the tests of one file, each removed after its
 * test: call once at the top of the file. The folder comes back as its real path,
 * as the template loader reports it.
 */
export function useProjects(): (files?: Record<string, string | Buffer>) => string {
  const cleanups: (() => void)[] = [];
  afterEach(() => cleanups.splice(0).forEach((c) => c()));
  return (files = {}) => {
    const t = tempDir();
    cleanups.push(t.cleanup);
    writeFiles(t.dir, files);
    return realpathSync(t.dir);
  };
}

/** The messages of the UserError `f` throws (and a failure when it throws none). */
export function userErrors(f: () => unknown): Message[] {
  try {
    f();
  } catch (e) {
    if (isUserError(e)) return e.messages;
    throw e;
  }
  throw new Error('expected a UserError');
}

/** `templates/acme/`: extends default, changes only organization, logo and colours, and two English labels. */
export const ACME: Record<string, string | Buffer> = {
  'templates/acme/template.yaml': [
    'extends: default',
    'letterhead:',
    '  organization: Acme Water Trust',
    '  logo: assets/logo.png',
    'styles:',
    '  letterhead: { color: "#0a7d3b" }',
    '  label: { color: "#0a7d3b" }',
    '',
  ].join('\n'),
  'templates/acme/assets/logo.png': PNG,
  'templates/acme/locales/en.yaml': [
    'labels:',
    '  release: NEWS FROM ACME',
    '  contactsSentence: "Journalists may reach {contacts}"',
    'boilerplate:',
    '  heading: About Acme Water Trust',
    '  text: |',
    '    Acme Water Trust builds *wells* in 14 countries.',
    '',
  ].join('\n'),
};

/** A source with the given front-matter lines added and the given body. */
export function source(extra: string[] = [], body = 'Acme today opened 40 wells in the Sahel.'): string {
  // a complete release: it has a media contact, so that generate prints nothing about it
  const contacts = extra.some((l) => l.startsWith('contacts:')) ? [] : ['contacts: [{ name: Ana Ruiz, email: a.ruiz@example.org }]'];
  return ['---', 'headline: Wells for all', 'dateline:', '  city: Geneva', '  date: 2026-05-04', ...contacts, ...extra, '---', '', body, ''].join('\n');
}
