/**
 * What the traffic model and an orchestrator's addressing (addressing.ts) share: who sends a
 * request, where a target leads, and the per-tick view an {@link Addressing} reads. Types only, so
 * that traffic.ts, addressing.ts and the addressings (embeddedDns.ts, swarmDns.ts) import them
 * without importing each other.
 */
import type { ClusterState, FailureCause, NetworkConfig, Pod, Service, ServicePort } from '../model';
import type { DnsAnswer } from './dns';
import type { Target } from './url';

/** Who sends a request: a pod, or a client outside the cluster with this address. */
export type Client =
  | { kind: 'pod'; key: string; pod: Pod; ip: string; node: string; namespace: string }
  | { kind: 'external'; ip: string };

/** Where a target leads, for one client namespace (cached per tick). */
export interface Route {
  dns?: DnsAnswer;
  /** The Service and port the proxy balances over (ClusterIP, NodePort, or headless: client-side). */
  svc?: Service;
  sp?: ServicePort;
  /** For a NodePort target: the node the request enters. */
  ingressNode?: string;
  /** A direct pod address. */
  pod?: string;
  /**
   * Containers reached directly (Docker: the embedded DNS's answer, or the container behind a
   * published port); the client picks one per request, as with a name that has several addresses.
   */
  pods?: string[];
  /** The port the `pods` listen on when it is not the target's (a published port's container port). */
  port?: number;
  /** Decided without a backend. */
  fail?: FailureCause;
  dnsMs: number;
}

/** The per-tick view of the network an addressing reads (TickNetwork in traffic.ts). */
export interface RouteContext {
  readonly state: ClusterState;
  readonly config: NetworkConfig;
  /** Whether the node's machine is up. */
  nodeUp(node: string | undefined): boolean;
  /** The node with this name or address. */
  nodeByAddress(host: string): string | undefined;
  /** Kubernetes: cluster DNS from the client's namespace, Service VIPs, NodePorts, pod addresses. */
  computeRoute(namespace: string | undefined, target: Target): Route;
}

export interface Addressing {
  /** Clients with the same scope see the same routes (the route cache's key within a tick). */
  scope(client: Client): string;
  route(tn: RouteContext, client: Client, target: Target): Route;
}
