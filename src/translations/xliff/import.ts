/**
 * `translations import`: an XLIFF file from a CAT tool back into the translation's
 * Markdown.
 *
 * The XLIFF is read against the original as it is now (its units planned again,
 * with the existing translation): every unit must be there once, with no unknown
 * ones; each target's inline codes must be the source's, each once, with the
 * Markdown they were given. Anything else is refused at its place in the .xlf,
 * and nothing is written.
 *
 * The translation is then written with the translator's Markdown kept byte for
 * byte where a block's targets are what the file already says; only blocks whose
 * targets changed are replaced, by Markdown that remark-stringify writes from an
 * mdast built of the original's block and the targets. Its `source-hash` becomes
 * the original's fingerprint, except for blocks whose units are not yet
 * translated (state `initial`) or were translated from an older original: those
 * keep a hash that matches nothing, so `pressready translations` still names them.
 */
import type { PhrasingContent, Root, RootContent } from 'mdast';
import remarkGfm from 'remark-gfm';
import remarkStringify from 'remark-stringify';
import { unified } from 'unified';
import YAML, { type Document, type Pair, type Scalar, type Node as YamlNode } from 'yaml';
import type { Message, Place } from '../../messages.js';
import { parseMarkdown, type Source } from '../../source/parse.js';
import { FINGERPRINT_VERSION } from '../fingerprint.js';
import { type Code, codeKey, codesOf, type Inline, inlineKey, normalizeInline, toPhrasing } from './inline.js';
import type { Plan, SegmentState, UnitPlan } from './plan.js';
import type { Block, LeafNode } from './units.js';
import { childElements, isElement, MDA_NS, textOf, XLIFF_NS, type XmlElement } from './xml.js';

/** A block hash that matches no block: the block still needs translating. */
const PENDING_HASH = '--------';

const STATES: readonly SegmentState[] = ['initial', 'translated', 'reviewed', 'final'];

interface ReadUnit {
  id: string;
  el: XmlElement;
  /** the targets of its segments, joined; undefined when no segment has one */
  target?: Inline[];
  state: SegmentState;
  /** the block hash recorded at export */
  hash?: string;
}

interface XliffHeader {
  root: XmlElement;
  file: XmlElement;
  srcLang: string;
  trgLang: string;
  original: string;
}

type Problem = { reason: string; hint: string; place?: Place };
const problem = (el: XmlElement | undefined, reason: string, hint: string): Problem => ({ reason, hint, ...(el ? { place: el.place } : {}) });

export class XliffProblems extends Error {
  constructor(readonly problems: Problem[]) {
    super(problems.map((p) => p.reason).join('; '));
  }
}

export function toMessages(file: string, e: XliffProblems): Message[] {
  return e.problems.map((p) => ({ file, ...(p.place ? { place: p.place } : {}), ruleId: 'xliff', severity: 'error' as const, reason: p.reason, hint: p.hint }));
}

/** The header of an XLIFF 2 file from pressready: its languages and its original. */
export function readHeader(root: XmlElement): XliffHeader {
  const fail = (el: XmlElement, reason: string, hint: string) => new XliffProblems([problem(el, reason, hint)]);
  if (root.ns !== XLIFF_NS || root.name !== 'xliff') {
    throw fail(root, `This is not an XLIFF 2 file (its root element is <${root.name}>${root.ns ? ` in ${root.ns}` : ''})`, 'Name an .xlf file written by pressready translations export (XLIFF 2.1).');
  }
  if (!/^2\.[01]$/.test(root.attrs.version ?? '')) throw fail(root, `XLIFF version ${root.attrs.version ?? '(none)'} is not one pressready reads`, 'Export XLIFF 2.1 (or 2.0) from the CAT tool.');
  const srcLang = root.attrs.srcLang;
  const trgLang = root.attrs.trgLang;
  if (!srcLang || !trgLang) throw fail(root, 'The <xliff> element has no trgLang (the language of the translation)', 'Add trgLang="fr" (the language) to <xliff>, or export the file again.');
  if (!/^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$/.test(trgLang)) throw fail(root, `trgLang="${trgLang}" is not a language tag pressready can name a file with`, 'Use a tag such as fr, es or zh-Hans.');
  const files = childElements(root, XLIFF_NS, 'file');
  if (files.length !== 1) throw fail(files[1] ?? root, `The file holds ${files.length} <file> elements; pressready writes one, for one original`, 'Import the XLIFF file of one release at a time.');
  const file = files[0]!;
  const original = file.attrs.original;
  if (!original) throw fail(file, 'The <file> element does not name its original (original="release.md")', 'Export the file again with pressready translations export.');
  return { root, file, srcLang, trgLang, original };
}

