/**
 * Re-entrancy: the core keeps no module state (issue 20), so several simulations can run at once
 * in one thread, as the lab's compare view, sweeps, grading and a Web Worker do. Two runs stepped
 * alternately, one step each, give exactly the traces and states they give alone; so does a run
 * interleaved with a copy of itself (the same objects, the same frozen inputs, two memories).
 */
import { describe, expect, it } from 'vitest';
import type { Simulation } from '../../src/engine/simulation';
import { runScenario, type Scenario, startScenario } from '../../src/scenario';
import { loadFile, scenarioFiles } from '../scenarios/scenarioFiles';

const FILES = scenarioFiles();
const pick = (name: string) => FILES.find((f) => f.endsWith(`/${name}`)) as string;

/** Steps both simulations alternately until each has run past `ends[i]` or has nothing queued. */
function interleave(sims: readonly Simulation[], ends: readonly number[]): void {
  const live = (i: number) => {
    const next = (sims[i] as Simulation).nextEventTime;
    return next !== undefined && next <= (ends[i] as number);
  };
  let steps = 0;
  while (sims.some((_, i) => live(i))) {
    sims.forEach((sim, i) => {
      if (live(i)) sim.step();
    });
    if (++steps > 1_000_000) throw new Error('interleaved runs did not finish');
  }
  sims.forEach((sim, i) => sim.runUntil(ends[i] as number));
}

function alone(scenario: Scenario): { trace: string; state: string; end: number } {
  const run = runScenario(scenario);
  return { trace: JSON.stringify(run.sim.trace), state: JSON.stringify(run.sim.state), end: run.end };
}

describe('two simulations interleaved step by step', () => {
  it.each([
    ['spread-and-affinity.yaml', 'load-balancing.yaml'],
    ['node-dies.yaml', 'tooling-mysql.yaml'],
    ['preemption.yaml', 'bin-packing.yaml'],
    ['compose-host-dies.yaml', 'swarm-node-dies.yaml'],
    ['spread-and-affinity.yaml', 'spread-and-affinity.yaml'],
  ])('%s and %s give the traces of separate runs', (a, b) => {
    const scenarios = [loadFile(pick(a)), loadFile(pick(b))];
    const solo = scenarios.map(alone);
    const sims = scenarios.map((s) => startScenario(s));
    interleave(
      sims,
      solo.map((s) => s.end),
    );
    sims.forEach((sim, i) => {
      const want = solo[i] as { trace: string; state: string };
      expect(JSON.stringify(sim.trace), `trace of ${i === 0 ? a : b}`).toBe(want.trace);
      expect(JSON.stringify(sim.state), `state of ${i === 0 ? a : b}`).toBe(want.state);
    });
  });
});
