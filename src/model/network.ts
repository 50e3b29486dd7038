/**
 * Network objects: Service (core/v1), EndpointSlice (discovery.k8s.io/v1) and NetworkPolicy
 * (networking.k8s.io/v1), with the API's field names (k8s.io/api core/v1 types.go,
 * discovery/v1 types.go, networking/v1 types.go); plus the simulator-only network runtime
 * (service proxy memory, traffic flows and their metrics), which the API does not show.
 */
import type { LabelSelector } from './labels';
import type { ObjectMeta } from './objects';

export type Protocol = 'TCP' | 'UDP' | 'SCTP';

export interface ServicePort {
  name?: string;
  protocol: Protocol;
  port: number;
  /** A number, or the name of a container port (resolved per pod by the endpoints controller). */
  targetPort: number | string;
  nodePort?: number;
}

export type ServiceType = 'ClusterIP' | 'NodePort' | 'LoadBalancer';

export interface Service {
  apiVersion: 'v1';
  kind: 'Service';
  metadata: ObjectMeta;
  spec: {
    type: ServiceType;
    /** Absent: the Service has no selector and no managed EndpointSlices. */
    selector?: Record<string, string>;
    ports: ServicePort[];
    /** Allocated from the service CIDR at creation, or "None" (headless). */
    clusterIP?: string;
    clusterIPs?: string[];
    sessionAffinity: 'None' | 'ClientIP';
    sessionAffinityConfig?: { clientIP: { timeoutSeconds: number } };
    publishNotReadyAddresses?: boolean;
    externalTrafficPolicy?: 'Cluster' | 'Local';
    internalTrafficPolicy: 'Cluster' | 'Local';
    ipFamilies: ['IPv4'];
    ipFamilyPolicy: 'SingleStack';
  };
  status: { loadBalancer: Record<string, never> };
}

/** discovery/v1 EndpointConditions. */
interface EndpointConditions {
  ready: boolean;
  serving: boolean;
  terminating: boolean;
}

export interface Endpoint {
  addresses: string[];
  conditions: EndpointConditions;
  nodeName?: string;
  targetRef?: { kind: 'Pod'; namespace: string; name: string; uid: string };
}

export interface EndpointPort {
  name?: string;
  protocol: Protocol;
  port: number;
}

export interface EndpointSlice {
  apiVersion: 'discovery.k8s.io/v1';
  kind: 'EndpointSlice';
  metadata: ObjectMeta;
  addressType: 'IPv4';
  endpoints: Endpoint[];
  ports: EndpointPort[];
}

export interface IPBlock {
  cidr: string;
  except?: string[];
}

export interface NetworkPolicyPeer {
  podSelector?: LabelSelector;
  namespaceSelector?: LabelSelector;
  ipBlock?: IPBlock;
}

export interface NetworkPolicyPort {
  protocol: Protocol;
  /** A number or a named container port; absent = every port. */
  port?: number | string;
  endPort?: number;
}

export interface NetworkPolicyIngressRule {
  from?: NetworkPolicyPeer[];
  ports?: NetworkPolicyPort[];
}

export interface NetworkPolicyEgressRule {
  to?: NetworkPolicyPeer[];
  ports?: NetworkPolicyPort[];
}

export interface NetworkPolicy {
  apiVersion: 'networking.k8s.io/v1';
  kind: 'NetworkPolicy';
  metadata: ObjectMeta;
  spec: {
    podSelector: LabelSelector;
    policyTypes: ('Ingress' | 'Egress')[];
    ingress?: NetworkPolicyIngressRule[];
    egress?: NetworkPolicyEgressRule[];
  };
}

/** kube-proxy's mode: iptables picks a backend at random, ipvs round robin (its default scheduler). */
export type ProxyMode = 'iptables' | 'ipvs';

/** Pod network and traffic settings (the scenario's `network:` block). Latencies in ms (fractions allowed). */
export interface NetworkConfig {
  proxyMode: ProxyMode;
  /** One hop between two pods (or a pod and the proxy) on the same node: veth + bridge. */
  sameNodeLatencyMs: number;
  /** One hop across nodes: the overlay (encapsulation, the wire, decapsulation). */
  crossNodeLatencyMs: number;
  /** From an external client to a node's address. */
  externalLatencyMs: number;
  /** How long a client waits for an answer before it gives up (connection timeout). */
  requestTimeoutMs: number;
  /** How long a backend takes to answer, on average (requests vary from 0.5x to 1.5x). */
  serviceTimeMs: number;
}

/** A downstream call made by every request a flow's backend serves. */
interface TrafficCall {
  name: string;
  to: string;
}

/** A traffic flow: `rate` requests per second from `from` to the URL `to`. */
export interface TrafficFlow {
  name: string;
  /** `external`, or the pods (by selector in `namespace`) that send the requests. */
  from: { kind: 'external' } | { kind: 'pods'; selector: LabelSelector; text: string; namespace: string };
  to: string;
  /** Requests per simulated second (may be fractional). */
  rate: number;
  calls: TrafficCall[];
  /** When the flow starts and stops, in ms (stop: undefined = never). */
  start: number;
  stop?: number;
  /** Request records kept per second (the first ones, plus the first of each failure cause). */
  sample: number;
}

/** Failure causes of a request. */
export type FailureCause =
  | 'nxdomain'
  | 'noEndpoints'
  | 'connectionRefused'
  | 'timeout'
  | 'droppedByPolicy'
  | 'downstream'
  | 'noClient';

/** Totals of one flow since the start, and its last seconds (for windowed expectations). */
export interface FlowStats {
  requests: number;
  successes: number;
  failures: Partial<Record<FailureCause, number>>;
  /** Requests not yet sent (fractional rates accumulate). */
  carry: number;
}

/** One second of every flow: [requests, successes, p50, p99] by flow name. */
export interface TrafficSecond {
  t: number;
  flows: Record<string, [number, number, number, number]>;
}

/** Simulator-only network state: what kube-proxy remembers, and the traffic flows. */
export interface NetworkRuntime {
  config: NetworkConfig;
  flows: TrafficFlow[];
  stats: Record<string, FlowStats>;
  /** IPVS round-robin position per `node|namespace/service:port`. */
  rr: Record<string, number>;
  /** sessionAffinity ClientIP: `node|svc:port|clientIP` → [endpoint IP, expires at ms]. */
  affinity: Record<string, [string, number]>;
  /** Request ids so far. */
  nextRequest: number;
  /**
   * The last RECENT_SECONDS seconds' aggregates as a ring: second k is stored whole (one new object
   * a second) at index k % RECENT_SECONDS, with [requests, successes, p50, p99] per flow.
   */
  window: TrafficSecond[];
  /** How many seconds were written to `window` so far. */
  windowCount: number;
}

const DEFAULT_NETWORK_CONFIG: NetworkConfig = {
  proxyMode: 'iptables',
  sameNodeLatencyMs: 0.05,
  crossNodeLatencyMs: 0.5,
  externalLatencyMs: 2,
  requestTimeoutMs: 1000,
  serviceTimeMs: 5,
};

/** How many per-second aggregates FlowStats.recent keeps (the longest expectation window). */
export const RECENT_SECONDS = 60;

export function emptyNetworkRuntime(config: Partial<NetworkConfig> = {}): NetworkRuntime {
  return {
    config: { ...DEFAULT_NETWORK_CONFIG, ...config },
    flows: [],
    stats: {},
    rr: {},
    affinity: {},
    nextRequest: 0,
    window: [],
    windowCount: 0,
  };
}
