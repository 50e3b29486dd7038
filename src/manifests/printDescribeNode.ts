/**
 * `kubectl describe node`: a port of describeNode and describeNodeResource from
 * k8s.io/kubectl/pkg/describe/describe.go. The node Lease is derived from the simulated kubelet's
 * heartbeats; System Info comes from {@link SIMULATED_NODE_INFO}.
 */
import {
  canonicalAmount,
  type ClusterState,
  type Container,
  formatAmount,
  formatTaint,
  lastHeartbeat,
  type Node,
  type Pod,
  podRequests,
  type ResourceList,
  toRecord,
} from '../model';
import { compareBytes, listNamespaced } from './printCommon';
import {
  DescribeWriter,
  eventsFor,
  notFoundMessage,
  writeEvents,
  writeMapMultiline,
} from './printDescribeWriter';
import { nodeRoles, SIMULATED_NODE_INFO } from './printNodes';
import { age, toRFC1123Z } from './timeFormat';

/** Resources kubectl counts as standard (resourcehelper.IsStandardContainerResourceName) plus pods. */
const STANDARD_RESOURCES: ReadonlySet<string> = new Set(['cpu', 'memory', 'ephemeral-storage', 'pods']);

function containerLimits(c: Container): ResourceList {
  const out: ResourceList = {};
  for (const [name, text] of Object.entries(c.resources?.limits ?? {})) {
    const v = canonicalAmount(name, text);
    if (v !== undefined) out[name] = v;
  }
  return out;
}

/** Pod limits as resourcehelper.PodRequestsAndLimits sums them: containers added, init containers as a floor. */
function podLimits(pod: Pod): ResourceList {
  const out: ResourceList = {};
  for (const c of pod.spec.containers) {
    for (const [k, v] of Object.entries(containerLimits(c))) out[k] = (out[k] ?? 0) + v;
  }
  for (const c of pod.spec.initContainers ?? []) {
    for (const [k, v] of Object.entries(containerLimits(c))) out[k] = Math.max(out[k] ?? 0, v);
  }
  return out;
}

/** `amount (pct%)` with the percentage truncated as Go's int64(float64) conversion does. */
function withPercent(resource: string, amount: number, allocatable: number): string {
  const pct = allocatable === 0 ? 0 : Math.trunc((amount / allocatable) * 100);
  return `${formatAmount(resource, amount)} (${pct}%)`;
}

/** When the kubelet last renewed its Lease: the last heartbeat at or before `now`. */
function leaseRenewTime(state: ClusterState, node: Node, now: number): number | undefined {
  const rt = state.nodeRuntime[node.metadata.name];
  if (!rt) return node.status.conditions.find((c) => c.type === 'Ready')?.lastHeartbeatTime;
  return lastHeartbeat(rt, now, state.settings.nodeStatusUpdateFrequency);
}

function writeTaints(w: DescribeWriter, node: Node): void {
  w.write(0, 'Taints:\t');
  // printNodeTaintsMultiline sorts by "effect,key".
  const taints = [...(node.spec.taints ?? [])].sort((a, b) =>
    compareBytes(`${a.effect},${a.key}`, `${b.effect},${b.key}`),
  );
  if (taints.length === 0) {
    w.write(0, '<none>\n');
    return;
  }
  taints.forEach((t, i) => w.write(0, `${i === 0 ? '' : '\t'}${formatTaint(t)}\n`));
}

function writeResources(w: DescribeWriter, state: ClusterState, node: Node, now: number): void {
  const allocatable =
    Object.keys(node.status.allocatable).length > 0 ? node.status.allocatable : node.status.capacity;
  // Non-terminated pods bound to the node, in every namespace, in the API server's order.
  const pods = listNamespaced(toRecord(state.pods), { allNamespaces: true }).filter(
    (p) =>
      p.spec.nodeName === node.metadata.name && p.status.phase !== 'Succeeded' && p.status.phase !== 'Failed',
  );
  w.write(0, `Non-terminated Pods:\t(${pods.length} in total)\n`);
  w.write(1, 'Namespace\tName\t\tCPU Requests\tCPU Limits\tMemory Requests\tMemory Limits\tAge\n');
  w.write(1, '---------\t----\t\t------------\t----------\t---------------\t-------------\t---\n');
  const reqs: ResourceList = {};
  const limits: ResourceList = {};
  const cpu = allocatable.cpu ?? 0;
  const mem = allocatable.memory ?? 0;
  for (const pod of pods) {
    const r = podRequests(pod);
    const l = podLimits(pod);
    for (const [k, v] of Object.entries(r)) reqs[k] = (reqs[k] ?? 0) + v;
    for (const [k, v] of Object.entries(l)) limits[k] = (limits[k] ?? 0) + v;
    w.write(
      1,
      `${pod.metadata.namespace ?? ''}\t${pod.metadata.name}\t\t${withPercent('cpu', r.cpu ?? 0, cpu)}\t` +
        `${withPercent('cpu', l.cpu ?? 0, cpu)}\t${withPercent('memory', r.memory ?? 0, mem)}\t` +
        `${withPercent('memory', l.memory ?? 0, mem)}\t${age(pod.metadata.creationTimestamp, now)}\n`,
    );
  }
  w.write(0, 'Allocated resources:\n  (Total limits may be over 100 percent, i.e., overcommitted.)\n');
  w.write(1, 'Resource\tRequests\tLimits\n');
  w.write(1, '--------\t--------\t------\n');
  for (const res of ['cpu', 'memory', 'ephemeral-storage']) {
    const a = allocatable[res] ?? 0;
    w.write(1, `${res}\t${withPercent(res, reqs[res] ?? 0, a)}\t${withPercent(res, limits[res] ?? 0, a)}\n`);
  }
  const ext = Object.keys(allocatable)
    .filter((k) => !STANDARD_RESOURCES.has(k) && !k.startsWith('hugepages-'))
    .sort(compareBytes);
  for (const k of ext)
    w.write(1, `${k}\t${formatAmount(k, reqs[k] ?? 0)}\t${formatAmount(k, limits[k] ?? 0)}\n`);
}

