/**
 * The explain record of a scheduling cycle (SchedulingResult.nodes), kept compact until read: the
 * walk (start and length: nodes are visited in rotation), the failures and the scores of the
 * feasible nodes. The first read of `nodes` builds the per-node objects the explain contract
 * describes, identical to building them during the cycle; a cycle whose record nobody reads (the
 * scheduler benchmark) never pays for 500 objects per pod.
 */
import type { FailureStatus, FilterVerdict, NodeResult, Profile, SchedulingResult } from './framework';

/** The PreFilter outcome: plugins whose Filter is skipped, or the status that rejects every node. */
export interface PreFilterOutcome {
  skipped: ReadonlySet<string>;
  rejected?: { plugin: string; status: FailureStatus };
}

/** FilterFailure.index when a PreFilter rejected the pod (so every node). */
export const PRE_REJECTED = -1;

/** Where a node failed: the filter's index in the profile (PRE_REJECTED: a PreFilter rejected the pod). */
export interface FilterFailure {
  index: number;
  status: FailureStatus;
}

/**
 * The nodes a cycle's filters rejected, by node index: appended to as the filters run, in three
 * parallel arrays (a Map of one object per failure cost a cycle that rejects 500 nodes 30 KB).
 * Lookups build an index on first use.
 */
export class FailureLog {
  private nodes = EMPTY_INDICES;
  private filters = EMPTY_INDICES;
  private statuses: FailureStatus[] = [];
  private byNode: Map<number, number> | undefined;
  size = 0;

  /** Room for `more` failures without growing again (a filter pass knows how many it may reject). */
  reserve(more: number): void {
    const wanted = this.size + more;
    if (wanted <= this.nodes.length) return;
    const grown = Math.max(16, wanted, this.nodes.length * 2);
    this.nodes = grow(this.nodes, grown);
    this.filters = grow(this.filters, grown);
  }

  /** Records that filter `index` rejected node `i` with `status`. */
  add(i: number, index: number, status: FailureStatus): void {
    const at = this.size;
    if (at === this.nodes.length) this.reserve(1);
    this.size++;
    this.nodes[at] = i;
    this.filters[at] = index;
    this.statuses.push(status);
    this.byNode?.set(i, at);
  }

  has(i: number): boolean {
    return this.index().has(i);
  }

  /** Node `i`'s failure, or undefined when no filter rejected it. */
  get(i: number): FilterFailure | undefined {
    const at = this.index().get(i);
    if (at === undefined) return undefined;
    return { index: this.filters[at] as number, status: this.statuses[at] as FailureStatus };
  }

  private index(): Map<number, number> {
    if (this.byNode === undefined) {
      this.byNode = new Map();
      for (let at = 0; at < this.size; at++) this.byNode.set(this.nodes[at] as number, at);
    }
    return this.byNode;
  }
}

const EMPTY_INDICES: Int32Array<ArrayBuffer> = new Int32Array(0);

function grow(from: Int32Array, length: number): Int32Array<ArrayBuffer> {
  const to = new Int32Array(length);
  to.set(from);
  return to;
}

/** One score plugin's normalized scores, aligned with the feasible nodes in visiting order. */
export interface ScoredPlugin {
  name: string;
  weight: number;
  scores: ArrayLike<number>;
}

/**
 * Where records keep their scores: normalized scores are integers 0..100, so they go as bytes into
 * shared slabs, a view per plugin per cycle, rather than a fresh array each (a cycle at 5,000 nodes
 * scores 500 nodes with 7 plugins). A slab lives as long as a record that uses it; a score that does
 * not fit a byte (a custom plugin's) makes the record keep a plain array.
 */
const SLAB_BYTES = 1 << 20;

/** Where one simulation's records keep their scores (see above), and the filled lists sameScores shares. */
export class ScoreSlabs {
  slab = new Uint8Array(SLAB_BYTES);
  used = 0;
  /** Filled byte arrays by score, shared by every record that gives all its nodes that score. */
  readonly filled = new Map<number, Uint8Array>();
  /** sameScores' last view per score (0..255). */
  readonly lastViews: (Uint8Array | undefined)[] = new Array<Uint8Array | undefined>(256).fill(undefined);
}

/** `count` bytes of slab for a record's scores (a plugin's scoreBytes writes them in place). */
export function reserveBytes(slabs: ScoreSlabs, count: number): Uint8Array {
  if (count > SLAB_BYTES) return new Uint8Array(count);
  if (slabs.used + count > SLAB_BYTES) {
    slabs.slab = new Uint8Array(SLAB_BYTES);
    slabs.used = 0;
  }
  const base = slabs.used;
  slabs.used += count;
  return slabs.slab.subarray(base, base + count);
}

/** A copy of the first `count` scores, for a record: bytes when they fit, else a plain array. */
export function keepScores(slabs: ScoreSlabs, scores: Float64Array, count: number): ArrayLike<number> {
  const bytes = reserveBytes(slabs, count);
  // Copied byte by byte and checked on the way (a plain loop beats a converting set()).
  for (let k = 0; k < count; k++) {
    const score = scores[k] as number;
    // One conversion serves the check and the store.
    const byte = score & 0xff;
    bytes[k] = byte;
    if (byte !== score) return Array.from(scores.subarray(0, count));
  }
  return bytes;
}

/**
 * `count` copies of `score` for a record, or undefined when the score does not fit a byte. The
 * views share one read-only array per score.
 */
