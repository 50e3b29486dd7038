/**
 * Commands on nodes: a machine fails or comes back; kubectl cordon, uncordon and drain.
 */
import {
  type ClusterState,
  getIn,
  type Intent,
  lastHeartbeat,
  type Node,
  podsOnNode,
  runtimesOnNode,
  TAINT_UNSCHEDULABLE,
  update,
} from '../../model';
import { controllerOf, deletePodIntents, healthyNodeConditions } from '../../controllers';
import { accepts, advance, nodeMachine, TERMINATED_STATES } from '../../lifecycle';
import { CommandError } from '../simulation';
import { resolveNode } from './targets';

function kubeletNodeEvent(node: Node, reason: string, message: string): Intent {
  return {
    op: 'event',
    object: { kind: 'Node', name: node.metadata.name, uid: node.metadata.uid },
    type: 'Normal',
    reason,
    message,
    source: { component: 'kubelet', host: node.metadata.name },
  };
}

/**
 * The machine loses power: its kubelet stops (no more heartbeats, no status updates) and its
 * containers die. The control plane only finds out when the grace period passes.
 */
export function failNode(state: ClusterState, name: string, now: number): Intent[] {
  resolveNode(state, name);
  const rt = state.nodeRuntime[name];
  if (rt === undefined || !rt.up) throw new CommandError(`node ${name} is already down`);
  const hb = lastHeartbeat(rt, now, state.settings.nodeStatusUpdateFrequency);
  const admitted = runtimesOnNode(state, name).map(([key]) => key);
  return [
    {
      op: 'runtime',
      why: `${name} lost power`,
      mutate: (d) => {
        const n = d.nodeRuntime[name];
        if (!n) return;
        n.up = false;
        n.lastHeartbeat = hb;
        for (const key of admitted) {
          const pr = getIn(d.podRuntime, key);
          if (pr === undefined) continue;
          for (const c of Object.values(pr.containers)) {
            if (TERMINATED_STATES.includes(c.machine)) continue;
            // After a reboot the kubelet finds the container gone: Terminated, reason Unknown, 255.
            c.machine = 'Error';
            c.exitCode = 255;
            c.reason = 'Unknown';
            c.finishedAt = now;
            delete c.stage;
            delete c.until;
          }
        }
      },
    },
    { op: 'trace', record: { type: 'action', action: 'failNode', node: name } },
  ];
}

/** The machine boots: the kubelet starts, reports Ready and resyncs the pods bound to it. */
export function recoverNode(state: ClusterState, name: string, now: number): Intent[] {
  const node = resolveNode(state, name);
  const rt = state.nodeRuntime[name];
  if (rt === undefined || rt.up) throw new CommandError(`node ${name} is not down`);
  return [
    {
      op: 'runtime',
      why: `${name} booted`,
      mutate: (d) => {
        const n = d.nodeRuntime[name];
        if (!n) return;
        n.up = true;
        n.bootedAt = now;
        n.heartbeatPhase = now;
        n.lastHeartbeat = now;
        // The control plane may not have noticed the outage yet (still Ready): nothing to move.
        const ready = { type: 'KUBELET_READY' } as const;
        if (accepts(nodeMachine, n.machine, ready)) n.machine = advance(nodeMachine, n.machine, ready);
      },
    },
    update('Node', name, 'kubelet posts Ready', (n) => {
      n.status.conditions = healthyNodeConditions(now, n.status.conditions);
    }),
    kubeletNodeEvent(node, 'Starting', 'Starting kubelet.'),
    kubeletNodeEvent(node, 'NodeReady', `Node ${name} status is now: NodeReady`),
    { op: 'trace', record: { type: 'action', action: 'recoverNode', node: name } },
  ];
}

/** `kubectl cordon`: spec.unschedulable, with the matching NoSchedule taint (TaintNodesByCondition). */
export function cordon(state: ClusterState, name: string, now: number): Intent[] {
  const node = resolveNode(state, name);
  if (node.spec.unschedulable)
    return [
      { op: 'trace', record: { type: 'action', action: 'cordon', node: name, note: 'already cordoned' } },
    ];
  return [
    update('Node', name, 'cordon', (n) => {
      n.spec.unschedulable = true;
      n.spec.taints = [
        ...(n.spec.taints ?? []),
        { key: TAINT_UNSCHEDULABLE, effect: 'NoSchedule', timeAdded: now },
      ];
    }),
    kubeletNodeEvent(node, 'NodeNotSchedulable', `Node ${name} status is now: NodeNotSchedulable`),
    { op: 'trace', record: { type: 'action', action: 'cordon', node: name } },
  ];
}

export function uncordon(state: ClusterState, name: string): Intent[] {
  const node = resolveNode(state, name);
  if (!node.spec.unschedulable)
    return [
      { op: 'trace', record: { type: 'action', action: 'uncordon', node: name, note: 'already uncordoned' } },
    ];
  return [
    update('Node', name, 'uncordon', (n) => {
      delete n.spec.unschedulable;
      n.spec.taints = (n.spec.taints ?? []).filter((t) => t.key !== TAINT_UNSCHEDULABLE);
    }),
    kubeletNodeEvent(node, 'NodeSchedulable', `Node ${name} status is now: NodeSchedulable`),
    { op: 'trace', record: { type: 'action', action: 'uncordon', node: name } },
  ];
}

/**
 * `kubectl drain`: cordon, then evict every pod on the node through the Eviction API (DaemonSet
 * pods are skipped, as with --ignore-daemonsets). No PodDisruptionBudgets are modelled yet.
 */
export function drain(state: ClusterState, name: string, now: number): Intent[] {
  const intents = cordon(state, name, now);
  const pods = podsOnNode(state, name)
    .map(([, p]) => p)
    .filter((p) => p.metadata.deletionTimestamp === undefined)
    .filter((p) => controllerOf(p.metadata)?.kind !== 'DaemonSet')
    .sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : 1));
  for (const p of pods) {
    intents.push(
      {
        op: 'trace',
        record: {
          type: 'action',
          action: 'evict',
          pod: `${p.metadata.namespace}/${p.metadata.name}`,
          node: name,
        },
      },
      ...deletePodIntents(p, now, `drain ${name}`),
    );
  }
  intents.push({
    op: 'trace',
    record: { type: 'action', action: 'drain', node: name, evicted: pods.length },
  });
  return intents;
}
