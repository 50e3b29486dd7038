/**
 * The kubelet of every node, as one controller keyed by pod. For each pod bound to its node it
 * admits the pod, pulls images, creates and starts containers, restarts them with back-off under
 * the pod's restartPolicy, stops them on deletion, and reports the pod's status. A node whose
 * machine is down has no running kubelet: its pods' API status goes stale, as in a real cluster.
 */
import { advance, containerMachine, TERMINATED_STATES } from '../lifecycle';
import { type Controller, type Intent, type ReconcileContext, update } from '../model/intents';
import type { ContainerStatus, Pod } from '../model/objects';
import { podsOnNode } from '../model/indexes';
import { deleteIn, getIn } from '../model/sharded';
import type { ClusterState, ContainerRuntime, PodRuntime } from '../model/state';
import { backoffUntil, nextBackoff } from './backoff';
import { admitPod } from './kubeletAdmit';
import { containerEvent, goDuration, podDesc, REASON } from './kubeletEvents';
import { computePhase, readinessConditions } from './podStatus';
import { containerStatus, runProbes, terminatedState } from './kubeletContainer';
import { startWorkers } from './probes';
import { behaviourDefaults } from '../lifecycle/containerBehaviour';

export const KUBELET = 'kubelet';

export const kubelet: Controller = {
  name: KUBELET,
  keysFor(change, state) {
    if (change.kind === 'Pod') {
      const pod = (change.after ?? change.before) as Pod;
      return pod.spec.nodeName !== undefined ? [change.key] : [];
    }
    if (change.kind === 'Node' && change.after !== undefined) {
      const node = (change.after as { metadata: { name: string } }).metadata.name;
      return podsOnNode(state, node).map(([k]) => k);
    }
    return [];
  },
  reconcile(state, key, ctx) {
    const pod = getIn(state.pods, key);
    const runtime = getIn(state.podRuntime, key);
    if (pod === undefined) return runtime ? [dropRuntime(key)] : [];
    const nodeName = pod.spec.nodeName;
    if (nodeName === undefined) return [];
    const node = state.nodeRuntime[nodeName];
    if (node === undefined || !node.up) return []; // no kubelet is running there
    const rt = runtime && runtime.uid === pod.metadata.uid ? runtime : undefined;
    if (pod.metadata.deletionTimestamp !== undefined) return terminate(state, key, pod, rt, ctx);
    if (pod.status.phase === 'Succeeded' || pod.status.phase === 'Failed') return [];
    if (rt === undefined) return admitPod(state, key, pod, nodeName, ctx);
    return sync(state, key, pod, rt, ctx);
  },
};

function dropRuntime(key: string): Intent {
  return { op: 'runtime', why: 'pod is gone', mutate: (d) => deleteIn(d.podRuntime, key) };
}

