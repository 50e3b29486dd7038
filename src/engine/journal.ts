/**
 * The record of a run, for seek and rewind: each step's patches, inverse patches and trace
 * records, and every `checkpointEvery` steps the state itself (structural sharing makes it cheap).
 * With the journal off (the benchmark) only the trace is kept.
 */
import { applyPatches, current, type Patch, produce, produceWithPatches } from 'immer';
import type { ClusterState, QueueEntry } from '../model';
import type { TraceRecord } from './trace';

interface JournalEntry {
  /** Time of the step. */
  at: number;
  patches: Patch[];
  inverse: Patch[];
  trace: TraceRecord[];
}

/**
 * Runs heap operations on a plain copy of the queue and stores it frozen, whole. Drafting the heap
 * instead would make immer proxy every entry a sift touches and walk the whole array to freeze it
 * (thousands of entries while a big cluster starts); a copy of a packed array is a memcpy. The
 * journal then holds the queue by reference (a replace patch), sharing its entries.
 */
export function withQueue(d: ClusterState, ops: (queue: QueueEntry[]) => void): void {
  // current() of an untouched draft is its frozen base; of one a runtime intent changed, a copy.
  // Spread, not slice(): V8's slice() of a frozen array takes a slow generic path (~100x).
  const q = [...current(d.queue)];
  ops(q);
  d.queue = Object.freeze(q) as QueueEntry[];
}

const withoutQueue = (patches: readonly Patch[]) => patches.filter((x) => x.path[0] !== 'queue');

/** Patches that turn heap `from` into heap `to`, index by index (a heap operation moves O(log n) entries). */
function queueDiff(from: readonly QueueEntry[], to: readonly QueueEntry[]): Patch[] {
  const out: Patch[] = [];
  const n = Math.min(from.length, to.length);
  for (let i = 0; i < n; i++)
    if (from[i] !== to[i]) out.push({ op: 'replace', path: ['queue', i], value: to[i] });
  for (let i = n; i < to.length; i++) out.push({ op: 'add', path: ['queue', i], value: to[i] });
  for (let i = from.length - 1; i >= n; i--) out.push({ op: 'remove', path: ['queue', i] });
  return out;
}

export class Journal {
  private readonly entries: JournalEntry[] = [];
  /** checkpoints.get(i) is the state after i steps. */
  private readonly checkpoints = new Map<number, ClusterState>();
  /** How many entries are applied to the simulation's current state. */
  private cursor = 0;
  /** Trace of steps that ran with the journal off. */
  private readonly unjournaledTrace: TraceRecord[] = [];
  /** The patches of the step being run. */
  private recording: { patches: Patch[]; inverses: Patch[][] } | undefined;

  constructor(
    initial: ClusterState,
    /** Whether patches are kept (seek needs them). */
    readonly enabled: boolean,
    private readonly checkpointEvery: number,
  ) {
    this.checkpoints.set(0, initial);
  }

  /** Every trace record up to the current position. */
  get trace(): TraceRecord[] {
    const out = [...this.unjournaledTrace];
    for (let i = 0; i < this.cursor; i++) out.push(...(this.entries[i] as JournalEntry).trace);
    return out;
  }

  /** Drops the recorded future past the current position: new work starts a new branch of the run. */
  discardFuture(): void {
    // Checkpoints are taken only at recorded positions, so with no entry past the cursor there is
    // no checkpoint past it either.
    if (this.cursor >= this.entries.length) return;
    this.entries.length = this.cursor;
    for (const k of [...this.checkpoints.keys()]) if (k > this.cursor) this.checkpoints.delete(k);
  }

  /** Starts a step: the producers that follow are recorded until `end`. */
  begin(): void {
    this.recording = { patches: [], inverses: [] };
  }

  /** An immer producer whose patches (and inverse patches) go into the step's entry. */
  produce(state: ClusterState, recipe: (draft: ClusterState) => void): ClusterState {
    if (!this.enabled || !this.recording) return produce(state, recipe);
    const [next, p, inv] = produceWithPatches(state, recipe);
    const replaced = p.some((x) => x.path.length === 1 && x.path[0] === 'queue');
    // withQueue assigns the heap whole; journal only the entries that moved, or every step would
    // keep a copy of the queue (thousands of entries while a big cluster starts).
    this.recording.patches.push(
      ...(replaced ? [...withoutQueue(p), ...queueDiff(state.queue, next.queue)] : p),
    );
    this.recording.inverses.push(
      replaced ? [...withoutQueue(inv), ...queueDiff(next.queue, state.queue)] : inv,
    );
    return next;
  }

  /** Ends the step run at `at`: one entry, and a checkpoint of `state` when one is due. */
  end(at: number, trace: TraceRecord[], state: ClusterState): void {
    const recording = this.recording ?? { patches: [], inverses: [] };
    this.recording = undefined;
    if (!this.enabled) {
      this.unjournaledTrace.push(...trace);
      return;
    }
    this.entries.push({
      at,
      patches: recording.patches,
      inverse: recording.inverses.reverse().flat(),
      trace,
    });
    this.cursor = this.entries.length;
    if (this.cursor % this.checkpointEvery === 0) this.checkpoints.set(this.cursor, state);
  }

  /** Goes back from `state` to the last step at or before `t`: inverse patches, or a checkpoint. */
  back(state: ClusterState, t: number): ClusterState {
    let s = state;
    while (this.cursor > 1 && (this.entries[this.cursor - 1] as JournalEntry).at > t) {
      const checkpoint = this.nearestCheckpointBefore(t);
      if (checkpoint !== undefined && this.cursor - checkpoint > 64) {
        s = this.checkpoints.get(checkpoint) as ClusterState;
        this.cursor = checkpoint;
        continue;
      }
      const entry = this.entries[this.cursor - 1] as JournalEntry;
      s = applyPatches(s, entry.inverse);
      this.cursor -= 1;
    }
    return s;
  }

  /** Goes forward from `state` over the recorded steps up to `t`. */
  forward(state: ClusterState, t: number): ClusterState {
    let s = state;
    while (this.cursor < this.entries.length && (this.entries[this.cursor] as JournalEntry).at <= t) {
      s = applyPatches(s, (this.entries[this.cursor] as JournalEntry).patches);
      this.cursor += 1;
    }
    return s;
  }

  private nearestCheckpointBefore(t: number): number | undefined {
    let best: number | undefined;
    for (const [i] of this.checkpoints) {
      if (
        i <= this.cursor &&
        (i === 0 || (this.entries[i - 1] as JournalEntry).at <= t) &&
        (best === undefined || i > best)
      )
        best = i;
    }
    return best;
  }
}
