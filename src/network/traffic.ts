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
import {
  behaviourDefaults,
  causeAt,
  type ClusterState,
  type FailureCause,
  failureWindows,
  getIn,
  type NetworkConfig,
  type Pod,
  type Service,
  type ServicePort,
} from '../model';
import { resolve } from './dns';
import { evaluateConnection, type Party, type PolicyVerdict } from './networkPolicy';
import { type Backend, backendsOf, chooseBackend, type ProxyMemory, virtualServerKey } from './proxy';
import { isHeadless, serviceByClusterIP, serviceByNodePort } from './services';
import { addressingFor } from './addressing';
import type { Addressing, Client, Route, RouteContext } from './route';
import type { Target } from './url';

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
export class TickNetwork implements RouteContext {
  private readonly routes = new Map<string, Route>();
  private readonly backends = new Map<string, { backends: Backend[]; infos: (BackendInfo | undefined)[] }>();
  private readonly reach = new Map<string, 'up' | 'refused' | 'timeout'>();
  /** Pods whose answer depends on the time (scripted behaviour): never cached across ticks. */
  private readonly timeDependent = new Set<string>();
  private readonly verdicts = new Map<string, PolicyVerdict>();
  private podsByIP: Map<string, string> | undefined;
  /** How this orchestrator names and addresses things (src/network/addressing.ts). */
  private readonly addressing: Addressing;

  constructor(
    readonly state: ClusterState,
    readonly config: NetworkConfig,
    readonly memory: ProxyMemory,
    readonly random: () => number,
    readonly now: number,
  ) {
    this.addressing = addressingFor(state);
  }

  nodeUp(node: string | undefined): boolean {
    return node !== undefined && this.state.nodeRuntime[node]?.up === true;
  }

  private hop(a: string | undefined, b: string | undefined): number {
    return a === b ? this.config.sameNodeLatencyMs : this.config.crossNodeLatencyMs;
  }

  nodeByAddress(host: string): string | undefined {
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

  /** Where `target` leads for `client`, as the orchestrator's addressing says (cached per scope). */
  routeFor(client: Client, target: Target): Route {
    const key = `${this.addressing.scope(client)}|${target.host}|${target.port}`;
    let r = this.routes.get(key);
    if (r === undefined) this.routes.set(key, (r = this.addressing.route(this, client, target)));
    return r;
  }

  /** Kubernetes: cluster DNS from the client's namespace, Service VIPs, NodePorts, pod addresses. */
  computeRoute(namespace: string | undefined, target: Target): Route {
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

  backendsOf(svc: Service, sp: ServicePort): { backends: Backend[]; infos: (BackendInfo | undefined)[] } {
    const key = `${svc.metadata.namespace ?? 'default'}/${svc.metadata.name}:${sp.port}/${sp.protocol}`;
    let b = this.backends.get(key);
    if (b === undefined) {
      // The backends follow from the slices alone: kept across ticks while the slices are unchanged.
      const slices = this.state.endpointSlices ?? {};
      let list: Backend[] | undefined;
      if (Object.isFrozen(slices)) {
        let perSlices = backendCache.get(slices);
        if (perSlices === undefined) backendCache.set(slices, (perSlices = new Map()));
        list = perSlices.get(key);
        if (list === undefined) perSlices.set(key, (list = backendsOf(this.state, svc, sp)));
      } else list = backendsOf(this.state, svc, sp);
      this.backends.set(key, (b = { backends: list, infos: this.infosFor(list) }));
    }
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
        r =
          cs.length > 0 && cs.every((s) => s.state.running !== undefined)
            ? this.appReach(pod, podKey)
            : 'refused';
      }
      this.reach.set(podKey, r);
    }
    return r;
  }

