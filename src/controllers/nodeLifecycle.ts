/**
 * The node lifecycle controller (K pkg/controller/nodelifecycle/node_lifecycle_controller.go):
 * every node-monitor-period (5 s) it checks each node's last heartbeat; after
 * node-monitor-grace-period without one, the node's conditions become Unknown, its pods are marked
 * not ready, and it is tainted `node.kubernetes.io/unreachable` (NoSchedule and NoExecute). When the
 * kubelet reports Ready again, the taints go.
 */
import { advance, nodeMachine } from '../lifecycle';
import {
  type ClusterState,
  type Controller,
  type Intent,
  lastHeartbeat,
  type Node,
  type NodeCondition,
  podsOnNode,
  type Taint,
  TAINT_NOT_READY,
  TAINT_UNREACHABLE,
  update,
} from '../model';
import { setCondition } from './podStatus';

export const NODE_LIFECYCLE_CONTROLLER = 'node-lifecycle-controller';
/** The key of the periodic monitor pass. */
export const MONITOR_KEY = 'monitor';

const UNKNOWN_MESSAGE = 'Kubelet stopped posting node status.';

function nodeEvent(node: Node, type: 'Normal' | 'Warning', reason: string, message: string): Intent {
  return {
    op: 'event',
    object: { kind: 'Node', name: node.metadata.name, uid: node.metadata.uid },
    type,
    reason,
    message,
    source: { component: 'node-controller' },
  };
}

function readyCondition(node: Node): NodeCondition | undefined {
  return node.status.conditions.find((c) => c.type === 'Ready');
}

const hasTaint = (node: Node, key: string) => (node.spec.taints ?? []).some((t) => t.key === key);

function markUnknown(state: ClusterState, node: Node, now: number): Intent[] {
  const name = node.metadata.name;
  const intents: Intent[] = [
    update('Node', name, 'no heartbeat within the grace period', (n) => {
      for (const c of n.status.conditions) {
        if (c.status !== 'Unknown') c.lastTransitionTime = now;
        c.status = 'Unknown';
        c.reason = 'NodeStatusUnknown';
        c.message = UNKNOWN_MESSAGE;
      }
      const taints: Taint[] = (n.spec.taints ?? []).filter((t) => t.key !== TAINT_NOT_READY);
      if (!taints.some((t) => t.key === TAINT_UNREACHABLE && t.effect === 'NoSchedule'))
        taints.push({ key: TAINT_UNREACHABLE, effect: 'NoSchedule', timeAdded: now });
      if (!taints.some((t) => t.key === TAINT_UNREACHABLE && t.effect === 'NoExecute'))
        taints.push({ key: TAINT_UNREACHABLE, effect: 'NoExecute', timeAdded: now });
      n.spec.taints = taints;
    }),
    nodeEvent(node, 'Normal', 'NodeNotReady', `Node ${name} status is now: NodeNotReady`),
    {
      op: 'runtime',
      why: 'node machine',
      mutate: (d) => {
        const rt = d.nodeRuntime[name];
        if (rt) rt.machine = advance(nodeMachine, rt.machine, { type: 'GRACE_PERIOD_EXCEEDED' });
      },
    },
  ];
  // MarkPodsNotReady (K pkg/controller/util/node/controller_utils.go): only a Ready condition that
  // actually changes is updated, and only then is the pod's NodeNotReady event recorded.
  for (const [key, pod] of podsOnNode(state, name)) {
    const ready = pod.status.conditions.find((c) => c.type === 'Ready');
    if (ready === undefined || ready.status === 'False') continue;
    intents.push(
      update('Pod', key, 'node not ready', (p) => setCondition(p.status.conditions, 'Ready', 'False', now)),
      {
        op: 'event',
        object: {
          kind: 'Pod',
          namespace: pod.metadata.namespace ?? 'default',
          name: pod.metadata.name,
          uid: pod.metadata.uid,
        },
        type: 'Warning',
        reason: 'NodeNotReady',
        message: 'Node is not ready',
        source: { component: 'node-controller' },
      },
    );
  }
  return intents;
}

export const nodeLifecycleController: Controller = {
  name: NODE_LIFECYCLE_CONTROLLER,
  keysFor: () => [],
  reconcile(state, key, ctx) {
    if (key !== MONITOR_KEY) return [];
    const now = ctx.now;
    const s = state.settings;
    const intents: Intent[] = [];
    for (const name of Object.keys(state.nodes).sort()) {
      const node = state.nodes[name] as Node;
      const rt = state.nodeRuntime[name];
      if (rt === undefined) continue;
      const ready = readyCondition(node);
      const hb = lastHeartbeat(rt, now, s.nodeStatusUpdateFrequency);
      if (ready && ready.status !== 'Unknown' && now - hb > s.nodeMonitorGracePeriod) {
        intents.push(...markUnknown(state, node, now));
      } else if (
        ready?.status === 'True' &&
        (hasTaint(node, TAINT_UNREACHABLE) || hasTaint(node, TAINT_NOT_READY))
      ) {
        intents.push(
          update('Node', name, 'node is Ready again', (n) => {
            n.spec.taints = (n.spec.taints ?? []).filter(
              (t) => t.key !== TAINT_UNREACHABLE && t.key !== TAINT_NOT_READY,
            );
          }),
        );
      } else if (ready?.status === 'False' && !hasTaint(node, TAINT_NOT_READY)) {
        intents.push(
          update('Node', name, 'kubelet reports NotReady', (n) => {
            n.spec.taints = [
              ...(n.spec.taints ?? []),
              { key: TAINT_NOT_READY, effect: 'NoSchedule', timeAdded: now },
              { key: TAINT_NOT_READY, effect: 'NoExecute', timeAdded: now },
            ];
          }),
        );
      }
    }
    ctx.requeueAfter(MONITOR_KEY, s.nodeMonitorPeriod, true);
    return intents;
  },
};