/** mda:meta values of an element's own metadata, by type. */
function metas(el: XmlElement): Map<string, string> {
  const out = new Map<string, string>();
  for (const md of childElements(el, MDA_NS, 'metadata'))
    for (const g of childElements(md, MDA_NS, 'metaGroup')) for (const m of childElements(g, MDA_NS, 'meta')) if (m.attrs.type) out.set(m.attrs.type, textOf(m).trim());
  return out;
}

export function recordedFingerprint(h: XliffHeader): string | undefined {
  return metas(h.file).get('source-hash');
}

/** Every unit in the file, wherever it is grouped, with the block hashes recorded on it or its group. */
function collectUnits(file: XmlElement, problems: Problem[]): { units: ReadUnit[]; hashes: Map<string, string> } {
  const units: ReadUnit[] = [];
  const hashes = new Map<string, string>();
  const todo: XmlElement[] = [file];
  while (todo.length) {
    const el = todo.shift()!;
    for (const c of childElements(el, XLIFF_NS)) {
      if (c.name === 'group') {
        const h = metas(c).get('block-hash');
        if (h && c.attrs.id) hashes.set(c.attrs.id, h);
        todo.push(c);
      } else if (c.name === 'unit') {
        if (!c.attrs.id) {
          problems.push(problem(c, 'A <unit> has no id', 'Export the file again; each unit’s id names the block it translates.'));
          continue;
        }
        const h = metas(c).get('block-hash');
        if (h) hashes.set(c.attrs.id, h);
        units.push({ id: c.attrs.id, el: c, state: 'initial' });
      }
    }
  }
  return { units, hashes };
}

/** The content of a `<source>` or `<target>` as inline items, with the unit's original data. */
function readInline(el: XmlElement, data: Map<string, string>, problems: Problem[]): Inline[] | undefined {
  let ok = true;
  const fail = (at: XmlElement, reason: string, hint: string) => {
    problems.push(problem(at, reason, hint));
    ok = false;
  };
  const dataOf = (at: XmlElement, attr: string): string | undefined => {
    const ref = at.attrs[attr];
    if (ref === undefined) return undefined;
    const d = data.get(ref);
    if (d === undefined) fail(at, `<${at.name} ${attr}="${ref}"> names data that the unit’s <originalData> does not hold`, 'Keep the unit’s <originalData> as exported.');
    return d;
  };
  const walk = (parent: XmlElement): Inline[] => {
    const out: Inline[] = [];
    for (const n of parent.children) {
      if (!isElement(n)) {
        out.push({ t: 'text', value: n.text });
        continue;
      }
      if (n.ns !== XLIFF_NS) {
        fail(n, `<${n.name}> (${n.ns || 'no namespace'}) cannot stand in a target`, 'Keep only text and the inline codes of the source.');
        continue;
      }
      switch (n.name) {
        case 'cp': {
          const cp = Number.parseInt(n.attrs.hex ?? '', 16);
          if (Number.isFinite(cp) && cp >= 0 && cp <= 0x10ffff) out.push({ t: 'text', value: String.fromCodePoint(cp) });
          else fail(n, `<cp hex="${n.attrs.hex ?? ''}"> is not a code point`, 'Write the character itself, or hex="0009" and the like.');
          break;
        }
        case 'mrk':
          // an annotation a CAT tool added (a term, a comment): its text is the translation's
          out.push(...walk(n));
          break;
        case 'pc':
          out.push({ t: 'pc', id: n.attrs.id ?? '', start: dataOf(n, 'dataRefStart') ?? '', end: dataOf(n, 'dataRefEnd') ?? '', children: walk(n), shell: { type: 'text', value: '' }, ...{ el: n } });
          break;
        case 'ph':
          out.push({ t: 'ph', id: n.attrs.id ?? '', data: dataOf(n, 'dataRef') ?? '', shell: { type: 'text', value: '' }, ...{ el: n } });
          break;
        default:
          fail(
            n,
            `<${n.name}> in a target is not something pressready can turn into Markdown`,
            n.name === 'sc' || n.name === 'ec' ? 'Keep the formatting as one paired code <pc> around its text, as in the source.' : 'Keep only text and the inline codes of the source.',
          );
      }
    }
    return out;
  };
  const out = walk(el);
  return ok ? out : undefined;
}

