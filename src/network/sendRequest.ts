/**
 * One simulated request, end to end, over the network of a tick (a {@link TickNetwork}): the
 * client's target leads somewhere (cluster DNS, or the orchestrator's addressing), the service
 * proxy on the client's node (or, for a NodePort, on the node the request enters) picks a backend,
 * the packets cross nodes or not, NetworkPolicy passes or drops them, and the backend answers,
 * refuses (nothing listening), or never answers (its node is down while the endpoint is still
 * listed: the client times out). A request to a backend that makes downstream calls fails when
 * one of them does. What a client meets is planned once per client and target ({@link Plan}).
 */
import type { FailureCause, Service, ServicePort } from '../model';
import type { Party, PolicyVerdict } from './networkPolicy';
import { type Backend, chooseBackend, virtualServerKey } from './proxy';
import type { Client, Route } from './route';
import { isHeadless } from './services';
import type { BackendInfo, TickNetwork } from './traffic';
import type { Target } from './url';

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

/** A downstream call a backend makes for each request it serves. */
type Call = { name: string; target: Target };

const OPEN = { isolated: false, allowed: true, policies: [] };
/** The verdict when no NetworkPolicy exists. */
const ALLOWED: PolicyVerdict = { allowed: true, egress: OPEN, ingress: OPEN };

const nsOf = (p: { metadata: { namespace?: string } }) => p.metadata.namespace ?? 'default';

/** Plans and sends the requests of one tick; what the last send did is left in its fields. */
export class RequestSender {
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
  /** Whether any NetworkPolicy exists (when none does, every connection is allowed). */
  private anyPolicy: boolean | undefined;

  constructor(readonly net: TickNetwork) {}

  /** What `client` meets sending to `target` this tick (one per client and target). */
  plan(client: Client, target: Target): Plan {
    const net = this.net;
    const c = net.config;
    const route = net.routeFor(client, target);
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
    if (route.ingressNode !== undefined && !net.nodeUp(route.ingressNode))
      return fail('timeout', route.dnsMs + c.requestTimeoutMs);
    plan.proxyNode = plan.entryNode;
    if (route.svc !== undefined && route.sp !== undefined) {
      plan.svc = route.svc;
      plan.sp = route.sp;
      plan.headless = isHeadless(route.svc);
      plan.vs = virtualServerKey(plan.proxyNode, route.svc, route.sp);
      const shared = net.backendsOf(route.svc, route.sp);
      plan.backends = shared.backends;
      plan.infos = shared.infos;
      // kube-proxy REJECTs connections to a Service without endpoints: refused at once, locally.
      if (plan.backends.length === 0) return fail('noEndpoints', route.dnsMs + 2 * c.sameNodeLatencyMs);
      return plan;
    }
    if (route.pods !== undefined) {
      plan.backends = route.pods.map((key) => podBackend(net, key, route.port ?? target.port, false));
      return plan;
    }
    if (route.pod !== undefined) {
      plan.backends = [podBackend(net, route.pod, target.port, true)];
      return plan;
    }
    return fail('timeout', route.dnsMs + c.requestTimeoutMs);
  }

