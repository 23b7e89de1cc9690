/**
 * `translations export`: an original (and its translation into the language, if
 * there is one) as an XLIFF 2.1 file for a CAT tool.
 *
 * - `<file original="release.md">`, the path of the original from the .xlf's folder,
 *   with `canResegment="no"` (a unit is one block's leaf: tools keep it whole);
 * - the front matter in `<group id="front-matter">`, the body in `<group id="body">`:
 *   a paragraph or heading is a unit, a list, block quote or table a group of units;
 * - the fingerprint (`source-hash`) of the original, and each block's hash, in the
 *   Metadata module (`<mda:metadata>`, category `pressready`);
 * - inline formatting as `<pc>`/`<ph>` with their Markdown in `<originalData>`.
 */
import path from 'node:path';
import type { Inline } from './inline.js';
import type { Plan, UnitPlan } from './plan.js';
import { escapeAttr, escapeText, MDA_NS, XLIFF_NS } from './xml.js';

/** Languages written right to left, for the file's `trgDir`/`srcDir`. */
const RTL = new Set(['ar', 'he', 'fa', 'ur', 'ps', 'sd', 'ug', 'yi', 'dv', 'ckb']);
const dir = (lang: string) => (RTL.has(lang.toLowerCase().split('-')[0]!) ? 'rtl' : 'ltr');

const TYPES: Record<string, { type: string; subType?: string }> = {
  emphasis: { type: 'fmt', subType: 'xlf:i' },
  strong: { type: 'fmt', subType: 'xlf:b' },
  delete: { type: 'fmt' },
  link: { type: 'link' },
  linkReference: { type: 'link' },
  image: { type: 'image' },
  imageReference: { type: 'image' },
  break: { type: 'fmt', subType: 'xlf:lb' },
};

const attrs = (a: Record<string, string | undefined>) =>
  Object.entries(a)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => ` ${k}="${escapeAttr(v!)}"`)
    .join('');

/** The `<data>` ids of one unit: one for each distinct piece of Markdown, in order of first use. */
class DataIds {
  readonly ids = new Map<string, string>();
  id(markdown: string): string {
    let id = this.ids.get(markdown);
    if (!id) this.ids.set(markdown, (id = `d${this.ids.size + 1}`));
    return id;
  }
}

function inlineXml(list: readonly Inline[], data: DataIds): string {
  return list
    .map((i) => {
      if (i.t === 'text') return escapeText(i.value);
      const t = TYPES[i.shell.type] ?? { type: 'other' };
      const common = { id: i.id, canCopy: 'no', canDelete: 'no', type: t.type, subType: t.subType };
      if (i.t === 'ph') return `<ph${attrs({ ...common, dataRef: data.id(i.data), disp: i.data })}/>`;
      return `<pc${attrs({ ...common, dataRefStart: data.id(i.start), dataRefEnd: data.id(i.end), dispStart: i.start, dispEnd: i.end })}>${inlineXml(i.children, data)}</pc>`;
    })
    .join('');
}

function metadata(indent: string, metas: Record<string, string>): string[] {
  return [
    `${indent}<mda:metadata>`,
    `${indent}  <mda:metaGroup category="pressready">`,
    ...Object.entries(metas).map(([k, v]) => `${indent}    <mda:meta type="${escapeAttr(k)}">${escapeAttr(v)}</mda:meta>`),
    `${indent}  </mda:metaGroup>`,
    `${indent}</mda:metadata>`,
  ];
}

function unitXml(u: UnitPlan, indent: string, withHash: boolean): string[] {
  const data = new DataIds();
  const source = inlineXml(u.source, data);
  const target = u.target ? inlineXml(u.target, data) : undefined;
  const lines = [`${indent}<unit${attrs({ id: u.id, name: u.name })}>`];
  if (withHash && u.hash) lines.push(...metadata(`${indent}  `, { 'block-hash': u.hash }));
  if (u.subState) {
    lines.push(
      `${indent}  <notes>`,
      `${indent}    <note category="pressready" appliesTo="target">The original changed since this translation was made, or the translation was never marked current: check the target against the source.</note>`,
      `${indent}  </notes>`,
    );
  }
  if (data.ids.size) {
    lines.push(`${indent}  <originalData>`);
    for (const [markdown, id] of data.ids) lines.push(`${indent}    <data id="${id}" xml:space="preserve">${escapeText(markdown)}</data>`);
    lines.push(`${indent}  </originalData>`);
  }
  lines.push(`${indent}  <segment${attrs({ state: u.state, subState: u.subState })}>`);
  lines.push(`${indent}    <source>${source}</source>`);
  if (target !== undefined) lines.push(`${indent}    <target>${target}</target>`);
  lines.push(`${indent}  </segment>`, `${indent}</unit>`);
  return lines;
}

interface ExportOptions {
  /** where the .xlf goes, and where the original is (absolute), for the relative `original` */
  xlfPath: string;
  originalPath: string;
  /** the translation's file name, for the record */
  translationPath: string;
  lang: string;
}

export function exportXliff(p: Plan, opts: ExportOptions): string {
  const srcLang = p.original.frontMatter.lang ?? 'en';
  const rel = (f: string) => path.relative(path.dirname(opts.xlfPath), f).split(path.sep).join('/');
  const out = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<xliff xmlns="${XLIFF_NS}" xmlns:mda="${MDA_NS}" version="2.1"${attrs({ srcLang, trgLang: opts.lang })}>`,
    `  <file${attrs({ id: 'f1', original: rel(opts.originalPath), canResegment: 'no', srcDir: dir(srcLang), trgDir: dir(opts.lang) })}>`,
    ...metadata('    ', { 'source-hash': p.fingerprint, translation: rel(opts.translationPath) }),
  ];
  if (p.front.length) {
    out.push('    <group id="front-matter" name="front-matter">');
    for (const u of p.front) out.push(...unitXml(u, '      ', true));
    out.push('    </group>');
  }
  out.push('    <group id="body" name="body">');
  for (const b of p.blocks) {
    const units = p.units.get(b.id) ?? [];
    // a paragraph or heading is one unit, with the block's id; anything else a group of units (or none: a code block)
    if (units.length === 1 && units[0]!.id === b.id) {
      out.push(...unitXml(units[0]!, '      ', true));
      continue;
    }
    out.push(`      <group${attrs({ id: b.id, name: b.node.type, ...(units.length ? {} : { translate: 'no' }) })}>`);
    out.push(...metadata('        ', { 'block-hash': b.fp.hash }));
    for (const u of units) out.push(...unitXml(u, '        ', false));
    out.push('      </group>');
  }
  out.push('    </group>', '  </file>', '</xliff>', '');
  return out.join('\n');
}
