/**
 * Property tests over random clusters (2–6 nodes, random capacities, some zoned or tainted), random
 * Deployments (0–8 replicas, random requests, some nodeSelectors and tolerations) and random fault
 * timelines (crashes, pod deletions, node failures and recoveries, cordon/uncordon/drain, scaling),
 * with fast-check. The seed of each property is in its name: a failure replays with that seed and the
 * path fast-check prints.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CommandError, type Simulation } from '../../src/engine/simulation';
import type { EventRecord } from '../../src/engine/trace';
import type { ClusterState } from '../../src/model/state';
import { assertTraceOrdered, InvariantChecker } from './invariants';
import {
  capacitySurelyAllows,
  type ClusterCase,
  clusterCaseArb,
  commandOf,
  healAll,
  isLive,
  isReady,
  playFaults,
  startCase,
  stepUntil,
  type WorkloadCase,
} from './randomCluster';
import { podsIn } from '../scenarios/pods';

/** JSON with sorted keys: seeking back can change the key order of records (reported), not their content. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
        )
      : v,
  );
}

/** Random cases of the invariant property (about 0.1–0.3 s each on a 2-core machine). */
const RUNS = 50;

/** After the faults stop, every Deployment must be back within this (default settings). */
const CONVERGENCE_BOUND = 15 * 60_000;

/** Live pods of each Deployment that are Running and Ready, against spec.replicas. */
function convergence(state: ClusterState, c: ClusterCase) {
  return c.workloads.map((w) => {
    const want = state.deployments[`default/${w.name}`]?.spec.replicas ?? -1;
    const live = podsIn(state).filter((p) => p.metadata.labels?.app === w.name && isLive(p));
    const ready = live.filter((p) => p.status.phase === 'Running' && isReady(p)).length;
    return { name: w.name, want, ready, live: live.length };
  });
}

const converged = (state: ClusterState, c: ClusterCase) =>
  convergence(state, c).every((x) => x.ready === x.want && x.live === x.want);

/** The final replicas of a workload: its last applied scale, else its initial count. */
function finalReplicas(sim: Simulation): (w: WorkloadCase) => number {
  return (w) => sim.state.deployments[`default/${w.name}`]?.spec.replicas ?? w.replicas;
}

describe('random clusters under random faults', () => {
  it('keep their invariants at every step and converge once the faults stop (seed 1234)', () => {
    let convergenceChecked = 0;
    let commandsRefused = 0;
    let runs = 0;
    const reasons = new Set<string>();
    fc.assert(
      fc.property(clusterCaseArb, (c) => {
        runs += 1;
        const sim = startCase(c);
        const inv = new InvariantChecker();
        const check = () => inv.check(sim.state);
        check();
        // A refused command changes nothing at all.
        for (const f of c.faults) {
          stepUntil(sim, f.at, check);
          const before = sim.state;
          try {
            sim.execute((s, ctx) => commandOf(c, f)(s, ctx.now));
          } catch (e) {
            if (!(e instanceof CommandError)) throw e;
            commandsRefused += 1;
            expect(sim.state).toBe(before);
          }
          check();
        }
        healAll(sim, c, check);
        const healedAt = sim.now;
        const deadline = healedAt + CONVERGENCE_BOUND;
        const mustConverge = capacitySurelyAllows(c, finalReplicas(sim));
        if (mustConverge) {
          convergenceChecked += 1;
          while (!converged(sim.state, c)) {
            const next = sim.nextEventTime;
            if (next === undefined || next > deadline) break;
            sim.step();
            check();
          }
          expect(
            convergence(sim.state, c),
            `not converged ${CONVERGENCE_BOUND / 60_000} min after the faults stopped at ${healedAt}`,
          ).toEqual(convergence(sim.state, c).map((x) => ({ ...x, ready: x.want, live: x.want })));
        } else {
          stepUntil(sim, deadline, check);
        }
        assertTraceOrdered(sim.trace);
        for (const r of sim.trace) if (r.type === 'event') reasons.add((r as EventRecord).reason);
        expect(sim.trace.every((r) => r.t <= sim.now)).toBe(true);
        expect(inv.checks).toBeGreaterThan(c.faults.length);
      }),
      { seed: 1234, numRuns: RUNS },
    );
    expect(runs).toBe(RUNS);
    // The strong checks actually ran: many cases fit, some commands were refused, and the faults
    // reached the interesting paths (restarts, evictions, unschedulable pods).
    expect(convergenceChecked).toBeGreaterThanOrEqual(runs / 4);
    expect(commandsRefused).toBeGreaterThan(0);
    for (const reason of [
      'BackOff',
      'TaintManagerEviction',
      'NodeNotReady',
      'NodeNotSchedulable',
      'FailedScheduling',
      'Killing',
    ]) {
      expect(reasons, reason).toContain(reason);
    }
  }, 60_000);

  it('replay exactly: the same case twice gives equal traces and states (seed 4321)', () => {
    const play = (c: ClusterCase) => {
      const sim = startCase(c);
      const noop = () => {};
      const { end } = playFaults(sim, c, noop);
      healAll(sim, c, noop);
      sim.runUntil(end + 5 * 60_000);
      return { trace: JSON.stringify(sim.trace), state: JSON.stringify(sim.state) };
    };
    fc.assert(
      fc.property(clusterCaseArb, (c) => {
        const a = play(c);
        const b = play(c);
        expect(b.trace).toBe(a.trace);
        expect(b.state).toBe(a.state);
      }),
      { seed: 4321, numRuns: 15 },
    );
  }, 60_000);

  it('seek: any time of a random run shows what a fresh run stopped there shows (seed 777)', () => {
    fc.assert(
      fc.property(
        clusterCaseArb,
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 2, maxLength: 4 }),
        (c, fractions) => {
          const noop = () => {};
          const sim = startCase(c, true);
          const { end } = playFaults(sim, c, noop);
          sim.runUntil(end + 60_000);
          const last = sim.now;
          const endState = JSON.stringify(sim.state);
          for (const t of fractions.map((x) => Math.floor(x * last))) {
            sim.seek(t);
            const fresh = startCase(c);
            playFaults(fresh, c, noop, t);
            fresh.runUntil(t);
            expect(canonical(sim.state), `state at ${t}`).toBe(canonical(fresh.state));
            expect(JSON.stringify(sim.trace), `trace at ${t}`).toBe(JSON.stringify(fresh.trace));
          }
          sim.seek(last);
          expect(JSON.stringify(sim.state)).toBe(endState);
        },
      ),
      { seed: 777, numRuns: 15 },
    );
  }, 60_000);
});
