/**
 * The scenario files the lab ships with, bundled at build time so that the static site works
 * offline: every YAML file under scenarios/ (scenarios and the manifests they include), keyed by
 * its path relative to the project root (`scenarios/manifests/tooling.yaml`).
 */
import { isScenarioText, type ReadFile } from '../src/scenario';

const raw = import.meta.glob<string>('/scenarios/**/*.yaml', {
  query: '?raw',
  import: 'default',
  eager: true,
});

/** Bundled file texts by project-relative path. */
export const BUNDLED_FILES: ReadonlyMap<string, string> = new Map(
  Object.entries(raw).map(([path, text]) => [path.replace(/^\//, ''), text]),
);

/**
 * The scenario files proper, sorted: every `scenarios/*.yaml`, and the scenarios in sub-folders
 * (`scenarios/compose-vs-swarm-vs-kubernetes/swarm.yaml`), told from the manifests and compose files
 * they include as the tests tell them (isScenarioText).
 */
export const SCENARIO_PATHS: readonly string[] = [...BUNDLED_FILES]
  .filter(([p, text]) => /^scenarios\/[^/]+\.ya?ml$/.test(p) || (/\.ya?ml$/.test(p) && isScenarioText(text)))
  .map(([p]) => p)
  .sort((a, b) => a.split('/').length - b.split('/').length || (a < b ? -1 : a > b ? 1 : 0));

/** The sub-folder of a scenario (`compose-vs-swarm-vs-kubernetes`), or '' for scenarios/*.yaml. */
export function scenarioGroup(path: string): string {
  const parts = path.split('/');
  return parts.length > 2 ? parts.slice(1, -1).join('/') : '';
}

/** The scenario opened first: the course's node-failure story. */
export const DEFAULT_SCENARIO = 'scenarios/node-dies.yaml';

/**
 * The reader given to the scenario loader: `file:` includes are looked up among the bundled files
 * (the loader resolves them relative to the scenario, with forward slashes).
 */
export const readBundledFile: ReadFile = (path) => {
  const text = BUNDLED_FILES.get(path.replace(/^\.\//, ''));
  if (text === undefined)
    throw new Error(`${path} is not one of the files bundled with the lab (scenarios/**)`);
  return text;
};
