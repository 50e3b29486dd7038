/**
 * The network of one tick, as its requests see it (sendRequest.ts plans and sends them). Everything
 * a request depends on that does not change within a tick (where a target leads, backends, the
 * state of a backend pod, policy verdicts) is computed once per tick and cached in a
 * {@link TickNetwork}; per request, only the backend choice, the client and the latency jitter are
 * drawn. That keeps per-request semantics at millions of requests per second.
 */
import {
  behaviourDefaults,
  causeAt,
  type ClusterState,
  derivedKey,
  failureWindows,
  getIn,
  type Memo,
  type NetworkConfig,
  type Pod,
  type Service,
  type ServicePort,
} from '../model';
import { evaluateConnection, type Party, type PolicyVerdict } from './networkPolicy';
import { type Backend, backendsOf, type ProxyMemory } from './proxy';
import { addressingFor } from './addressing';
import { kubernetesRoute } from './kubernetesRoute';
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
    /** The simulation's memory: backends and backend infos are kept there across ticks. */
    readonly memo: Memo,
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

  podByIP(ip: string): string | undefined {
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
    return kubernetesRoute(this, namespace, target);
  }

  backendsOf(svc: Service, sp: ServicePort): { backends: Backend[]; infos: (BackendInfo | undefined)[] } {
    const key = `${svc.metadata.namespace ?? 'default'}/${svc.metadata.name}:${sp.port}/${sp.protocol}`;
    let b = this.backends.get(key);
    if (b === undefined) {
      // The backends follow from the slices alone: kept across ticks while the slices are unchanged.
      const slices = this.state.endpointSlices ?? {};
      let list: Backend[] | undefined;
      if (Object.isFrozen(slices)) {
        const perSlices = this.memo.derive(BACKENDS, slices, () => new Map<string, Backend[]>());
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
      const windows = failureWindows(cr, behaviourDefaults(this.memo, pod, c.name), cr.startedAt);
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

  /**
   * The (lazily filled) BackendInfo list of a Service port's backends. It depends on the backends,
   * the pods, the kubelets' records and the nodes only, so it is kept across ticks while those are
   * unchanged (answers that depend on the time are never stored).
   */
  private infosFor(backends: Backend[]): (BackendInfo | undefined)[] {
    const { pods, nodeRuntime, podRuntime } = this.state;
    if (!Object.isFrozen(pods) || !Object.isFrozen(nodeRuntime) || !Object.isFrozen(podRuntime)) return [];
    const byRuntime = this.memo.derive(INFOS, pods, () => new WeakMap());
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
  infoOf(backend: Backend): BackendInfo {
    const podKey = backend.pod === undefined ? undefined : `${backend.pod.namespace}/${backend.pod.name}`;
    return { podKey, node: backend.nodeName, reach: podKey === undefined ? 'timeout' : this.reachOf(podKey) };
  }

  /** Whether the pod's answer depends on the time (scripted behaviour): it holds for this tick only. */
  isTimeDependent(podKey: string): boolean {
    return this.timeDependent.has(podKey);
  }

  /** The pod under `key` (one a route or a backend named, so it exists). */
  podAt(key: string): Pod {
    return getIn(this.state.pods, key) as Pod;
  }
}

/** A backend as every client sees it this tick. */
export interface BackendInfo {
  podKey: string | undefined;
  node: string | undefined;
  reach: 'up' | 'refused' | 'timeout';
}

/** Backends per Service port, per EndpointSlice collection (frozen, so its identity is its content). */
const BACKENDS = derivedKey<object, Map<string, Backend[]>>('network.backends');
/** BackendInfo lists per pod collection, pod runtime, node runtime and backend list. */
const INFOS = derivedKey<
  object,
  WeakMap<object, WeakMap<object, WeakMap<Backend[], (BackendInfo | undefined)[]>>>
>('network.backendInfos');
