/**
 * Scheduler throughput (issue 3): the full default profile on a prepared snapshot, calling the
 * scheduling code directly (schedulePod on a node table, then "assume" the pod on its node as
 * kube-scheduler's cache does, which the table and its indexes follow), not through the engine,
 * controllers or immer. The explain record of each cycle is kept but never read, so never built. Two sizes: 5,000
 * nodes x 150,000 pods (Kubernetes' documented limits) and 100 x 3,000; 5% of the pods carry a
 * zone topology spread constraint and 5% a preferred pod anti-affinity (and 1% a required one).
 * The floor is one plain array loop over the same nodes and pods that computes only the
 * LeastAllocated score of every node (with the fit check) and takes the best.
 * Run: npm run bench:scheduler (also part of npm run bench).
 */
import { Rng } from '../src/engine/rng';
import { DEFAULT_SETTINGS } from '../src/model/settings';
import type { Node, Pod } from '../src/model/objects';
import type { ClusterState } from '../src/model/state';
import type { NodeInfo } from '../src/scheduler/framework';
import { makeNodeInfo, requestsOf, withPod } from '../src/scheduler/nodeInfo';
import { NodeTable } from '../src/scheduler/nodeTable';
import { DEFAULT_PROFILE } from '../src/scheduler/profile';
import { makeCycle, schedulePod } from '../src/scheduler/scheduleOne';

const ZONES = 10;

function node(i: number): Node {
  const name = `node-${String(i).padStart(5, '0')}`;
  const alloc = { cpu: 32_000, memory: 128 * 2 ** 30, pods: 110 };
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name,
      uid: `n${i}`,
      creationTimestamp: 0,
      labels: { 'kubernetes.io/hostname': name, 'topology.kubernetes.io/zone': `zone-${i % ZONES}` },
    },
    spec: {},
    status: { capacity: alloc, allocatable: alloc, conditions: [], addresses: [] },
  };
}

function deepFreeze<T>(o: T): T {
  if (typeof o === 'object' && o !== null && !Object.isFrozen(o)) {
    for (const v of Object.values(o)) deepFreeze(v);
    Object.freeze(o);
  }
  return o;
}

function pod(i: number): Pod {
  const app = `app-${i % 50}`;
  const kind = i % 100;
  const spec: Pod['spec'] = {
    containers: [
      {
        name: 'c',
        image: 'nginx:1.27',
        resources: { requests: { cpu: `${100 + (i % 5) * 50}m`, memory: `${128 + (i % 4) * 64}Mi` } },
      },
    ],
    restartPolicy: 'Always',
    terminationGracePeriodSeconds: 30,
    schedulerName: 'default-scheduler',
  };
  if (kind < 5)
    spec.topologySpreadConstraints = [
      {
        maxSkew: 5,
        topologyKey: 'topology.kubernetes.io/zone',
        whenUnsatisfiable: 'DoNotSchedule',
        labelSelector: { matchLabels: { app } },
      },
    ];
  else if (kind < 10)
    spec.affinity = {
      podAntiAffinity: {
        preferredDuringSchedulingIgnoredDuringExecution: [
          {
            weight: 50,
            podAffinityTerm: {
              topologyKey: 'kubernetes.io/hostname',
              labelSelector: { matchLabels: { app } },
            },
          },
        ],
      },
    };
  else if (kind === 10)
    spec.affinity = {
      podAntiAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: [
          { topologyKey: 'kubernetes.io/hostname', labelSelector: { matchLabels: { app: `solo-${i}` } } },
        ],
      },
    };
  const p: Pod = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: `pod-${i}`, namespace: 'default', uid: `p${i}`, creationTimestamp: 0, labels: { app } },
    spec,
    status: { phase: 'Pending', conditions: [], containerStatuses: [] },
  };
  return deepFreeze(p);
}

