/**
 * The Docker daemon of every host, as one controller keyed by container (pod key). It starts the
 * containers Compose (or its own boot) asked for, notices exits (`die`), restarts them on the same
 * host per their restart policy with the restart manager's delay (restartManager.ts), and runs
 * their healthchecks (healthcheck.ts). Nothing here moves a container: a daemon only knows its
 * own host, and a host that is down runs nothing.
 */
import { TERMINATED_STATES } from '../../lifecycle';
import { behaviourDefaults, causeAt, failureWindows } from '../../model/containerBehaviour';
import type { DockerContainer } from '../../model/docker';
import { type Controller, type Intent, type ReconcileContext, update } from '../../model/intents';
import type { Pod } from '../../model/objects';
import { getIn } from '../../model/sharded';
import type { ClusterState, ContainerRuntime } from '../../model/state';
import { containerEvent, shortId } from './dockerEvents';
import { type AppAt, advanceHealth, initialHealth, nextResultAt } from './healthcheck';
import { podStatusOf, readyConditions } from './podStatus';
import { shouldRestart } from './restartManager';

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

/** What the scripted app does at time t for the container instance `c` (containerBehaviour.ts). */
function appOf(pod: Pod, rec: DockerContainer, c: ContainerRuntime): AppAt {
  const windows = failureWindows(c, behaviourDefaults(pod, rec.service), c.startedAt ?? 0);
  return (t) => {
    const cause = causeAt(windows, t, true);
    return cause === undefined ? 'ok' : cause === 'hung' ? 'hung' : 'fail';
  };
}