  /**
   * Whether the processes of a running pod answer now (src/model/containerBehaviour.ts): an app
   * still starting refuses connections; a hung one accepts them and never replies (a timeout).
   */
  private appReach(pod: Pod, podKey: string): 'up' | 'refused' | 'timeout' {
    const rt = getIn(this.state.podRuntime, podKey);
    let reach: 'up' | 'refused' | 'timeout' = 'up';
    for (const c of pod.spec.containers) {
      const cr = rt?.containers[c.name];
      if (cr?.startedAt === undefined) continue;
      const windows = failureWindows(cr, behaviourDefaults(pod, c.name), cr.startedAt);
      if (windows.starting.length > 0 || windows.hung.length > 0) this.timeDependent.add(podKey);
      const cause = causeAt(windows, this.now, false);
      if (cause === 'hung') reach = 'timeout';
      else if (cause === 'starting' && reach === 'up') reach = 'refused';
    }
    return reach;
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

  /** What `client` meets sending to `target` this tick (one per client and target). */
  plan(client: Client, target: Target): Plan {
    const c = this.config;
    const route = this.routeFor(client, target);
    const plan: Plan = {
      client,
      target,
      route,
      headless: false,
      vs: '',
      proxyNode: '',
      entryNode: route.ingressNode ?? (client.kind === 'pod' ? client.node : ''),
      extraMs: client.kind === 'external' ? c.externalLatencyMs : 0,
      backends: [],
      infos: [],
      calls: [],
    };
    const fail = (cause: FailureCause, ms: number): Plan => {
      plan.fail = { cause, ms };
      return plan;
    };
    if (route.fail !== undefined)
      return fail(route.fail, route.dnsMs + (route.fail === 'timeout' ? c.requestTimeoutMs : 0));
    if (route.ingressNode !== undefined && !this.nodeUp(route.ingressNode))
      return fail('timeout', route.dnsMs + c.requestTimeoutMs);
    plan.proxyNode = plan.entryNode;
    if (route.svc !== undefined && route.sp !== undefined) {
      plan.svc = route.svc;
      plan.sp = route.sp;
      plan.headless = isHeadless(route.svc);
      plan.vs = virtualServerKey(plan.proxyNode, route.svc, route.sp);
      const shared = this.backendsOf(route.svc, route.sp);
      plan.backends = shared.backends;
      plan.infos = shared.infos;
      // kube-proxy REJECTs connections to a Service without endpoints: refused at once, locally.
      if (plan.backends.length === 0) return fail('noEndpoints', route.dnsMs + 2 * c.sameNodeLatencyMs);
      return plan;
    }
    if (route.pods !== undefined) {
      plan.backends = route.pods.map((key) => {
        const p = getIn(this.state.pods, key) as Pod;
        return {
          ip: p.status.podIP ?? '',
          port: route.port ?? target.port,
          terminating: false,
          pod: { namespace: nsOf(p), name: p.metadata.name },
          ...(p.spec.nodeName === undefined ? {} : { nodeName: p.spec.nodeName }),
        };
      });
      return plan;
    }
    if (route.pod !== undefined) {
      const p = getIn(this.state.pods, route.pod) as Pod;
      plan.backends = [
        {
          ip: p.status.podIP ?? '',
          port: target.port,
          terminating: p.metadata.deletionTimestamp !== undefined,
          pod: { namespace: nsOf(p), name: p.metadata.name },
          ...(p.spec.nodeName === undefined ? {} : { nodeName: p.spec.nodeName }),
        },
      ];
      return plan;
    }
    return fail('timeout', route.dnsMs + c.requestTimeoutMs);
  }

  /**
   * The (lazily filled) BackendInfo list of a Service port's backends. It depends on the backends,
   * the pods, the kubelets' records and the nodes only, so it is kept across ticks while those are
   * unchanged (answers that depend on the time are never stored).
   */
  private infosFor(backends: Backend[]): (BackendInfo | undefined)[] {
    const { pods, nodeRuntime, podRuntime } = this.state;
    if (!Object.isFrozen(pods) || !Object.isFrozen(nodeRuntime) || !Object.isFrozen(podRuntime)) return [];
    let byRuntime = infoCache.get(pods);
    if (byRuntime === undefined) infoCache.set(pods, (byRuntime = new WeakMap()));
    // The kubelet's records say what the apps do (scripted hangs), so they key the cache too.
    let byNodes = byRuntime.get(podRuntime);
    if (byNodes === undefined) byRuntime.set(podRuntime, (byNodes = new WeakMap()));
    let byBackends = byNodes.get(nodeRuntime);
    if (byBackends === undefined) byNodes.set(nodeRuntime, (byBackends = new WeakMap()));
    let infos = byBackends.get(backends);
    if (infos === undefined) byBackends.set(backends, (infos = []));
    return infos;
  }

  /** What a backend is like this tick (shared by every client of the Service port). */
  private infoOf(backend: Backend): BackendInfo {
    const podKey = backend.pod === undefined ? undefined : `${backend.pod.namespace}/${backend.pod.name}`;
    return { podKey, node: backend.nodeName, reach: podKey === undefined ? 'timeout' : this.reachOf(podKey) };
  }

  /** Whether any NetworkPolicy exists (when none does, every connection is allowed). */
  private anyPolicy: boolean | undefined;

  private policyOf(plan: Plan, backend: Backend, info: BackendInfo): PolicyVerdict {
    this.anyPolicy ??= Object.keys(this.state.networkPolicies ?? {}).length > 0;
    if (!this.anyPolicy) return ALLOWED;
    const { client, route } = plan;
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
    return this.verdict(src, srcId, info.podKey as string, backend.port, plan.sp?.protocol ?? 'TCP');
  }

  // What the last send did (kept here to spare an object per request; read it at once).
  latency = 0;
  ok = false;
  cause: FailureCause | undefined;
  /** The backend it went to (undefined when it failed before choosing one). */
  backend: Backend | undefined;
  crossNode = false;
  policy: PolicyVerdict | undefined;
  /** The downstream calls' results (filled only when `recordCalls` is passed). */
  lastCalls: { name: string; ok: boolean; cause?: FailureCause }[] = [];

  /**
   * Sends one request of `plan` and leaves what happened in `latency`, `ok`, `cause`, `backend`,
   * `crossNode` and `policy`. When the backend answers, `calls` are made from it; `onCall(k, sub)`
   * is called after each, while these fields describe the call.
   */
  send(
    plan: Plan,
    calls: readonly { name: string; target: Target }[],
    onCall: (k: number, sub: Plan) => void,
    recordCalls = false,
  ): void {
    const c = this.config;
    this.policy = undefined;
    this.crossNode = false;
    if (plan.fail !== undefined) {
      this.latency = plan.fail.ms;
      this.ok = false;
      this.cause = plan.fail.cause;
      this.backend = undefined;
      return;
    }
    let i: number;
    if (plan.svc !== undefined && plan.sp !== undefined && !plan.headless)
      i = chooseBackend(
        c.proxyMode,
        this.memory,
        plan.proxyNode,
        plan.svc,
        plan.sp,
        plan.client.ip,
        plan.backends,
        this.now,
        this.random,
        plan.vs,
      );
    // A headless Service has no proxy: the client picks one of the addresses DNS returned.
    else i = plan.backends.length === 1 ? 0 : Math.floor(this.random() * plan.backends.length);
    const backend = plan.backends[i] as Backend;
    let info = plan.infos[i];
    if (info === undefined) {
      info = this.infoOf(backend);
      // What a scripted app does depends on the time (a hang starts, a slow start ends): such an
      // answer holds for this tick only.
      if (!this.timeDependent.has(info.podKey ?? '')) plan.infos[i] = info;
    }
    const dnsMs = plan.route.dnsMs;
    const crossNode = plan.entryNode !== info.node;
    const oneWay = plan.extraMs + (crossNode ? c.crossNodeLatencyMs : c.sameNodeLatencyMs);
    let latency: number;
    let ok = false;
    let cause: FailureCause | undefined;
    let policy: PolicyVerdict | undefined;
    if (info.reach === 'timeout') {
      latency = dnsMs + c.requestTimeoutMs;
      cause = 'timeout';
    } else {
      policy = this.policyOf(plan, backend, info);
      if (!policy.allowed) {
        latency = dnsMs + c.requestTimeoutMs;
        cause = 'droppedByPolicy';
      } else if (info.reach === 'refused') {
        latency = dnsMs + 2 * oneWay;
        cause = 'connectionRefused';
      } else {
        latency = dnsMs + 2 * oneWay + c.serviceTimeMs * (0.5 + this.random());
        ok = true;
      }
    }
    if (recordCalls) this.lastCalls = [];
    if (ok && calls.length > 0) {
      const subPlans = (plan.calls[i] ??= []);
      for (let k = 0; k < calls.length; k++) {
        const call = calls[k] as { name: string; target: Target };
        let sub = subPlans[k];
        if (sub === undefined) {
          const pod = getIn(this.state.pods, info.podKey as string) as Pod;
          const from: Client = {
            kind: 'pod',
            key: info.podKey as string,
            pod,
            ip: backend.ip,
            node: info.node ?? '',
            namespace: nsOf(pod),
          };
          sub = subPlans[k] = this.plan(from, call.target);
        }
        this.send(sub, [], onCall);
        onCall(k, sub);
        latency += this.latency;
        if (recordCalls)
          this.lastCalls.push({
            name: call.name,
            ok: this.ok,
            ...(this.cause === undefined ? {} : { cause: this.cause }),
          });
        if (!this.ok) {
          ok = false;
          cause = 'downstream';
          break;
        }
      }
    }
    this.latency = latency;
    this.ok = ok;
    this.cause = cause;
    this.backend = backend;
    this.crossNode = crossNode;
    this.policy = policy;
  }
}

const OPEN = { isolated: false, allowed: true, policies: [] };
/** The verdict when no NetworkPolicy exists. */
const ALLOWED: PolicyVerdict = { allowed: true, egress: OPEN, ingress: OPEN };

/** A backend as every client sees it this tick. */
export interface BackendInfo {
  podKey: string | undefined;
  node: string | undefined;
  reach: 'up' | 'refused' | 'timeout';
}

/** Backends per Service port, per EndpointSlice collection (frozen, so its identity is its content). */
const backendCache = new WeakMap<object, Map<string, Backend[]>>();
/** BackendInfo lists per pod collection, node runtime and backend list. */
const infoCache = new WeakMap<
  object,
  WeakMap<object, WeakMap<object, WeakMap<Backend[], (BackendInfo | undefined)[]>>>
>();

/** What one client meets sending to one target this tick. */
export interface Plan {
  client: Client;
  target: Target;
  route: Route;
  /** Decided without a backend (NXDOMAIN, no endpoints, an unreachable entry node). */
  fail?: { cause: FailureCause; ms: number };
  svc?: Service;
  sp?: ServicePort;
  headless: boolean;
  /** The virtual server's key on the proxy node. */
  vs: string;
  proxyNode: string;
  /** The node where the request enters the cluster network (the client's, or the NodePort's). */
  entryNode: string;
  /** One-way latency before that node (an outside client's trip to it). */
  extraMs: number;
  backends: Backend[];
  /** Per backend index, shared by the plans of one Service port. */
  infos: (BackendInfo | undefined)[];
  /** Per backend index, the plans of the downstream calls made from that backend. */
  calls: Plan[][];
}

/** The nodes a request of `plan` to `backend` passes: the client's (or outside and the entry node), then the backend's. */
export function pathOf(plan: Plan, backend: Backend | undefined): string[] {
  const path = plan.client.kind === 'pod' ? [plan.client.node] : ['external'];
  if (plan.client.kind === 'external' && plan.route.ingressNode !== undefined)
    path.push(plan.route.ingressNode);
  const dst = backend?.nodeName;
  if (dst !== undefined && path[path.length - 1] !== dst) path.push(dst);
  return path;
}