/**
 * `kubectl describe node <name>` at simulated time `now`, or kubectl's NotFound error text when
 * there is no such node.
 */
export function describeNode(state: ClusterState, name: string, now: number): string {
  const node = state.nodes[name];
  if (!node) return notFoundMessage('nodes', name);
  const w = new DescribeWriter();
  w.write(0, `Name:\t${node.metadata.name}\n`);
  w.write(0, `Roles:\t${nodeRoles(node)}\n`);
  writeMapMultiline(w, 'Labels', node.metadata.labels);
  writeMapMultiline(w, 'Annotations', node.metadata.annotations, ': ');
  w.write(0, `CreationTimestamp:\t${toRFC1123Z(node.metadata.creationTimestamp)}\n`);
  writeTaints(w, node);
  w.write(0, `Unschedulable:\t${node.spec.unschedulable === true}\n`);
  const renew = leaseRenewTime(state, node, now);
  w.write(0, 'Lease:\n');
  w.write(1, `HolderIdentity:\t${node.metadata.name}\n`);
  w.write(1, 'AcquireTime:\t<unset>\n');
  w.write(1, `RenewTime:\t${renew === undefined ? '<unset>' : toRFC1123Z(renew)}\n`);
  if (node.status.conditions.length > 0) {
    w.write(0, 'Conditions:\n  Type\tStatus\tLastHeartbeatTime\tLastTransitionTime\tReason\tMessage\n');
    w.write(1, '----\t------\t-----------------\t------------------\t------\t-------\n');
    for (const c of node.status.conditions) {
      w.write(
        1,
        `${c.type} \t${c.status} \t${toRFC1123Z(c.lastHeartbeatTime)} \t${toRFC1123Z(c.lastTransitionTime)} \t` +
          `${c.reason} \t${c.message}\n`,
      );
    }
  }
  w.write(0, 'Addresses:\n');
  for (const a of node.status.addresses) w.write(1, `${a.type}:\t${a.address}\n`);
  for (const [title, list] of [
    ['Capacity', node.status.capacity],
    ['Allocatable', node.status.allocatable],
  ] as const) {
    const names = Object.keys(list).sort(compareBytes);
    if (names.length === 0) continue;
    w.write(0, `${title}:\n`);
    for (const n of names) w.write(0, `  ${n}:\t${formatAmount(n, list[n] ?? 0)}\n`);
  }
  const info = SIMULATED_NODE_INFO;
  w.write(0, 'System Info:\n');
  w.write(0, `  Machine ID:\t\n  System UUID:\t\n  Boot ID:\t\n`);
  w.write(0, `  Kernel Version:\t${info.kernelVersion}\n  OS Image:\t${info.osImage}\n`);
  w.write(0, `  Operating System:\t${info.operatingSystem}\n  Architecture:\t${info.architecture}\n`);
  w.write(0, `  Container Runtime Version:\t${info.containerRuntimeVersion}\n`);
  w.write(0, `  Kubelet Version:\t${info.kubeletVersion}\n  Kube-Proxy Version:\t${info.kubeProxyVersion}\n`);
  if (node.spec.podCIDR) {
    w.write(0, `PodCIDR:\t${node.spec.podCIDR}\n`);
    w.write(0, `PodCIDRs:\t${node.spec.podCIDR}\n`);
  }
  writeResources(w, state, node, now);
  writeEvents(w, eventsFor(toRecord(state.events), 'Node', node.metadata.name, node.metadata.uid), now);
  return w.toString();
}
