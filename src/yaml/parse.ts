/**
 * YAML with positions in the user's file. Front matter is a slice of a Markdown
 * file, so every YAML offset is shifted by where that slice starts: an error on
 * line 5 of the file says line 5, not line 4 of the YAML block.
 */
import YAML, { type Document, type Node as YamlNode } from 'yaml';
import type { LineIndex, Message, Place } from '../messages.js';

/** Aliases that expand past this many nodes are refused (the "billion laughs" attack). */
const MAX_ALIAS_COUNT = 100;

export interface YamlSource {
  file: string;
  /** the whole file's text */
  text: string;
  index: LineIndex;
  /** where the YAML starts in `text` */
  base: number;
}

interface ParsedYaml {
  doc: Document.Parsed;
  value: unknown;
  messages: Message[];
}

export function placeOf(src: YamlSource, node: { range?: [number, number, number] | null } | null | undefined): Place | undefined {
  if (!node?.range) return undefined;
  return src.index.place(src.base + node.range[0], src.base + node.range[1]);
}

export function parseYaml(src: YamlSource, yamlText: string, ruleId = 'yaml-syntax'): ParsedYaml {
  const doc = YAML.parseDocument(yamlText, { uniqueKeys: true, prettyErrors: false, strict: true });
  const messages: Message[] = [];
  for (const e of doc.errors) {
    const duplicate = e.code === 'DUPLICATE_KEY';
    // the yaml package turns its own stack overflow into an error at the place it reached
    if (/call stack/i.test(e.message)) {
      messages.push(tooDeep(src, src.index.place(src.base + e.pos[0]), ruleId));
      continue;
    }
    messages.push({
      file: src.file,
      place: src.index.place(src.base + e.pos[0], src.base + Math.max(e.pos[1], e.pos[0])),
      ruleId: duplicate ? 'duplicate-key' : ruleId,
      severity: 'error',
      reason: duplicate ? 'This key appears twice in the same mapping' : `YAML: ${firstLine(e.message)}`,
      hint: duplicate ? 'Keep one of the two entries and delete the other.' : yamlHint(e.code),
    });
  }
  if (messages.length) return { doc, value: undefined, messages };
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (e) {
    if (e instanceof RangeError) {
      messages.push(tooDeep(src, src.index.place(src.base), ruleId));
      return { doc, value: undefined, messages };
    }
    messages.push({
      file: src.file,
      place: placeOf(src, firstAlias(doc)) ?? src.index.place(src.base),
      ruleId,
      severity: 'error',
      reason: `YAML aliases expand too far (more than ${MAX_ALIAS_COUNT} alias nodes)`,
      hint: 'Write the values out instead of using `*alias` references.',
    });
  }
  return { doc, value, messages };
}

function tooDeep(src: YamlSource, place: Message['place'], ruleId: string): Message {
  return {
    file: src.file,
    ...(place ? { place } : {}),
    ruleId,
    severity: 'error',
    reason: 'The YAML nests lists and mappings too deeply to be read',
    hint: 'Front matter needs two or three levels: write the value flat (a list of plain values, or `key: value` lines).',
  };
}

function firstLine(s: string): string {
  return s.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
}

function yamlHint(code: string): string {
  switch (code) {
    case 'BAD_INDENT':
    case 'MISSING_CHAR':
      return 'Check the indentation and that every `key: value` pair has its colon.';
    case 'MULTILINE_IMPLICIT_KEY':
    case 'BLOCK_AS_IMPLICIT_KEY':
      return 'Check the indentation of this line and the next: keys of one mapping must line up, and a value that contains `: ` must be quoted.';
    default:
      return 'Fix the YAML syntax; values containing `: `, `#` or starting with `@`, `*`, `&`, `[` or `{` must be quoted.';
  }
}

function firstAlias(doc: Document): YamlNode | undefined {
  let found: YamlNode | undefined;
  YAML.visit(doc, {
    Alias(_, node) {
      found = node as unknown as YamlNode;
      return YAML.visit.BREAK;
    },
  });
  return found;
}