const elOf = (c: Code): XmlElement | undefined => (c as Code & { el?: XmlElement }).el;

/**
 * Check a target's codes against the source's: each source code once, no other,
 * each a paired code where the source's is; give each the shell it stands for —
 * the source's, or the existing translation's where its Markdown is that one's
 * (a localized URL). Returns the target with shells, or undefined (problems said).
 */
function matchCodes(unit: UnitPlan, target: Inline[], targetEl: XmlElement, problems: Problem[]): Inline[] | undefined {
  const source = new Map(codesOf(unit.source).map((c) => [c.id, c]));
  const known = new Map<string, Code[]>();
  for (const c of [...codesOf(unit.source), ...codesOf(unit.target ?? [])]) known.set(c.id, [...(known.get(c.id) ?? []), c]);
  const seen = new Set<string>();
  let ok = true;
  const fail = (at: XmlElement | undefined, reason: string, hint: string) => {
    problems.push(problem(at ?? targetEl, reason, hint));
    ok = false;
  };
  const walk = (list: Inline[]): Inline[] =>
    list.map((i): Inline => {
      if (i.t === 'text') return i;
      const el = elOf(i);
      const src = source.get(i.id);
      if (!src) {
        fail(el, `Unit ${unit.id}: the target has a code <${i.t} id="${i.id}"> that its source does not have`, 'Use only the inline codes of the source (the CAT tool’s tags), each once.');
        return i;
      }
      if (seen.has(i.id)) fail(el, `Unit ${unit.id}: the code <${i.t} id="${i.id}"> stands twice in the target`, 'Keep each inline code of the source once.');
      seen.add(i.id);
      if (src.t !== i.t) {
        fail(el, `Unit ${unit.id}: code ${i.id} is a <${src.t}> in the source but a <${i.t}> in the target`, `Keep it a <${src.t}> as in the source.`);
        return i;
      }
      // no data named: the source's; else it must be the Markdown of one of the codes this id stood for
      const named = i.t === 'pc' ? el?.attrs.dataRefStart !== undefined || el?.attrs.dataRefEnd !== undefined : el?.attrs.dataRef !== undefined;
      const shellFrom = named ? ((known.get(i.id) ?? []).find((k) => k.t === i.t && codeKey(k) === codeKey(i)) ?? parsedCode(i, src)) : src;
      if (!shellFrom) {
        fail(
          el,
          `Unit ${unit.id}: the Markdown of code ${i.id} (${JSON.stringify(i.t === 'pc' ? `${i.start}…${i.end}` : i.data)}) is not a ${src.shell.type} as in the source`,
          'The links and formatting of a target come from the export: keep the unit’s <originalData> as it was, or export again.',
        );
        return i;
      }
      if (i.t === 'pc') return { ...i, start: (shellFrom as typeof i).start, end: (shellFrom as typeof i).end, shell: shellFrom.shell, children: walk(i.children) };
      return { ...i, data: (shellFrom as typeof i).data, shell: shellFrom.shell };
    });
  const out = walk(target);
  for (const id of source.keys()) {
    if (!seen.has(id)) {
      const c = source.get(id)!;
      fail(
        targetEl,
        `Unit ${unit.id}: the target lacks the inline code ${id} of the source (${JSON.stringify(c.t === 'pc' ? `${c.start}…${c.end}` : c.data)})`,
        'Put each inline code of the source (the CAT tool’s tags) into the target once; a link’s URL lives in the code.',
      );
    }
  }
  return ok ? out : undefined;
}

