/**
 * One manager reconcile works on a copy of `state.swarm` and collects what to do with the
 * Kubernetes-side objects (task pods, events); `manager.ts` turns it into intents at the end.
 */
import {
  type ClusterState,
  getIn,
  type Intent,
  type ReconcileContext,
  type SwarmService,
  type SwarmState,
  type SwarmTask,
} from '../../model';
import { newId } from './ids';

export interface Work {
  readonly state: ClusterState;
  readonly sw: SwarmState;
  readonly now: number;
  readonly ctx: ReconcileContext;
  intents: Intent[];
  /** The earliest time something is due (a restart delay, a grace period, an update batch). */
  wakeAt: number;
}

export function wakeAt(w: Work, at: number): void {
  if (at > w.now && at < w.wakeAt) w.wakeAt = at;
}

/** Active tasks: desired state ready or running (swarmkit: DesiredState <= TaskStateRunning). */
export const isActive = (t: SwarmTask): boolean => t.desiredState !== 'shutdown';

/** Terminal current states. */
export const isTerminal = (t: SwarmTask): boolean =>
  t.state === 'complete' || t.state === 'failed' || t.state === 'rejected' || t.state === 'shutdown';

/** Oldest first; tasks created together by slot (or node), then id. */
export function byAge(a: SwarmTask, b: SwarmTask): number {
  const wa = String(a.slot ?? a.node ?? '').padStart(12, '0');
  const wb = String(b.slot ?? b.node ?? '').padStart(12, '0');
  return a.createdAt - b.createdAt || (wa < wb ? -1 : wa > wb ? 1 : a.id < b.id ? -1 : 1);
}

/** Tasks of a service in a stable order. */
export function tasksOf(sw: SwarmState, serviceId: string): SwarmTask[] {
  return Object.values(sw.tasks)
    .filter((t) => t.serviceId === serviceId)
    .sort(byAge);
}

/**
 * The lowest free address of the stack's overlay /24 after the services' VIPs (swarmkit's IPAM
 * allocates a task's network attachment when the task is created). An address is taken while its
 * task is active or its container still exists.
 */
function allocateIp(w: Work): { ip: string } | Record<string, never> {
  const taken = new Set(
    Object.values(w.sw.tasks)
      .filter((t) => isActive(t) || (t.pod !== undefined && getIn(w.state.pods, t.pod) !== undefined))
      .map((t) => t.ip),
  );
  const base = w.sw.subnet.split('/')[0]?.split('.') ?? [];
  const first = 2 + Object.keys(w.sw.services).length;
  for (let host = first; host < 255; host++) {
    const ip = `${base[0]}.${base[1]}.${base[2]}.${host}`;
    if (!taken.has(ip)) return { ip };
  }
  return {}; // the /24 is full: the task runs without an overlay address
}

/** A new task (state new) for a slot or a node. */
export function createTask(
  w: Work,
  svc: SwarmService,
  where: { slot: number } | { node: string },
  desiredState: SwarmTask['desiredState'],
): SwarmTask {
  const t: SwarmTask = {
    id: newId(w.ctx.random),
    ...allocateIp(w),
    serviceId: svc.id,
    ...where,
    desiredState,
    state: 'new',
    message: 'created',
    since: w.now,
    createdAt: w.now,
    specVersion: svc.specVersion,
    image: svc.image,
  };
  w.sw.tasks[t.id] = t;
  return t;
}

export function setState(
  w: Work,
  t: SwarmTask,
  state: SwarmTask['state'],
  message: string,
  err?: string,
): void {
  if (t.state === state && t.message === message) return;
  t.state = state;
  t.message = message;
  t.since = w.now;
  if (err === undefined) delete t.err;
  else t.err = err;
}

/** A Kubernetes Event about a swarm node (the Node object) or service (its VIP Service object). */
export function swarmEvent(
  w: Work,
  on: { kind: 'Node'; name: string } | { kind: 'Service'; name: string },
  type: 'Normal' | 'Warning',
  reason: string,
  message: string,
  component: string,
): void {
  const obj = on.kind === 'Node' ? w.state.nodes[on.name] : w.state.services?.[`default/${on.name}`];
  w.intents.push({
    op: 'event',
    object: {
      kind: on.kind,
      name: on.name,
      uid: obj?.metadata.uid ?? '',
      ...(on.kind === 'Service' ? { namespace: 'default' } : {}),
    },
    type,
    reason,
    message,
    source: { component },
  });
}
