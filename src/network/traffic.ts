/**
 * One simulated request, end to end: the client resolves the target's name with cluster DNS, the
 * service proxy on the client's node (or, for a NodePort, on the node the request enters) picks a
 * backend, the packets cross nodes or not, NetworkPolicy passes or drops them, and the backend
 * answers, refuses (nothing listening), or never answers (its node is down while the endpoint is
 * still listed: the client times out). A request to a backend that makes downstream calls fails
 * when one of them does.
 *
 * Everything a request depends on that does not change within a tick (DNS answers, backends, the
 * state of a backend pod, policy verdicts) is computed once per tick and cached in a
 * {@link TickNetwork}; per request, only the backend choice, the client and the latency jitter are
 * drawn. That keeps per-request semantics at millions of requests per second.
 */
import { getIn } from '../model/sharded';
import type { FailureCause, NetworkConfig, Service, ServicePort } from '../model/network';
import type { Pod } from '../model/objects';
import type { ClusterState } from '../model/state';
import { type DnsAnswer, resolve } from './dns';
import { evaluateConnection, type Party, type PolicyVerdict } from './networkPolicy';
import { type Backend, backendsOf, chooseBackend, type ProxyMemory } from './proxy';
import { isHeadless, serviceByClusterIP, serviceByNodePort } from './services';
import type { Target } from './url';

/** Who sends a request: a pod, or a client outside the cluster with this address. */
export type Client =
  | { kind: 'pod'; key: string; pod: Pod; ip: string; node: string; namespace: string }
  | { kind: 'external'; ip: string };

/** Where a target leads, for one client namespace (cached per tick). */
interface Route {
  dns?: DnsAnswer;
  /** The Service and port the proxy balances over (ClusterIP, NodePort, or headless: client-side). */
  svc?: Service;
  sp?: ServicePort;
  /** For a NodePort target: the node the request enters. */
  ingressNode?: string;
  /** A direct pod address. */
  pod?: string;
  /** Decided without a backend. */
  fail?: FailureCause;
  dnsMs: number;
}

/** The outcome of one request, with what it went through (the sampled request record). */
export interface RequestResult {
  ok: boolean;
  cause?: FailureCause;
  latencyMs: number;
  dns?: { query: string; answer: string[] | 'NXDOMAIN'; tried: number };
  service?: string;
  backend?: Backend;
  nodes: string[];
  crossNode: boolean;
  policy?: PolicyVerdict;
  calls?: { name: string; ok: boolean; cause?: FailureCause }[];
}