function sync(
  state: ClusterState,
  key: string,
  pod: Pod,
  before: DockerContainer,
  ctx: ReconcileContext,
): Intent[] {
  const now = ctx.now;
  const uid = pod.metadata.uid;
  const rec: DockerContainer = { ...before, ...(before.health ? { health: { ...before.health } } : {}) };
  const old = getIn(state.podRuntime, key)?.containers[rec.service];
  let c: ContainerRuntime = { ...(old ?? { machine: 'ContainerCreating' }) };
  const scripted = c.behaviourCleared ? {} : behaviourDefaults(pod, rec.service);
  const intents: Intent[] = [];
  const ev = (action: string, extra: Record<string, string> = {}, type: 'Normal' | 'Warning' = 'Normal') =>
    intents.push(containerEvent(rec, uid, action, extra, type));

  if (old === undefined) ev('create');
  const start = (at: number, restart: boolean) => {
    // The restart manager counts its restarts; any other start (compose up, the daemon's restore
    // at boot) is containerStart with resetRestartManager, which zeroes RestartCount.
    rec.restartCount = restart ? rec.restartCount + 1 : 0;
    if (c.startedAt !== undefined) rec.lastStartedAt = c.startedAt;
    rec.status = 'running';
    rec.everStarted = true;
    delete rec.startRequested;
    delete rec.restartAt;
    // A new process: the old one's hang goes with it; scripted windows that are not per process stay.
    const {
      hangFrom: _h,
      hangUntil: _u,
      stage: _s,
      until: _t,
      exitCode: _e,
      finishedAt: _f,
      reason: _r,
      ...keep
    } = c;
    c = { ...keep, machine: 'Running', startedAt: at };
    if (rec.healthcheck !== undefined) rec.health = initialHealth(rec.healthcheck, at);
    else delete rec.health;
    ev('start');
  };

  for (let guard = 0; guard < 8; guard++) {
    if ((rec.status === 'created' || rec.status === 'exited') && rec.startRequested === true) {
      if (c.stage !== 'starting') {
        c = {
          ...c,
          machine: 'ContainerCreating',
          stage: 'starting',
          until: now + state.settings.containerStartTime,
        };
        continue;
      }
      if ((c.until ?? now) <= now) {
        start(c.until ?? now, false);
        continue;
      }
      break;
    }
    if (rec.status === 'restarting' && (rec.restartAt ?? now) <= now) {
      start(rec.restartAt ?? now, true);
      continue;
    }
    if (rec.status !== 'running') break;
    const crashAfterMs = c.crashAfterMs ?? scripted.crashAfterMs;
    if (c.machine === 'Running' && crashAfterMs !== undefined && (c.startedAt ?? 0) + crashAfterMs <= now) {
      const exitCode = c.crashExitCode ?? scripted.exitCode ?? 1;
      c = {
        ...c,
        machine: exitCode === 0 ? 'Completed' : 'Error',
        exitCode,
        finishedAt: (c.startedAt ?? 0) + crashAfterMs,
      };
      delete c.reason;
    }
    if (TERMINATED_STATES.includes(c.machine)) {
      // The process is gone (crashContainer, a scripted crash): Docker's die, then the restart manager.
      const exitCode = c.exitCode ?? 0;
      const finishedAt = c.finishedAt ?? now;
      if (rec.health !== undefined) runHealth(rec, c, appOf(pod, rec, c), now, finishedAt, ev);
      if (c.machine === 'OOMKilled') ev('oom', {}, 'Warning');
      ev('die', { exitCode: String(exitCode) }, exitCode === 0 ? 'Normal' : 'Warning');
      const d = shouldRestart(
        rec.restart,
        exitCode,
        rec.restartCount,
        rec.restartTimeoutMs,
        finishedAt - (c.startedAt ?? finishedAt),
      );
      rec.restartTimeoutMs = d.timeoutMs;
      rec.exitCode = exitCode;
      rec.finishedAt = finishedAt;
      if (d.restart) {
        rec.status = 'restarting';
        rec.restartAt = finishedAt + d.timeoutMs;
      } else rec.status = 'exited';
      continue;
    }
    if (rec.health !== undefined) runHealth(rec, c, appOf(pod, rec, c), now, Infinity, ev);
    break;
  }

  // The next thing due: a start finishing, a restart, a scripted crash, a health check result.
  const due: number[] = [];
  if (c.stage === 'starting' && c.until !== undefined) due.push(c.until);
  if (rec.status === 'restarting' && rec.restartAt !== undefined) due.push(rec.restartAt);
  const crashAfterMs = c.crashAfterMs ?? scripted.crashAfterMs;
  if (rec.status === 'running' && c.machine === 'Running' && crashAfterMs !== undefined)
    due.push((c.startedAt ?? 0) + crashAfterMs);
  let healthDue = Infinity;
  if (rec.status === 'running' && rec.health !== undefined && rec.healthcheck !== undefined)
    healthDue = nextResultAt(rec.health, rec.healthcheck, appOf(pod, rec, c));
  const other = Math.min(Infinity, ...due);
  const next = Math.min(other, healthDue);
  if (next === Infinity) delete rec.wakeAt;
  else if (next !== before.wakeAt) {
    rec.wakeAt = next;
    // Steady health checks do not keep a run from settling (like the traffic tick).
    const periodic = next === healthDue && next < other && rec.health?.status !== 'starting';
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
  const s = podStatusOf(rec, c, now, shortId(uid));
  const conditions = readyConditions(pod, s.ready, now, rec.status === 'running' ? rec.health : undefined);
  const old0 = pod.status;
  if (
    s.phase !== old0.phase ||
    JSON.stringify([s.status]) !== JSON.stringify(old0.containerStatuses) ||
    JSON.stringify(conditions) !== JSON.stringify(old0.conditions) ||
    old0.startTime === undefined
  )
    intents.push(
      update('Pod', key, 'dockerd status', (p) => {
        p.status.phase = s.phase;
        p.status.containerStatuses = [s.status];
        p.status.conditions = conditions;
        p.status.startTime ??= now;
        delete p.status.reason;
      }),
    );
  return intents;
}

/** Runs the due health checks (up to `until`, the exit) and records each change of status. */
function runHealth(
  rec: DockerContainer,
  c: ContainerRuntime,
  app: AppAt,
  now: number,
  until: number,
  ev: (action: string, extra?: Record<string, string>, type?: 'Normal' | 'Warning') => void,
): void {
  if (rec.health === undefined || rec.healthcheck === undefined) return;
  const r = advanceHealth(rec.health, rec.healthcheck, c.startedAt ?? now, app, now, until);
  rec.health = r.health;
  for (const ch of r.changes)
    ev(`health_status: ${ch.status}`, {}, ch.status === 'unhealthy' ? 'Warning' : 'Normal');
}
