/**
 * NetworkPolicy semantics (W concepts/services-networking/network-policies.md; networking/v1
 * types.go):
 *
 * - A pod is isolated for ingress (egress) once any NetworkPolicy in its namespace selects it with
 *   Ingress (Egress) in policyTypes; otherwise everything is allowed in that direction.
 * - policyTypes, when not given, is Ingress, plus Egress if the policy has egress rules (defaulted
 *   at load time, src/manifests).
 * - An isolated pod accepts only what some rule of some selecting policy allows (a union; order
 *   does not matter). A rule without `from`/`to` matches every peer; without `ports`, every port.
 * - A peer: podSelector alone = pods in the policy's namespace; namespaceSelector alone = every pod
 *   of the matching namespaces; both in one peer = pods matching podSelector in those namespaces
 *   (AND); separate peers are alternatives (OR). ipBlock matches addresses in cidr but not in except.
 * - A port: protocol (default TCP), a number (with endPort: the range port..endPort) or a named
 *   container port of the destination pod.
 * - A connection needs the source's egress and the destination's ingress to allow it; replies are
 *   implicitly allowed. A pod cannot block traffic to itself, and traffic from the node a pod runs
 *   on always reaches it.
 *
 * The ports checked are those of the destination pod (after the service proxy's DNAT).
 */
import {
  type ClusterState,
  type NetworkPolicy,
  type NetworkPolicyPeer,
  type NetworkPolicyPort,
  type Pod,
  type Protocol,
  selectorMatches,
} from '../model';
import { inCidr } from './ipam';

/** One end of a connection: a pod (with its IP) or a bare address (an external client, a node). */
export interface Party {
  ip: string;
  pod?: Pod;
}

interface SideVerdict {
  /** Whether some policy selects the pod for this direction. */
  isolated: boolean;
  allowed: boolean;
  /** `namespace/name` of the pod this side is about (absent for a non-pod party). */
  pod?: string;
  /** The policies that select the pod for this direction, by name. */
  policies: string[];
  /** The first policy whose rule allowed it, when isolated and allowed. */
  allowedBy?: string;
}

export interface PolicyVerdict {
  allowed: boolean;
  egress: SideVerdict;
  ingress: SideVerdict;
}

const nsOf = (pod: Pod) => pod.metadata.namespace ?? 'default';
const podName = (pod: Pod) => `${nsOf(pod)}/${pod.metadata.name}`;

/** The policies of a pod's namespace that select it for `direction`, sorted by name. */
function policiesFor(state: ClusterState, pod: Pod, direction: 'Ingress' | 'Egress'): NetworkPolicy[] {
  const ns = nsOf(pod);
  return Object.values(state.networkPolicies ?? {})
    .filter(
      (p) =>
        (p.metadata.namespace ?? 'default') === ns &&
        p.spec.policyTypes.includes(direction) &&
        selectorMatches(p.spec.podSelector, pod.metadata.labels ?? {}),
    )
    .sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : 1));
}

function peerMatches(
  state: ClusterState,
  policy: NetworkPolicy,
  peer: NetworkPolicyPeer,
  other: Party,
): boolean {
  if (peer.ipBlock !== undefined) {
    const b = peer.ipBlock;
    return inCidr(b.cidr, other.ip) && !(b.except ?? []).some((e) => inCidr(e, other.ip));
  }
  const pod = other.pod;
  if (pod === undefined) return false;
  if (peer.namespaceSelector !== undefined) {
    const ns = state.namespaces[nsOf(pod)];
    if (ns === undefined || !selectorMatches(peer.namespaceSelector, ns.metadata.labels ?? {})) return false;
  } else if (nsOf(pod) !== (policy.metadata.namespace ?? 'default')) return false;
  return peer.podSelector === undefined || selectorMatches(peer.podSelector, pod.metadata.labels ?? {});
}

/** Whether a rule's port entry covers `port`/`protocol` on the destination pod `dst`. */
function portMatches(p: NetworkPolicyPort, port: number, protocol: Protocol, dst: Pod | undefined): boolean {
  if (p.protocol !== protocol) return false;
  if (p.port === undefined) return true;
  if (typeof p.port === 'number')
    return p.endPort === undefined ? port === p.port : port >= p.port && port <= p.endPort;
  if (dst === undefined) return false;
  return dst.spec.containers.some((c) =>
    (c.ports ?? []).some(
      (cp) => cp.name === p.port && (cp.protocol ?? 'TCP') === protocol && cp.containerPort === port,
    ),
  );
}

function ruleAllows(
  state: ClusterState,
  policy: NetworkPolicy,
  peers: NetworkPolicyPeer[] | undefined,
  ports: NetworkPolicyPort[] | undefined,
  other: Party,
  port: number,
  protocol: Protocol,
  dst: Pod | undefined,
): boolean {
  const peerOk =
    peers === undefined ||
    peers.length === 0 ||
    peers.some((peer) => peerMatches(state, policy, peer, other));
  if (!peerOk) return false;
  return ports === undefined || ports.length === 0 || ports.some((p) => portMatches(p, port, protocol, dst));
}

function side(
  state: ClusterState,
  pod: Pod | undefined,
  direction: 'Ingress' | 'Egress',
  other: Party,
  port: number,
  protocol: Protocol,
  dst: Pod | undefined,
): SideVerdict {
  if (pod === undefined) return { isolated: false, allowed: true, policies: [] };
  const policies = policiesFor(state, pod, direction);
  const base = { pod: podName(pod), policies: policies.map((p) => p.metadata.name) };
  if (policies.length === 0) return { isolated: false, allowed: true, ...base };
  for (const p of policies) {
    const rules = direction === 'Ingress' ? (p.spec.ingress ?? []) : (p.spec.egress ?? []);
    for (const r of rules) {
      const peers = 'from' in r ? r.from : (r as { to?: NetworkPolicyPeer[] }).to;
      if (ruleAllows(state, p, peers, r.ports, other, port, protocol, dst))
        return { isolated: true, allowed: true, allowedBy: p.metadata.name, ...base };
    }
  }
  return { isolated: true, allowed: false, ...base };
}

/**
 * Whether a connection from `src` to `dst` on the destination port `port`/`protocol` is allowed:
 * the source's egress and the destination's ingress, each with what decided it.
 */
export function evaluateConnection(
  state: ClusterState,
  src: Party,
  dst: Party,
  port: number,
  protocol: Protocol = 'TCP',
): PolicyVerdict {
  const samePod =
    src.pod !== undefined && dst.pod !== undefined && src.pod.metadata.uid === dst.pod.metadata.uid;
  const fromOwnNode = dst.pod !== undefined && dst.pod.status.hostIP === src.ip;
  if (samePod) {
    const open = { isolated: false, allowed: true, policies: [] };
    return { allowed: true, egress: open, ingress: open };
  }
  const egress = side(state, src.pod, 'Egress', dst, port, protocol, dst.pod);
  const ingress = fromOwnNode
    ? { isolated: false, allowed: true, pod: podName(dst.pod as Pod), policies: [] }
    : side(state, dst.pod, 'Ingress', src, port, protocol, dst.pod);
  return { allowed: egress.allowed && ingress.allowed, egress, ingress };
}
