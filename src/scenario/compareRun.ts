/**
 * Runs one scenario for `flotilla compare` and hands its trace and snapshots to compareMetrics:
 * the state just before the failure, just before a person first acts after it, and at the end.
 * States are immutable, so the snapshots are taken by seeking the run's journal back.
 */
import type { Simulation } from '../engine';
import type { ClusterState, VolumeMount } from '../model';
import { compareMetrics, failureOf, isPersonAction, type ScenarioMetrics } from './compare';
import { podVolumes, type VolumeRef, type VolumesOf, workloadOf } from './compareWorkloads';
import { runScenario } from './run';
import type { Scenario } from './scenario';

export function compareScenario(scenario: Scenario, options: { seed?: number } = {}): ScenarioMetrics {
  const run = runScenario(scenario, options.seed === undefined ? {} : { seed: options.seed });
  return compareFinishedRun(scenario, run.sim, run.end);
}

/**
 * The figures of a run already made (the lab's): `sim` has run `scenario` to `endTime` and holds
 * its journal. It is sought back for the snapshots and left at the end again.
 */
export function compareFinishedRun(scenario: Scenario, sim: Simulation, endTime: number): ScenarioMetrics {
  sim.seek(endTime);
  const trace = sim.trace;
  const end = sim.state;
  const failure = failureOf(scenario.timeline);
  const person =
    failure === undefined ? undefined : scenario.timeline.find((e) => isPersonAction(e, failure.at));
  // Just before: the action itself runs at its time, so one millisecond earlier is the state it met.
  const at = (t: number): ClusterState => {
    sim.seek(Math.max(0, t - 1));
    return sim.state;
  };
  const beforePerson = person === undefined ? end : at(person.at);
  const atFailure = failure === undefined ? undefined : at(failure.at);
  sim.seek(endTime);
  return compareMetrics({
    scenario,
    trace,
    atFailure,
    beforePerson,
    end,
    endTime,
    volumesOf: volumeResolver(scenario),
  });
}

/**
 * Volumes of Kubernetes pods come from their spec. Compose containers and Swarm tasks carry none in
 * their pod, so they are read from the scenario's Compose projects: a named volume or bind mount
 * lives on the host (Docker's `local` driver, under swarm too: a task rescheduled elsewhere gets
 * an empty volume of that name on its new node), an anonymous volume or tmpfs with the container.
 */
function volumeResolver(scenario: Scenario): VolumesOf {
  const byService = new Map<string, readonly VolumeMount[]>();
  for (const { project } of scenario.compose ?? [])
    for (const svc of project.services) byService.set(`compose ${project.name}/${svc.name}`, svc.volumes);
  const stack = scenario.swarm;
  // `docker stack deploy` names a service <stack>_<service>.
  for (const svc of stack?.services ?? []) byService.set(`swarm ${stack?.name}_${svc.name}`, svc.volumes);
  return (pod, state) => {
    const labels = pod.metadata.labels ?? {};
    const compose = labels['com.docker.compose.service'];
    const swarm = labels['com.docker.swarm.service.name'];
    const key =
      compose !== undefined
        ? `compose ${labels['com.docker.compose.project'] ?? ''}/${compose}`
        : swarm !== undefined
          ? `swarm ${swarm}`
          : undefined;
    const mounts = key === undefined ? undefined : byService.get(key);
    if (mounts === undefined) return podVolumes(pod, state);
    const workload = workloadOf(pod, state);
    const node = pod.spec.nodeName;
    return mounts.map((m): VolumeRef => {
      const what =
        m.type === 'bind'
          ? 'bind'
          : m.source !== undefined
            ? `volume ${m.source}`
            : m.type === 'volume'
              ? 'anonymous volume'
              : 'tmpfs';
      const volume = `${what} → ${m.target}`;
      const onHost = m.type === 'bind' || (m.type === 'volume' && m.source !== undefined);
      return onHost
        ? { workload, volume, scope: 'host', ...(node === undefined ? {} : { node }) }
        : { workload, volume, scope: 'pod' };
    });
  };
}
