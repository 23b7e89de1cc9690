/**
 * SARIF 2.1.0, for code-scanning dashboards (GitHub code scanning and others):
 * one run, a rule descriptor for every rule (and `parse`) with its page
 * (`helpUri`, src/lint/doc-url.ts) and its options' defaults, one result a problem
 * with its region (columns in UTF-16 code units, as the tool counts them) and,
 * where there is one, its fix as replacements.
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Message } from '../../messages.js';
import { ruleDocUrl } from '../doc-url.js';
import { PARSE } from '../rules/index.js';
import type { FormatContext, Formatter } from './types.js';

const SCHEMA = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';

function location(file: string, ctx: FormatContext): { uri: string; uriBaseId?: string } {
  const abs = path.resolve(ctx.cwd, file);
  const rel = path.relative(ctx.cwd, abs);
  if (rel && !rel.startsWith('..') && !path.isAbsolute(rel)) return { uri: rel.split(path.sep).map(encodeURIComponent).join('/'), uriBaseId: '%SRCROOT%' };
  return { uri: pathToFileURL(abs).href };
}

function result(m: Message, ruleIndex: Map<string, number>, ctx: FormatContext) {
  const artifactLocation = location(m.file, ctx);
  const index = ruleIndex.get(m.ruleId);
  const p = m.place;
  return {
    ruleId: m.ruleId,
    ...(index !== undefined ? { ruleIndex: index } : {}),
    level: m.severity === 'error' ? 'error' : m.severity === 'warning' ? 'warning' : 'note',
    message: { text: m.hint ? `${m.reason}. ${m.hint}` : m.reason },
    locations: [
      {
        physicalLocation: {
          artifactLocation,
          ...(p
            ? {
                region: {
                  startLine: p.start.line,
                  startColumn: p.start.column,
                  ...(p.end ? { endLine: p.end.line, endColumn: p.end.column, charOffset: p.start.offset, charLength: p.end.offset - p.start.offset } : {}),
                },
              }
            : {}),
        },
      },
    ],
    ...(m.fix?.length
      ? {
          fixes: [
            {
              description: { text: m.hint ?? 'Apply the fix' },
              artifactChanges: [
                {
                  artifactLocation,
                  replacements: m.fix.map((e) => ({
                    deletedRegion: { charOffset: e.range[0], charLength: e.range[1] - e.range[0] },
                    ...(e.text ? { insertedContent: { text: e.text } } : {}),
                  })),
                },
              ],
            },
          ],
        }
      : {}),
  };
}

export const sarif: Formatter = (results, ctx) => {
  const descriptors = [
    ...ctx.rules.map((r) => ({ id: r.meta.id, doc: r.meta.doc, level: r.meta.severity, parameters: r.meta.options?.defaults as Record<string, unknown> | undefined })),
    { id: PARSE.id, doc: PARSE.doc, level: 'error' as const, parameters: undefined },
  ].map((r) => ({
    id: r.id,
    name: r.id.replace(/(^|-)(\w)/g, (_, _d: string, ch: string) => ch.toUpperCase()),
    shortDescription: { text: r.doc.replace(/`/g, '') },
    helpUri: ruleDocUrl(r.id),
    defaultConfiguration: { level: r.level, ...(r.parameters ? { parameters: r.parameters } : {}) },
  }));
  const ruleIndex = new Map(descriptors.map((d, i) => [d.id, i]));
  const log = {
    $schema: SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'pressready', version: ctx.version, rules: descriptors } },
        originalUriBaseIds: { '%SRCROOT%': { uri: pathToFileURL(ctx.cwd + path.sep).href } },
        columnKind: 'utf16CodeUnits',
        artifacts: results.map((r) => ({ location: location(r.file, ctx) })),
        results: results.flatMap((r) => r.messages.map((m) => result(m, ruleIndex, ctx))),
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
};