/**
 * A code whose Markdown is neither the source's nor the existing translation's (a
 * link the translation localized, imported where that translation is not): read
 * its Markdown, which must make one node of the source code's kind — a link stays
 * a link, with the URL its data gives.
 */
function parsedCode(c: Code, src: Code): Code | undefined {
  const markdown = c.t === 'pc' ? `${c.start}x${c.end}` : c.data;
  const tree = parseMarkdown(markdown);
  const para = tree.children.length === 1 && tree.children[0]!.type === 'paragraph' ? tree.children[0] : undefined;
  const node = para?.children.length === 1 ? para.children[0]! : undefined;
  if (!node || node.type !== src.shell.type) return undefined;
  if (c.t === 'pc') {
    const kids = 'children' in node ? node.children : [];
    if (kids.length !== 1 || kids[0]!.type !== 'text' || kids[0]!.value !== 'x') return undefined;
    return { ...c, shell: { ...stripPositions(node), children: [] } as PhrasingContent };
  }
  return { ...c, shell: stripPositions(node) };
}

/** Read every unit's segments: target (checked against the plan) and state. */
export function readUnits(h: XliffHeader, p: Plan, problems: Problem[]): Map<string, ReadUnit> {
  const { units, hashes } = collectUnits(h.file, problems);
  const planned = new Map<string, UnitPlan>([...p.front, ...[...p.units.values()].flat()].map((u) => [u.id, u]));
  const out = new Map<string, ReadUnit>();
  for (const u of units) {
    const plan = planned.get(u.id);
    if (!plan) {
      problems.push(
        problem(
          u.el,
          `Unit ${u.id} is not a part of ${p.original.file} as it is now`,
          `The XLIFF was exported from another original, or the original changed its structure: export it again (pressready translations export ${p.original.file} --lang ${h.trgLang}).`,
        ),
      );
      continue;
    }
    if (out.has(u.id)) {
      problems.push(problem(u.el, `Unit ${u.id} stands twice in the file`, 'Keep each unit once.'));
      continue;
    }
    const data = new Map<string, string>();
    for (const od of childElements(u.el, XLIFF_NS, 'originalData')) for (const d of childElements(od, XLIFF_NS, 'data')) if (d.attrs.id) data.set(d.attrs.id, textOfData(d));
    const parts: Inline[] = [];
    let any = false;
    let state: SegmentState = 'final';
    let targetEl: XmlElement | undefined;
    const pieces = u.el.children.filter((c): c is XmlElement => isElement(c) && c.ns === XLIFF_NS && (c.name === 'segment' || c.name === 'ignorable'));
    for (const seg of pieces) {
      const t = childElements(seg, XLIFF_NS, 'target')[0];
      const s = childElements(seg, XLIFF_NS, 'source')[0];
      if (seg.name === 'segment') {
        const st = (seg.attrs.state ?? 'initial') as SegmentState;
        if (!STATES.includes(st)) problems.push(problem(seg, `state="${seg.attrs.state}" is not an XLIFF 2 state`, 'Use initial, translated, reviewed or final.'));
        else if (STATES.indexOf(st) < STATES.indexOf(state)) state = st;
      }
      const from = t ?? (seg.name === 'ignorable' ? s : undefined);
      if (t) {
        any = true;
        targetEl ??= t;
      }
      if (from) {
        const inline = readInline(from, data, problems);
        if (inline) parts.push(...inline);
      }
    }
    if (!pieces.length) problems.push(problem(u.el, `Unit ${u.id} has no <segment>`, 'Export the file again.'));
    const read: ReadUnit = { id: u.id, el: u.el, state: any ? state : 'initial' };
    const hash = hashes.get(u.id) ?? (plan.block ? hashes.get(plan.block.id) : undefined);
    if (hash) read.hash = hash;
    const inline = normalizeTarget(parts);
    if (any && inline.length) {
      if (plan.front && codesOf(inline).length) problems.push(problem(targetEl, `Unit ${u.id} is a front-matter value and holds no formatting`, 'Keep its target plain text.'));
      else {
        const matched = matchCodes(plan, inline, targetEl ?? u.el, problems);
        if (matched) read.target = matched;
      }
    }
    out.set(u.id, read);
  }
  for (const [id, u] of planned) {
    if (!out.has(id) && !units.some((x) => x.id === id)) {
      const where = u.leaf ? ` (${u.name} at line ${u.leaf.node.position?.start.line ?? '?'} of ${p.original.file})` : ` (the front matter’s ${u.front?.path.join('.')})`;
      problems.push(
        problem(
          h.file,
          `Unit ${id}${where} is missing from the file`,
          `Keep every unit of the export; to start again, export anew (pressready translations export ${p.original.file} --lang ${h.trgLang}).`,
        ),
      );
    }
  }
  return out;
}

