/**
 * Per-node caches of byte scores that depend only on a node's row of the node table and on what the
 * pod asks for: the resource scores (NodeResourcesFit's LeastAllocated and MostAllocated,
 * NodeResourcesBalancedAllocation). A cache holds one kind of score for one pod shape on every
 * node of a table, and is brought up to date before each use by rescoring only the nodes the table
 * changed since (NodeTable.changedSince): between two cycles that is the node the last pod was
 * bound to. Pods of one workload ask for the same amounts, so at 5,000 nodes a cycle copies 500
 * cached scores instead of computing them (two divisions each, the scheduler benchmark's largest
 * cost). The scores are the same with or without the cache (test/scheduler/scoreCache.test.ts).
 */
import type { NodeTable } from './nodeTable';

/**
 * Caches kept per table: at 5,000 nodes one costs 5 KB, so this bounds them to 1.3 MB whatever the
 * pods ask for. A table that reaches it drops them all and starts over.
 */
export const MAX_SCORE_CACHES = 256;

/** One kind of score for one pod shape: a byte per node of the table. */
export class ScoreCache {
  /** Allocated on the shape's second cycle: a shape seen once (a lone pod) never pays for it. */
  bytes: Uint8Array | undefined;
  /** NodeTable.changes when the bytes were last brought up to date; -1 before they ever were. */
  syncedAt = -1;
}

/** The caches of one kind of score, by the pod's amounts, one level per amount. */
interface Trie {
  readonly next: Map<number, Trie>;
  cache: ScoreCache | undefined;
}

interface Store {
  count: number;
  readonly kinds: Map<object, Trie>;
}
const stores = new WeakMap<NodeTable, Store>();

/**
 * The cache on `table` for the score `kind` (an object standing for the score and its settings)
 * of a pod asking for `amounts` (everything the score reads besides the node's row); undefined
 * the first time they are seen, when the caller just computes.
 */
export function scoreCacheFor(
  table: NodeTable,
  kind: object,
  amounts: readonly number[],
): ScoreCache | undefined {
  let store = stores.get(table);
  if (store === undefined) stores.set(table, (store = { count: 0, kinds: new Map() }));
  let node: Trie | undefined = store.kinds.get(kind);
  if (node === undefined) store.kinds.set(kind, (node = { next: new Map(), cache: undefined }));
  for (let r = 0; r < amounts.length; r++) {
    const amount = amounts[r] as number;
    let child: Trie | undefined = node.next.get(amount);
    if (child === undefined) node.next.set(amount, (child = { next: new Map(), cache: undefined }));
    node = child;
  }
  const cache = node.cache;
  if (cache === undefined) {
    if (store.count >= MAX_SCORE_CACHES) {
      store.kinds.clear();
      store.count = 0;
    } else {
      node.cache = new ScoreCache();
      store.count++;
    }
    return undefined;
  }
  cache.bytes ??= new Uint8Array(table.size);
  return cache;
}

/** Nodes to rescore, and their new scores: shared buffers, read before the next staleNodes. */
export interface Stale {
  idx: Int32Array;
  out: Uint8Array;
}
let stale: Stale = { idx: new Int32Array(0), out: new Uint8Array(0) };

/**
 * How many nodes of `cache` are out of date; their indices are in `staleBuffers().idx`, to be
 * scored into `staleBuffers().out` and handed back with refresh(). Every node, the first time or
 * when more nodes changed than the table remembers.
 */
export function staleNodes(table: NodeTable, cache: ScoreCache): number {
  const size = table.size;
  if (stale.idx.length < size) stale = { idx: new Int32Array(size), out: new Uint8Array(size) };
  const changed = cache.syncedAt < 0 ? -1 : table.changedSince(cache.syncedAt, stale.idx);
  if (changed >= 0) return changed;
  for (let i = 0; i < size; i++) stale.idx[i] = i;
  return size;
}

/** The buffers staleNodes filled. */
export function staleBuffers(): Stale {
  return stale;
}

/** Stores the `count` scores computed for the last staleNodes; the cache is then up to date. */
export function refresh(table: NodeTable, cache: ScoreCache, count: number): void {
  const bytes = cache.bytes as Uint8Array;
  const { idx, out } = stale;
  for (let m = 0; m < count; m++) bytes[idx[m] as number] = out[m] as number;
  cache.syncedAt = table.changes;
}

/**
 * The cached scores of the nodes `idx[0..count)` into `out`: one copy when they are a run of
 * consecutive nodes (the usual walk: every visited node feasible, no wrap-around).
 */
export function copyScores(cache: ScoreCache, idx: Int32Array, count: number, out: Uint8Array): void {
  const bytes = cache.bytes as Uint8Array;
  if (count === 0) return;
  const first = idx[0] as number;
  if ((idx[count - 1] as number) - first === count - 1) {
    // Distinct ascending indices spanning count - 1: a run (a wrapped walk spans a negative gap).
    out.set(bytes.subarray(first, first + count));
    return;
  }
  for (let k = 0; k < count; k++) out[k] = bytes[idx[k] as number] as number;
}