  /**
   * Sends one request of `plan` and leaves what happened in `latency`, `ok`, `cause`, `backend`,
   * `crossNode` and `policy`. When the backend answers, `calls` are made from it; `onCall(k, sub)`
   * is called after each, while these fields describe the call.
   */
  send(
    plan: Plan,
    calls: readonly Call[],
    onCall: (k: number, sub: Plan) => void,
    recordCalls = false,
  ): void {
    const c = this.net.config;
    this.policy = undefined;
    this.crossNode = false;
    if (plan.fail !== undefined) {
      this.latency = plan.fail.ms;
      this.ok = false;
      this.cause = plan.fail.cause;
      this.backend = undefined;
      return;
    }
    const i = this.pick(plan);
    const backend = plan.backends[i] as Backend;
    const info = this.infoAt(plan, i, backend);
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
        latency = dnsMs + 2 * oneWay + c.serviceTimeMs * (0.5 + this.net.random());
        ok = true;
      }
    }
    if (recordCalls) this.lastCalls = [];
    if (ok && calls.length > 0) {
      latency = this.callDownstream(plan, i, backend, info, calls, onCall, recordCalls, latency);
      // The calls stop at the first failure, whose outcome is the one left in `ok`.
      if (!this.ok) {
        ok = false;
        cause = 'downstream';
      }
    }
    this.latency = latency;
    this.ok = ok;
    this.cause = cause;
    this.backend = backend;
    this.crossNode = crossNode;
    this.policy = policy;
  }

  /** The backend index: the proxy's choice, or, for a headless Service, the client's pick among the addresses. */
  private pick(plan: Plan): number {
    const net = this.net;
    if (plan.svc !== undefined && plan.sp !== undefined && !plan.headless)
      return chooseBackend(
        net.config.proxyMode,
        net.memory,
        plan.proxyNode,
        plan.svc,
        plan.sp,
        plan.client.ip,
        plan.backends,
        net.now,
        net.random,
        plan.vs,
      );
    // A headless Service has no proxy: the client picks one of the addresses DNS returned.
    return plan.backends.length === 1 ? 0 : Math.floor(net.random() * plan.backends.length);
  }

  /** What backend `i` of the plan is like this tick, shared with the plan's other requests. */
  private infoAt(plan: Plan, i: number, backend: Backend): BackendInfo {
    let info = plan.infos[i];
    if (info === undefined) {
      info = this.net.infoOf(backend);
      // What a scripted app does depends on the time (a hang starts, a slow start ends): such an
      // answer holds for this tick only.
      if (!this.net.isTimeDependent(info.podKey ?? '')) plan.infos[i] = info;
    }
    return info;
  }

  private policyOf(plan: Plan, backend: Backend, info: BackendInfo): PolicyVerdict {
    const state = this.net.state;
    this.anyPolicy ??= Object.keys(state.networkPolicies ?? {}).length > 0;
    if (!this.anyPolicy) return ALLOWED;
    const { client, route } = plan;
    // With externalTrafficPolicy Cluster a NodePort connection is SNATed to the ingress node's address.
    const src: Party =
      client.kind === 'pod'
        ? { ip: client.ip, pod: client.pod }
        : {
            ip:
              state.nodes[route.ingressNode as string]?.status.addresses.find((a) => a.type === 'InternalIP')
                ?.address ?? client.ip,
          };
    const srcId = client.kind === 'pod' ? client.key : src.ip;
    return this.net.verdict(src, srcId, info.podKey as string, backend.port, plan.sp?.protocol ?? 'TCP');
  }

  /**
   * The backend's downstream calls, in order, until one fails (then `ok` is false); returns
   * `latency` (the request's own) with theirs added, in the same order as ever, so the sums are
   * bit for bit the same. Each call is a request of its own (`onCall` counts it), planned once per
   * backend and call.
   */
  private callDownstream(
    plan: Plan,
    i: number,
    backend: Backend,
    info: BackendInfo,
    calls: readonly Call[],
    onCall: (k: number, sub: Plan) => void,
    recordCalls: boolean,
    requestLatency: number,
  ): number {
    let latency = requestLatency;
    const subPlans = (plan.calls[i] ??= []);
    for (let k = 0; k < calls.length; k++) {
      const call = calls[k] as Call;
      let sub = subPlans[k];
      if (sub === undefined) {
        const pod = this.net.podAt(info.podKey as string);
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
      if (!this.ok) break;
    }
    return latency;
  }
}

/** A pod addressed directly (a pod IP, a container's name): the backend it is. */
function podBackend(net: TickNetwork, key: string, port: number, terminatingCounts: boolean): Backend {
  const p = net.podAt(key);
  return {
    ip: p.status.podIP ?? '',
    port,
    terminating: terminatingCounts && p.metadata.deletionTimestamp !== undefined,
    pod: { namespace: nsOf(p), name: p.metadata.name },
    ...(p.spec.nodeName === undefined ? {} : { nodeName: p.spec.nodeName }),
  };
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