function textOfData(d: XmlElement): string {
  return d.children.map((c) => (isElement(c) ? (c.name === 'cp' ? String.fromCodePoint(Number.parseInt(c.attrs.hex ?? '0', 16) || 0xfffd) : '') : c.text)).join('');
}

function normalizeTarget(list: Inline[]): Inline[] {
  const n = normalizeInline(list);
  const first = n[0];
  if (first?.t === 'text') first.value = first.value.replace(/^\s+/, '');
  const last = n[n.length - 1];
  if (last?.t === 'text') last.value = last.value.replace(/\s+$/, '');
  return n.filter((i) => i.t !== 'text' || i.value !== '');
}

// --- writing the translation -----------------------------------------------------

function stringifyBlock(node: RootContent, original: Source): string {
  const written = original.text.slice(node.position?.start.offset ?? 0, node.position?.end.offset ?? 0);
  const bullet = node.type === 'list' && !node.ordered && /^[*+-]/.test(written) ? (written[0] as '*' | '+' | '-') : '-';
  const tree: Root = { type: 'root', children: [node] };
  return unified().use(remarkGfm).use(remarkStringify, { bullet, emphasis: '*', strong: '*', fences: true, rule: '-', listItemIndent: 'one' }).stringify(tree).replace(/\n+$/, '');
}

function stripPositions<T>(node: T): T {
  return JSON.parse(JSON.stringify(node, (k, v: unknown) => (k === 'position' ? undefined : v))) as T;
}

/** The block as Markdown: the original's block with each leaf's text from `texts` (by leaf id). */
function blockMarkdown(block: Block, original: Source, texts: Map<string, Inline[]>): string {
  if (!block.leaves.length) return original.text.slice(block.fp.range![0], block.fp.range![1]);
  const copy = stripPositions(block.node);
  // the leaves of the copy, in the same order as the block's (the walk in units.ts)
  const leaves: LeafNode[] = [];
  const visit = (n: { type: string; children?: unknown[] }) => {
    if (n.type === 'paragraph' || n.type === 'heading' || n.type === 'tableCell') leaves.push(n as LeafNode);
    else if (n.type === 'list' || n.type === 'listItem' || n.type === 'blockquote' || n.type === 'footnoteDefinition' || n.type === 'table' || n.type === 'tableRow' || n.type === 'root')
      for (const c of n.children ?? []) visit(c as { type: string; children?: unknown[] });
  };
  visit(copy as { type: string; children?: unknown[] });
  block.leaves.forEach((leaf, k) => {
    const node = leaves[k];
    const inline = texts.get(leaf.id);
    if (node && inline) (node as { children: unknown[] }).children = toPhrasing(inline);
  });
  return stringifyBlock(copy, original);
}

function yamlScalar(value: string): string {
  return YAML.stringify(value, { lineWidth: 0 }).trimEnd();
}

interface ImportResult {
  /** the translation's new text; undefined when nothing would change */
  text?: string;
  changedBlocks: string[];
  pendingBlocks: number;
}

