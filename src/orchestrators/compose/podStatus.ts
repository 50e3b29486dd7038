/**
 * A Docker container's state as the Pod that stands for it shows it, so kubectl-style views and
 * pod expectations read Docker's truth: created → Pending (waiting `Created`, or `ContainerCreating`
 * while it starts), running → Running (ready unless its health is `starting` or `unhealthy`:
 * plain Docker has no readiness, health is the nearest thing), restarting → Running (waiting
 * `Restarting`), exited → Succeeded or Failed (terminated with the exit code). While the host is
 * down nobody can ask its daemon: Unknown.
 */
import type {
  ContainerRuntime,
  ContainerState,
  ContainerStatus,
  DockerContainer,
  Pod,
  PodCondition,
  PodPhase,
} from '../../model';

function terminated(
  rec: DockerContainer,
  c: ContainerRuntime,
  startedAt: number | undefined,
): NonNullable<ContainerState['terminated']> {
  const exitCode = rec.exitCode ?? 0;
  const reason =
    c.reason ?? (exitCode === 0 ? 'Completed' : c.machine === 'OOMKilled' ? 'OOMKilled' : 'Error');
  return {
    exitCode,
    reason,
    finishedAt: rec.finishedAt ?? 0,
    ...(startedAt !== undefined ? { startedAt } : {}),
  };
}

/** Phase, container status and Ready condition of a container on a running host. */
export function podStatusOf(
  rec: DockerContainer,
  c: ContainerRuntime,
  now: number,
  id?: string,
): { phase: PodPhase; status: ContainerStatus; ready: boolean } {
  const base = {
    name: rec.service,
    image: rec.image,
    restartCount: rec.restartCount,
    ...(id !== undefined ? { containerID: `docker://${id}` } : {}),
  };
  const last =
    rec.finishedAt !== undefined && rec.exitCode !== undefined
      ? { terminated: terminated(rec, c, rec.status === 'running' ? rec.lastStartedAt : c.startedAt) }
      : {};
  const notReady = (phase: PodPhase, state: ContainerState, lastState: ContainerState) => ({
    phase,
    status: { ...base, state, lastState, ready: false, started: false },
    ready: false,
  });
  if (rec.status === 'running') {
    const ready = rec.health === undefined || rec.health.status === 'healthy';
    const state = { running: { startedAt: c.startedAt ?? now } };
    return { phase: 'Running', status: { ...base, state, lastState: last, ready, started: true }, ready };
  }
  if (rec.status === 'restarting')
    return notReady(
      'Running',
      { waiting: { reason: 'Restarting', message: `Restarting (${rec.exitCode ?? 0})` } },
      last,
    );
  if (rec.status === 'exited' && rec.startRequested !== true)
    return notReady(
      (rec.exitCode ?? 0) === 0 ? 'Succeeded' : 'Failed',
      { terminated: terminated(rec, c, c.startedAt) },
      {},
    );
  // Created, or exited and being started again by the daemon.
  return notReady(
    'Pending',
    { waiting: { reason: c.stage === 'starting' ? 'ContainerCreating' : 'Created' } },
    last,
  );
}

/**
 * The Ready condition, its transition time kept while its status is unchanged. When health is
 * what holds it back, the reason says so (`health: starting`, `unhealthy`), so that a change of
 * health shows on the pod (and wakes `compose up` waiting on service_healthy).
 */
export function readyConditions(
  pod: Pod,
  ready: boolean,
  now: number,
  health?: DockerContainer['health'],
): PodCondition[] {
  const status = ready ? 'True' : 'False';
  const old = pod.status.conditions.find((x) => x.type === 'Ready');
  const lastTransitionTime = old !== undefined && old.status === status ? old.lastTransitionTime : now;
  const reason =
    ready || health === undefined
      ? undefined
      : health.status === 'starting'
        ? 'health: starting'
        : health.status;
  return [{ type: 'Ready', status, lastTransitionTime, ...(reason !== undefined ? { reason } : {}) }];
}
