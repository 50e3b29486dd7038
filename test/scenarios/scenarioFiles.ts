/** The course scenarios on disk, loaded the way the CLI loads them, and trace look-ups for stories. */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { EventRecord, TraceRecord } from '../../src/engine/trace';
import { isScenarioText, loadScenario, type Scenario } from '../../src/scenario';

/** The repository root (the CLI resolves paths from the working directory; tests use root-relative ones). */
const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/**
 * Every scenario under `scenarios/` (sub-folders included; the manifests and compose files they
 * include are left out by isScenarioText), as root-relative paths, sorted: a new scenario is picked
 * up automatically.
 */
export function scenarioFiles(): string[] {
  const dir = join(ROOT, 'scenarios');
  return (readdirSync(dir, { recursive: true }) as string[])
    .filter((f) => f.endsWith('.yaml') && isScenarioText(readFileSync(join(dir, f), 'utf8')))
    .map((f) => f.split('\\').join('/'))
    .sort()
    .map((f) => relative(process.cwd(), join(dir, f)));
}

const readText = (path: string): string => readFileSync(path, 'utf8');

/** Loads a scenario file or throws with its located errors. */
export function loadFile(path: string): Scenario {
  const result = loadScenario(path, readText);
  if (!result.ok) throw new Error(result.errors.map(String).join('\n'));
  return result.scenario;
}

export const isEvent = (r: TraceRecord): r is EventRecord => r.type === 'event';

/** Event records with this reason (and, if given, on this object `kind/name` or with this prefix). */
export function eventsOf(trace: readonly TraceRecord[], reason: string, object?: string): EventRecord[] {
  return trace.filter(isEvent).filter((e) => e.reason === reason && (object === undefined || e.object === object || e.object.startsWith(`${object}-`)));
}

/** The only element, or a thrown error saying how many there were. */
export function only<T>(xs: readonly T[], what: string): T {
  if (xs.length !== 1) throw new Error(`expected exactly one ${what}, found ${xs.length}`);
  return xs[0] as T;
}

/** `Successfully assigned default/x to node-2` -> `node-2`. */
export function assignedNode(e: EventRecord): string {
  const m = / to (\S+)$/.exec(e.message);
  if (!m) throw new Error(`not a Scheduled message: ${e.message}`);
  return m[1] as string;
}
