/**
 * A scenario prepared for the lab: loaded (with located errors), run once to its end so that the
 * journal holds every step, then rewound to t=0. Scrubbing is then only a matter of applying
 * recorded patches (Simulation.seek), in either direction.
 */
import type { Simulation } from '../src/engine/simulation';
import type { TraceRecord } from '../src/engine/trace';
import { formatLocatedErrors } from '../src/manifests';
import { loadScenarioText, runScenario, type ExpectationOutcome, type Scenario } from '../src/scenario';
import { readBundledFile } from './scenarioFiles';

export interface LabRun {
  scenario: Scenario;
  sim: Simulation;
  /** Where the run ends (ms): the scrubber's range, as `flotilla run` reports it ("ran to 8m"). */
  end: number;
  /** Every trace record of the whole run, in order. */
  trace: readonly TraceRecord[];
  outcomes: readonly ExpectationOutcome[];
}

/** A run, or the text that says why there is none (file:line:column errors or what was thrown). */
export type LabRunResult = { ok: true; run: LabRun; warnings: string } | { ok: false; error: string };

/** Loads `text` as the scenario at `path` and runs it (includes are read from the bundled files). */
export function prepareRun(text: string, path: string): LabRunResult {
  let loaded;
  try {
    loaded = loadScenarioText(text, path, readBundledFile);
  } catch (e) {
    return { ok: false, error: `${path}: ${e instanceof Error ? e.message : String(e)}` };
  }
  if (!loaded.ok) return { ok: false, error: formatLocatedErrors([...loaded.errors, ...loaded.warnings]) };
  try {
    // runScenario starts the simulation (startScenario), plays the timeline and checks the
    // expectations exactly as the CLI does; its journal makes every earlier moment reachable.
    const { sim, end, outcomes } = runScenario(loaded.scenario);
    const trace = sim.trace;
    sim.seek(0);
    const warnings = loaded.warnings.length > 0 ? formatLocatedErrors(loaded.warnings) : '';
    return { ok: true, run: { scenario: loaded.scenario, sim, end, trace, outcomes }, warnings };
  } catch (e) {
    return {
      ok: false,
      error: `${path}: the simulation stopped: ${e instanceof Error ? e.message : String(e)}`,
    };
  }
}

/** How the picker names a scenario: its title (or name), or its file name when it does not load. */
export function scenarioLabel(text: string, path: string): string {
  const file = path.replace(/^.*\//, '');
  try {
    const loaded = loadScenarioText(text, path, readBundledFile);
    if (loaded.ok) return loaded.scenario.title ?? loaded.scenario.name;
  } catch {
    // Reported in full when the scenario is opened.
  }
  return `${file} (has errors)`;
}

/** The time of the first trace record after `now` (the next thing that happens), or `end`. */
export function nextEventTime(run: LabRun, now: number): number {
  for (const r of run.trace) if (r.t > now) return Math.min(r.t, run.end);
  return run.end;
}

/** The time of the last trace record before `now`, or 0. */
export function previousEventTime(run: LabRun, now: number): number {
  let best = 0;
  for (const r of run.trace) {
    if (r.t >= now) break;
    best = r.t;
  }
  return best;
}
