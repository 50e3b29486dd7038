/**
 * The kubelet of every node, as one controller keyed by pod. For each pod bound to its node it
 * admits the pod, pulls images, creates and starts containers, restarts them with back-off under
 * the pod's restartPolicy, stops them on deletion, and reports the pod's status. A node whose
 * machine is down has no running kubelet: its pods' API status goes stale, as in a real cluster.
 */
import { TERMINATED_STATES } from '../lifecycle';
import {
  type ClusterState,
  type ContainerRuntime,
  type ContainerStatus,
  type Controller,
  deleteIn,
  getIn,
  type Intent,
  type Pod,
  type PodRuntime,
  podsOnNode,
  type ReconcileContext,
  update,
} from '../model';
import { advanceContainer } from './advanceContainer';
import { admitPod } from './kubeletAdmit';
import { containerEvent, REASON } from './kubeletEvents';
import { computePhase, readinessConditions } from './podStatus';
import { containerStatus } from './kubeletContainer';

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

/** Advances every container to `now` (advanceContainer.ts), then reports the pod's status if it changed. */
function sync(state: ClusterState, key: string, pod: Pod, rt: PodRuntime, ctx: ReconcileContext): Intent[] {
  const now = ctx.now;
  const node = rt.node;
  const intents: Intent[] = [];
  const containers: Record<string, ContainerRuntime> = {};
  const statuses: ContainerStatus[] = [];
  const pulled: string[] = [];
  let wakeAt = Number.POSITIVE_INFINITY;
  for (const spec of pod.spec.containers) {
    const ev = (type: 'Normal' | 'Warning', reason: string, message: string) =>
      intents.push(containerEvent(pod, spec.name, node, type, reason, message));
    const out = advanceContainer(ctx.memo, pod, spec, rt, state.settings, now, ev);
    if (out.pulled !== undefined) pulled.push(out.pulled);
    if (out.probeRequeueMs !== undefined) ctx.requeueAfter(key, out.probeRequeueMs);
    wakeAt = Math.min(wakeAt, out.wakeAt);
    containers[spec.name] = out.c;
    statuses.push(containerStatus(spec, out.c, out.restartCount, out.lastState, pod, rt));
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
function reportStatus(
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