export function sameScores(slabs: ScoreSlabs, score: number, count: number): ArrayLike<number> | undefined {
  if (score !== (score & 0xff)) return undefined;
  const { filled, lastViews } = slabs;
  // The last view handed out per score is handed out again for the same count (views are read-only).
  const last = lastViews[score];
  if (last !== undefined && last.length === count) return last;
  let bytes = filled.get(score);
  if (bytes === undefined || bytes.length < count) {
    bytes = new Uint8Array(Math.max(count, bytes === undefined ? 0 : bytes.length * 2)).fill(score);
    filled.set(score, bytes);
  }
  const view = bytes.subarray(0, count);
  lastViews[score] = view;
  return view;
}

export interface CycleRecord {
  profile: Profile;
  pre: PreFilterOutcome;
  /** Node names by index (the cycle's node list). */
  names: readonly string[];
  /** The walk: `processed` nodes from index `start`, wrapping around. */
  start: number;
  processed: number;
  /** The nodes a filter rejected, by node index (every node when a PreFilter rejected the pod). */
  failures: FailureLog;
  /** Empty when scoring did not run (fewer than two feasible nodes). */
  scored: ScoredPlugin[];
}

/**
 * The verdicts of a node that passed every filter: the same for every such node of a cycle, so a
 * record builds the list once and its entries share it (read-only).
 */
export function passVerdicts(profile: Profile, pre: PreFilterOutcome): FilterVerdict[] {
  return profile.filters.map((plugin) => ({
    plugin: plugin.name,
    code: pre.skipped.has(plugin.name) ? 'Skip' : 'Success',
  }));
}

/** The verdicts of a node that failed: those that ran, up to and including the failing one. */
export function failVerdicts(
  profile: Profile,
  pre: PreFilterOutcome,
  failedAt: FilterFailure,
): FilterVerdict[] {
  const { index, status } = failedAt;
  if (index < 0) return [{ plugin: pre.rejected?.plugin ?? '', code: status.code, reason: status.reason }];
  const verdicts: FilterVerdict[] = [];
  for (let i = 0; i < index; i++) {
    const name = (profile.filters[i] as Profile['filters'][number]).name;
    verdicts.push({ plugin: name, code: pre.skipped.has(name) ? 'Skip' : 'Success' });
  }
  const name = (profile.filters[index] as Profile['filters'][number]).name;
  verdicts.push({ plugin: name, code: status.code, reason: status.reason });
  return verdicts;
}

/** Node `i`'s failure (the PreFilter's rejection, or its own), or undefined when it passed. */
export function failureOf(record: CycleRecord, i: number): FilterFailure | undefined {
  const rejected = record.pre.rejected;
  if (rejected !== undefined) return { index: PRE_REJECTED, status: rejected.status };
  return record.failures.get(i);
}

/** The per-node results, in visiting order (the explain contract's `nodes`). */
function nodeResults(record: CycleRecord): NodeResult[] {
  const { profile, pre, names, start, processed, scored } = record;
  const n = names.length;
  const passed = passVerdicts(profile, pre);
  const out: NodeResult[] = [];
  let f = 0;
  for (let k = 0; k < processed; k++) {
    const i = (start + k) % n;
    const name = names[i] as string;
    const failure = failureOf(record, i);
    if (failure !== undefined) {
      out.push({ name, feasible: false, filters: failVerdicts(profile, pre, failure), scores: {}, total: 0 });
      continue;
    }
    const scores: Record<string, number> = {};
    let total = 0;
    for (const plugin of scored) {
      const score = plugin.scores[f] as number;
      scores[plugin.name] = score;
      total += score * plugin.weight;
    }
    f++;
    out.push({ name, feasible: true, filters: passed, scores, total });
  }
  return out;
}

/**
 * A cycle's result whose `nodes` are built from its record on first read and then held as plain
 * data (the key keeps its place, so JSON output and spreads are unchanged); assigning `nodes`
 * replaces them. The record sits in a private field, out of sight of JSON, spreads and equality.
 * Every instance shares one getter and setter: a getter closing over its record made each result's
 * accessor unique, and the records then outlived their cycles until a full collection (at 5,000
 * nodes, about 5 KB per cycle promoted out of the young generation). Read `nodes` on the result
 * itself (or spread or serialize it): through a Proxy or a prototype child the private field is
 * out of reach. Immer does not draft class instances, so put a spread copy, not the result, in state.
 */
class LazyResult implements SchedulingResult {
  #record: CycleRecord | undefined;
  pod: string;
  time: number;
  selected: string | null;
  declare nodes: NodeResult[];
  declare message?: string;
  declare nominatedNode?: string;

  constructor(pod: string, time: number, record: CycleRecord) {
    this.#record = record;
    this.pod = pod;
    this.time = time;
    this.selected = null;
    Object.defineProperty(this, 'nodes', LazyResult.NODES);
  }

  static readonly NODES: PropertyDescriptor = {
    enumerable: true,
    configurable: true,
    get(this: LazyResult): NodeResult[] {
      const value = nodeResults(this.#record as CycleRecord);
      this.#settle(value);
      return value;
    },
    set(this: LazyResult, value: NodeResult[]): void {
      this.#settle(value);
    },
  };

  #settle(value: NodeResult[]): void {
    Object.defineProperty(this, 'nodes', { value, writable: true, enumerable: true, configurable: true });
    this.#record = undefined;
  }
}

/** The result of the cycle `record` describes, `selected` null until set; `nodes` built when read. */
export function lazyResult(pod: string, time: number, record: CycleRecord): SchedulingResult {
  return new LazyResult(pod, time, record);
}
