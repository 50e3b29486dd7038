/** The cluster state of a scenario at a time, for the commands that print it (get, describe). */
import type { ClusterState } from '../model';
import { runScenario } from '../scenario';
import { loadOrReport, type Output } from './io';

/** Runs the scenario to `--at` (default: its end) and returns the state and the time. */
export function stateAt(
  file: string,
  at: number | undefined,
  seed: number | undefined,
  io: Output,
): { state: ClusterState; now: number } | undefined {
  const scenario = loadOrReport(file, io, true);
  if (!scenario) return undefined;
  const result = runScenario(scenario, {
    journal: false,
    ...(at !== undefined ? { until: at } : {}),
    ...(seed !== undefined ? { seed } : {}),
  });
  return { state: result.sim.state, now: result.sim.now };
}
