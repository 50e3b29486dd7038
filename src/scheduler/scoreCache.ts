/**
 * Per-node caches of byte scores that depend only on a node's row of the node table and on what the
 * pod asks for: the resource scores (NodeResourcesFit's LeastAllocated and MostAllocated,
 * NodeResourcesBalancedAllocation). A cache holds one kind of score for one pod shape, a byte per
 * node, filled as walks reach the nodes, and kept up to date before each use by rescoring the
 * nodes the table changed since (NodeTable.changedSince): between two cycles that is the node the
 * last pod was bound to. Pods of one workload ask for the same amounts, so at 5,000 nodes a cycle
 * copies 500 cached scores instead of computing them (two divisions each, the scheduler
 * benchmark's largest cost), and a shape seen only a few times costs what it cost without the
 * cache. The scores are the same with or without it (test/scheduler/scoreCache.test.ts).
 */
import { type NodeTable, tableKey } from './nodeTable';

/**
 * Caches kept per table: at 5,000 nodes one costs 5 KB, so this bounds them to 1.3 MB whatever the
 * pods ask for. A table that reaches it drops them all and starts over.
 */
export const MAX_SCORE_CACHES = 256;

/** One kind of score for one pod shape: a byte per node of the table, and which are filled in. */
export class ScoreCache {
  /** Allocated on the shape's second cycle: a shape seen once (a lone pod) never pays for them. */
  bytes: Uint8Array | undefined;
  filled: Uint8Array | undefined;
  /**
   * Ranges of nodes known to be all filled in, as [lo, hi) pairs in order, neither overlapping
   * nor touching: a walk's run of nodes inside one is a copy, with no look at each node.
   */
  runs: number[] = [];
  /** NodeTable.changes when the filled-in bytes were last brought up to date. */
  syncedAt = 0;
}

/** Ranges a cache keeps at most (walks that skip no node add them; they merge as they meet). */
const MAX_RUNS = 64;

/** Whether [lo, hi) lies inside one of `runs` (see ScoreCache.runs). */
function covered(runs: readonly number[], lo: number, hi: number): boolean {
  for (let r = 0; r < runs.length && (runs[r] as number) <= lo; r += 2)
    if (hi <= (runs[r + 1] as number)) return true;
  return false;
}

/**
 * `runs` with [lo, hi) added, merged with the ranges it overlaps or touches: the merged range goes
 * in before the first range past it, so they stay in order. Unchanged past MAX_RUNS ranges.
 */
function withRun(runs: readonly number[], lo: number, hi: number): number[] {
  const out: number[] = [];
  let added = false;
  for (let r = 0; r < runs.length; r += 2) {
    const a = runs[r] as number;
    const b = runs[r + 1] as number;
    if (b < lo) out.push(a, b);
    else if (a > hi) {
      if (!added) out.push(lo, hi);
      added = true;
      out.push(a, b);
    } else {
      lo = Math.min(lo, a);
      hi = Math.max(hi, b);
    }
  }
  if (!added) out.push(lo, hi);
  return out.length > 2 * MAX_RUNS ? runs.slice() : out;
}

/** The caches of one kind of score, by the pod's amounts, one level per amount. */
interface Trie {
  readonly next: Map<number, Trie>;
  cache: ScoreCache | undefined;
}

/** A table's caches: how many, and their tries by kind; with the buffers cachedScores works in. */
interface Store {
  count: number;
  readonly kinds: Map<object, Trie>;
  /** The nodes to score, their positions in the caller's list, their scores (per call). */
  work: { idx: Int32Array; positions: Int32Array; out: Uint8Array };
}
const STORE = tableKey<Store>('scheduler.scoreCaches', (table) => ({
  count: 0,
  kinds: new Map(),
  work: {
    idx: new Int32Array(table.size),
    positions: new Int32Array(table.size),
    out: new Uint8Array(table.size),
  },
}));

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
  const store = table.attached(STORE);
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
  if (cache.bytes === undefined) {
    cache.bytes = new Uint8Array(table.size);
    cache.filled = new Uint8Array(table.size);
    cache.syncedAt = table.changes;
  }
  return cache;
}

/** How many caches `table` keeps, counted in its tries (for tests: the bound holds). */
export function scoreCacheCount(table: NodeTable): number {
  const count = (node: Trie): number => {
    let n = node.cache === undefined ? 0 : 1;
    for (const child of node.next.values()) n += count(child);
    return n;
  };
  let n = 0;
  for (const root of table.attached(STORE).kinds.values()) n += count(root);
  return n;
}

/** Scores a list of nodes: `score(idx, count, out)` writes the score of node idx[k] into out[k]. */
export type NodeScorer = (idx: Int32Array, count: number, out: Uint8Array) => void;

/**
 * The scores of the nodes `idx[0..count)` (in visiting order: ascending, wrapping to 0 at most
 * once) into `out`, from `cache`, which `score` brings up to date (the filled-in nodes the table
 * changed since its last use) and fills in (the nodes of the list it lacks).
 */
export function cachedScores(
  table: NodeTable,
  cache: ScoreCache,
  idx: Int32Array,
  count: number,
  out: Uint8Array,
  score: NodeScorer,
): void {
  const size = table.size;
  const work = table.attached(STORE).work;
  const bytes = cache.bytes as Uint8Array;
  const filled = cache.filled as Uint8Array;
  const todo = work.idx;
  // Up to date: rescore the filled-in nodes changed since; when the table no longer remembers
  // them all, empty the cache instead.
  const changed = table.changedSince(cache.syncedAt, todo);
  cache.syncedAt = table.changes;
  if (changed < 0) {
    filled.fill(0);
    cache.runs = [];
  } else {
    let stale = 0;
    for (let c = 0; c < changed; c++) {
      const i = todo[c] as number;
      if (filled[i] === 1) todo[stale++] = i;
    }
    if (stale > 0) {
      score(todo, stale, work.out);
      for (let m = 0; m < stale; m++) bytes[todo[m] as number] = work.out[m] as number;
    }
  }
  if (count === 0) return;
  // The walk as ranges: one, two when it wrapped around the end, none when it skipped a node.
  const first = idx[0] as number;
  const last = idx[count - 1] as number;
  let hi = -1;
  let wrapped = -1;
  if (last - first === count - 1) hi = last + 1;
  else if (last < first && size - first + last + 1 === count) {
    hi = size;
    wrapped = last + 1;
  }
  if (hi >= 0 && covered(cache.runs, first, hi) && (wrapped < 0 || covered(cache.runs, 0, wrapped))) {
    out.set(bytes.subarray(first, hi));
    if (wrapped >= 0) out.set(bytes.subarray(0, wrapped), hi - first);
    return;
  }
  // Filled-in nodes from the cache, the others scored and filled in.
  const positions = work.positions;
  let missing = 0;
  for (let k = 0; k < count; k++) {
    const i = idx[k] as number;
    if (filled[i] === 1) out[k] = bytes[i] as number;
    else {
      todo[missing] = i;
      positions[missing++] = k;
    }
  }
  if (missing > 0) {
    score(todo, missing, work.out);
    for (let m = 0; m < missing; m++) {
      const i = todo[m] as number;
      const value = work.out[m] as number;
      out[positions[m] as number] = value;
      bytes[i] = value;
      filled[i] = 1;
    }
  }
  if (hi >= 0) cache.runs = withRun(cache.runs, first, hi);
  if (wrapped >= 0) cache.runs = withRun(cache.runs, 0, wrapped);
}
