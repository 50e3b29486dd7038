/**
 * `flotilla export FILE [--at T] [-o yaml|json] [--seed N]`: the simulated cluster's user objects
 * at time T (default: the end of the run) as manifests for `kubectl apply -f`
 * (src/manifests/exportObjects.ts says what is kept and what is left out). Every object is checked
 * against Kubernetes' OpenAPI schema first: an object that fails is reported and nothing is printed.
 */
import {
  type ExportFormat,
  exportObjects,
  exportText,
  type JsonObject,
  type ModeledObject,
  nodeNameNotes,
} from '../manifests';
import type { PriorityClass } from '../scheduler';
import { formatDuration, runScenario, type Scenario } from '../scenario';
import { EXIT, type Output } from './io';
import { loadScenarioInput } from './scenarioInput';

export interface ExportOptions {
  at?: number;
  seed?: number;
  format: ExportFormat;
  /** Keep `flotilla.dev/` annotations (to re-simulate the export). */
  keepSimulatorAnnotations?: boolean;
}

/** What the person applied up to `at` (ms): the scenario's objects, then its timeline `apply`s. */
export function appliedObjects(scenario: Scenario, at: number): (ModeledObject | PriorityClass)[] {
  const timeline = scenario.timeline.flatMap((e) => (e.action === 'apply' && e.at <= at ? e.objects : []));
  return [...scenario.objects, ...timeline].map((o) => o.object as ModeledObject | PriorityClass);
}

/** The scenario's user objects at `at` (default: its end), cleaned, and the time they are from. */
export function exportScenario(
  scenario: Scenario,
  options: Omit<ExportOptions, 'format'> = {},
): { objects: JsonObject[]; notes: string[]; at: number } {
  const run = runScenario(scenario, {
    journal: false,
    ...(options.at === undefined ? {} : { until: options.at }),
    ...(options.seed === undefined ? {} : { seed: options.seed }),
  });
  const state = run.sim.state;
  const { objects, notes } = exportObjects(state, {
    applied: appliedObjects(scenario, run.end),
    defaultTolerationSeconds: state.settings.defaultTolerationSeconds,
    ...(options.keepSimulatorAnnotations === true ? { keepSimulatorAnnotations: true } : {}),
  });
  return { objects, notes, at: run.end };
}

export async function exportCommand(file: string, options: ExportOptions, io: Output): Promise<number> {
  const scenario = loadScenarioInput('export', file, io);
  if (scenario === undefined) return EXIT.invalid;
  const orchestrator: string = scenario.orchestrator;
  if (orchestrator !== 'kubernetes') {
    // Compose containers and Swarm tasks are not objects a person applied to a Kubernetes API.
    io.err(
      `flotilla export: ${file} runs orchestrator ${orchestrator}; export works on Kubernetes scenarios (for a Compose file: flotilla convert)`,
    );
    return EXIT.invalid;
  }
  const { objects, notes, at } = exportScenario(scenario, options);
  // Loaded on demand: the schemas take a moment to load and only export and convert need them.
  const { validateKubernetesObjects } = await import('../manifests/validateSchema');
  const problems = validateKubernetesObjects(objects);
  if (problems.length > 0) {
    io.err(
      `flotilla export: the exported objects fail Kubernetes' schema (a Flotilla bug):\n${problems.join('\n')}`,
    );
    return EXIT.failed;
  }
  const header = [
    `Exported by flotilla from ${file} at ${formatDuration(at)} (seed ${options.seed ?? scenario.seed}):`,
    `the objects a person applied, as they stand then. Apply with: kubectl apply -f <this file>`,
    ...[
      ...notes,
      ...nodeNameNotes(
        objects,
        scenario.nodes.map((n) => n.name),
      ),
    ].map((n) => `note: ${n}`),
  ];
  if (objects.length === 0) io.err(`flotilla export: no user objects in ${file} at ${formatDuration(at)}`);
  io.out(exportText(objects, options.format, header));
  return EXIT.ok;
}
