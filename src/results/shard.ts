import { createHash } from 'node:crypto';
import * as path from 'node:path';

/** `--shard 2/3`: this run lints the second of three parts of the files found. */
export interface Shard {
  /** 1-based. */
  index: number;
  count: number;
}

/** `i/n` as a Shard, or undefined when it is not one (whole numbers, 1 <= i <= n). */
export function parseShard(text: string): Shard | undefined {
  const match = /^(\d+)\/(\d+)$/.exec(text.trim());
  if (!match) return undefined;
  const [index, count] = [Number(match[1]), Number(match[2])];
  if (!Number.isSafeInteger(count) || index < 1 || index > count) return undefined;
  return { index, count };
}

/**
 * Whether `file` belongs to `shard`. A file's shard is a hash of its path relative to `root`
 * (the folder specguard runs in, with / separators), so it depends on that file alone: adding or
 * removing a file never moves another one to a different shard, and every job of a CI matrix
 * that runs in the same folder agrees. The price is balance: shards are even on average, not
 * exactly, and a small run can leave a shard empty.
 */
export function inShard(file: string, shard: Shard, root: string): boolean {
  const relative = path.relative(root, path.resolve(root, file)).split(path.sep).join('/');
  const hash = createHash('sha256').update(relative).digest().readUInt32BE(0);
  return hash % shard.count === shard.index - 1;
}