/** A seeded generator local to one tick (mulberry32), seeded from the run's generator. */
export function tickRandom(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const nsOf = (p: Pod) => p.metadata.namespace ?? 'default';

/** Per-tick caches over one frozen state. */
export class TickNetwork {
  private readonly routes = new Map<string, Route>();
  private readonly backends = new Map<string, Backend[]>();
  private readonly reach = new Map<string, 'up' | 'refused' | 'timeout'>();
  private readonly verdicts = new Map<string, PolicyVerdict>();
  private podsByIP: Map<string, string> | undefined;

  constructor(
    readonly state: ClusterState,
    readonly config: NetworkConfig,
    readonly memory: ProxyMemory,
    readonly random: () => number,
    readonly now: number,
  ) {}

  private nodeUp(node: string | undefined): boolean {
    return node !== undefined && this.state.nodeRuntime[node]?.up === true;
  }

  private hop(a: string | undefined, b: string | undefined): number {
    return a === b ? this.config.sameNodeLatencyMs : this.config.crossNodeLatencyMs;
  }

  private nodeByAddress(host: string): string | undefined {
    for (const [name, n] of Object.entries(this.state.nodes))
      if (name === host || n.status.addresses.some((a) => a.address === host)) return name;
    return undefined;
  }

  private podByIP(ip: string): string | undefined {
    if (this.podsByIP === undefined) {
      this.podsByIP = new Map();
      for (const s in this.state.pods)
        for (const [k, p] of Object.entries(this.state.pods[s] as Record<string, Pod>))
          if (p.status.podIP !== undefined && p.status.phase !== 'Succeeded' && p.status.phase !== 'Failed')
            this.podsByIP.set(p.status.podIP, k);
    }
    return this.podsByIP.get(ip);
  }

  /** Where `target` leads for a client in `namespace` (undefined: outside the cluster). */
  route(namespace: string | undefined, target: Target): Route {
    const key = `${namespace ?? ''}|${target.host}|${target.port}`;
    let r = this.routes.get(key);
    if (r === undefined) this.routes.set(key, (r = this.computeRoute(namespace, target)));
    return r;
  }

  private computeRoute(namespace: string | undefined, target: Target): Route {
    const c = this.config;
    if (namespace === undefined) {
      // An outside client reaches the cluster through a node's address and a NodePort.
      const node = this.nodeByAddress(target.host);
      const hit = serviceByNodePort(this.state, target.port);
      if (node === undefined || hit === undefined) return { fail: 'timeout', dnsMs: 0 };
      return { svc: hit[0], sp: hit[1], ingressNode: node, dnsMs: 0 };
    }
    const dns = resolve(this.state, target.host, namespace);
    // One query per name tried, to the cluster DNS and back (a cross-node round trip).
    const dnsMs = dns.tried.length * 2 * c.crossNodeLatencyMs;
    if (dns.rcode === 'NXDOMAIN') return { dns, fail: 'nxdomain', dnsMs };
    if (dns.service !== undefined) {
      const sp = dns.service.spec.ports.find((p) => p.port === target.port);
      if (sp === undefined && !isHeadless(dns.service)) return { dns, fail: 'timeout', dnsMs };
      if (isHeadless(dns.service)) {
        const hp: ServicePort = sp ?? { protocol: 'TCP', port: target.port, targetPort: target.port };
        return { dns, svc: dns.service, sp: hp, dnsMs };
      }
      return { dns, svc: dns.service, sp: sp as ServicePort, dnsMs };
    }
    const ip = dns.addresses[0] as string;
    const svc = serviceByClusterIP(this.state, ip);
    if (svc !== undefined) {
      const sp = svc.spec.ports.find((p) => p.port === target.port);
      return sp === undefined ? { dns, fail: 'timeout', dnsMs } : { dns, svc, sp, dnsMs };
    }
    const pod = this.podByIP(ip);
    if (pod !== undefined) return { dns, pod, dnsMs };
    const node = this.nodeByAddress(ip);
    const hit = node === undefined ? undefined : serviceByNodePort(this.state, target.port);
    if (node !== undefined && hit !== undefined)
      return { dns, svc: hit[0], sp: hit[1], ingressNode: node, dnsMs };
    return { dns, fail: 'timeout', dnsMs };
  }

  backendsOf(svc: Service, sp: ServicePort): Backend[] {
    const key = `${svc.metadata.namespace ?? 'default'}/${svc.metadata.name}:${sp.port}/${sp.protocol}`;
    let b = this.backends.get(key);
    if (b === undefined) this.backends.set(key, (b = backendsOf(this.state, svc, sp)));
    return b;
  }

  /** Whether a pod answers: its node is up and its containers run (else nothing listens: refused). */
  reachOf(podKey: string): 'up' | 'refused' | 'timeout' {
    let r = this.reach.get(podKey);
    if (r === undefined) {
      const pod = getIn(this.state.pods, podKey);
      if (pod === undefined || !this.nodeUp(pod.spec.nodeName)) r = 'timeout';
      else {
        const cs = pod.status.containerStatuses;
        r = cs.length > 0 && cs.every((s) => s.state.running !== undefined) ? 'up' : 'refused';
      }
      this.reach.set(podKey, r);
    }
    return r;
  }

  verdict(
    src: Party,
    srcId: string,
    dstKey: string,
    port: number,
    protocol: ServicePort['protocol'],
  ): PolicyVerdict {
    const key = `${srcId}|${dstKey}|${port}/${protocol}`;
    let v = this.verdicts.get(key);
    if (v === undefined) {
      const dst = getIn(this.state.pods, dstKey) as Pod;
      v = evaluateConnection(this.state, src, { ip: dst.status.podIP ?? '', pod: dst }, port, protocol);
      this.verdicts.set(key, v);
    }
    return v;
  }

  /** Sends one request from `client` to `target`; `calls` are made from the backend when it answers. */
  send(
    client: Client,
    target: Target,
    calls: readonly { name: string; target: Target }[],
    onCall: (name: string, r: RequestResult, from: Client) => void,
  ): RequestResult {
    const c = this.config;
    const ns = client.kind === 'pod' ? client.namespace : undefined;
    const route = this.route(ns, target);
    const dns =
      route.dns === undefined
        ? undefined
        : {
            query: target.host,
            answer: route.dns.rcode === 'NXDOMAIN' ? ('NXDOMAIN' as const) : route.dns.addresses,
            tried: route.dns.tried.length,
          };
    const from = client.kind === 'pod' ? client.node : 'external';
    const base = { ...(dns === undefined ? {} : { dns }), nodes: [from], crossNode: false };
    if (route.fail !== undefined)
      return {
        ok: false,
        cause: route.fail,
        latencyMs: route.dnsMs + (route.fail === 'timeout' ? c.requestTimeoutMs : 0),
        ...base,
      };
    let backend: Backend | undefined;
    let podKey: string | undefined;
    const proxyNode = route.ingressNode ?? (client.kind === 'pod' ? client.node : '');
    const path: string[] = client.kind === 'pod' ? [client.node] : ['external'];
    if (route.ingressNode !== undefined) {
      if (client.kind === 'external') path.push(route.ingressNode);
      if (!this.nodeUp(route.ingressNode))
        return {
          ok: false,
          cause: 'timeout',
          latencyMs: route.dnsMs + c.requestTimeoutMs,
          ...base,
          nodes: path,
        };
    }
    const svcName =
      route.svc === undefined
        ? undefined
        : `${route.svc.metadata.namespace ?? 'default'}/${route.svc.metadata.name}`;
    if (route.svc !== undefined && route.sp !== undefined) {
      const list = this.backendsOf(route.svc, route.sp);
      // A headless Service has no proxy: the client picks one of the addresses DNS returned.
      const i = isHeadless(route.svc)
        ? list.length === 0
          ? -1
          : Math.floor(this.random() * list.length)
        : chooseBackend(
            c.proxyMode,
            this.memory,
            proxyNode,
            route.svc,
            route.sp,
            client.ip,
            list,
            this.now,
            this.random,
          );
      if (i < 0)
        // kube-proxy REJECTs connections to a Service without endpoints: refused at once, locally.
        return {
          ok: false,
          cause: 'noEndpoints',
          latencyMs: route.dnsMs + 2 * c.sameNodeLatencyMs,
          ...base,
          service: svcName as string,
          nodes: path,
        };
      backend = list[i] as Backend;
      podKey = backend.pod === undefined ? undefined : `${backend.pod.namespace}/${backend.pod.name}`;
    } else if (route.pod !== undefined) {
      podKey = route.pod;
      const p = getIn(this.state.pods, podKey) as Pod;
      backend = {
        ip: p.status.podIP ?? '',
        port: target.port,
        terminating: p.metadata.deletionTimestamp !== undefined,
        pod: { namespace: nsOf(p), name: p.metadata.name },
        ...(p.spec.nodeName === undefined ? {} : { nodeName: p.spec.nodeName }),
      };
    }
    if (backend === undefined || podKey === undefined)
      return {
        ok: false,
        cause: 'timeout',
        latencyMs: route.dnsMs + c.requestTimeoutMs,
        ...base,
        nodes: path,
      };
    const dstNode = backend.nodeName;
    const entry = route.ingressNode ?? (client.kind === 'pod' ? client.node : undefined);
    if (dstNode !== undefined && path[path.length - 1] !== dstNode) path.push(dstNode);
    const crossNode = entry !== dstNode;
    const oneWay = (client.kind === 'external' ? c.externalLatencyMs : 0) + this.hop(entry, dstNode);
    const common = {
      ...(dns === undefined ? {} : { dns }),
      ...(svcName === undefined ? {} : { service: svcName }),
      backend,
      nodes: path,
      crossNode,
    };
    const reach = this.reachOf(podKey);
    if (reach === 'timeout')
      return { ok: false, cause: 'timeout', latencyMs: route.dnsMs + c.requestTimeoutMs, ...common };
    // With externalTrafficPolicy Cluster a NodePort connection is SNATed to the ingress node's address.
    const src: Party =
      client.kind === 'pod'
        ? { ip: client.ip, pod: client.pod }
        : {
            ip:
              this.state.nodes[route.ingressNode as string]?.status.addresses.find(
                (a) => a.type === 'InternalIP',
              )?.address ?? client.ip,
          };
    const srcId = client.kind === 'pod' ? client.key : src.ip;
    const policy = this.verdict(src, srcId, podKey, backend.port, route.sp?.protocol ?? 'TCP');
    if (!policy.allowed)
      return {
        ok: false,
        cause: 'droppedByPolicy',
        latencyMs: route.dnsMs + c.requestTimeoutMs,
        ...common,
        policy,
      };
    if (reach === 'refused')
      return {
        ok: false,
        cause: 'connectionRefused',
        latencyMs: route.dnsMs + 2 * oneWay,
        ...common,
        policy,
      };
    let latencyMs = route.dnsMs + 2 * oneWay + c.serviceTimeMs * (0.5 + this.random());
    const result: RequestResult = { ok: true, latencyMs, ...common, policy };
    if (calls.length > 0) {
      const pod = getIn(this.state.pods, podKey) as Pod;
      const from: Client = {
        kind: 'pod',
        key: podKey,
        pod,
        ip: backend.ip,
        node: dstNode ?? '',
        namespace: nsOf(pod),
      };
      result.calls = [];
      for (const call of calls) {
        const sub = this.send(from, call.target, [], () => {});
        onCall(call.name, sub, from);
        latencyMs += sub.latencyMs;
        result.calls.push({
          name: call.name,
          ok: sub.ok,
          ...(sub.cause === undefined ? {} : { cause: sub.cause }),
        });
        if (!sub.ok) {
          result.ok = false;
          result.cause = 'downstream';
          break;
        }
      }
      result.latencyMs = latencyMs;
    }
    return result;
  }
}
