/**
 * The bounds on what pressready reads, so that any input ends in output or in a
 * clear error, never in a hang or an exhausted memory. A press release is a few
 * kilobytes; each bound is far above any real one. docs/limits.md lists them.
 */
export interface Limits {
  /** bytes of one source file */
  sourceBytes: number;
  /** lists and block quotes inside one another */
  depth: number;
  /** columns of a table (a page has room for a dozen) */
  tableColumns: number;
}

export const LIMITS: Limits = {
  sourceBytes: 1024 * 1024,
  depth: 32,
  tableColumns: 20,
};

/** The names `--limit name=value` takes, with the unit of each and how to turn it into the field. */
const NAMES: Record<string, { field: keyof Limits; unit: string; scale: number }> = {
  'source-kb': { field: 'sourceBytes', unit: 'kilobytes', scale: 1024 },
  depth: { field: 'depth', unit: 'levels', scale: 1 },
  'table-columns': { field: 'tableColumns', unit: 'columns', scale: 1 },
};

/** `--limit depth=64 --limit source-kb=4096` → the limits; a wrong one is the reason, to be told as a usage error. */
export function parseLimits(values: readonly string[] = []): { ok: true; limits: Limits } | { ok: false; reason: string; hint: string } {
  const limits = { ...LIMITS };
  const known = Object.keys(NAMES)
    .map((n) => `${n}=<${NAMES[n]!.unit}>`)
    .join(', ');
  for (const v of values) {
    const m = /^([a-z-]+)=(\d+)$/.exec(v.trim());
    const spec = m ? NAMES[m[1]!] : undefined;
    if (!m || !spec || !Object.hasOwn(NAMES, m[1]!) || Number(m[2]) < 1 || !Number.isSafeInteger(Number(m[2]) * spec.scale)) {
      return { ok: false, reason: `--limit takes name=number, not \`${v}\``, hint: `The limits: ${known}.` };
    }
    limits[spec.field] = Number(m[2]) * spec.scale;
  }
  return { ok: true, limits };
}