function state(): ClusterState {
  return {
    time: 0,
    seq: 0,
    rng: 1,
    nextUid: 0,
    queue: [],
    settings: DEFAULT_SETTINGS,
    namespaces: {},
    nodes: {},
    pods: {},
    replicaSets: {},
    deployments: {},
    events: {},
    nodeRuntime: {},
    podRuntime: {},
    schedulingQueue: {},
  } as ClusterState;
}

function runFramework(nodeCount: number, podCount: number): { ms: number; cpuMs: number; bound: number } {
  // Frozen, as the engine freezes its state (immer): caches keyed by frozen objects then hold.
  const st = deepFreeze(state());
  // The nodes as kube-scheduler's cache keeps them: one NodeInfo per node, replaced on each bind,
  // and the node table (columns) updated with it, as the engine's snapshot does.
  const table = new NodeTable(Array.from({ length: nodeCount }, (_, i) => makeNodeInfo(node(i), [])));
  const nodes = table.infos;
  const pods = Array.from({ length: podCount }, (_, i) => pod(i));
  // The engine's generator, drawn as the engine's scheduler draws (simulation.ts, controller.ts).
  const rng = new Rng(42);
  const random = () => rng.next();
  let start = 0;
  let bound = 0;
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  for (const p of pods) {
    const out = schedulePod(makeCycle(st, p, nodes, table), DEFAULT_PROFILE, random, {
      startIndex: start,
      nominatedPods: false,
    });
    start = out.nextStartIndex;
    const i = out.selectedIndex;
    if (i < 0) continue;
    const info = nodes[i] as NodeInfo;
    // kube-scheduler's cache assumes the pod on its node (NodeInfo.AddPod); the table and the
    // indexes kept beside it follow.
    table.set(i, withPod(info, p, table.memo), p);
    bound++;
  }
  const cpu = process.cpuUsage(cpu0);
  return { ms: performance.now() - t0, cpuMs: (cpu.user + cpu.system) / 1000, bound };
}

function runFloor(nodeCount: number, podCount: number): number {
  const cap = new Float64Array(nodeCount).fill(32_000);
  const memCap = new Float64Array(nodeCount).fill(128 * 2 ** 30);
  const cpu = new Float64Array(nodeCount);
  const mem = new Float64Array(nodeCount);
  const pods = Array.from({ length: podCount }, (_, i) => requestsOf(pod(i)).nonZero);
  const t0 = performance.now();
  for (const r of pods) {
    const pc = r.cpu ?? 0;
    const pm = r.memory ?? 0;
    let best = -1;
    let bestScore = -1;
    for (let n = 0; n < nodeCount; n++) {
      const c = cpu[n]! + pc;
      const m = mem[n]! + pm;
      if (c > cap[n]! || m > memCap[n]!) continue;
      const s = Math.trunc(
        (Math.trunc(((cap[n]! - c) * 100) / cap[n]!) + Math.trunc(((memCap[n]! - m) * 100) / memCap[n]!)) / 2,
      );
      if (s > bestScore) {
        bestScore = s;
        best = n;
      }
    }
    if (best >= 0) {
      cpu[best]! += pc;
      mem[best]! += pm;
    }
  }
  return performance.now() - t0;
}

function report(nodes: number, pods: number): void {
  const fw = runFramework(nodes, pods);
  const floor = runFloor(nodes, pods);
  const rss = process.resourceUsage().maxRSS / 1024;
  console.log(
    `scheduler ${nodes} nodes x ${pods} pods: ${Math.round((fw.bound / fw.ms) * 1000)} pods/s (${(fw.ms / 1000).toFixed(1)} s, ${fw.bound} bound; CPU ${(fw.cpuMs / 1000).toFixed(1)} s, all threads); ` +
      `plain LeastAllocated loop ${(floor / 1000).toFixed(2)} s; ratio ${(fw.ms / floor).toFixed(2)}x; peak RSS ${Math.round(rss)} MB`,
  );
}

const args = process.argv.slice(2);
const podsArg = args.indexOf('--large-pods');
report(100, 3000);
if (!args.includes('--small')) report(5000, podsArg >= 0 ? Number(args[podsArg + 1]) : 150_000);
