/**
 * The units of one original for one language, each with its source, the existing
 * translation's text as its target (when there is one and it pairs off), and the
 * target's state: `translated` where the original's block is unchanged since the
 * translation's `source-hash`, `initial` with subState `pressready:needs-review`
 * where it changed (or the translation has no `source-hash`), `initial` without a
 * target where there is nothing to offer. Export writes it; import reads an XLIFF
 * against it.
 */
import type { Source } from '../../source/parse.js';
import { diffFingerprint, type FingerprintBlock, fingerprintBlocks, formatFingerprint, parseFingerprint } from '../fingerprint.js';
import type { Inline } from './inline.js';
import { type Block, blocksOf, type FrontItem, frontOf, type Leaf, pairBlocks, prefill } from './units.js';

export type SegmentState = 'initial' | 'translated' | 'reviewed' | 'final';
const NEEDS_REVIEW = 'pressready:needs-review';

export interface UnitPlan {
  id: string;
  name: string;
  source: Inline[];
  target?: Inline[];
  state: SegmentState;
  subState?: string;
  /** the fingerprint hash of the block the unit belongs to (headline, subheadline, a body block) */
  hash?: string;
  front?: FrontItem;
  leaf?: Leaf;
  block?: Block;
}

export interface Plan {
  original: Source;
  translation?: Source;
  fingerprint: string;
  front: UnitPlan[];
  blocks: Block[];
  /** the translation's block paired with each of the original's */
  paired: (Block | undefined)[];
  /** the translation's blocks, all of them */
  translationBlocks: Block[];
  /** the units of each block, by block id (none for a code block, a rule …) */
  units: Map<string, UnitPlan[]>;
  /** the translation's front matter items, by unit id */
  translatedFront: Map<string, FrontItem>;
}

export function plan(original: Source, translation?: Source): Plan {
  const fps = fingerprintBlocks(original);
  const blocks = blocksOf(original);
  const tBlocks = translation ? blocksOf(translation) : [];
  const paired = translation ? pairBlocks(blocks, tBlocks) : blocks.map(() => undefined);

  // which of the original's blocks changed since the translation was marked; all of them when it never was
  const stored = typeof translation?.frontMatter['source-hash'] === 'string' ? parseFingerprint(translation.frontMatter['source-hash']) : undefined;
  // (blocks are told by kind and line: units.ts fingerprints the original again, into other objects)
  const key = (fp: FingerprintBlock) => `${fp.kind}:${fp.line}`;
  const changed = new Set<string>();
  if (translation && stored) for (const c of diffFingerprint(stored, fps)) if (c.kind !== 'removed') changed.add(key(c.block));
  const current = (fp: FingerprintBlock | undefined) => !!translation && !!stored && (!fp || !changed.has(key(fp)));

  const state = (target: Inline[] | undefined, fp: FingerprintBlock | undefined): Pick<UnitPlan, 'state' | 'subState'> =>
    !target ? { state: 'initial' } : current(fp) ? { state: 'translated' } : { state: 'initial', subState: NEEDS_REVIEW };

  const translatedFront = new Map((translation ? frontOf(translation) : []).map((f) => [f.id, f]));
  const front = frontOf(original).map((f): UnitPlan => {
    const t = translatedFront.get(f.id);
    const target: Inline[] | undefined = t ? [{ t: 'text', value: t.value }] : undefined;
    return {
      id: f.id,
      name: f.id.replace(/\.\d+$/, ''),
      source: [{ t: 'text', value: f.value }],
      ...(target ? { target } : {}),
      ...state(target, f.fp),
      ...(f.fp ? { hash: f.fp.hash } : {}),
      front: f,
    };
  });

  const units = new Map<string, UnitPlan[]>();
  blocks.forEach((b, i) => {
    const pre = prefill(b, paired[i]);
    units.set(
      b.id,
      b.leaves.map((leaf): UnitPlan => {
        const target = pre.get(leaf.id);
        return { id: leaf.id, name: leaf.name, source: leaf.inline, ...(target ? { target } : {}), ...state(target, b.fp), hash: b.fp.hash, leaf, block: b };
      }),
    );
  });

  return { original, ...(translation ? { translation } : {}), fingerprint: formatFingerprint(fps), front, blocks, paired, translationBlocks: tBlocks, units, translatedFront };
}
