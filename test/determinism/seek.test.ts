/**
 * Seeking backward and forward lands on exactly the state a straight run has at that time.
 */
import { describe, expect, it } from 'vitest';
import { loadFile, scenarioFiles } from '../scenarios/scenarioFiles';
import { runScenario } from '../../src/scenario';
import { canonical, freshAt, seekTimes } from './seekHelpers';

const FILES = scenarioFiles();

describe.each(FILES)('seeking in %s', (file) => {
  it('lands on the state and trace of a fresh run stopped at that time, and back on the end', () => {
    const scenario = loadFile(file);
    const run = runScenario(scenario);
    const sim = run.sim;
    const endState = JSON.stringify(sim.state);
    const endTrace = JSON.stringify(sim.trace);
    const times = seekTimes(scenario, run.end);
    expect(times.length).toBeGreaterThanOrEqual(6);
    for (const t of times) {
      sim.seek(t);
      const fresh = freshAt(scenario, t);
      expect(sim.now).toBe(t);
      expect(sim.state.time).toBeLessThanOrEqual(t);
      expect(canonical(sim.state), `state at ${t}`).toBe(canonical(fresh.state));
      expect(JSON.stringify(sim.trace), `trace at ${t}`).toBe(JSON.stringify(fresh.trace));
      expect(sim.trace.every((r) => r.t <= t)).toBe(true);
      sim.seek(run.end);
      expect(JSON.stringify(sim.state), `state back at the end from ${t}`).toBe(endState);
      expect(JSON.stringify(sim.trace), `trace back at the end from ${t}`).toBe(endTrace);
    }
  });
});
