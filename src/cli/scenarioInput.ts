/**
 * The scenario file of `flotilla export` and `flotilla compare`, loaded with messages that say what
 * went wrong in a person's terms: no such file, a directory, a Compose file or a Kubernetes
 * manifest given where a scenario was expected (with the command that takes it), or a scenario with
 * located errors (printed by loadOrReport, then one line saying nothing ran).
 */
import { statSync } from 'node:fs';
import { parseAllDocuments } from 'yaml';
import type { Scenario } from '../scenario';
import { loadOrReport, type Output, readText } from './io';

/** What a YAML file that is not a scenario looks like it is, from its first document's top-level keys. */
function notAScenario(text: string): 'compose' | 'manifest' | undefined {
  let first: unknown;
  try {
    first = parseAllDocuments(text)[0]?.toJS({ maxAliasCount: 100 });
  } catch {
    return undefined;
  }
  if (typeof first !== 'object' || first === null || Array.isArray(first)) return undefined;
  const keys = new Set(Object.keys(first));
  if (keys.has('nodes') || keys.has('orchestrator')) return undefined;
  if (keys.has('services')) return 'compose';
  if (keys.has('apiVersion') && keys.has('kind')) return 'manifest';
  return undefined;
}

/** What to do with a file that is not a scenario, per command. */
const HINTS: Record<'export' | 'compare', Record<'compose' | 'manifest', (file: string) => string>> = {
  export: {
    compose: (f) => `to get Kubernetes manifests from it, run: flotilla convert ${f}`,
    manifest: (f) =>
      `it is already a manifest; to simulate it, list it in a scenario's apply: [{file: ${f}}]`,
  },
  compare: {
    compose: (f) =>
      `compare runs scenarios: write one with orchestrator: compose (or swarm) and compose: {file: ${f}}`,
    manifest: (f) => `compare runs scenarios: write one that applies it with apply: [{file: ${f}}]`,
  },
};

/** Loads `file` as a scenario for `command`, or prints why it cannot and returns undefined. */
export function loadScenarioInput(
  command: 'export' | 'compare',
  file: string,
  io: Output,
): Scenario | undefined {
  const fail = (why: string) => void io.err(`flotilla ${command}: ${file}: ${why}`);
  let isDirectory: boolean;
  try {
    isDirectory = statSync(file).isDirectory();
  } catch {
    return fail('no such file (expected a scenario file, such as scenarios/node-dies.yaml)');
  }
  if (isDirectory) return fail('is a directory (expected a scenario file: name the .yaml files in it)');
  let text: string;
  try {
    text = readText(file);
  } catch (e) {
    return fail(`cannot be read: ${e instanceof Error ? e.message : String(e)}`);
  }
  const other = notAScenario(text);
  if (other !== undefined) {
    const what = other === 'compose' ? 'a Compose file' : 'a Kubernetes manifest';
    return fail(`is ${what}, not a scenario; ${HINTS[command][other](file)}`);
  }
  const scenario = loadOrReport(file, io, true);
  if (scenario === undefined) fail('is not a valid scenario (see the errors above): nothing was run');
  return scenario;
}
