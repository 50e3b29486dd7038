import { describe, expect, it } from 'vitest';
import { compareScenario } from '../../src/scenario/compareRun';
import {
  comparableFolders,
  distinctTitles,
  nextComparedEvent,
  prepareComparison,
  previousComparedEvent,
} from '../../web/compareRuns';

const FOLDER = 'compose-vs-swarm-vs-kubernetes';

describe("the lab's comparison", () => {
  it('offers the folders with two scenarios or more, their scenarios in path order', () => {
    expect(comparableFolders().get(FOLDER)).toEqual(
      ['compose', 'kubernetes', 'swarm'].map((f) => `scenarios/${FOLDER}/${f}.yaml`),
    );
  });

  it('refuses a folder that is not one', () => {
    const r = prepareComparison('nope');
    expect(r.ok).toBe(false);
  });

  it('measures the lab runs with the figures flotilla compare computes from its own runs', () => {
    const r = prepareComparison(FOLDER);
    if (!r.ok) throw new Error(r.error);
    const c = r.comparison;
    expect(c.runs.map((x) => x.scenario.orchestrator)).toEqual(['compose', 'kubernetes', 'swarm']);
    expect(c.metrics).toEqual(c.runs.map((x) => compareScenario(x.scenario)));
    expect(c.metrics.map((m) => m.person.needed)).toEqual([true, false, false]);
    expect(c.end).toBe(Math.max(...c.runs.map((x) => x.end)));
    // Measuring left every simulation at its end, and the snapshots untouched.
    for (const x of c.runs) expect(x.sim.now).toBe(x.end);
    const next = nextComparedEvent(c, 0);
    expect(next).toBeGreaterThan(0);
    expect(previousComparedEvent(c, next)).toBeLessThan(next);
    expect(nextComparedEvent(c, c.end)).toBe(c.end);
  });

  it('drops the words every title begins with, and only those', () => {
    expect(
      distinctTitles(['Compare: A: Compose, one host', 'Compare: A: Swarm', 'Compare: A: Kubernetes']),
    ).toEqual(['Compose, one host', 'Swarm', 'Kubernetes']);
    expect(distinctTitles(['Compose: one', 'Swarm: two'])).toEqual(['Compose: one', 'Swarm: two']);
    expect(distinctTitles(['Only: one'])).toEqual(['Only: one']);
    expect(distinctTitles(['X: ', 'X: b'])).toEqual(['X: ', 'X: b']);
  });
});
