/**
 * The deterministic simulation engine: a virtual clock in integer ms, an event queue ordered by
 * (time, seq), level-based controllers reconciled until quiet after every event, one immer state
 * tree, and a journal of patches / inverse patches (with periodic checkpoints) for seek and rewind.
 */
import {
  applyPatches,
  current,
  enablePatches,
  type Patch,
  produce,
  produceWithPatches,
  setAutoFreeze,
} from 'immer';
import type { Controller, Intent, ObjectChange, ReconcileContext } from '../model/intents';
import { Memo } from '../model/memo';
import type { Kind } from '../model/kubeObject';
import type { QueueEntry, SimEvent, WakeEvent } from '../model/queue';
import { byKey } from '../model/sharded';
import { type ClusterState, COLLECTION_OF_KIND, getObject, objectEntries } from '../model/state';
import { applyIntents } from './applyIntents';
import { heapPeek, heapPop, heapPush } from '../model/eventQueue';
import { Rng } from './rng';
import type { TraceRecord } from './trace';

enablePatches();
setAutoFreeze(true);

/** Turns a timeline entry into intents (supplied by the scenario layer). Throws to refuse. */
export type TimelineHandler = (state: ClusterState, index: number, ctx: ReconcileContext) => Intent[];

export interface SimulationOptions {
  controllers: readonly Controller[];
  onTimeline?: TimelineHandler;
  /** Keep patches for seek/rewind (default true). The benchmark can turn it off. */
  journal?: boolean;
  /** Keep a full-state checkpoint every this many steps (default 500). */
  checkpointEvery?: number;
  /** Safety net against controllers that never settle within one step. */
  maxRoundsPerStep?: number;
}

interface JournalEntry {
  /** Time of the step. */
  at: number;
  patches: Patch[];
  inverse: Patch[];
  trace: TraceRecord[];
}

interface Wake {
  controller: string;
  key: string;
  at: number;
  periodic: boolean;
}

/**
 * Runs heap operations on a plain copy of the queue and stores it frozen, whole. Drafting the heap
 * instead would make immer proxy every entry a sift touches and walk the whole array to freeze it
 * (thousands of entries while a big cluster starts); a copy of a packed array is a memcpy. The
 * journal then holds the queue by reference (a replace patch), sharing its entries.
 */
