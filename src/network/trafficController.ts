/**
 * The traffic generator: once a simulated second (a periodic wake, so a run with traffic still
 * "settles"), every active flow sends `rate` requests (fractions carry over) and the outcome of
 * each is decided by src/network/sendRequest.ts. The second's figures go to the trace as one `traffic`
 * record per flow (requests, successes, failures by cause, p50/p99 latency, requests per backend)
 * plus a few sampled `request` records (the first ones, and the first of each failure cause) for
 * the browser to animate; the totals and the last two minutes' figures go to state.network.stats,
 * where expectations read them.
 */
import {
  type ClusterState,
  type Controller,
  derivedKey,
  type FailureCause,
  type FlowStats,
  type Intent,
  type Memo,
  type NetworkRuntime,
  type Pod,
  RECENT_SECONDS,
  type ReconcileContext,
  selectorMatches,
  type TraceIntent,
  type TrafficFlow,
  type TrafficSecond,
} from '../model';
import { podsMatching } from './podsByLabel';
import type { ProxyMemory } from './proxy';
import type { Client } from './route';
import { requestRecord, type RequestRecordCalls, round3 } from './requestRecord';
import { type Plan, RequestSender } from './sendRequest';
import { TickNetwork, tickRandom } from './traffic';
import { parseTarget, type Target } from './url';

export const TRAFFIC_CONTROLLER = 'traffic';
export const TRAFFIC_TICK_KEY = 'tick';
export const TRAFFIC_TICK_MS = 1000;
/** The address of the outside client(s) (TEST-NET-3, RFC 5737). */
const EXTERNAL_CLIENT_IP = '203.0.113.10';

/** Figures of one flow over one tick. */
class Acc {
  requests = 0;
  successes = 0;
  failures: Partial<Record<FailureCause, number>> = {};
  /** Latencies of this second's requests (grown by doubling; `requests` of them are used). */
  latencies = new Float64Array(64);
  /** Requests per backend pod name (a Map: the names differ per flow, which would make object shapes megamorphic). */
  backends = new Map<string, number>();
  samples: Record<string, unknown>[] = [];
  private causes = new Set<string>();
  constructor(
    readonly name: string,
    readonly to: string,
    readonly sample: number,
  ) {}

  /** Counts what `sent` says the request of `plan` just did. */
  add(sent: RequestSender, plan: Plan, id: number, now: number, calls?: RequestRecordCalls): void {
    this.requests++;
    if (this.requests > this.latencies.length) {
      const grown = new Float64Array(this.latencies.length * 2);
      grown.set(this.latencies);
      this.latencies = grown;
    }
    this.latencies[this.requests - 1] = sent.latency;
    const ok = sent.ok;
    if (ok) this.successes++;
    else this.failures[sent.cause as FailureCause] = (this.failures[sent.cause as FailureCause] ?? 0) + 1;
    const pod = sent.backend?.pod;
    if (pod !== undefined) this.backends.set(pod.name, (this.backends.get(pod.name) ?? 0) + 1);
    if (this.samples.length < this.sample || (!ok && !this.causes.has(sent.cause as string))) {
      this.causes.add(ok ? 'success' : (sent.cause as string));
      this.samples.push(requestRecord(this.name, this.to, id, sent, plan, now, calls));
    }
  }
}

/** Nearest-rank quantile of sorted values. */
function quantile(sorted: Float64Array, q: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.max(0, Math.ceil(q * sorted.length) - 1)] as number;
}

/** A flow's (or downstream call's) parsed target; null when it does not parse. */
const TARGETS = derivedKey<{ to: string }, Target | null>('network.flowTarget');

function targetOf(targets: WeakMap<{ to: string }, Target | null>, flow: { to: string }): Target | undefined {
  let t = targets.get(flow);
  if (t === undefined) {
    const parsed = parseTarget(flow.to);
    t = 'error' in parsed ? null : parsed; // refused when the scenario loads
    if (Object.isFrozen(flow)) targets.set(flow, t);
  }
  return t ?? undefined;
}

