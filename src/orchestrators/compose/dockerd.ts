/**
 * The Docker daemon of every host, as one controller keyed by container (pod key). It starts the
 * containers Compose (or its own boot) asked for, notices exits (`die`), restarts them on the same
 * host per their restart policy with the restart manager's delay (restartManager.ts), and runs
 * their healthchecks (healthcheck.ts). Nothing here moves a container: a daemon only knows its
 * own host, and a host that is down runs nothing.
 */
import { TERMINATED_STATES } from '../../lifecycle';
import {
  type ClusterState,
  type ContainerRuntime,
  type Controller,
  type DockerContainer,
  getIn,
  type Intent,
  type Pod,
  type ReconcileContext,
  update,
} from '../../model';
import { advanceDockerContainer } from './advanceDockerContainer';
import { containerEvent, shortId } from './dockerEvents';
import { podStatusOf, readyConditions } from './podStatus';

export const DOCKERD = 'dockerd';

export const dockerd: Controller = {
  name: DOCKERD,
  keysFor(change, state) {
    if (change.kind === 'Pod') return state.docker?.containers[change.key] !== undefined ? [change.key] : [];
    if (change.kind === 'Node' && change.after !== undefined) {
      const host = change.key;
      return Object.entries(state.docker?.containers ?? {})
        .filter(([, r]) => r.host === host)
        .map(([k]) => k);
    }
    return [];
  },
  reconcile(state, key, ctx) {
    const pod = getIn(state.pods, key);
    const rec = state.docker?.containers[key];
    if (rec === undefined) return [];
    if (pod === undefined) return [forget(key)];
    if (state.nodeRuntime[rec.host]?.up !== true) return []; // the daemon is down with its host
    if (pod.metadata.deletionTimestamp !== undefined) return remove(state, key, pod, rec, ctx);
    return sync(state, key, pod, rec, ctx);
  },
};

/** The container is gone (its pod was removed): so is Docker's record of it. */
function forget(key: string): Intent {
  return {
    op: 'runtime',
    why: 'container removed',
    mutate: (d) => {
      if (d.docker !== undefined) delete d.docker.containers[key];
    },
  };
}

/**
 * A deleted pod is `docker stop` then `docker rm`: SIGTERM (`kill`, signal 15), the process exits
 * (143) after containerStopTime, at most the stop grace period (stop_grace_period, 10 s by
 * default), then `destroy`. A stopped container is not restarted: Docker marks it stopped by hand.
 */
function remove(
  state: ClusterState,
  key: string,
  pod: Pod,
  rec: DockerContainer,
  ctx: ReconcileContext,
): Intent[] {
  const now = ctx.now;
  const uid = pod.metadata.uid;
  const c = getIn(state.podRuntime, key)?.containers[rec.service];
  const gone: Intent[] = [
    containerEvent(rec, uid, 'destroy'),
    { op: 'delete', kind: 'Pod', key, why: 'docker rm' },
    forget(key),
  ];
  if (rec.status !== 'running' || c === undefined || TERMINATED_STATES.includes(c.machine)) return gone;
  if (c.stage !== 'stopping') {
    const grace = (pod.metadata.deletionGracePeriodSeconds ?? pod.spec.terminationGracePeriodSeconds) * 1000;
    const until = now + Math.min(state.settings.containerStopTime, grace);
    ctx.requeueAfter(key, until - now);
    return [
      containerEvent(rec, uid, 'kill', { signal: '15' }),
      {
        op: 'runtime',
        why: `docker stop ${rec.name}`,
        mutate: (d) => {
          const x = getIn(d.podRuntime, key)?.containers[rec.service];
          if (x !== undefined) Object.assign(x, { stage: 'stopping', until });
        },
      },
    ];
  }
  if ((c.until ?? now) > now) return [];
  return [containerEvent(rec, uid, 'die', { exitCode: '143' }), ...gone];
}

/** Advances the container (advanceDockerContainer.ts), queues its next wake, writes what changed. */
function sync(
  state: ClusterState,
  key: string,
  pod: Pod,
  before: DockerContainer,
  ctx: ReconcileContext,
): Intent[] {
  const now = ctx.now;
  const old = getIn(state.podRuntime, key)?.containers[before.service];
  const { rec, c, events, next, periodic } = advanceDockerContainer(
    ctx.memo,
    pod,
    before,
    old,
    state.settings,
    now,
  );
  const intents: Intent[] = [...events];
  if (next === Infinity) delete rec.wakeAt;
  else if (next !== before.wakeAt) {
    rec.wakeAt = next;
    ctx.requeueAfter(key, Math.max(0, next - now), periodic);
  }
  if (JSON.stringify(rec) !== JSON.stringify(before) || JSON.stringify(c) !== JSON.stringify(old ?? null))
    intents.push({
      op: 'runtime',
      why: `dockerd: ${rec.name} ${rec.status}`,
      mutate: (d) => {
        const docker = d.docker;
        if (docker !== undefined) docker.containers[key] = rec;
        const r = getIn(d.podRuntime, key);
        if (r !== undefined) r.containers[rec.service] = c;
      },
    });
  const status = reportStatus(key, pod, rec, c, now);
  if (status !== undefined) intents.push(status);
  return intents;
}

/** The pod's status from Docker's view of its container, when it differs from what the API has. */
function reportStatus(
  key: string,
  pod: Pod,
  rec: DockerContainer,
  c: ContainerRuntime,
  now: number,
): Intent | undefined {
  const s = podStatusOf(rec, c, now, shortId(pod.metadata.uid));
  const conditions = readyConditions(pod, s.ready, now, rec.status === 'running' ? rec.health : undefined);
  const old = pod.status;
  const same =
    s.phase === old.phase &&
    JSON.stringify([s.status]) === JSON.stringify(old.containerStatuses) &&
    JSON.stringify(conditions) === JSON.stringify(old.conditions) &&
    old.startTime !== undefined;
  if (same) return undefined;
  return update('Pod', key, 'dockerd status', (p) => {
    p.status.phase = s.phase;
    p.status.containerStatuses = [s.status];
    p.status.conditions = conditions;
    p.status.startTime ??= now;
    delete p.status.reason;
  });
}
