/**
 * Sharded records: the big collections of the state tree (pods, events, podRuntime,
 * schedulingQueue) are split into SHARD_COUNT buckets by a hash of the key, so that an immer
 * producer that writes one entry copies one small bucket and the bucket list, not thousands of
 * keys (DESIGN.md principle 2). A shard is a plain record; the whole thing stays JSON.
 *
 * Read and write them only through these functions. Iteration order depends only on the contents:
 * buckets in numeric order, keys sorted within a bucket.
 */
import { fnv32a } from './hash';

/** Buckets keyed "0".."63"; each maps an object key to its value. Empty buckets are removed. */
export type Sharded<T> = Record<string, Record<string, T>>;

/** Number of buckets: with 3,000 pods, about 50 per bucket (V8 keeps such objects fast to copy). */
const SHARD_COUNT = 64;

/** The bucket of a key (stable across runs and platforms). */
function shardOf(key: string): string {
  return String(fnv32a(key) & (SHARD_COUNT - 1));
}

/** The value stored under `key`, if any. */
export function getIn<T>(coll: Sharded<T>, key: string): T | undefined {
  return coll[shardOf(key)]?.[key];
}

/** Whether `key` is present. */
export function hasIn<T>(coll: Sharded<T>, key: string): boolean {
  return getIn(coll, key) !== undefined;
}

/** Stores `value` under `key` (on a draft or a state being built). */
export function setIn<T>(coll: Sharded<T>, key: string, value: T): void {
  const s = shardOf(key);
  const shard = coll[s];
  if (shard === undefined) coll[s] = { [key]: value };
  else shard[key] = value;
}

/** Removes `key` (on a draft or a state being built); empty buckets go too. */
export function deleteIn<T>(coll: Sharded<T>, key: string): void {
  const s = shardOf(key);
  const shard = coll[s];
  if (shard === undefined || !(key in shard)) return;
  delete shard[key];
  // Checking emptiness with a for-in keeps this O(1) on a draft (no Object.keys of the bucket).
  for (const _ in shard) return;
  delete coll[s];
}

/**
 * A bucket's keys in code-unit order. Insertion order would depend on the collection's history
 * (undoing a deletion re-adds a key at the end), so a run that seeks back and forth could iterate
 * differently from a straight one; sorted, iteration depends only on the contents.
 */
function sortedKeys(shard: Record<string, unknown>): string[] {
  return Object.keys(shard).sort();
}

/** Every [key, value], buckets in order, keys sorted within a bucket. */
export function entriesIn<T>(coll: Sharded<T>): [string, T][] {
  const out: [string, T][] = [];
  for (const s in coll) {
    const shard = coll[s] as Record<string, T>;
    for (const key of sortedKeys(shard)) out.push([key, shard[key] as T]);
  }
  return out;
}

/** Every key, buckets in order, keys sorted within a bucket. */
export function keysIn<T>(coll: Sharded<T>): string[] {
  const out: string[] = [];
  for (const s in coll) out.push(...sortedKeys(coll[s] as Record<string, T>));
  return out;
}

/** Every value, buckets in order, keys sorted within a bucket. */
export function valuesIn<T>(coll: Sharded<T>): T[] {
  const out: T[] = [];
  for (const s in coll) {
    const shard = coll[s] as Record<string, T>;
    for (const key of sortedKeys(shard)) out.push(shard[key] as T);
  }
  return out;
}

/** Number of entries. */
export function sizeOf<T>(coll: Sharded<T>): number {
  let n = 0;
  for (const s in coll) for (const _ in coll[s]) n++;
  return n;
}

/** A sharded collection holding these entries (for building states and tests). */
export function shardedFrom<T>(entries: Iterable<[string, T]> | Record<string, T>): Sharded<T> {
  const out: Sharded<T> = {};
  const list =
    Symbol.iterator in entries
      ? (entries as Iterable<[string, T]>)
      : Object.entries(entries as Record<string, T>);
  for (const [k, v] of list) setIn(out, k, v);
  return out;
}

