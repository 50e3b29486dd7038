/**
 * A scenario prepared for the lab: loaded (with located errors), run once to its end so that the
 * journal holds every step, then rewound to t=0. Scrubbing is then only a matter of applying
 * recorded patches (Simulation.seek), in either direction.
 */
import type { Simulation, TraceRecord } from '../src/engine';
import { formatLocatedErrors } from '../src/manifests';
import { Memo, type ClusterState } from '../src/model';
import {
  loadScenarioText,
  runScenario,
  timelineHandler,
  type ExpectationOutcome,
  type Scenario,
} from '../src/scenario';
import { readBundledFile } from './scenarioFiles';
import { commandEntry, type LabCommand } from './session';
import { takeSnapshots, type Snapshots } from './snapshots';

export interface LabRun {
  /** The scenario as loaded (without the user's commands). */
  scenario: Scenario;
  /** The scenario's text and path, to rerun it with other commands or share it. */
  text: string;
  path: string;
  seed: number;
  /** The user's commands, in time order; they are part of the run (timeline entries). */
  commands: readonly LabCommand[];
  sim: Simulation;
  /** Where the run ends (ms): the scrubber's range, as `flotilla run` reports it ("ran to 8m"). */
  end: number;
  /** Every trace record of the whole run, in order. */
  trace: readonly TraceRecord[];
  outcomes: readonly ExpectationOutcome[];
  /** The state at every moment worth showing, for instant scrubbing. */
  snapshots: Snapshots;
}

/** A run, or the text that says why there is none (file:line:column errors or what was thrown). */
export type LabRunResult = { ok: true; run: LabRun; warnings: string } | { ok: false; error: string };

export interface RunChoice {
  seed?: number;
  commands?: readonly LabCommand[];
}

/** How long a run goes on after the user's last command, at least, so its effects can be seen. */
const AFTER_LAST_COMMAND_MS = 120_000;

/**
 * The scenario with the user's commands appended to its timeline (after the scenario's own entries
 * at the same time). With an explicit duration, the run is stretched to show what a late command does.
 */
function withCommands(scenario: Scenario, commands: readonly LabCommand[]): Scenario {
  if (commands.length === 0) return scenario;
  const count = scenario.timeline.length;
  const timeline = [...scenario.timeline, ...commands.map((c, i) => commandEntry(c, i, count))];
  const last = Math.max(...commands.map((c) => c.at));
  const out: Scenario = { ...scenario, timeline };
  if (scenario.duration !== undefined)
    out.duration = Math.max(scenario.duration, last + AFTER_LAST_COMMAND_MS);
  return out;
}

/**
 * Why `command` would be refused at the state shown (the engine's CommandError message), or
 * undefined when it applies. It asks the same timeline handler the run will use, without applying.
 */
export function refusal(state: ClusterState, command: LabCommand): string | undefined {
  const entry = commandEntry(command, 0, 0);
  const intents = timelineHandler([entry])(state, 0, {
    now: command.at,
    memo: new Memo(),
    random: () => 0,
    requeueAfter: () => undefined,
  });
  for (const i of intents)
    if (i.op === 'trace' && i.record.type === 'actionSkipped') return String(i.record['reason']);
  return undefined;
}

/** Loads `text` as the scenario at `path` and runs it (includes are read from the bundled files). */
export function prepareRun(text: string, path: string, choice: RunChoice = {}): LabRunResult {
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
    const commands = [...(choice.commands ?? [])].sort((a, b) => a.at - b.at);
    const scenario = withCommands(loaded.scenario, commands);
    const { sim, end, outcomes, seed } = runScenario(
      scenario,
      choice.seed === undefined ? {} : { seed: choice.seed },
    );
    const trace = sim.trace;
    const snapshots = takeSnapshots(sim, trace, end);
    const warnings = loaded.warnings.length > 0 ? formatLocatedErrors(loaded.warnings) : '';
    return {
      ok: true,
      // Frozen (shallowly: the simulation stays usable) because nothing changes a run once it is
      // made, so the lab may remember what it derives from one (its charts) in its Memo.
      run: Object.freeze({
        scenario: loaded.scenario,
        text,
        path,
        seed,
        commands,
        sim,
        end,
        trace,
        outcomes,
        snapshots,
      }),
      warnings,
    };
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
