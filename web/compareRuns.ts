/**
 * The runs of a comparison: the scenarios of one bundled folder (the course's
 * `compose-vs-swarm-vs-kubernetes/`), each prepared as the lab prepares one (labRun.ts), and the
 * figures `flotilla compare` prints for them, computed from those same runs by the CLI's own pure
 * functions (src/scenario/compareRun.ts, compare.ts), so the lab and the CLI cannot disagree.
 * No DOM.
 */
import { compareFinishedRun, type ScenarioMetrics } from '../src/scenario';
import { nextEventTime, prepareRun, previousEventTime, type LabRun } from './labRun';
import { BUNDLED_FILES, SCENARIO_PATHS, scenarioGroup } from './scenarioFiles';

export interface Comparison {
  /** The folder under scenarios/ (`compose-vs-swarm-vs-kubernetes`). */
  folder: string;
  runs: readonly LabRun[];
  /** The figures of each run, in the order of `runs` (the paths' order, as the CLI's glob). */
  metrics: readonly ScenarioMetrics[];
  /** The shared scrubber's end: the longest run's. */
  end: number;
}

/** The hash prefix and picker value of a comparison: `compare/compose-vs-swarm-vs-kubernetes`. */
export const COMPARE_PREFIX = 'compare/';

/** The bundled folders holding at least two scenarios, with their scenarios' paths. */
export function comparableFolders(): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const path of SCENARIO_PATHS) {
    const group = scenarioGroup(path);
    if (group === '') continue;
    out.set(group, [...(out.get(group) ?? []), path]);
  }
  for (const [group, paths] of out) if (paths.length < 2) out.delete(group);
  return out;
}

/** Runs every scenario of `folder`; the first one that fails to load or run is the error. */
export function prepareComparison(
  folder: string,
): { ok: true; comparison: Comparison } | { ok: false; error: string } {
  const paths = comparableFolders().get(folder);
  if (paths === undefined)
    return { ok: false, error: `"${folder}" is not a bundled folder with two scenarios or more` };
  const runs: LabRun[] = [];
  for (const path of paths) {
    const result = prepareRun(BUNDLED_FILES.get(path) ?? '', path);
    if (!result.ok) return { ok: false, error: result.error };
    runs.push(result.run);
  }
  const metrics = runs.map((r) => compareFinishedRun(r.scenario, r.sim, r.end));
  const end = Math.max(...runs.map((r) => r.end));
  return { ok: true, comparison: { folder, runs, metrics, end } };
}

/** The next moment anything happens in any of the runs (or the end). */
export function nextComparedEvent(c: Comparison, now: number): number {
  return Math.min(c.end, ...c.runs.map((r) => (now < r.end ? nextEventTime(r, now) : c.end)));
}

/** The last moment before `now` anything happened in any of the runs (or 0). */
export function previousComparedEvent(c: Comparison, now: number): number {
  return Math.max(0, ...c.runs.map((r) => previousEventTime(r, Math.min(now, r.end + 1))));
}

/**
 * The columns' titles without the words they all begin with (`Compose vs Swarm vs Kubernetes: `),
 * so that what differs fits on a projector; the full title is the heading's tooltip.
 */
export function distinctTitles(titles: readonly string[]): string[] {
  const first = titles[0] ?? '';
  let cut = 0;
  for (let i = first.indexOf(': '); i >= 0; i = first.indexOf(': ', i + 1)) {
    const prefix = first.slice(0, i + 2);
    if (titles.length > 1 && titles.every((t) => t.startsWith(prefix) && t.length > prefix.length))
      cut = prefix.length;
  }
  return titles.map((t) => t.slice(cut));
}
