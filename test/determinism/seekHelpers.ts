/** Shared by the seek and branch determinism tests. */
import type { Scenario } from '../../src/scenario';
import { startScenario } from '../../src/scenario';

/** A fresh run of the scenario stopped at `t` with runUntil. */
export function freshAt(scenario: Scenario, t: number) {
  const sim = startScenario(scenario);
  sim.runUntil(t);
  return sim;
}

/**
 * JSON with object keys sorted. After seeking back, an object that a later step deleted is put back
 * by an inverse patch at the end of its record, so the key order (not the content) can differ from
 * a straight run (reported; the byte-equal comparison of states is left out for that reason).
 */
export function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
        )
      : v,
  );
}

/** Times to seek to: the start, the timeline's moments and just before them, the middle, the end. */
export function seekTimes(scenario: Scenario, end: number): number[] {
  const timeline = scenario.timeline.map((e) => e.at);
  const times = [
    0,
    1,
    Math.round(end / 3),
    Math.round(end / 2),
    ...timeline,
    ...timeline.map((t) => t - 1),
    end - 1,
    end,
  ];
  return [...new Set(times)].filter((x) => x >= 0 && x <= end);
}