function withQueue(d: ClusterState, ops: (queue: QueueEntry[]) => void): void {
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

/** Raised when a command cannot apply; the state is unchanged. */
export class CommandError extends Error {}

export class Simulation {
  private current: ClusterState;
  private readonly controllers: readonly Controller[];
  private readonly byName: ReadonlyMap<string, Controller>;
  private readonly onTimeline: TimelineHandler | undefined;
  private readonly journaling: boolean;
  private readonly checkpointEvery: number;
  private readonly maxRounds: number;
  private readonly journal: JournalEntry[] = [];
  /** checkpoints.get(i) is the state after i steps. */
  private readonly checkpoints = new Map<number, ClusterState>();
  /** How many journal entries are applied to `current`. */
  private cursor = 0;
  /** Trace of steps that ran with the journal off. */
  private readonly unjournaledTrace: TraceRecord[] = [];
  /** The viewing time: at least the time of the last step applied. */
  private clock = 0;
  private lastTrace: readonly TraceRecord[] = [];
  /** Statistics for the benchmark. */
  stepsRun = 0;
  /** This run's derived values and buffers, which controllers reach through their context. */
  readonly memo = new Memo();

  constructor(initial: ClusterState, options: SimulationOptions) {
    this.current = produce(initial, () => {});
    this.controllers = options.controllers;
    this.byName = new Map(options.controllers.map((c) => [c.name, c]));
    this.onTimeline = options.onTimeline;
    this.journaling = options.journal ?? true;
    this.checkpointEvery = options.checkpointEvery ?? 500;
    this.maxRounds = options.maxRoundsPerStep ?? 10_000;
    this.checkpoints.set(0, this.current);
    this.clock = initial.time;
    // Step zero: every controller looks at every initial object, as informers list on start.
    const changes = this.allObjectsAsChanges(this.current);
    this.runStep(initial.time, (_state, pending) => this.markChanges(pending, changes, this.current));
  }

  /** The state at the current time (frozen). */
  get state(): ClusterState {
    return this.current;
  }

  /** The simulated time being viewed, in ms. */
  get now(): number {
    return this.clock;
  }

  /** The time of the next queued event, if any. */
  get nextEventTime(): number | undefined {
    return heapPeek(this.current.queue)?.at;
  }

  /** The trace records of the most recent step (empty before the first). */
  get lastStepTrace(): readonly TraceRecord[] {
    return this.lastTrace;
  }

  /** Every trace record up to the current position. */
  get trace(): TraceRecord[] {
    const out = [...this.unjournaledTrace];
    for (let i = 0; i < this.cursor; i++) out.push(...(this.journal[i] as JournalEntry).trace);
    return out;
  }

  /** Runs the next queued event and everything it causes. Returns false when nothing is queued. */
  step(): boolean {
    const next = heapPeek(this.current.queue);
    if (next === undefined) return false;
    this.runStep(next.at, (state, pending, trace) => this.handleEvent(state, pending, trace));
    return true;
  }

  /** Runs every event up to and including time `t`, then views time `t`. */
  runUntil(t: number): void {
    if (t < this.clock) {
      this.seek(t);
      return;
    }
    this.redoJournal(t);
    for (;;) {
      const next = heapPeek(this.current.queue);
      if (next === undefined || next.at > t) break;
      this.step();
    }
    this.clock = Math.max(this.clock, t);
  }

  /**
   * Runs until only periodic work is queued (the cluster has settled) or `limit` is reached.
   * Returns the time it stopped at.
   */
  runUntilSettled(limit: number): number {
    for (;;) {
      const next = heapPeek(this.current.queue);
      if (next === undefined || next.at > limit) break;
      if (this.current.queue.every((e) => e.event.type === 'wake' && e.event.periodic === true)) break;
      this.step();
    }
    return this.clock;
  }

  /**
   * Moves the view to time `t`: backward with inverse patches (or from a checkpoint), forward with
   * recorded patches, then by running the engine past what was recorded.
   */
  seek(t: number): void {
    if (!this.journaling)
      throw new CommandError('seek needs the journal, which this simulation runs without');
    while (this.cursor > 1 && (this.journal[this.cursor - 1] as JournalEntry).at > t) {
      const back = this.nearestCheckpointBefore(t);
      if (back !== undefined && this.cursor - back > 64) {
        this.current = this.checkpoints.get(back) as ClusterState;
        this.cursor = back;
        continue;
      }
      const entry = this.journal[this.cursor - 1] as JournalEntry;
      this.current = applyPatches(this.current, entry.inverse);
      this.cursor -= 1;
    }
    this.clock = t;
    this.runUntil(t);
  }

  /**
   * Applies a command (timeline action, kubectl verb, UI click) at the current time, atomically:
   * if `build` throws, nothing changes. Commands issued after seeking back discard the
   * recorded future (a new branch of the run).
   */
  execute(build: (state: ClusterState, ctx: ReconcileContext) => Intent[]): void {
    this.journal.length = this.cursor;
    for (const k of [...this.checkpoints.keys()]) if (k > this.cursor) this.checkpoints.delete(k);
    const probe = this.makeContext(this.current, 'command', [], this.clock);
    const intents = build(this.current, probe.ctx); // may throw: nothing has changed yet
    this.runStep(this.clock, (state, pending, trace) =>
      this.applyAndMark(state, pending, intents, probe.rng.state, probe.wakes, trace),
    );
  }

  // ---- internals ---------------------------------------------------------------------------------

  private redoJournal(t: number): void {
    while (this.cursor < this.journal.length && (this.journal[this.cursor] as JournalEntry).at <= t) {
      this.current = applyPatches(this.current, (this.journal[this.cursor] as JournalEntry).patches);
      this.cursor += 1;
    }
  }

  private nearestCheckpointBefore(t: number): number | undefined {
    let best: number | undefined;
    for (const [i] of this.checkpoints) {
      if (
        i <= this.cursor &&
        (i === 0 || (this.journal[i - 1] as JournalEntry).at <= t) &&
        (best === undefined || i > best)
      )
        best = i;
    }
    return best;
  }

  /**
   * One step: `start` applies the triggering change and marks controller keys; then controllers
   * reconcile until no key is pending. All of it becomes one journal entry.
   */
  private runStep(
    at: number,
    start: (state: ClusterState, pending: Map<string, Set<string>>, trace: TraceRecord[]) => ClusterState,
  ): void {
    if (this.cursor < this.journal.length) {
      // Running new work from a rewound position: the recorded future no longer holds.
      this.journal.length = this.cursor;
      for (const k of [...this.checkpoints.keys()]) if (k > this.cursor) this.checkpoints.delete(k);
    }
    const patches: Patch[] = [];
    const inverses: Patch[][] = [];
    const trace: TraceRecord[] = [];
    const pending = new Map<string, Set<string>>();
    this.recording = { patches, inverses };
    let state = this.produce(this.current, (d) => {
      d.time = at;
    });
    state = start(state, pending, trace);
    let rounds = 0;
    while (pending.size > 0) {
      if (++rounds > this.maxRounds) throw new Error(`controllers did not settle at t=${at}ms`);
      for (const controller of this.controllers) {
        const keys = pending.get(controller.name);
        if (!keys || keys.size === 0) continue;
        pending.delete(controller.name);
        if (controller.sequential === true) {
          // Each key sees the previous keys' intents (the scheduler must not over-commit a node).
          const ordered = controller.order?.(state, [...keys]) ?? keys;
          for (const key of ordered) {
            const { ctx, rng, wakes } = this.makeContext(state, controller.name, []);
            const intents = controller.reconcile(state, key, ctx);
            if (intents.length === 0 && wakes.length === 0 && rng.state === state.rng) continue;
            state = this.applyAndMark(state, pending, intents, rng.state, wakes, trace);
          }
          continue;
        }
        // Independent keys: reconcile them all against the same state, apply the round in one
        // producer (one copy of each touched collection instead of one per key). The RNG runs on
        // through the round, so the draws are the same as key by key.
        const { ctx, rng, wakes } = this.makeContext(state, controller.name, []);
        const intents: Intent[] = [];
        for (const key of keys) intents.push(...controller.reconcile(state, key, ctx));
        if (intents.length === 0 && wakes.length === 0 && rng.state === state.rng) continue;
        state = this.applyAndMark(state, pending, intents, rng.state, wakes, trace);
      }
    }
    this.recording = undefined;
    this.current = state;
    this.lastTrace = trace;
    this.clock = Math.max(this.clock, at);
    this.stepsRun += 1;
    if (this.journaling) {
      this.journal.push({ at, patches, inverse: inverses.reverse().flat(), trace });
      this.cursor = this.journal.length;
      if (this.cursor % this.checkpointEvery === 0) this.checkpoints.set(this.cursor, state);
    } else {
      this.unjournaledTrace.push(...trace);
    }
  }

  private recording: { patches: Patch[]; inverses: Patch[][] } | undefined;

  private produce(state: ClusterState, recipe: (draft: ClusterState) => void): ClusterState {
    if (!this.journaling || !this.recording) return produce(state, recipe);
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

  private makeContext(state: ClusterState, controller: string, wakes: Wake[], now = state.time) {
    const rng = new Rng(state.rng);
    const ctx: ReconcileContext = {
      now,
      memo: this.memo,
      random: () => rng.next(),
      requeueAfter: (key, delayMs, periodic) => {
        wakes.push({
          controller,
          key,
          at: now + Math.max(0, Math.round(delayMs)),
          periodic: periodic === true,
        });
      },
    };
    return { ctx, rng, wakes };
  }

  private applyAndMark(
    state: ClusterState,
    pending: Map<string, Set<string>>,
    intents: readonly Intent[],
    rngState: number,
    wakes: readonly Wake[],
    trace: TraceRecord[],
  ): ClusterState {
    const before = state;
    const after = this.produce(state, (d) => {
      d.rng = rngState;
      applyIntents(d, intents, trace);
      if (wakes.length > 0)
        withQueue(d, (q) => {
          for (const w of wakes) {
            const event: SimEvent = { type: 'wake', controller: w.controller, key: w.key };
            if (w.periodic) event.periodic = true;
            // Frozen here: immer does not walk into the frozen array it is given (see withQueue).
            heapPush(q, Object.freeze({ at: w.at, seq: d.seq++, event: Object.freeze(event) }));
          }
        });
    });
    const changes: ObjectChange[] = [];
    const seen = new Set<string>();
    for (const intent of intents) {
      let kind: Kind;
      let key: string;
      if (intent.op === 'create') {
        kind = intent.object.kind;
        key = intent.object.metadata.namespace
          ? `${intent.object.metadata.namespace}/${intent.object.metadata.name}`
          : intent.object.metadata.name;
      } else if (intent.op === 'update' || intent.op === 'delete') {
        kind = intent.kind;
        key = intent.key;
      } else continue;
      const id = `${kind}/${key}`;
      if (seen.has(id)) continue;
      seen.add(id);
      const b = getObject(before, kind, key);
      const a = getObject(after, kind, key);
      if (a !== b) changes.push({ kind, key, before: b, after: a });
    }
    this.markChanges(pending, changes, after);
    return after;
  }

  private markChanges(
    pending: Map<string, Set<string>>,
    changes: readonly ObjectChange[],
    state: ClusterState,
  ): ClusterState {
    for (const change of changes) {
      for (const c of this.controllers) {
        for (const key of c.keysFor(change, state)) {
          let set = pending.get(c.name);
          if (!set) pending.set(c.name, (set = new Set()));
          set.add(key);
        }
      }
    }
    return state;
  }

  private handleEvent(
    state: ClusterState,
    pending: Map<string, Set<string>>,
    trace: TraceRecord[],
  ): ClusterState {
    // Read the entry from the frozen state: the draft's copy is revoked once the producer ends.
    const first = heapPeek(state.queue) as QueueEntry;
    const event = first.event as SimEvent;
    if (event.type === 'wake') {
      // Every wake due at this same time joins this step (in queue order): a thousand pods whose
      // images finish pulling together are one kubelet round, not a thousand steps.
      const woken: WakeEvent[] = [];
      const next = this.produce(state, (d) =>
        withQueue(d, (q) => {
          for (
            let top = heapPeek(q);
            top !== undefined && top.at === first.at && top.event.type === 'wake';
            top = heapPeek(q)
          ) {
            woken.push(top.event);
            heapPop(q);
          }
        }),
      );
      for (const w of woken) {
        if (!this.byName.has(w.controller)) continue;
        let set = pending.get(w.controller);
        if (!set) pending.set(w.controller, (set = new Set()));
        set.add(w.key);
      }
      return next;
    }
    const next = this.produce(state, (d) => withQueue(d, (q) => void heapPop(q)));
    if (!this.onTimeline) return next;
    const { ctx, rng, wakes } = this.makeContext(next, 'timeline', []);
    const intents = this.onTimeline(next, event.index, ctx);
    return this.applyAndMark(next, pending, intents, rng.state, wakes, trace);
  }

  private allObjectsAsChanges(state: ClusterState): ObjectChange[] {
    const out: ObjectChange[] = [];
    // Every stored kind but Events (no controller watches them), listed by key as an informer's
    // initial list (etcd key order) would.
    const kinds = (Object.keys(COLLECTION_OF_KIND) as Kind[]).filter(
      (k): k is Exclude<Kind, 'Event'> => k !== 'Event',
    );
    for (const kind of kinds) {
      const entries = objectEntries(state, kind).sort(byKey);
      for (const [key, obj] of entries) out.push({ kind, key, before: undefined, after: obj });
    }
    return out;
  }
}
