/** Compose scenarios built from text, run through the whole engine; and readers of their trace. */
import { readFileSync } from 'node:fs';
import type { EventRecord, TraceRecord } from '../../src/engine/trace';
import {
  loadScenarioText,
  runScenario,
  type RunOptions,
  type Scenario,
  type ScenarioRun,
} from '../../src/scenario';

/** A compose scenario on `hosts` with `compose` inline (YAML of the compose: value) and more keys. */
export function composeScenario(opts: { compose: string; hosts?: string[]; extra?: string }): string {
  const hosts = opts.hosts ?? ['host-1'];
  return [
    'name: t',
    'seed: 1',
    'orchestrator: compose',
    'nodes:',
    ...hosts.map((h) => `  - { name: ${h}, capacity: { cpu: "2", memory: 4Gi } }`),
    'compose:',
    ...opts.compose.split('\n').map((l) => `  ${l}`),
    opts.extra ?? '',
  ].join('\n');
}

export function load(text: string, path = 'test/compose-runtime/x.yaml'): Scenario {
  const r = loadScenarioText(text, path, (p) => readFileSync(p, 'utf8'));
  if (!r.ok) throw new Error(r.errors.map((e) => e.toString()).join('\n'));
  return r.scenario;
}

export function errorsOf(text: string, path = 'test/compose-runtime/x.yaml'): string[] {
  const r = loadScenarioText(text, path, (p) => readFileSync(p, 'utf8'));
  return r.ok ? [] : r.errors.map((e) => `${e.path}: ${e.message}`);
}

export function run(text: string, options: RunOptions = {}): ScenarioRun {
  return runScenario(load(text), options);
}

const isEvent = (r: TraceRecord): r is EventRecord => r.type === 'event';

/** `[seconds, reason]` of a container's Docker events. */
export function eventsOf(run: ScenarioRun, container: string): [number, string][] {
  return run.sim.trace
    .filter(isEvent)
    .filter((e) => e.object === `container/${container}`)
    .map((e) => [e.t / 1000, e.reason]);
}