/** A flat record view (a copy; for printers and tests, not hot paths). */
export function toRecord<T>(coll: Sharded<T>): Record<string, T> {
  const out: Record<string, T> = {};
  for (const [k, v] of entriesIn(coll)) out[k] = v;
  return out;
}

/** Orders [key, value] entries by key (code-unit order, like etcd's byte order for ASCII keys). */
export function byKey<T>(a: [string, T], b: [string, T]): number {
  return a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0;
}

/** A grouping query, plus whether any entry has a group at all. */
export type GroupedIndex<T> = ((coll: Sharded<T>, group: string) => [string, T][]) & {
  any(coll: Sharded<T>): boolean;
};

/**
 * A grouping of a sharded collection's entries (an index such as "pods by node"), memoised per
 * bucket by the bucket's identity: the engine's buckets are frozen and replaced when written, so
 * after a step only the buckets that changed are regrouped. A query merges the buckets' groups
 * and returns exactly what filtering `entriesIn(coll)` by group would, sorted by key (the order
 * the API server lists objects in, and one that does not depend on the collection's history).
 * Unfrozen buckets (states built by hand) are regrouped on every query, since they may change in place.
 */
export function groupedIndex<T>(groupOf: (value: T, key: string) => string | undefined): GroupedIndex<T> {
  const cache = new WeakMap<Record<string, T>, Map<string, [string, T][]>>();
  const groupsOf = (shard: Record<string, T>): Map<string, [string, T][]> => {
    const cached = cache.get(shard);
    if (cached !== undefined) return cached;
    const groups = new Map<string, [string, T][]>();
    for (const key in shard) {
      const value = shard[key] as T;
      const g = groupOf(value, key);
      if (g === undefined) continue;
      const list = groups.get(g);
      if (list === undefined) groups.set(g, [[key, value]]);
      else list.push([key, value]);
    }
    if (Object.isFrozen(shard)) cache.set(shard, groups);
    return groups;
  };
  const query = (coll: Sharded<T>, group: string): [string, T][] => {
    const out: [string, T][] = [];
    for (const s in coll) {
      const list = groupsOf(coll[s] as Record<string, T>).get(group);
      if (list !== undefined) for (const e of list) out.push(e);
    }
    return out.sort(byKey);
  };
  // Whether any entry has a group at all, memoised per collection identity (a frozen collection is
  // replaced when written): lets a caller skip per-group queries when, say, no pod is nominated.
  const anyCache = new WeakMap<Sharded<T>, boolean>();
  const any = (coll: Sharded<T>): boolean => {
    const cached = anyCache.get(coll);
    if (cached !== undefined) return cached;
    let found = false;
    for (const s in coll) if (groupsOf(coll[s] as Record<string, T>).size > 0) found = true;
    if (Object.isFrozen(coll)) anyCache.set(coll, found);
    return found;
  };
  return Object.assign(query, { any });
}

/**
 * The buckets that lose entries when `drop` holds, each rebuilt without them (an empty record
 * means the bucket goes). For sweeps that remove many entries: apply with `replaceBuckets`.
 */
export function bucketsWithout<T>(
  coll: Sharded<T>,
  drop: (value: T, key: string) => boolean,
): Map<string, Record<string, T>> {
  const out = new Map<string, Record<string, T>>();
  for (const s in coll) {
    const bucket = coll[s] as Record<string, T>;
    let kept: Record<string, T> | undefined;
    for (const k in bucket) {
      if (!drop(bucket[k] as T, k)) continue;
      kept ??= { ...bucket };
      delete kept[k];
    }
    if (kept !== undefined) out.set(s, kept);
  }
  return out;
}

/** Installs buckets computed by `bucketsWithout` (on a draft). */
export function replaceBuckets<T>(coll: Sharded<T>, buckets: ReadonlyMap<string, Record<string, T>>): void {
  for (const [s, kept] of buckets) {
    if (Object.keys(kept).length === 0) delete coll[s];
    else coll[s] = kept;
  }
}