/** Advances every container to `now`, then reports the pod's status if it changed. */
function sync(state: ClusterState, key: string, pod: Pod, rt: PodRuntime, ctx: ReconcileContext): Intent[] {
  const now = ctx.now;
  const node = rt.node;
  const intents: Intent[] = [];
  const containers: Record<string, ContainerRuntime> = {};
  const statuses: ContainerStatus[] = [];
  const pulled: string[] = [];
  let wakeAt = Number.POSITIVE_INFINITY;
  for (const spec of pod.spec.containers) {
    const old = pod.status.containerStatuses.find((s) => s.name === spec.name);
    const c: ContainerRuntime = {
      ...(rt.containers[spec.name] ?? { machine: 'ContainerCreating', stage: 'starting', until: now }),
    };
    let restartCount = old?.restartCount ?? 0;
    let lastState = old?.lastState ?? {};
    const ev = (type: 'Normal' | 'Warning', reason: string, message: string) =>
      intents.push(containerEvent(pod, spec.name, node, type, reason, message));
    const scripted = c.behaviourCleared ? {} : behaviourDefaults(pod, spec.name);
    const crashAfterMs = c.crashAfterMs ?? scripted.crashAfterMs;
    // A container can move through several states in one reconcile (exit, then restart).
    for (let guard = 0; guard < 4; guard++) {
      if (c.machine === 'ContainerCreating' && c.until !== undefined && c.until <= now) {
        if (c.stage === 'pulling') {
          const took = ctx.now - (c.until - state.settings.imagePullTime);
          ev(
            'Normal',
            REASON.pulled,
            `Successfully pulled image "${spec.image}" in ${goDuration(took)} (${goDuration(took)} including waiting)`,
          );
          pulled.push(spec.image);
          c.stage = 'starting';
          c.until = now + state.settings.containerStartTime;
          continue;
        }
        c.machine = advance(containerMachine, c.machine, { type: 'STARTED' });
        delete c.stage;
        delete c.until;
        c.startedAt = now;
        const workers = startWorkers(spec, now);
        if (workers === undefined) delete c.probes;
        else c.probes = workers;
        ev('Normal', REASON.created, `Created container: ${spec.name}`);
        ev('Normal', REASON.started, `Started container ${spec.name}`);
        continue;
      }
      if (
        c.machine === 'Running' &&
        c.stage === 'stopping' &&
        c.stopExitCode !== undefined &&
        c.until !== undefined &&
        c.until <= now
      ) {
        // A liveness/startup kill completes (probes.ts).
        const exitCode = c.stopExitCode;
        c.machine = advance(containerMachine, c.machine, { type: 'EXITED', exitCode });
        c.exitCode = exitCode;
        c.finishedAt = c.until;
        delete c.reason;
        delete c.stage;
        delete c.until;
        delete c.stopExitCode;
        continue;
      }
      if (
        c.machine === 'Running' &&
        c.stage !== 'stopping' &&
        crashAfterMs !== undefined &&
        (c.startedAt ?? 0) + crashAfterMs <= now
      ) {
        const exitCode = c.crashExitCode ?? scripted.exitCode ?? 1;
        c.machine = advance(containerMachine, c.machine, { type: 'EXITED', exitCode });
        c.exitCode = exitCode;
        c.finishedAt = (c.startedAt ?? 0) + crashAfterMs;
        delete c.reason;
        continue;
      }
      if (TERMINATED_STATES.includes(c.machine) || c.machine === 'CrashLoopBackOff') {
        const exitCode = c.exitCode ?? 0;
        const restart =
          pod.spec.restartPolicy === 'Always' || (pod.spec.restartPolicy === 'OnFailure' && exitCode !== 0);
        if (!restart) break;
        const finishedAt = c.finishedAt ?? now;
        const waitUntil = backoffUntil(c, finishedAt, now, state.settings);
        if (waitUntil !== undefined) {
          if (c.machine !== 'CrashLoopBackOff') {
            c.machine = advance(containerMachine, c.machine, { type: 'BACK_OFF' });
            ev(
              'Warning',
              REASON.backOff,
              `Back-off restarting failed container ${spec.name} in pod ${podDesc(pod)}`,
            );
          }
          wakeAt = Math.min(wakeAt, waitUntil);
          break;
        }
        // Restart: the exit becomes lastState; image is on the node, so only create/start time.
        lastState = { terminated: terminatedState(c, exitCode, finishedAt) };
        Object.assign(c, nextBackoff(c, finishedAt, now, state.settings));
        c.machine = advance(containerMachine, c.machine, { type: 'RESTART' });
        // A new process: the old one's probe workers and hang go with it.
        delete c.probes;
        delete c.hangFrom;
        delete c.hangUntil;
        c.stage = 'starting';
        c.until = now + state.settings.containerStartTime;
        restartCount += 1;
        continue;
      }
      break;
    }
    // Probes keep running while a probe kill is under way: readiness still reports (liveness and
    // startup are on hold by then).
    if (c.machine === 'Running' && c.probes !== undefined) {
      const probeWake = runProbes(pod, spec, c, scripted, now, state.settings.containerStopTime, ev);
      // Queue a probe wake once, however many times the pod is reconciled before it fires.
      if (probeWake === Infinity) delete c.probeWakeAt;
      else if (probeWake !== c.probeWakeAt) {
        c.probeWakeAt = probeWake;
        ctx.requeueAfter(key, Math.max(0, probeWake - now));
      }
    }
    if (c.until !== undefined) wakeAt = Math.min(wakeAt, c.until);
    if (c.machine === 'Running' && c.stage !== 'stopping' && crashAfterMs !== undefined)
      wakeAt = Math.min(wakeAt, (c.startedAt ?? 0) + crashAfterMs);
    containers[spec.name] = c;
    statuses.push(containerStatus(spec, c, restartCount, lastState, pod, rt));
  }
  if (wakeAt !== Number.POSITIVE_INFINITY) ctx.requeueAfter(key, Math.max(0, wakeAt - now));
  if (JSON.stringify(containers) !== JSON.stringify(rt.containers) || pulled.length > 0) {
    intents.push({
      op: 'runtime',
      why: 'containers advanced',
      mutate: (d) => {
        const r = getIn(d.podRuntime, key);
        if (r) r.containers = containers;
        const n = d.nodeRuntime[node];
        if (n) for (const img of pulled) n.images[img] = true;
      },
    });
  }
  const status = reportStatus(pod, statuses, now);
  if (status) intents.push(status(key));
  return intents;
}

