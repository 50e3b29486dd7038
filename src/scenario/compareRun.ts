/**
 * Runs one scenario for `flotilla compare` and hands its trace and snapshots to compareMetrics:
 * the state just before the failure, just before a person first acts after it, and at the end.
 * States are immutable, so the snapshots are taken by seeking the run's journal back.
 */
import type { Pod } from '../model/objects';
import type { ClusterState } from '../model/state';
import {
  compareMetrics,
  FAILURE_ACTIONS,
  podVolumes,
  type ScenarioMetrics,
  type VolumeRef,
  workloadOf,
} from './compare';
import { runScenario } from './run';
import type { Scenario } from './scenario';

export function compareScenario(scenario: Scenario, options: { seed?: number } = {}): ScenarioMetrics {
  const run = runScenario(scenario, options.seed === undefined ? {} : { seed: options.seed });
  const sim = run.sim;
  const trace = sim.trace;
  const end = sim.state;
  const failure = scenario.timeline.find((e) => FAILURE_ACTIONS.has(e.action));
  const person = scenario.timeline.find(
    (e) =>
      failure !== undefined && e.at >= failure.at && e.action !== 'say' && !FAILURE_ACTIONS.has(e.action),
  );
  // Just before: the action itself runs at its time, so one millisecond earlier is the state it met.
  const at = (t: number): ClusterState => {
    sim.seek(Math.max(0, t - 1));
    return sim.state;
  };
  const beforePerson = person === undefined ? end : at(person.at);
  const atFailure = failure === undefined ? undefined : at(failure.at);
  return compareMetrics({
    scenario,
    trace,
    atFailure,
    beforePerson,
    end,
    endTime: run.end,
    volumesOf: volumeResolver(scenario),
  });
}

interface ComposeVolumeLike {
  type?: unknown;
  source?: unknown;
  target?: unknown;
}

/**
 * Volumes of Kubernetes pods come from their spec; Compose containers carry none in their pod, so
 * they are read from the scenario's Compose projects (read structurally: named volumes and bind
 * mounts live on the host, anonymous volumes and tmpfs with the container).
 */
function volumeResolver(scenario: Scenario): (pod: Pod, state: ClusterState) => VolumeRef[] {
  const projects = (scenario as { compose?: unknown }).compose;
  const services = new Map<string, ComposeVolumeLike[]>();
  if (Array.isArray(projects)) {
    for (const d of projects as { project?: { name?: unknown; services?: unknown } }[]) {
      const p = d.project;
      if (p === undefined || !Array.isArray(p.services)) continue;
      for (const s of p.services as { name?: unknown; volumes?: unknown }[])
        if (Array.isArray(s.volumes)) services.set(`${String(p.name)}/${String(s.name)}`, s.volumes);
    }
  }
  return (pod, state) => {
    const labels = pod.metadata.labels ?? {};
    const service = labels['com.docker.compose.service'];
    if (service === undefined) return podVolumes(pod, state);
    const mounts = services.get(`${labels['com.docker.compose.project'] ?? ''}/${service}`) ?? [];
    const workload = workloadOf(pod, state);
    const node = pod.spec.nodeName;
    return mounts.map((m): VolumeRef => {
      const onHost = (m.type === 'volume' && typeof m.source === 'string') || m.type === 'bind';
      const what =
        m.type === 'bind' ? 'bind' : typeof m.source === 'string' ? `volume ${m.source}` : 'anonymous volume';
      return onHost
        ? {
            workload,
            volume: `${what} → ${String(m.target)}`,
            scope: 'host',
            ...(node === undefined ? {} : { node }),
          }
        : { workload, volume: `${what} → ${String(m.target)}`, scope: 'pod' };
    });
  };
}