/** clientsOf per flow, per pod collection and node runtime (frozen, so unchanged identity means unchanged content). */
const CLIENTS = derivedKey<object, WeakMap<object, WeakMap<TrafficFlow, Client[]>>>('network.flowClients');

/** The pods that send a flow's requests: running (every container), with an IP, on a live node. */
function clientsOf(memo: Memo, state: ClusterState, flow: TrafficFlow): Client[] {
  if (!Object.isFrozen(state.pods) || !Object.isFrozen(state.nodeRuntime))
    return computeClients(memo, state, flow);
  const byRuntime = memo.derive(CLIENTS, state.pods, () => new WeakMap());
  let byFlow = byRuntime.get(state.nodeRuntime);
  if (byFlow === undefined) byRuntime.set(state.nodeRuntime, (byFlow = new WeakMap()));
  let clients = byFlow.get(flow);
  if (clients === undefined) byFlow.set(flow, (clients = computeClients(memo, state, flow)));
  return clients;
}

function computeClients(memo: Memo, state: ClusterState, flow: TrafficFlow): Client[] {
  if (flow.from.kind === 'external') return [{ kind: 'external', ip: EXTERNAL_CLIENT_IP }];
  const { selector, namespace } = flow.from;
  const simple = selector.matchExpressions === undefined;
  const pods: [string, Pod][] = podsMatching(
    memo,
    state.pods,
    namespace,
    simple ? (selector.matchLabels ?? {}) : {},
  );
  const out: Client[] = [];
  for (const [key, pod] of pods) {
    if (!simple && !selectorMatches(selector, pod.metadata.labels ?? {})) continue;
    const node = pod.spec.nodeName;
    const ip = pod.status.podIP;
    if (node === undefined || ip === undefined || pod.metadata.deletionTimestamp !== undefined) continue;
    if (pod.status.phase !== 'Running' || state.nodeRuntime[node]?.up !== true) continue;
    if (!pod.status.containerStatuses.every((c) => c.state.running !== undefined)) continue;
    out.push({ kind: 'pod', key, pod, ip, node, namespace });
  }
  return out;
}

function emptyStats(): FlowStats {
  return { requests: 0, successes: 0, failures: {}, carry: 0 };
}

function tick(state: ClusterState, ctx: ReconcileContext): Intent[] {
  const net = state.network;
  if (net === undefined || net.flows.length === 0) return [];
  ctx.requeueAfter(TRAFFIC_TICK_KEY, TRAFFIC_TICK_MS, true);
  const now = ctx.now;
  const affinity: ProxyMemory['affinity'] = {};
  for (const [k, v] of Object.entries(net.affinity)) if (v[1] > now) affinity[k] = v;
  const memory: ProxyMemory = { rr: { ...net.rr }, affinity };
  const tn = new TickNetwork(
    state,
    net.config,
    memory,
    tickRandom(Math.floor(ctx.random() * 4294967296)),
    now,
    ctx.memo,
  );
  const sent = sendFlows(ctx.memo, state, net, new RequestSender(tn), now);
  const { intents, summary } = traceRecords(sent.accs, sent.clientCounts);
  intents.unshift(recordTick(memory, now, sent, summary));
  return intents;
}

/** What a tick's flows sent: a tally per flow and per downstream call, the carries, the clients. */
interface Sent {
  accs: Acc[];
  carries: Record<string, number>;
  clientCounts: Record<string, number>;
  nextRequest: number;
}

/** A flow's (or call's) figures of the tick, as the trace and the stats keep them. */
interface FlowSummary {
  name: string;
  requests: number;
  successes: number;
  failures: Acc['failures'];
  p50: number;
  p99: number;
}