/** An update intent when phase, container statuses or conditions differ from what the API has. */
export function reportStatus(
  pod: Pod,
  statuses: ContainerStatus[],
  now: number,
): ((key: string) => Intent) | undefined {
  const phase = computePhase(pod, statuses);
  const conditions = pod.status.conditions.map((c) => ({ ...c }));
  readinessConditions(conditions, statuses, now, phase === 'Succeeded');
  const same =
    phase === pod.status.phase &&
    JSON.stringify(statuses) === JSON.stringify(pod.status.containerStatuses) &&
    JSON.stringify(conditions) === JSON.stringify(pod.status.conditions);
  if (same) return undefined;
  return (key) =>
    update('Pod', key, 'kubelet status update', (p) => {
      p.status.phase = phase;
      p.status.containerStatuses = statuses;
      p.status.conditions = conditions;
    });
}

/** Graceful termination: stop running containers (up to the grace period), then remove the pod. */
function terminate(
  state: ClusterState,
  key: string,
  pod: Pod,
  rt: PodRuntime | undefined,
  ctx: ReconcileContext,
): Intent[] {
  const now = ctx.now;
  const node = pod.spec.nodeName as string;
  const live = rt
    ? Object.entries(rt.containers).filter(([, c]) => !TERMINATED_STATES.includes(c.machine))
    : [];
  if (live.length === 0) return [{ op: 'delete', kind: 'Pod', key, why: 'containers stopped' }];
  const stopping = live.filter(([, c]) => c.stage === 'stopping');
  if (stopping.length === 0) {
    const grace = (pod.metadata.deletionGracePeriodSeconds ?? pod.spec.terminationGracePeriodSeconds) * 1000;
    const until = now + Math.min(state.settings.containerStopTime, grace);
    ctx.requeueAfter(key, until - now);
    return [
      ...live
        .filter(([, c]) => c.machine === 'Running')
        .map(([name]) =>
          containerEvent(pod, name, node, 'Normal', REASON.killing, `Stopping container ${name}`),
        ),
      {
        op: 'runtime',
        why: 'stopping containers',
        mutate: (d) => {
          for (const [name] of live) {
            const c = getIn(d.podRuntime, key)?.containers[name];
            if (c) Object.assign(c, { stage: 'stopping', until });
          }
        },
      },
    ];
  }
  const until = Math.max(...stopping.map(([, c]) => c.until ?? now));
  if (until > now) {
    ctx.requeueAfter(key, until - now);
    return [];
  }
  return [{ op: 'delete', kind: 'Pod', key, why: 'containers stopped after SIGTERM' }];
}