/** The translation as it is to be written, from the plan (original + existing translation) and the units read. */
export function buildTranslation(p: Plan, read: Map<string, ReadUnit>, opts: { lang: string; translationOf: string }): ImportResult {
  const { original, translation } = p;
  const targetOf = (u: UnitPlan) => read.get(u.id)?.target;
  const done = (u: UnitPlan) => {
    const r = read.get(u.id);
    return !!r?.target && r.state !== 'initial' && (!r.hash || !u.hash || r.hash === u.hash);
  };
  // nothing new: same targets and same states as an export would give now
  const allUnits = [...p.front, ...[...p.units.values()].flat()];
  const same = allUnits.every((u) => {
    const t = read.get(u.id)?.target;
    return (!t || (!!u.target && inlineKey(t) === inlineKey(u.target))) && done(u) === (u.state !== 'initial');
  });

  // the source-hash: the original's, less the blocks not yet translated
  const hashes: string[] = [];
  let pendingBlocks = 0;
  for (const f of p.front) if (f.hash) hashes.push(done(f) ? f.hash : (pendingBlocks++, PENDING_HASH));
  for (const b of p.blocks) {
    const units = p.units.get(b.id) ?? [];
    const ok = units.every(done);
    if (!ok) pendingBlocks++;
    hashes.push(ok ? b.fp.hash : PENDING_HASH);
  }
  const sourceHash = `${FINGERPRINT_VERSION}:${hashes.join('.')}`;

  const changedBlocks: string[] = [];
  const textsFor = (b: Block): Map<string, Inline[]> => {
    const texts = new Map<string, Inline[]>();
    for (const u of p.units.get(b.id) ?? []) texts.set(u.id, targetOf(u) ?? u.target ?? u.source);
    return texts;
  };
  const blockChanged = (b: Block, i: number): boolean => !p.paired[i] || (p.units.get(b.id) ?? []).some((u) => !!targetOf(u) && (!u.target || inlineKey(targetOf(u)!) !== inlineKey(u.target)));

  if (!translation) {
    const fm: Record<string, unknown> = { 'translation-of': opts.translationOf };
    const value = (id: string) => {
      const u = p.front.find((f) => f.id === id);
      const t = u && targetOf(u);
      return t ? t.map((i) => (i.t === 'text' ? i.value : '')).join('') : u?.front?.value;
    };
    for (const key of ['headline', 'subheadline'] as const) if (value(key) !== undefined) fm[key] = value(key);
    if (value('dateline.city') !== undefined) fm.dateline = { city: value('dateline.city') };
    fm.lang = opts.lang;
    if (value('author') !== undefined) fm.author = value('author');
    const kw = p.front.filter((f) => f.id.startsWith('keywords.')).map((f) => value(f.id)!);
    if (kw.length) fm.keywords = kw;
    fm['source-hash'] = sourceHash;
    const doc = new YAML.Document(fm);
    if (kw.length) (doc.get('keywords', true) as YamlNode & { flow?: boolean }).flow = true;
    const body = p.blocks.map((b) => blockMarkdown(b, original, textsFor(b)));
    changedBlocks.push(...p.blocks.map((b) => b.id));
    return { text: `---\n${doc.toString({ lineWidth: 0 })}---\n\n${body.join('\n\n')}\n`, changedBlocks, pendingBlocks };
  }

  if (same) return { changedBlocks, pendingBlocks };

  // --- an existing translation: replace what changed, keep every other byte
  const text = translation.text;
  const eol = /\r\n/.test(text) ? '\r\n' : '\n';
  const edits: { start: number; end: number; text: string }[] = [];

  // front matter: a changed value replaces the value as written; a new one goes before the closing fence
  const base = translation.yaml.src.base;
  const doc = translation.yaml.doc as Document.Parsed;
  const added: string[] = [];
  const kwUnits = p.front.filter((f) => f.id.startsWith('keywords.'));
  for (const u of p.front) {
    if (u.id.startsWith('keywords.')) continue;
    const t = targetOf(u);
    if (!t) continue;
    const value = t.map((i) => (i.t === 'text' ? i.value : '')).join('');
    const before = p.translatedFront.get(u.id)?.value;
    if (before === value) continue;
    const node = doc.getIn(u.front!.path, true) as Scalar | undefined;
    if (node?.range && YAML.isScalar(node)) edits.push({ start: base + node.range[0], end: base + node.range[1], text: yamlScalar(value) });
    else if (u.id === 'dateline.city') {
      const dl = doc.get('dateline', true) as YamlNode | undefined;
      if (YAML.isMap(dl) && dl.range && !dl.flow) {
        const first = (dl.items as Pair<Scalar>[])[0]?.key;
        const at = first?.range ? base + first.range[0] : base + dl.range[0];
        const lineStart = text.lastIndexOf('\n', at - 1) + 1;
        edits.push({ start: at, end: at, text: `city: ${yamlScalar(value)}${eol}${text.slice(lineStart, at)}` });
      } else if (!dl) added.push(`dateline:${eol}  city: ${yamlScalar(value)}`);
    } else added.push(`${u.front!.path[0]}: ${yamlScalar(value)}`);
  }
  if (kwUnits.some((u) => targetOf(u))) {
    const now = kwUnits.map(
      (u) =>
        targetOf(u)
          ?.map((i) => (i.t === 'text' ? i.value : ''))
          .join('') ??
        p.translatedFront.get(u.id)?.value ??
        u.front!.value,
    );
    const before = kwUnits.map((u) => p.translatedFront.get(u.id)?.value);
    if (now.join('\u0000') !== before.join('\u0000')) {
      const flow = YAML.stringify(new YAML.Document(now, { flow: true }), { lineWidth: 0 }).trimEnd();
      const node = doc.get('keywords', true) as YamlNode | undefined;
      if (node?.range) edits.push({ start: base + node.range[0], end: base + node.range[1], text: flow });
      else added.push(`keywords: ${flow}`);
    }
  }
  const hashNode = doc.get('source-hash', true) as Scalar | undefined;
  const hashText = JSON.stringify(sourceHash);
  if (hashNode?.range) {
    if (hashNode.value !== sourceHash) edits.push({ start: base + hashNode.range[0], end: base + hashNode.range[1], text: hashText });
  } else added.push(`source-hash: ${hashText}`);
  if (added.length) {
    const fenceLine = text.lastIndexOf('\n', translation.bodyOffset - 1 - 3) + 1;
    edits.push({ start: fenceLine, end: fenceLine, text: added.map((l) => l + eol).join('') });
  }

  // body: the original's blocks in order; a paired block is kept or replaced in place, a new one goes after the one before it
  const tBlocks = new Set(p.paired.filter((b): b is Block => !!b));
  let insertAt = translation.bodyOffset;
  let pendingInsert: string[] = [];
  const flushInsert = (at: number, before: boolean) => {
    if (!pendingInsert.length) return;
    const md = pendingInsert.join(eol + eol).replace(/\n/g, eol);
    edits.push({ start: at, end: at, text: before ? md + eol + eol : eol + eol + md });
    pendingInsert = [];
  };
  let lastEnd: number | undefined;
  p.blocks.forEach((b, i) => {
    const t = p.paired[i];
    if (!t) {
      pendingInsert.push(blockMarkdown(b, original, textsFor(b)));
      changedBlocks.push(b.id);
      return;
    }
    // blocks new in the original that come before this one
    if (lastEnd === undefined) flushInsert(t.fp.range![0], true);
    else flushInsert(lastEnd, false);
    if (blockChanged(b, i)) {
      edits.push({ start: t.fp.range![0], end: t.fp.range![1], text: blockMarkdown(b, original, textsFor(b)).replace(/\n/g, eol) });
      changedBlocks.push(b.id);
    }
    lastEnd = t.fp.range![1];
  });
  if (pendingInsert.length) {
    if (lastEnd === undefined) {
      insertAt = text.length;
      const md = pendingInsert.join(eol + eol).replace(/\n/g, eol);
      edits.push({ start: insertAt, end: insertAt, text: (text.endsWith('\n') ? eol : eol + eol) + md + eol });
      pendingInsert = [];
    } else flushInsert(lastEnd, false);
  }
  // the translation's blocks that pair with none of the original's: the original no longer has them
  for (const tb of p.translationBlocks) {
    if (tBlocks.has(tb)) continue;
    // remove the block and the blank line after it
    let end = tb.fp.range![1];
    while (end < text.length && (text[end] === '\n' || text[end] === '\r' || text[end] === ' ' || text[end] === '\t')) end++;
    edits.push({ start: tb.fp.range![0], end: end === text.length ? tb.fp.range![1] : end, text: '' });
    changedBlocks.push(`(removed ${tb.id} of the translation)`);
  }

  edits.sort((a, b) => b.start - a.start || b.end - a.end);
  let out = text;
  for (const e of edits) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  return { text: out === text ? undefined : out, changedBlocks, pendingBlocks };
}
