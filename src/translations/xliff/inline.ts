/**
 * Inline formatting as XLIFF inline codes. A paragraph's emphasis, strong, struck
 * text and links become paired codes (`<pc>`), whose text a translator edits and
 * may move, while their Markdown (`*`, `**`, `[` … `](url)`) is held in the unit's
 * `<originalData>`, out of reach; inline code, images, breaks, autolinks and inline
 * HTML become placeholders (`<ph>`), moved but not edited.
 *
 * Each code keeps the mdast node it came from (its "shell", without children), so
 * that an imported target is turned back into mdast — and so into Markdown by
 * remark-stringify — from nodes pressready made, never from text in the XLIFF.
 */
import type { PhrasingContent } from 'mdast';

export type Inline =
  | { t: 'text'; value: string }
  /** a paired code: `start` and `end` are its Markdown, as written */
  | { t: 'pc'; id: string; start: string; end: string; children: Inline[]; shell: PhrasingContent }
  /** a placeholder: `data` is its Markdown, as written */
  | { t: 'ph'; id: string; data: string; shell: PhrasingContent };

export type Code = Extract<Inline, { t: 'pc' | 'ph' }>;

const PAIRED = new Set(['emphasis', 'strong', 'delete', 'link', 'linkReference']);

/** Soft line breaks as spaces, and no space at either end: what a translator sees, and what is compared. */
export function normalizeInline(list: Inline[]): Inline[] {
  const out: Inline[] = [];
  for (const i of list) {
    if (i.t === 'pc') out.push({ ...i, children: normalizeInline(i.children) });
    else if (i.t === 'ph') out.push(i);
    else {
      const value = i.value.replace(/[ \t]*\r?\n[ \t]*/g, ' ');
      const last = out[out.length - 1];
      if (last?.t === 'text') last.value += value;
      else if (value) out.push({ t: 'text', value });
    }
  }
  return out;
}

function trimEnds(list: Inline[]): Inline[] {
  const first = list[0];
  if (first?.t === 'text') first.value = first.value.replace(/^\s+/, '');
  const last = list[list.length - 1];
  if (last?.t === 'text') last.value = last.value.replace(/\s+$/, '');
  return list.filter((i) => i.t !== 'text' || i.value !== '');
}

function shellOf(node: PhrasingContent): PhrasingContent {
  const { position: _p, ...rest } = node as PhrasingContent & { children?: unknown };
  if ('children' in rest) return { ...rest, children: [] } as unknown as PhrasingContent;
  return structuredClone(rest) as PhrasingContent;
}

/**
 * The inline content of a leaf block (paragraph, heading, table cell) as XLIFF
 * sees it. `text` is the file the nodes were parsed from (their positions point
 * into it); codes are numbered from 1 in document order.
 */
export function toInline(children: readonly PhrasingContent[], text: string): Inline[] {
  let n = 0;
  const walk = (list: readonly PhrasingContent[]): Inline[] =>
    list.map((node): Inline => {
      if (node.type === 'text') return { t: 'text', value: node.value };
      const s = node.position?.start.offset ?? 0;
      const e = node.position?.end.offset ?? s;
      const kids = 'children' in node ? (node.children as PhrasingContent[]) : [];
      const first = kids[0]?.position?.start.offset;
      const last = kids[kids.length - 1]?.position?.end.offset;
      const written = text.slice(s, e);
      // an autolink (`<https://…>`, or a bare URL) has its URL as its text: not for translation
      const autolink = node.type === 'link' && !written.startsWith('[');
      if (PAIRED.has(node.type) && !autolink && kids.length && first !== undefined && last !== undefined) {
        const id = String(++n);
        return { t: 'pc', id, start: text.slice(s, first), end: text.slice(last, e), children: walk(kids), shell: shellOf(node) };
      }
      return { t: 'ph', id: String(++n), data: written, shell: structuredClone({ ...node, position: undefined }) as PhrasingContent };
    });
  return trimEnds(normalizeInline(walk(children)));
}

/** mdast phrasing content from inline items (the codes' shells with their children). */
export function toPhrasing(list: readonly Inline[]): PhrasingContent[] {
  return list.map((i): PhrasingContent => {
    if (i.t === 'text') return { type: 'text', value: i.value };
    if (i.t === 'ph') return structuredClone(i.shell);
    return { ...structuredClone(i.shell), children: toPhrasing(i.children) } as PhrasingContent;
  });
}

/** The codes of a list, in document order (a pc before the codes inside it). */
export function codesOf(list: readonly Inline[]): Code[] {
  const out: Code[] = [];
  const walk = (l: readonly Inline[]) => {
    for (const i of l) {
      if (i.t === 'text') continue;
      out.push(i);
      if (i.t === 'pc') walk(i.children);
    }
  };
  walk(list);
  return out;
}

/** A code's Markdown, as one key: what tells two codes apart for a translator. */
export const codeKey = (c: Code): string => (c.t === 'pc' ? `${c.start}\u0000${c.end}` : c.data);

/** A comparable form of inline content (text and codes with their Markdown; not the shells). */
export function inlineKey(list: readonly Inline[]): string {
  return JSON.stringify(list.map((i) => (i.t === 'text' ? i.value : i.t === 'ph' ? ['ph', i.id, i.data] : ['pc', i.id, i.start, i.end, inlineKey(i.children)])));
}

/**
 * A translation's inline content with its codes renumbered as the original's: each
 * code takes the original's code of the same kind with the same Markdown, else the
 * first of the same kind not yet taken (a link whose URL the translator localized).
 * Undefined when the codes do not pair off.
 */
export function alignCodes(source: readonly Inline[], translated: readonly Inline[]): Inline[] | undefined {
  const src = codesOf(source);
  const taken = new Set<string>();
  const kind = (c: Code) => `${c.t}:${c.shell.type}`;
  const pick = (c: Code): string | undefined => {
    const same = src.find((s) => !taken.has(s.id) && kind(s) === kind(c) && codeKey(s) === codeKey(c)) ?? src.find((s) => !taken.has(s.id) && kind(s) === kind(c));
    if (same) taken.add(same.id);
    return same?.id;
  };
  let ok = true;
  const walk = (l: readonly Inline[]): Inline[] =>
    l.map((i) => {
      if (i.t === 'text') return i;
      const id = pick(i);
      if (id === undefined) ok = false;
      return i.t === 'pc' ? { ...i, id: id ?? '?', children: walk(i.children) } : { ...i, id: id ?? '?' };
    });
  const out = walk(translated);
  return ok && taken.size === src.length ? out : undefined;
}
