/**
 * `--shard i/n`: this CI job's share of the sources. A unit (an original with its
 * translations) belongs to the shard picked by a hash of its path, so the split
 * is the same on every machine and in every job, the shards are disjoint and
 * together hold every unit, and adding a source never moves the others to
 * another shard (a shard's incremental manifest stays useful).
 */
import { createHash } from 'node:crypto';

export interface Shard {
  /** 1-based */
  index: number;
  count: number;
}

export function parseShard(value: string): Shard | undefined {
  const m = /^(\d+)\/(\d+)$/.exec(value.trim());
  if (!m) return undefined;
  const [index, count] = [Number(m[1]), Number(m[2])];
  return count >= 1 && index >= 1 && index <= count ? { index, count } : undefined;
}

function shardOf(key: string, count: number): number {
  const h = createHash('sha256').update(key).digest();
  return (h.readUInt32BE(0) % count) + 1;
}

export function inShard(key: string, shard: Shard | undefined): boolean {
  return !shard || shardOf(key, shard.count) === shard.index;
}
