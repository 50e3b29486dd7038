/**
 * Running a scenario: boot the cluster, apply its objects at t=0, play the timeline, and check the
 * expectations at their times (`at`) or as soon as they hold (`within`).
 */
import { applyObjects, type EventRecord, Simulation } from '../engine';
import { type Controller, heapPush } from '../model';
import {
  bootCluster,
  bootCompose,
  bootSwarm,
  composeControllers,
  composeTimeline,
  KUBERNETES_CONTROLLERS,
  SWARM_CONTROLLERS,
} from '../orchestrators';
import { type PriorityClass, schedulerController, schedulerControllers } from '../scheduler';
import { evaluateExpectation, type SeenEvent } from './expectations';
import type { Expectation, Scenario } from './scenario';
import { timelineHandler } from './timelineHandler';

export interface RunOptions {
  /** Overrides the scenario's seed. */
  seed?: number;
  /** Stop at this time (ms) instead of the scenario's end. */
  until?: number;
  /** Keep the journal for seeking (default true). */
  journal?: boolean;
  /** Record what-if scores of the nodes that failed a filter (`flotilla explain --all-nodes`). */
  scoreAllNodes?: boolean;
}

export interface ExpectationOutcome {
  expectation: Expectation;
  pass: boolean;
  /** When it was decided (ms); undefined if the run stopped before its window. */
  decidedAt?: number;
  detail: string;
}

export interface ScenarioRun {
  scenario: Scenario;
  sim: Simulation;
  seed: number;
  outcomes: ExpectationOutcome[];
  /** Where the run stopped (ms). */
  end: number;
}

/** How long a scenario runs when it gives no `duration`: its last time, then up to 5 min to settle. */
const SETTLE_LIMIT = 300_000;

function deadline(e: Expectation): number {
  return e.window.kind === 'at' ? e.window.at : e.window.within;
}

/** KUBERNETES_CONTROLLERS with one scheduler controller per profile of the scenario. */
function controllersFor(scenario: Scenario, options: RunOptions): Controller[] {
  const schedulers = schedulerControllers(scenario.schedulerProfiles, {
    scoreAllNodes: options.scoreAllNodes === true,
  });
  return KUBERNETES_CONTROLLERS.flatMap((c) => (c === schedulerController ? schedulers : [c]));
}

/** A simulation of the scenario at t=0 with its objects applied and timeline queued. */
export function startScenario(scenario: Scenario, options: RunOptions = {}): Simulation {
  const seed = options.seed ?? scenario.seed;
  const compose = scenario.compose;
  const stack = scenario.swarm;
  const state =
    compose !== undefined
      ? bootCompose(scenario.nodes, compose, seed, scenario.settings, scenario.network)
      : stack !== undefined
        ? bootSwarm(scenario.nodes, stack, seed, scenario.settings, scenario.network)
        : bootCluster(scenario.nodes, seed, scenario.settings, scenario.network);
  let seq = state.seq;
  scenario.timeline.forEach((e, i) =>
    heapPush(state.queue, { at: e.at, seq: seq++, event: { type: 'timeline', index: i } }),
  );
  state.seq = seq;
  // PriorityClasses are cluster configuration the scheduler reads (src/scheduler/priority.ts).
  const isClass = (o: { kind: string }) => o.kind === 'PriorityClass';
  const classes = scenario.objects.map((o) => o.object as unknown as PriorityClass).filter(isClass);
  if (classes.length > 0)
    state.priorityClasses = Object.fromEntries(classes.map((c) => [c.metadata.name, c]));
  const onTimeline = timelineHandler(scenario.timeline);
  const sim = new Simulation(state, {
    controllers:
      compose !== undefined
        ? composeControllers(compose)
        : stack !== undefined
          ? SWARM_CONTROLLERS
          : controllersFor(scenario, options),
    onTimeline: compose !== undefined ? composeTimeline(scenario.timeline, onTimeline) : onTimeline,
    journal: options.journal ?? true,
  });
  const objects = scenario.objects.map((o) => o.object).filter((o) => !isClass(o));
  if (objects.length > 0) sim.execute((s) => applyObjects(s, objects));
  return sim;
}

export function runScenario(scenario: Scenario, options: RunOptions = {}): ScenarioRun {
  const sim = startScenario(scenario, options);
  const seen: SeenEvent[] = [];
  const collect = () => {
    for (const r of sim.lastStepTrace) if (r.type === 'event') seen.push(r as EventRecord);
  };
  collect();
  const pending = new Set(scenario.expectations);
  const outcomes = new Map<Expectation, ExpectationOutcome>();
  const decide = (e: Expectation, pass: boolean, detail: string) => {
    outcomes.set(e, { expectation: e, pass, decidedAt: sim.now, detail });
    pending.delete(e);
  };
  const checkWithin = () => {
    for (const e of pending) {
      if (e.window.kind !== 'within') continue;
      const r = evaluateExpectation(e, sim.state, seen);
      if (r.pass) decide(e, true, r.detail);
    }
  };
  const horizon = Math.max(0, ...scenario.timeline.map((t) => t.at), ...scenario.expectations.map(deadline));
  const end = options.until ?? scenario.duration ?? horizon;
  const checkpoints = [...new Set(scenario.expectations.map(deadline))]
    .filter((t) => t <= end)
    .sort((a, b) => a - b);
  checkWithin();
  for (;;) {
    const next = sim.nextEventTime;
    const cp = checkpoints[0];
    if (cp !== undefined && (next === undefined || cp < next)) {
      sim.runUntil(cp);
      checkpoints.shift();
      for (const e of [...pending]) {
        if (deadline(e) !== cp) continue;
        const r = evaluateExpectation(e, sim.state, seen);
        decide(e, r.pass, r.pass ? r.detail : `${r.detail} (at ${cp / 1000}s)`);
      }
      continue;
    }
    if (next === undefined || next > end) break;
    sim.step();
    collect();
    checkWithin();
  }
  sim.runUntil(end);
  // With no explicit end, let the cluster settle (bounded), as a person would wait and look.
  if (options.until === undefined && scenario.duration === undefined) {
    sim.runUntilSettled(end + SETTLE_LIMIT);
  }
  const results: ExpectationOutcome[] = scenario.expectations.map(
    (e) =>
      outcomes.get(e) ?? {
        expectation: e,
        pass: false,
        detail: `not checked: the run stopped at ${sim.now / 1000}s, before its window`,
      },
  );
  return { scenario, sim, seed: options.seed ?? scenario.seed, outcomes: results, end: sim.now };
}
