/**
 * `kubectl get nodes`: a port of printNode from K pkg/printers/internalversion/printers.go.
 */
import type { ClusterState, Node } from '../model';
import { age } from './timeFormat';
import { compareBytes, listClusterScoped, noResourcesFound, type GetOptions } from './printCommon';
import { printTable } from './printTable';

/**
 * status.nodeInfo of every simulated node. The model has no nodeInfo (a simulated node runs no real
 * OS), so the printers and serialisers use these fixed values; the kubelet version is the one
 * Kubernetes release the simulator follows.
 */
export const SIMULATED_NODE_INFO = {
  kubeletVersion: 'v1.35.0',
  kubeProxyVersion: 'v1.35.0',
  osImage: 'Debian GNU/Linux 12 (bookworm)',
  kernelVersion: '6.12.0-flotilla',
  containerRuntimeVersion: 'containerd://2.1.0',
  operatingSystem: 'linux',
  architecture: 'amd64',
} as const;

/** Node role label prefix and legacy role label (K printers.go labelNodeRolePrefix, nodeLabelRole). */
const NODE_ROLE_LABEL_PREFIX = 'node-role.kubernetes.io/';
const NODE_ROLE_LABEL = 'kubernetes.io/role';

/** The columns of `kubectl get nodes` (K printers.go nodeColumnDefinitions). */
const NODE_COLUMNS = ['NAME', 'STATUS', 'ROLES', 'AGE', 'VERSION'] as const;
/** Extra columns with `-o wide`. */
const NODE_WIDE_COLUMNS = [
  'INTERNAL-IP',
  'EXTERNAL-IP',
  'OS-IMAGE',
  'KERNEL-VERSION',
  'CONTAINER-RUNTIME',
] as const;

/**
 * The STATUS column: `Ready` when the Ready condition is True, `NotReady` when it is False *or
 * Unknown* (kubectl only distinguishes True), `Unknown` without a Ready condition; then
 * `,SchedulingDisabled` when the node is cordoned.
 */
function nodeStatus(node: Node): string {
  const status: string[] = [];
  const ready = node.status.conditions.find((c) => c.type === 'Ready');
  if (ready !== undefined) status.push(ready.status === 'True' ? 'Ready' : 'NotReady');
  if (status.length === 0) status.push('Unknown');
  if (node.spec.unschedulable === true) status.push('SchedulingDisabled');
  return status.join(',');
}

/**
 * Roles from `node-role.kubernetes.io/<role>` label keys and the `kubernetes.io/role=<role>` label,
 * sorted and deduplicated (K printers.go findNodeRoles); `<none>` when there are none.
 */
export function nodeRoles(node: Node): string {
  const roles = new Set<string>();
  for (const [k, v] of Object.entries(node.metadata.labels ?? {})) {
    if (k.startsWith(NODE_ROLE_LABEL_PREFIX)) {
      const role = k.slice(NODE_ROLE_LABEL_PREFIX.length);
      if (role.length > 0) roles.add(role);
    } else if (k === NODE_ROLE_LABEL && v !== '') {
      roles.add(v);
    }
  }
  return roles.size === 0 ? '<none>' : [...roles].sort(compareBytes).join(',');
}

function nodeAddress(node: Node, type: string): string {
  return node.status.addresses.find((a) => a.type === type)?.address ?? '<none>';
}

/** One row of `kubectl get nodes`. */
function nodeRow(node: Node, now: number, wide = false): string[] {
  const row = [
    node.metadata.name,
    nodeStatus(node),
    nodeRoles(node),
    age(node.metadata.creationTimestamp, now),
    SIMULATED_NODE_INFO.kubeletVersion,
  ];
  if (wide) {
    row.push(
      nodeAddress(node, 'InternalIP'),
      nodeAddress(node, 'ExternalIP'),
      SIMULATED_NODE_INFO.osImage,
      SIMULATED_NODE_INFO.kernelVersion,
      SIMULATED_NODE_INFO.containerRuntimeVersion,
    );
  }
  return row;
}

/** `kubectl get nodes [-o wide]` at simulated time `now`. */
export function printNodes(state: ClusterState, now: number, options: Pick<GetOptions, 'wide'> = {}): string {
  const nodes = listClusterScoped(state.nodes);
  if (nodes.length === 0) return noResourcesFound(false, options);
  const headers = options.wide ? [...NODE_COLUMNS, ...NODE_WIDE_COLUMNS] : [...NODE_COLUMNS];
  return printTable(
    headers,
    nodes.map((n) => nodeRow(n, now, options.wide === true)),
  );
}