/** Every active flow sends this second's requests (fractions carry over) from its clients in turn. */
function sendFlows(
  memo: Memo,
  state: ClusterState,
  net: NetworkRuntime,
  sender: RequestSender,
  now: number,
): Sent {
  const targets = memo.table(TARGETS);
  const accs: Acc[] = [];
  const carries: Record<string, number> = {};
  const clientCounts: Record<string, number> = {};
  let id = net.nextRequest;
  for (const flow of net.flows) {
    if (now <= flow.start || (flow.stop !== undefined && now > flow.stop)) continue;
    const target = targetOf(targets, flow);
    if (target === undefined) continue;
    const acc = new Acc(flow.name, flow.to, flow.sample);
    accs.push(acc);
    const calls = flow.calls.flatMap((c) => {
      const t = targetOf(targets, c);
      return t === undefined
        ? []
        : [{ name: c.name, target: t, acc: new Acc(`${flow.name}/${c.name}`, c.to, flow.sample) }];
    });
    for (const c of calls) accs.push(c.acc);
    const clients = clientsOf(memo, state, flow);
    clientCounts[flow.name] = clients.length;
    const want = (net.stats[flow.name]?.carry ?? 0) + flow.rate;
    const n = Math.floor(want + 1e-9);
    carries[flow.name] = Math.max(0, want - n);
    if (clients.length === 0) continue;
    const plans: Plan[] = clients.map((c) => sender.plan(c, target));
    const callAccs = calls.map((c) => c.acc);
    const onCall = (k: number, sub: Plan) => callAccs[k]?.add(sender, sub, id++, now);
    const withCalls = calls.length > 0;
    for (let k = 0; k < n; k++) {
      const plan = plans[k % plans.length] as Plan;
      const rid = id++;
      sender.send(plan, calls, onCall, withCalls);
      acc.add(sender, plan, rid, now, withCalls ? sender.lastCalls : undefined);
    }
  }
  return { accs, carries, clientCounts, nextRequest: id };
}

/** The tick's trace: each flow's sampled requests, then its `traffic` record; and the summaries. */
function traceRecords(
  accs: readonly Acc[],
  clientCounts: Record<string, number>,
): { intents: Intent[]; summary: FlowSummary[] } {
  const intents: Intent[] = [];
  const summary: FlowSummary[] = [];
  for (const acc of accs) {
    const sorted = acc.latencies.subarray(0, acc.requests).sort();
    const p50 = round3(quantile(sorted, 0.5));
    const p99 = round3(quantile(sorted, 0.99));
    summary.push({
      name: acc.name,
      requests: acc.requests,
      successes: acc.successes,
      failures: acc.failures,
      p50,
      p99,
    });
    for (const s of acc.samples) intents.push({ op: 'trace', record: s as TraceIntent['record'] });
    intents.push({
      op: 'trace',
      record: {
        type: 'traffic',
        flow: acc.name,
        requests: acc.requests,
        successes: acc.successes,
        failures: acc.failures,
        p50,
        p99,
        backends: Object.fromEntries(acc.backends),
        ...(clientCounts[acc.name] === undefined ? {} : { clients: clientCounts[acc.name] }),
      },
    });
  }
  return { intents, summary };
}

/** The network's memory after the tick: proxy state, request ids, the 60-second window, the totals. */
function recordTick(memory: ProxyMemory, now: number, sent: Sent, summary: readonly FlowSummary[]): Intent {
  const { nextRequest, carries } = sent;
  const second: TrafficSecond = { t: now, flows: {} };
  for (const s of summary) second.flows[s.name] = [s.requests, s.successes, s.p50, s.p99];
  return {
    op: 'runtime',
    why: 'traffic tick',
    mutate: (d) => {
      const n = d.network;
      if (n === undefined) return;
      n.rr = memory.rr;
      n.affinity = memory.affinity;
      n.nextRequest = nextRequest;
      n.window[n.windowCount % RECENT_SECONDS] = second;
      n.windowCount += 1;
      for (const s of summary) {
        const st = (n.stats[s.name] ??= emptyStats());
        st.requests += s.requests;
        st.successes += s.successes;
        for (const [cause, k] of Object.entries(s.failures))
          st.failures[cause as FailureCause] = (st.failures[cause as FailureCause] ?? 0) + k;
        if (carries[s.name] !== undefined) st.carry = carries[s.name] as number;
      }
    },
  };
}

export const trafficController: Controller = {
  name: TRAFFIC_CONTROLLER,
  keysFor: () => [],
  reconcile: (state, key, ctx) => (key === TRAFFIC_TICK_KEY ? tick(state, ctx) : []),
};
