/**
 * The deterministic simulation engine: a virtual clock in integer ms, an event queue ordered by
 * (time, seq), level-based controllers reconciled until quiet after every event, one immer state
 * tree, and a journal of patches / inverse patches (with periodic checkpoints) for seek and rewind
 * (journal.ts).
 */
import { enablePatches, produce, setAutoFreeze } from 'immer';
import {
  type ClusterState,
  type Controller,
  heapPeek,
  heapPop,
  heapPush,
  type Intent,
  Memo,
  type QueueEntry,
  type ReconcileContext,
  type SimEvent,
  type WakeEvent,
} from '../model';
import { applyIntents } from './applyIntents';
import { Journal, withQueue } from './journal';
import { allObjectsAsChanges, changedObjects, markChanges, markPending, type Pending } from './objectChanges';
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

interface Wake {
  controller: string;
  key: string;
  at: number;
  periodic: boolean;
}

/** Raised when a command cannot apply; the state is unchanged. */
export class CommandError extends Error {}

export class Simulation {
  private current: ClusterState;
  private readonly controllers: readonly Controller[];
  private readonly byName: ReadonlyMap<string, Controller>;
  private readonly onTimeline: TimelineHandler | undefined;
  private readonly maxRounds: number;
  private readonly journal: Journal;
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
    this.maxRounds = options.maxRoundsPerStep ?? 10_000;
    this.journal = new Journal(this.current, options.journal ?? true, options.checkpointEvery ?? 500);
    this.clock = initial.time;
    // Step zero: every controller looks at every initial object, as informers list on start.
    const changes = allObjectsAsChanges(this.current);
    this.runStep(initial.time, (_state, pending) => {
      markChanges(this.controllers, pending, changes, this.current);
      return this.current;
    });
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
    return this.journal.trace;
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
    this.current = this.journal.forward(this.current, t);
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
    if (!this.journal.enabled)
      throw new CommandError('seek needs the journal, which this simulation runs without');
    this.current = this.journal.back(this.current, t);
    this.clock = t;
    this.runUntil(t);
  }

  /**
   * Applies a command (timeline action, kubectl verb, UI click) at the current time, atomically:
   * if `build` throws, nothing changes. Commands issued after seeking back discard the
   * recorded future (a new branch of the run).
   */
  execute(build: (state: ClusterState, ctx: ReconcileContext) => Intent[]): void {
    this.journal.discardFuture();
    const probe = this.makeContext(this.current, 'command', [], this.clock);
    const intents = build(this.current, probe.ctx); // may throw: nothing has changed yet
    this.runStep(this.clock, (state, pending, trace) =>
      this.applyAndMark(state, pending, intents, probe.rng.state, probe.wakes, trace),
    );
  }

  // ---- internals ---------------------------------------------------------------------------------

  /**
   * One step: `start` applies the triggering change and marks controller keys; then controllers
   * reconcile until no key is pending. All of it becomes one journal entry.
   */
  private runStep(
    at: number,
    start: (state: ClusterState, pending: Pending, trace: TraceRecord[]) => ClusterState,
  ): void {
    // Running new work from a rewound position: the recorded future no longer holds.
    this.journal.discardFuture();
    const trace: TraceRecord[] = [];
    const pending: Pending = new Map();
    this.journal.begin();
    let state = this.journal.produce(this.current, (d) => {
      d.time = at;
    });
    state = start(state, pending, trace);
    let rounds = 0;
    while (pending.size > 0) {
      if (++rounds > this.maxRounds) throw new Error(`controllers did not settle at t=${at}ms`);
      for (const controller of this.controllers)
        state = this.reconcileRound(controller, state, pending, trace);
    }
    this.current = state;
    this.lastTrace = trace;
    this.clock = Math.max(this.clock, at);
    this.stepsRun += 1;
    this.journal.end(at, trace, state);
  }

  /** Reconciles the controller's pending keys and applies what they return. */
  private reconcileRound(
    controller: Controller,
    before: ClusterState,
    pending: Pending,
    trace: TraceRecord[],
  ): ClusterState {
    let state = before;
    const keys = pending.get(controller.name);
    if (!keys || keys.size === 0) return state;
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
      return state;
    }
    // Independent keys: reconcile them all against the same state, apply the round in one
    // producer (one copy of each touched collection instead of one per key). The RNG runs on
    // through the round, so the draws are the same as key by key.
    const { ctx, rng, wakes } = this.makeContext(state, controller.name, []);
    const intents: Intent[] = [];
    for (const key of keys) intents.push(...controller.reconcile(state, key, ctx));
    if (intents.length === 0 && wakes.length === 0 && rng.state === state.rng) return state;
    return this.applyAndMark(state, pending, intents, rng.state, wakes, trace);
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
    pending: Pending,
    intents: readonly Intent[],
    rngState: number,
    wakes: readonly Wake[],
    trace: TraceRecord[],
  ): ClusterState {
    const after = this.journal.produce(state, (d) => {
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
    markChanges(this.controllers, pending, changedObjects(intents, state, after), after);
    return after;
  }

  private handleEvent(state: ClusterState, pending: Pending, trace: TraceRecord[]): ClusterState {
    // Read the entry from the frozen state: the draft's copy is revoked once the producer ends.
    const first = heapPeek(state.queue) as QueueEntry;
    const event = first.event as SimEvent;
    if (event.type === 'wake') {
      // Every wake due at this same time joins this step (in queue order): a thousand pods whose
      // images finish pulling together are one kubelet round, not a thousand steps.
      const woken: WakeEvent[] = [];
      const next = this.journal.produce(state, (d) =>
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
      for (const w of woken) if (this.byName.has(w.controller)) markPending(pending, w.controller, w.key);
      return next;
    }
    const next = this.journal.produce(state, (d) => withQueue(d, (q) => void heapPop(q)));
    if (!this.onTimeline) return next;
    const { ctx, rng, wakes } = this.makeContext(next, 'timeline', []);
    const intents = this.onTimeline(next, event.index, ctx);
    return this.applyAndMark(next, pending, intents, rng.state, wakes, trace);
  }
}
