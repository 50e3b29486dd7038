/** Shared helpers for probe stories: one Deployment whose container has the probes given. */
import type { Simulation } from '../../src/engine/simulation';
import type { EventRecord } from '../../src/engine/trace';
import type { ContainerPort, Deployment, Pod, Probe, RestartPolicy } from '../../src/model/objects';
import { valuesIn } from '../../src/model/sharded';
import { deployment, node, simulate } from '../helpers/cluster';

export interface StoryOptions {
  liveness?: Probe;
  readiness?: Probe;
  startup?: Probe;
  /** The flotilla.dev/behaviour annotation value. */
  behaviour?: string;
  grace?: number;
  restartPolicy?: RestartPolicy;
  ports?: ContainerPort[];
}

export const HTTP = { httpGet: { path: '/healthz', port: 8080 } };

/** image pull 5 s + container start 1 s (DEFAULT_SETTINGS): the container starts at 6 s. */
export const STARTED_AT = 6_000;

export function story(o: StoryOptions): Simulation {
  const d: Deployment = deployment('web', 1);
  const t = d.spec.template;
  const c = t.spec.containers[0] as Deployment['spec']['template']['spec']['containers'][number];
  if (o.liveness) c.livenessProbe = o.liveness;
  if (o.readiness) c.readinessProbe = o.readiness;
  if (o.startup) c.startupProbe = o.startup;
  if (o.ports) c.ports = o.ports;
  if (o.behaviour !== undefined) t.metadata.annotations = { 'flotilla.dev/behaviour': o.behaviour };
  if (o.grace !== undefined) t.spec.terminationGracePeriodSeconds = o.grace;
  if (o.restartPolicy !== undefined) t.spec.restartPolicy = o.restartPolicy;
  return simulate([node('node-1')], [d]);
}

export function thePod(sim: Simulation): Pod {
  const pods = valuesIn(sim.state.pods).filter((p) => p.metadata.deletionTimestamp === undefined);
  if (pods.length !== 1) throw new Error(`expected one pod, got ${pods.length}`);
  return pods[0] as Pod;
}

export function ready(sim: Simulation): boolean {
  return thePod(sim).status.conditions.some((c) => c.type === 'Ready' && c.status === 'True');
}

export function restarts(sim: Simulation): number {
  return thePod(sim).status.containerStatuses[0]?.restartCount ?? 0;
}

export function probeEvents(sim: Simulation, reasons = ['Unhealthy', 'Killing']): EventRecord[] {
  return sim.trace.filter(
    (r): r is EventRecord => r.type === 'event' && reasons.includes((r as EventRecord).reason),
  );
}

/** The first time (ms, on a `step` grid from `from` up to `until`) that `check` holds. */
export function firstTime(
  sim: Simulation,
  from: number,
  until: number,
  check: () => boolean,
  step = 100,
): number | undefined {
  for (let t = from; t <= until; t += step) {
    sim.runUntil(t);
    if (check()) return t;
  }
  return undefined;
}

/** A bare Pod (any restartPolicy) with one container `web` and these probes. */
export function barePodStory(o: StoryOptions): Simulation {
  const d = deployment('web', 1);
  const spec = structuredClone(d.spec.template.spec);
  const c = spec.containers[0] as Deployment['spec']['template']['spec']['containers'][number];
  if (o.liveness) c.livenessProbe = o.liveness;
  if (o.readiness) c.readinessProbe = o.readiness;
  if (o.startup) c.startupProbe = o.startup;
  if (o.grace !== undefined) spec.terminationGracePeriodSeconds = o.grace;
  if (o.restartPolicy !== undefined) spec.restartPolicy = o.restartPolicy;
  const pod: Pod = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: 'web',
      namespace: 'default',
      uid: '',
      creationTimestamp: 0,
      labels: { app: 'web' },
      ...(o.behaviour !== undefined ? { annotations: { 'flotilla.dev/behaviour': o.behaviour } } : {}),
    },
    spec,
    status: { phase: 'Pending', conditions: [], containerStatuses: [] },
  };
  return simulate([node('node-1')], [pod as unknown as Deployment]);
}
