/**
 * The node-table fast paths (FilterPlugin.screen, ScorePlugin.scoreTable and normalizeInPlace) must
 * give exactly what the plugins' NodeInfo methods give. On random clusters (5 to 150 nodes, so both
 * the "every node below 100" walk and the percentageOfNodesToScore walk run), random pods and random
 * profiles, schedulePod with `fastPaths: true` and `fastPaths: false` must agree byte for byte on the
 * explain record (JSON, which reads the lazy `nodes`), the next start index, the preemption decision
 * and the number of random draws; so must a reference run that no table can reach (fresh, unfrozen
 * NodeInfos, fastPaths false), and an independent reference that shares neither schedulePod nor
 * selectTop (referenceScheduler.ts: kube-scheduler's node-by-node walk over NodeInfos).
 *
 * The cycle's node table comes three ways: built per cycle for a state that is not frozen; passed in
 * by the caller after being updated with `set()` from an earlier version of the cluster; and, for a
 * deep-frozen state, the engine snapshot's own table, updated node by node from the snapshot of an
 * earlier version of the cluster (some pods added or removed, some nodes cordoned, retainted,
 * relabelled or resized in between).
 *
 * Also: `result.nodes` is built on first read, then stays put, and the record's keys and JSON are
 * those of a plain object.
 */
import fc from 'fast-check';
import { freeze } from 'immer';
import { describe, expect, it } from 'vitest';
import { Rng, seedState } from '../../src/engine/rng';
import type { Service } from '../../src/model/network';
import type {
  Affinity,
  Namespace,
  Node,
  NodeSelectorRequirement,
  NodeSelectorTerm,
  Pod,
  PodAffinityTerm,
  PodPhase,
  ReplicaSet,
  Taint,
  Toleration,
  TopologySpreadConstraint,
  WeightedPodAffinityTerm,
} from '../../src/model/objects';
import { getIn } from '../../src/model/sharded';
import type { ClusterState, NodeRuntime } from '../../src/model/state';
import type { Profile, SchedulingResult } from '../../src/scheduler/framework';
import { buildNodeInfos } from '../../src/scheduler/nodeInfo';
import { NodeTable } from '../../src/scheduler/nodeTable';
import type { PriorityClass } from '../../src/scheduler/priority';
import { DEFAULT_PROFILE } from '../../src/scheduler/profile';
import { type CycleOutcome, makeCycle, schedulePod } from '../../src/scheduler/scheduleOne';
import { snapshotTableFor } from '../../src/scheduler/snapshot';
import { referenceSchedule } from './referenceScheduler';
import { Memo } from '../../src/model/memo';
import { makeNode, makePod, makeState, profileFromYaml, runningPod } from './fixtures';

const HOST = 'kubernetes.io/hostname';
const ZONE = 'topology.kubernetes.io/zone';
const GPU = 'example.com/gpu';
const EPH = 'ephemeral-storage';

// ---------------------------------------------------------------------------------------------
// Profiles: the default one and some built from KubeSchedulerConfiguration text, as scenarios do.

const PROFILES: readonly [string, Profile][] = [
  ['default', DEFAULT_PROFILE],
  [
    'most-allocated',
    profileFromYaml(`
apiVersion: kubescheduler.config.k8s.io/v1
kind: KubeSchedulerConfiguration
percentageOfNodesToScore: 20
profiles:
  - schedulerName: most-allocated
    pluginConfig:
      - name: NodeResourcesFit
        args:
          scoringStrategy:
            type: MostAllocated
            resources:
              - {name: cpu, weight: 2}
              - {name: memory, weight: 1}
              - {name: example.com/gpu, weight: 5}
              - {name: ephemeral-storage, weight: 1}
      - name: NodeResourcesBalancedAllocation
        args:
          resources: [{name: cpu}, {name: memory}, {name: example.com/gpu}]
`),
  ],
  [
    'requested-to-capacity-ratio',
    profileFromYaml(`
apiVersion: kubescheduler.config.k8s.io/v1
kind: KubeSchedulerConfiguration
profiles:
  - schedulerName: ratio
    percentageOfNodesToScore: 50
    plugins:
      score:
        enabled:
          - {name: NodeResourcesFit, weight: 3}
          - {name: ImageLocality, weight: 4}
    pluginConfig:
      - name: NodeResourcesFit
        args:
          scoringStrategy:
            type: RequestedToCapacityRatio
            resources: [{name: cpu, weight: 3}, {name: memory, weight: 1}, {name: example.com/gpu, weight: 2}]
            requestedToCapacityRatio:
              shape:
                - {utilization: 0, score: 0}
                - {utilization: 40, score: 7}
                - {utilization: 100, score: 10}
      - name: NodeResourcesBalancedAllocation
        args: {resources: [{name: memory, weight: 1}]}
      - name: InterPodAffinity
        args: {hardPodAffinityWeight: 10}
`),
  ],
  [
    'ratio-default-shape',
    profileFromYaml(`
percentageOfNodesToScore: 70
profiles:
  - schedulerName: ratio-default-shape
    pluginConfig:
      - name: NodeResourcesFit
        args:
          scoringStrategy:
            type: RequestedToCapacityRatio
            resources: [{name: ephemeral-storage, weight: 2}, {name: cpu, weight: 1}]
      - name: InterPodAffinity
        args: {hardPodAffinityWeight: 0}
`),
  ],
  [
    'spread-list',
    profileFromYaml(`
profiles:
  - schedulerName: spread-list
    percentageOfNodesToScore: 100
    plugins:
      filter:
        disabled: [{name: TaintToleration}]
      postFilter:
        disabled: [{name: DefaultPreemption}]
    pluginConfig:
      - name: PodTopologySpread
        args:
          defaultingType: List
          defaultConstraints:
            - {maxSkew: 1, topologyKey: topology.kubernetes.io/zone, whenUnsatisfiable: ScheduleAnyway}
            - {maxSkew: 2, topologyKey: kubernetes.io/hostname, whenUnsatisfiable: DoNotSchedule}
      - name: InterPodAffinity
        args: {ignorePreferredTermsOfExistingPods: true}
`),
  ],
  [
    'least-weighted',
    profileFromYaml(`
percentageOfNodesToScore: 5
profiles:
  - schedulerName: least-weighted
    plugins:
      multiPoint:
        disabled: [{name: ImageLocality}, {name: NodeName}]
      score:
        enabled:
          - {name: TaintToleration, weight: 1}
          - {name: NodeAffinity, weight: 7}
          - {name: PodTopologySpread, weight: 5}
    pluginConfig:
      - name: NodeResourcesFit
        args:
          scoringStrategy:
            type: LeastAllocated
            resources:
              - {name: cpu, weight: 1}
              - {name: memory, weight: 4}
              - {name: ephemeral-storage, weight: 2}
              - {name: example.com/gpu, weight: 3}
      - name: NodeResourcesBalancedAllocation
        args:
          resources: [{name: cpu}, {name: memory}, {name: ephemeral-storage}, {name: example.com/gpu}]
`),
  ],
  [
    // Two resources with weights, one of which a node may lack (the two-resource kernels' table
    // of quotients and their path for a missing allocatable).
    'two-resources-most',
    profileFromYaml(`
profiles:
  - schedulerName: two-resources-most
    pluginConfig:
      - name: NodeResourcesFit
        args:
          scoringStrategy:
            type: MostAllocated
            resources: [{name: cpu, weight: 3}, {name: ephemeral-storage, weight: 2}]
      - name: NodeResourcesBalancedAllocation
        args:
          resources: [{name: memory}, {name: ephemeral-storage}]
`),
  ],
  [
    'two-resources-least',
    profileFromYaml(`
profiles:
  - schedulerName: two-resources-least
    pluginConfig:
      - name: NodeResourcesFit
        args:
          scoringStrategy:
            type: LeastAllocated
            resources: [{name: memory, weight: 7}, {name: example.com/gpu, weight: 100}]
`),
  ],
];

// ---------------------------------------------------------------------------------------------
// Arbitraries. Descriptions are small plain values (they shrink well); builders below turn them
// into Nodes and Pods.

/** `arb` once in `some + none` times, undefined otherwise. */
const maybe = <T>(arb: fc.Arbitrary<T>, some: number, none: number): fc.Arbitrary<T | undefined> =>
  fc.oneof({ weight: none, arbitrary: fc.constant(undefined) }, { weight: some, arbitrary: arb });

/** Usually an empty list. */
const few = <T>(arb: fc.Arbitrary<T>, max: number, emptyWeight = 3): fc.Arbitrary<T[]> =>
  fc.oneof(
    { weight: emptyWeight, arbitrary: fc.constant<T[]>([]) },
    { weight: 1, arbitrary: fc.array(arb, { minLength: 1, maxLength: max }) },
  );

const chance = (one: number, inN: number) => fc.integer({ min: 1, max: inN }).map((x) => x <= one);

const requestsArb: fc.Arbitrary<Record<string, string> | undefined> = fc.oneof(
  { weight: 1, arbitrary: fc.constant(undefined) }, // best effort: no resources at all
  {
    weight: 5,
    arbitrary: fc
      .record({
        cpu: maybe(fc.constantFrom('50m', '100m', '250m', '500m', '1', '1500m', '3'), 5, 1),
        memory: maybe(fc.constantFrom('64Mi', '256Mi', '512Mi', '1Gi', '3Gi'), 5, 1),
        gpu: maybe(fc.constantFrom('1', '2'), 1, 6),
        eph: maybe(fc.constantFrom('500Mi', '2Gi'), 1, 5),
      })
      .map(({ cpu, memory, gpu, eph }) => {
        const out: Record<string, string> = {};
        if (cpu !== undefined) out.cpu = cpu;
        if (memory !== undefined) out.memory = memory;
        if (gpu !== undefined) out[GPU] = gpu;
        if (eph !== undefined) out[EPH] = eph;
        return out;
      }),
  },
);

const TAINTS: readonly Taint[] = [
  { key: 'dedicated', value: 'gpu', effect: 'NoSchedule' },
  { key: 'maintenance', effect: 'NoExecute' },
  { key: 'spot', effect: 'PreferNoSchedule' },
  { key: 'noisy', value: 'yes', effect: 'PreferNoSchedule' },
  { key: 'dedicated', value: 'db', effect: 'NoSchedule' },
];

const TOLERATIONS: readonly Toleration[] = [
  { key: 'dedicated', operator: 'Equal', value: 'gpu', effect: 'NoSchedule' },
  { key: 'spot', operator: 'Exists', effect: 'PreferNoSchedule' },
  { key: 'noisy', operator: 'Equal', value: 'yes' },
  { key: 'maintenance', operator: 'Exists' },
  { key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' },
  { operator: 'Exists' }, // tolerates everything, the cordon included
];

const IMAGES = ['nginx', 'nginx:latest', 'nginx:1.25', 'redis:7', 'registry.example/team/app', 'busybox'];

interface NodeDesc {
  cpu: string;
  memory: string;
  pods: number | undefined;
  gpu: number | undefined;
  eph: string | undefined;
  cordoned: boolean;
  taints: Taint[];
  zone: number | undefined;
  disk: string | undefined;
  cores: number | undefined;
  images: string[] | undefined;
  /** How the node differed in the earlier version of the cluster (0: it did not). */
  before: number;
}

const nodeArb: fc.Arbitrary<NodeDesc> = fc.record({
  cpu: fc.constantFrom('0', '500m', '1', '2', '4', '8'),
  memory: fc.constantFrom('0', '512Mi', '1Gi', '4Gi', '16Gi'),
  pods: maybe(fc.integer({ min: 0, max: 6 }), 1, 3),
  gpu: maybe(fc.integer({ min: 0, max: 4 }), 1, 3),
  eph: maybe(fc.constantFrom('1Gi', '10Gi'), 1, 2),
  cordoned: chance(1, 7),
  taints: few(fc.constantFrom(...TAINTS), 2, 2),
  zone: maybe(fc.integer({ min: 0, max: 2 }), 5, 1),
  disk: maybe(fc.constantFrom('ssd', 'hdd'), 2, 1),
  cores: maybe(fc.integer({ min: 1, max: 16 }), 1, 1),
  images: maybe(fc.subarray(IMAGES), 1, 1),
  before: fc.oneof(
    { weight: 4, arbitrary: fc.constant(0) },
    { weight: 4, arbitrary: fc.integer({ min: 1, max: 4 }) },
  ),
});

const termArb: fc.Arbitrary<PodAffinityTerm> = fc
  .record({
    app: fc.constantFrom('a', 'b', 'c'),
    key: fc.constantFrom(HOST, ZONE, HOST, ZONE, 'disk'),
    form: fc.constantFrom('labels', 'labels', 'expr', 'all', 'none'),
    ns: fc.constantFrom('own', 'own', 'own', 'other', 'both', 'selector'),
  })
  .map(({ app, key, form, ns }) => {
    const term: PodAffinityTerm = { topologyKey: key };
    if (form === 'labels') term.labelSelector = { matchLabels: { app } };
    else if (form === 'expr')
      term.labelSelector = { matchExpressions: [{ key: 'app', operator: 'In', values: [app, 'c'] }] };
    else if (form === 'all') term.labelSelector = {};
    if (ns === 'other') term.namespaces = ['other'];
    else if (ns === 'both') term.namespaces = ['default', 'other'];
    else if (ns === 'selector') term.namespaceSelector = { matchLabels: { team: 'x' } };
    return term;
  });

const weightedTermArb: fc.Arbitrary<WeightedPodAffinityTerm> = fc.record({
  weight: fc.oneof(
    { weight: 1, arbitrary: fc.constant(0) },
    { weight: 9, arbitrary: fc.integer({ min: 1, max: 100 }) },
  ),
  podAffinityTerm: termArb,
});

/** Pod (anti-)affinity; undefined when the pod has none. */
const podAffinityArb: fc.Arbitrary<Affinity | undefined> = fc
  .record({
    reqAff: few(termArb, 2, 4),
    reqAnti: few(termArb, 2),
    prefAff: few(weightedTermArb, 2),
    prefAnti: few(weightedTermArb, 2),
    emptyObjects: chance(1, 10),
  })
  .map(({ reqAff, reqAnti, prefAff, prefAnti, emptyObjects }) => {
    const affinity: Affinity = {};
    if (reqAff.length > 0 || prefAff.length > 0 || emptyObjects)
      affinity.podAffinity = {
        ...(reqAff.length > 0 ? { requiredDuringSchedulingIgnoredDuringExecution: reqAff } : {}),
        ...(prefAff.length > 0 ? { preferredDuringSchedulingIgnoredDuringExecution: prefAff } : {}),
      };
    if (reqAnti.length > 0 || prefAnti.length > 0)
      affinity.podAntiAffinity = {
        ...(reqAnti.length > 0 ? { requiredDuringSchedulingIgnoredDuringExecution: reqAnti } : {}),
        ...(prefAnti.length > 0 ? { preferredDuringSchedulingIgnoredDuringExecution: prefAnti } : {}),
      };
    return Object.keys(affinity).length === 0 ? undefined : affinity;
  });

const priorityArb: fc.Arbitrary<number | string | undefined> = fc.constantFrom(
  undefined,
  undefined,
  0,
  0,
  10,
  100,
  1000,
  'high',
  'low',
  'system-cluster-critical',
);

interface ExistingDesc {
  node: number;
  requests: Record<string, string> | undefined;
  extra: Record<string, string> | undefined;
  app: string;
  tier: string | undefined;
  namespace: string;
  phase: PodPhase;
  terminating: boolean;
  affinity: Affinity | undefined;
  hostPort: number | undefined;
  priority: number | string | undefined;
  /** 0: in both versions of the cluster; 1: only in the current one; 2: only in the earlier one. */
  presence: number;
}

const existingArb: fc.Arbitrary<ExistingDesc> = fc.record({
  node: fc.nat(),
  requests: requestsArb,
  extra: maybe(requestsArb, 1, 6),
  app: fc.constantFrom('a', 'b', 'c', 'd'),
  tier: maybe(fc.constantFrom('web', 'db'), 1, 1),
  namespace: fc.constantFrom('default', 'default', 'default', 'other'),
  phase: fc.constantFrom<PodPhase>(
    'Running',
    'Running',
    'Running',
    'Running',
    'Pending',
    'Succeeded',
    'Failed',
  ),
  terminating: chance(1, 8),
  affinity: maybe(podAffinityArb, 1, 3),
  hostPort: maybe(fc.constantFrom(80, 443), 1, 8),
  priority: priorityArb,
  presence: fc.constantFrom(0, 0, 0, 0, 0, 0, 1, 2),
});

interface NominatedDesc {
  node: number;
  requests: Record<string, string> | undefined;
  app: string;
  priority: number | string | undefined;
  terminating: boolean;
}

const nominatedArb: fc.Arbitrary<NominatedDesc> = fc.record({
  node: fc.nat(),
  requests: requestsArb,
  app: fc.constantFrom('a', 'b'),
  priority: fc.constantFrom(undefined, 0, 100, 1000, 'high'),
  terminating: chance(1, 6),
});

const nodeRequirementArb = (names: number): fc.Arbitrary<NodeSelectorRequirement> =>
  fc.oneof(
    fc.constant<NodeSelectorRequirement>({ key: ZONE, operator: 'In', values: ['z0', 'z1'] }),
    fc.constant<NodeSelectorRequirement>({ key: ZONE, operator: 'NotIn', values: ['z2'] }),
    fc.constant<NodeSelectorRequirement>({ key: 'disk', operator: 'Exists' }),
    fc.constant<NodeSelectorRequirement>({ key: 'disk', operator: 'DoesNotExist' }),
    fc.constant<NodeSelectorRequirement>({ key: 'cores', operator: 'Gt', values: ['4'] }),
    fc.constant<NodeSelectorRequirement>({ key: 'cores', operator: 'Lt', values: ['9'] }),
    fc
      .array(fc.integer({ min: 0, max: names - 1 }), { minLength: 1, maxLength: 8 })
      .map((ix) => ({ key: HOST, operator: 'In' as const, values: ix.map(nodeName) })),
  );

const nodeSelectorTermArb = (names: number): fc.Arbitrary<NodeSelectorTerm> =>
  fc.oneof(
    {
      weight: 6,
      arbitrary: fc
        .array(nodeRequirementArb(names), { minLength: 1, maxLength: 2 })
        .map((e) => ({ matchExpressions: e })),
    },
    {
      weight: 1,
      arbitrary: fc
        .array(fc.integer({ min: 0, max: names - 1 }), { minLength: 1, maxLength: 30 })
        .map((ix) => ({
          matchFields: [{ key: 'metadata.name', operator: 'In' as const, values: ix.map(nodeName) }],
        })),
    },
  );

const spreadArb: fc.Arbitrary<TopologySpreadConstraint> = fc
  .record({
    maxSkew: fc.integer({ min: 1, max: 3 }),
    key: fc.constantFrom(HOST, ZONE, ZONE, 'disk'),
    when: fc.constantFrom<TopologySpreadConstraint['whenUnsatisfiable']>('DoNotSchedule', 'ScheduleAnyway'),
    app: maybe(fc.constantFrom('a', 'b'), 5, 1),
    minDomains: maybe(fc.integer({ min: 1, max: 4 }), 1, 3),
    matchLabelKeys: chance(1, 4),
  })
  .map(({ maxSkew, key, when, app, minDomains, matchLabelKeys }) => ({
    maxSkew,
    topologyKey: key,
    whenUnsatisfiable: when,
    ...(app === undefined ? {} : { labelSelector: { matchLabels: { app } } }),
    ...(minDomains === undefined ? {} : { minDomains }),
    ...(matchLabelKeys ? { matchLabelKeys: ['tier'] } : {}),
  }));

interface PendingDesc {
  requests: Record<string, string> | undefined;
  extra: Record<string, string> | undefined;
  init: Record<string, string> | undefined;
  image: string;
  app: string;
  tier: string | undefined;
  namespace: string;
  tolerations: Toleration[];
  nodeSelector: Record<string, string> | undefined;
  required: NodeSelectorTerm[];
  preferred: { weight: number; preference: NodeSelectorTerm }[];
  spread: TopologySpreadConstraint[];
  affinity: Affinity | undefined;
  hostPort: number | undefined;
  priority: number | string | undefined;
  never: boolean;
  nominatedTo: number | undefined;
  nodeName: number | undefined;
}

const pendingArb = (names: number): fc.Arbitrary<PendingDesc> =>
  fc.record({
    requests: requestsArb,
    extra: maybe(requestsArb, 1, 5),
    init: maybe(requestsArb, 1, 8),
    image: fc.constantFrom(...IMAGES, 'unknown/image:v1'),
    app: fc.constantFrom('a', 'b', 'c'),
    tier: maybe(fc.constantFrom('web', 'db'), 1, 1),
    namespace: fc.constantFrom('default', 'default', 'default', 'other'),
    tolerations: few(fc.constantFrom(...TOLERATIONS), 3, 2),
    nodeSelector: maybe(
      fc.constantFrom({ disk: 'ssd' }, { [ZONE]: 'z1' }, { disk: 'hdd', [ZONE]: 'z0' }),
      1,
      5,
    ),
    required: few(nodeSelectorTermArb(names), 2, 4),
    preferred: few(
      fc.record({ weight: fc.integer({ min: 0, max: 100 }), preference: nodeSelectorTermArb(names) }),
      3,
      2,
    ),
    spread: few(spreadArb, 2, 2),
    affinity: maybe(podAffinityArb, 1, 1),
    hostPort: maybe(fc.constantFrom(80, 443, 8080), 1, 6),
    priority: priorityArb,
    never: chance(1, 8),
    nominatedTo: maybe(fc.nat(), 1, 8),
    nodeName: maybe(fc.nat(), 1, 25),
  });

interface ClusterDesc {
  /**
   * mixed: as generated; roomy: nodes big, uncordoned and without hard taints, so that a big
   * cluster has enough feasible nodes for the walk to stop early (percentageOfNodesToScore);
   * tight: the pending pod outranks the pods in its way, so that preemption picks victims.
   */
  shape: 'mixed' | 'roomy' | 'tight';
  nodes: NodeDesc[];
  existing: ExistingDesc[];
  nominated: NominatedDesc[];
  pending: PendingDesc;
  replicaSet: boolean;
  service: boolean;
  classes: number;
  ghostRuntime: boolean;
}

interface RunDesc {
  profile: number;
  mode: 'plain' | 'table' | 'frozen';
  startIndex: number;
  nominatedPods: boolean | undefined;
  scoreAllNodes: boolean;
  seed: number;
}

const clusterArb: fc.Arbitrary<ClusterDesc> = fc
  .oneof(fc.integer({ min: 5, max: 99 }), fc.integer({ min: 100, max: 150 }))
  .chain((n) =>
    fc.record({
      shape: fc.constantFrom('mixed', 'mixed', 'roomy', 'roomy', 'tight'),
      nodes: fc.array(nodeArb, { minLength: n, maxLength: n }),
      existing: fc.array(existingArb, { maxLength: 2 * n }),
      nominated: few(nominatedArb, 3, 2),
      pending: pendingArb(n),
      replicaSet: fc.boolean(),
      service: chance(1, 3),
      classes: fc.integer({ min: 0, max: 2 }),
      ghostRuntime: chance(1, 4),
    }),
  );

const runArb: fc.Arbitrary<RunDesc> = fc.record({
  profile: fc.integer({ min: 0, max: PROFILES.length }).map((i) => i % PROFILES.length),
  mode: fc.constantFrom('plain', 'table', 'frozen'),
  startIndex: fc.oneof(fc.constant(0), fc.nat({ max: 400 })),
  nominatedPods: fc.constantFrom(undefined, true, false),
  scoreAllNodes: chance(1, 5),
  seed: fc.nat(),
});

// ---------------------------------------------------------------------------------------------
// Builders.

function nodeName(i: number): string {
  return `node-${String(i).padStart(3, '0')}`;
}

function buildNode(d: NodeDesc, i: number): Node {
  const capacity: Record<string, string> = { cpu: d.cpu, memory: d.memory };
  if (d.pods !== undefined) capacity.pods = String(d.pods);
  if (d.gpu !== undefined) capacity[GPU] = String(d.gpu);
  if (d.eph !== undefined) capacity[EPH] = d.eph;
  const labels: Record<string, string> = {};
  if (d.zone !== undefined) labels[ZONE] = `z${d.zone}`;
  if (d.disk !== undefined) labels.disk = d.disk;
  if (d.cores !== undefined) labels.cores = String(d.cores);
  return makeNode(nodeName(i), capacity, {
    labels,
    ...(d.taints.length > 0 ? { taints: d.taints.map((t) => ({ ...t })) } : {}),
    ...(d.cordoned ? { unschedulable: true } : {}),
  });
}

/** The node as it was in the earlier version of the cluster. */
function earlierNode(node: Node, how: number): Node {
  const old = structuredClone(node);
  switch (how) {
    case 1:
      old.spec.unschedulable = node.spec.unschedulable !== true;
      break;
    case 2:
      old.spec.taints =
        (node.spec.taints ?? []).length > 0
          ? []
          : [
              { key: 'spot', effect: 'PreferNoSchedule' },
              { key: 'maintenance', effect: 'NoExecute' },
            ];
      break;
    case 3: {
      const labels = old.metadata.labels as Record<string, string>;
      if (labels[ZONE] === undefined) labels[ZONE] = 'z1';
      else if (labels[ZONE] === 'z0') delete labels[ZONE];
      else labels[ZONE] = 'z0';
      if (labels.disk === undefined) labels.disk = 'ssd';
      else delete labels.disk;
      break;
    }
    default: {
      const a = old.status.allocatable;
      a.cpu = (a.cpu ?? 0) * 2 + 1000;
      a.pods = 1;
      if (a[GPU] === undefined) a[GPU] = 2;
      else delete a[GPU];
      a.memory = Math.trunc((a.memory ?? 0) / 2);
      break;
    }
  }
  return old;
}

function setPriority(pod: Pod, priority: number | string | undefined): void {
  if (typeof priority === 'number') pod.spec.priority = priority;
  else if (typeof priority === 'string') pod.spec.priorityClassName = priority;
}

function buildExisting(d: ExistingDesc, i: number, nodes: number): Pod {
  const pod = runningPod(`e${i}`, nodeName(d.node % nodes), d.requests, {
    namespace: d.namespace,
    phase: d.phase,
    labels: { app: d.app, ...(d.tier === undefined ? {} : { tier: d.tier }) },
    ...(d.extra === undefined ? {} : { extraContainers: [d.extra] }),
    ...(d.terminating ? { deletionTimestamp: 0 } : {}),
    ...(d.affinity === undefined ? {} : { affinity: d.affinity }),
  });
  if (d.hostPort !== undefined)
    (pod.spec.containers[0] as Pod['spec']['containers'][number]).ports = [
      { containerPort: 8080, hostPort: d.hostPort },
    ];
  setPriority(pod, d.priority);
  pod.status.startTime = i * 1000;
  return pod;
}

function buildNominated(d: NominatedDesc, i: number, nodes: number): Pod {
  const pod = makePod(`nominated${i}`, d.requests, {
    labels: { app: d.app },
    ...(d.terminating ? { deletionTimestamp: 0 } : {}),
  });
  pod.status.nominatedNodeName = nodeName(d.node % nodes);
  setPriority(pod, d.priority);
  return pod;
}

function buildPending(d: PendingDesc, nodes: number): Pod {
  const affinity: Affinity = { ...d.affinity };
  if (d.required.length > 0 || d.preferred.length > 0)
    affinity.nodeAffinity = {
      ...(d.required.length > 0
        ? { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: d.required } }
        : {}),
      ...(d.preferred.length > 0 ? { preferredDuringSchedulingIgnoredDuringExecution: d.preferred } : {}),
    };
  const pod = makePod('pending', d.requests, {
    namespace: d.namespace,
    labels: { app: d.app, ...(d.tier === undefined ? {} : { tier: d.tier }) },
    ...(d.extra === undefined ? {} : { extraContainers: [d.extra] }),
    ...(d.tolerations.length > 0 ? { tolerations: d.tolerations } : {}),
    ...(d.nodeSelector === undefined ? {} : { nodeSelector: d.nodeSelector }),
    ...(Object.keys(affinity).length > 0 ? { affinity } : {}),
    ...(d.never ? { preemptionPolicy: 'Never' as const } : {}),
    ...(d.nodeName === undefined ? {} : { nodeName: nodeName(d.nodeName % nodes) }),
  });
  const main = pod.spec.containers[0] as Pod['spec']['containers'][number];
  main.image = d.image;
  if (d.hostPort !== undefined) main.ports = [{ containerPort: 80, hostPort: d.hostPort }];
  if (d.init !== undefined)
    pod.spec.initContainers = [{ name: 'init', image: 'busybox', resources: { requests: d.init } }];
  if (d.spread.length > 0) pod.spec.topologySpreadConstraints = d.spread;
  setPriority(pod, d.priority);
  if (d.nominatedTo !== undefined) pod.status.nominatedNodeName = nodeName(d.nominatedTo % nodes);
  return pod;
}

function priorityClass(name: string, value: number, globalDefault = false): PriorityClass {
  return {
    apiVersion: 'scheduling.k8s.io/v1',
    kind: 'PriorityClass',
    metadata: { name, uid: `uid-pc-${name}`, creationTimestamp: 0 },
    value,
    ...(globalDefault ? { globalDefault } : {}),
  };
}

function runtime(images: readonly string[]): NodeRuntime {
  return {
    up: true,
    machine: 'ready',
    heartbeatPhase: 0,
    lastHeartbeat: 0,
    images: Object.fromEntries(images.map((i) => [i, true as const])),
    bootedAt: 0,
    nextPodIP: 0,
  };
}

/** The current cluster, its earlier version (same node names), and the pending pod. */
function buildCluster(c: ClusterDesc): { state: ClusterState; earlier: ClusterState } {
  const n = c.nodes.length;
  // tight: every node is full by pod count ("Too many pods", which evictions can solve).
  const podsOn = new Array<number>(n).fill(0);
  for (const e of c.existing)
    if (e.presence !== 2 && e.phase !== 'Succeeded' && e.phase !== 'Failed')
      podsOn[e.node % n] = (podsOn[e.node % n] ?? 0) + 1;
  const nodes = c.nodes.map((d, i) =>
    buildNode(
      c.shape === 'roomy'
        ? {
            ...d,
            cpu: '8',
            memory: '16Gi',
            pods: undefined,
            gpu: 4,
            eph: '10Gi',
            cordoned: d.cordoned && i % 5 === 0,
            taints: d.taints.filter((t) => t.effect === 'PreferNoSchedule'),
          }
        : c.shape === 'tight'
          ? { ...d, pods: podsOn[i] }
          : d,
      i,
    ),
  );
  const earlierNodes = nodes.map((node, i) => {
    const how = (c.nodes[i] as NodeDesc).before;
    return how === 0 ? node : earlierNode(node, how);
  });
  const existing = c.existing.map((d, i) => ({ pod: buildExisting(d, i, n), presence: d.presence }));
  const nominated = c.nominated.map((d, i) => buildNominated(d, i, n));
  const pending = buildPending(c.pending, n);
  if (c.shape === 'tight') {
    pending.spec.priority = 5000;
    delete pending.spec.priorityClassName;
    delete pending.spec.preemptionPolicy;
  }
  const now = existing.filter((e) => e.presence !== 2).map((e) => e.pod);
  const before = existing.filter((e) => e.presence !== 1).map((e) => e.pod);
  const state = makeState(nodes, [...now, ...nominated, pending], { time: 5000 });
  const earlier = makeState(earlierNodes, [...before, ...nominated, pending], { time: 4000 });
  const runtimes: Record<string, NodeRuntime> = {};
  c.nodes.forEach((d, i) => {
    if (d.images !== undefined) runtimes[nodeName(i)] = runtime(d.images);
  });
  if (c.ghostRuntime) runtimes['gone-node'] = runtime(IMAGES);
  const namespaces: Record<string, Namespace> = {
    other: {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: 'other', uid: 'uid-ns-other', creationTimestamp: 0, labels: { team: 'x' } },
      spec: { finalizers: [] },
      status: { phase: 'Active' },
    },
  };
  const replicaSets: Record<string, ReplicaSet> = {};
  if (c.replicaSet)
    replicaSets['default/web-rs'] = {
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: { name: 'web-rs', namespace: 'default', uid: 'uid-rs', creationTimestamp: 0 },
      spec: {
        replicas: 3,
        selector: { matchLabels: { app: 'a' } },
        template: { metadata: { labels: { app: 'a' } }, spec: pending.spec },
      },
      status: {
        replicas: 3,
        fullyLabeledReplicas: 3,
        readyReplicas: 3,
        availableReplicas: 3,
        observedGeneration: 1,
      },
    };
  const services: Record<string, Service> = {};
  if (c.service)
    services['default/svc-b'] = {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'svc-b', namespace: 'default', uid: 'uid-svc', creationTimestamp: 0 },
      spec: {
        type: 'ClusterIP',
        selector: { app: 'b' },
        ports: [],
        sessionAffinity: 'None',
        internalTrafficPolicy: 'Cluster',
        ipFamilies: ['IPv4'],
        ipFamilyPolicy: 'SingleStack',
      },
      status: { loadBalancer: {} },
    };
  const classes: Record<string, PriorityClass> = {};
  if (c.classes >= 1) {
    classes.high = priorityClass('high', 1000);
    classes.low = priorityClass('low', -10);
  }
  if (c.classes >= 2) classes['cluster-default'] = priorityClass('cluster-default', 50, true);
  for (const s of [state, earlier]) {
    s.nodeRuntime = runtimes;
    s.namespaces = namespaces;
    s.replicaSets = replicaSets;
    s.services = services;
    if (c.classes > 0) s.priorityClasses = classes;
  }
  return { state, earlier };
}

// ---------------------------------------------------------------------------------------------
// Running and comparing.

function counting(seed: number): { next: () => number; draws: () => number } {
  const rng = new Rng(seedState(seed));
  let draws = 0;
  return {
    next: () => {
      draws++;
      return rng.next();
    },
    draws: () => draws,
  };
}

interface Observed {
  json: string;
  keys: string[];
  nextStartIndex: number;
  preemption: { nominatedNode: string | undefined; message: string; victims: string[] } | undefined;
  draws: number;
}

function observe(outcome: CycleOutcome, draws: number): Observed {
  const p = outcome.preemption;
  return {
    json: JSON.stringify(outcome.result),
    keys: Object.keys(outcome.result),
    nextStartIndex: outcome.nextStartIndex,
    preemption:
      p === undefined
        ? undefined
        : {
            nominatedNode: p.nominatedNode,
            message: p.message,
            victims: p.victims.map((v) => `${v.metadata.namespace ?? 'default'}/${v.metadata.name}`),
          },
    draws,
  };
}

/** The table a caller keeps: built for the earlier cluster, used once, then updated node by node. */
function keptTable(earlier: ClusterState, state: ClusterState, pod: Pod, profile: Profile): NodeTable {
  const table = new NodeTable(buildNodeInfos(earlier));
  // A cycle on the earlier cluster makes the plugins ask for their columns before the update.
  schedulePod(makeCycle(earlier, pod, table.infos, table), profile, () => 0.5);
  table.labelColumn(ZONE);
  const now = buildNodeInfos(state);
  now.forEach((info, i) => table.set(i, info));
  return table;
}

const deepFreeze = <T>(value: T): T => freeze(value, true);

/** Every column of `table` equals that of a table built from scratch on its NodeInfos. */
function expectFreshTable(table: NodeTable): void {
  const fresh = new NodeTable(table.infos);
  expect([...table.podCount]).toEqual([...fresh.podCount]);
  expect([...table.unschedulable]).toEqual([...fresh.unschedulable]);
  for (let i = 0; i < table.size; i++) {
    expect(table.hasHardTaints(i)).toBe(fresh.hasHardTaints(i));
    expect(table.hasSoftTaints(i)).toBe(fresh.hasSoftTaints(i));
  }
  for (const r of ['cpu', 'memory', 'pods', GPU, EPH]) {
    const a = table.column(r);
    const b = fresh.column(r);
    expect([...a.alloc, ...a.requested, ...a.nonZero]).toEqual([...b.alloc, ...b.requested, ...b.nonZero]);
  }
  for (const key of [ZONE, HOST, 'disk']) expect(table.labelColumn(key)).toEqual(fresh.labelColumn(key));
}

function checkCase(cluster: ClusterDesc, run: RunDesc): CycleOutcome {
  const [, profile] = PROFILES[run.profile] as [string, Profile];
  let { state, earlier } = buildCluster(cluster);
  const options = {
    startIndex: run.startIndex,
    ...(run.nominatedPods === undefined ? {} : { nominatedPods: run.nominatedPods }),
    ...(run.scoreAllNodes ? { scoreAllNodes: true } : {}),
  };
  const podKey = `${cluster.pending.namespace}/pending`;

  // The reference: fresh NodeInfos that no table or memo has seen, every plugin's NodeInfo methods.
  const refRng = counting(run.seed);
  const refPod = getIn(state.pods, podKey) as Pod;
  const refOutcome = schedulePod(makeCycle(state, refPod, buildNodeInfos(state)), profile, refRng.next, {
    ...options,
    fastPaths: false,
  });
  const ref = observe(refOutcome, refRng.draws());
  // An independent reference: kube-scheduler's node-by-node walk, sharing nothing with schedulePod.
  const plainRng = counting(run.seed);
  const plain = referenceSchedule(
    makeCycle(state, refPod, buildNodeInfos(state)),
    profile,
    plainRng.next,
    options,
  );
  expect(observe({ ...plain, selectedIndex: -1 }, plainRng.draws())).toEqual(ref);

  let table: NodeTable | undefined;
  // One simulation's memory, as the engine keeps one: the snapshot and caches live in it.
  const memo = new Memo();
  if (run.mode === 'frozen') {
    earlier = deepFreeze(earlier);
    state = deepFreeze(state);
    // The snapshot of the earlier cluster, with its table and the columns a cycle asks for...
    schedulePod(
      makeCycle(earlier, getIn(earlier.pods, podKey) as Pod, undefined, undefined, memo),
      profile,
      () => 0.5,
    );
  } else if (run.mode === 'table') {
    table = keptTable(earlier, state, getIn(state.pods, podKey) as Pod, profile);
  }
  const pod = getIn(state.pods, podKey) as Pod;
  const cycleFor = () =>
    table === undefined
      ? makeCycle(state, pod, undefined, undefined, memo)
      : makeCycle(state, pod, table.infos, table);

  const fastRng = counting(run.seed);
  const fastCycle = cycleFor();
  if (run.mode !== 'plain') {
    // ...then updated to the current cluster: the fast paths read that table (the snapshot's is
    // found when the cycle runs, for the cycle's node list).
    const kept = fastCycle.table ?? snapshotTableFor(fastCycle.nodes, memo);
    expect(kept).toBeDefined();
    expectFreshTable(kept as NodeTable);
  }
  const fast = observe(
    schedulePod(fastCycle, profile, fastRng.next, { ...options, fastPaths: true }),
    fastRng.draws(),
  );
  const slowRng = counting(run.seed);
  const slow = observe(
    schedulePod(cycleFor(), profile, slowRng.next, { ...options, fastPaths: false }),
    slowRng.draws(),
  );

  expect(slow).toEqual(ref);
  expect(fast).toEqual(slow);
  return refOutcome;
}

/** Distribution of what the cases exercised, to keep the generators honest. */
interface Coverage {
  cases: number;
  big: number;
  selected: number;
  unschedulable: number;
  preempting: number;
  scored: number;
  partialWalk: number;
  nominated: number;
}

/** Fixed for CI; FASTPATHS_SEED and FASTPATHS_RUNS explore further (e.g. FASTPATHS_RUNS=5000). */
const SEED = Number(process.env.FASTPATHS_SEED ?? 20250611);
const RUNS = Number(process.env.FASTPATHS_RUNS ?? 200);

describe(`schedulePod fast paths (fast-check, seed ${SEED})`, () => {
  it('give the same record, start index, preemption and random draws as the NodeInfo methods', () => {
    const coverage: Coverage = {
      cases: 0,
      big: 0,
      selected: 0,
      unschedulable: 0,
      preempting: 0,
      scored: 0,
      partialWalk: 0,
      nominated: 0,
    };
    fc.assert(
      fc.property(clusterArb, runArb, (cluster, run) => {
        const out = checkCase(cluster, run);
        coverage.cases++;
        if (cluster.nodes.length >= 100) coverage.big++;
        if (out.result.selected !== null) coverage.selected++;
        else coverage.unschedulable++;
        if ((out.preemption?.victims.length ?? 0) > 0) coverage.preempting++;
        if (out.result.nodes.some((r) => Object.keys(r.scores).length > 0)) coverage.scored++;
        if (out.result.nodes.length < cluster.nodes.length) coverage.partialWalk++;
        if (cluster.nominated.length > 0) coverage.nominated++;
      }),
      { seed: SEED, numRuns: RUNS },
    );
    // The cases must reach every branch worth comparing.
    expect(coverage.big).toBeGreaterThan(coverage.cases / 5);
    expect(coverage.selected).toBeGreaterThan(coverage.cases / 5);
    expect(coverage.unschedulable).toBeGreaterThan(coverage.cases / 20);
    expect(coverage.preempting).toBeGreaterThan(0);
    expect(coverage.scored).toBeGreaterThan(coverage.cases / 5);
    expect(coverage.partialWalk).toBeGreaterThan(0);
    expect(coverage.nominated).toBeGreaterThan(coverage.cases / 5);
  });
});

// ---------------------------------------------------------------------------------------------
// The lazy explain record.

describe('result.nodes (built on first read)', () => {
  const nodes = [
    makeNode('n1', { cpu: '1', memory: '2Gi' }),
    makeNode('n2', { cpu: '2', memory: '4Gi' }),
    makeNode('n3', { cpu: '2', memory: '4Gi' }, { taints: [{ key: 'gpu', effect: 'NoSchedule' }] }),
  ];
  const fits = makePod('web', { cpu: '500m', memory: '512Mi' });
  const tooBig = makePod('big', { cpu: '1500m' }, { preemptionPolicy: 'PreemptLowerPriority' });
  tooBig.spec.priority = 100;
  const state = makeState(nodes, [
    runningPod('busy', 'n1', { cpu: '900m', memory: '1Gi' }),
    runningPod('low', 'n2', { cpu: '1', memory: '1Gi' }),
    fits,
    tooBig,
  ]);
  const schedule = (pod: Pod, options = {}) =>
    schedulePod(makeCycle(state, pod), DEFAULT_PROFILE, counting(1).next, options).result;

  it('is a getter until read, then the same array on every read', () => {
    const result = schedule(fits);
    expect(Object.getOwnPropertyDescriptor(result, 'nodes')?.get).toBeDefined();
    const first = result.nodes;
    expect(Object.getOwnPropertyDescriptor(result, 'nodes')).toMatchObject({
      value: first,
      writable: true,
      enumerable: true,
    });
    expect(result.nodes).toBe(first);
    expect(result.nodes.map((n) => n.name)).toEqual(['n1', 'n2', 'n3']);
  });

  it('can be assigned, before or after the first read', () => {
    const unread = schedule(fits);
    unread.nodes = [];
    expect(unread.nodes).toEqual([]);
    expect(JSON.parse(JSON.stringify(unread)).nodes).toEqual([]);
    const read = schedule(fits);
    expect(read.nodes).toHaveLength(3);
    const replacement: SchedulingResult['nodes'] = [
      { name: 'x', feasible: false, filters: [], scores: {}, total: 0 },
    ];
    read.nodes = replacement;
    expect(read.nodes).toBe(replacement);
    expect(Object.keys(read)).toEqual(['pod', 'time', 'selected', 'nodes']);
  });

  it('keeps the key order pod, time, selected, nodes (then message, nominatedNode)', () => {
    expect(Object.keys(schedule(fits))).toEqual(['pod', 'time', 'selected', 'nodes']);
    const failed = schedule(tooBig);
    expect(failed.selected).toBeNull();
    expect(Object.keys(failed)).toEqual(['pod', 'time', 'selected', 'nodes', 'message', 'nominatedNode']);
    expect(failed.nominatedNode).toBe('n2');
    const nowhere = schedule(makePod('huge', { cpu: '64' }), {});
    expect(Object.keys(nowhere)).toEqual(['pod', 'time', 'selected', 'nodes', 'message']);
    // scoreAllNodes reads the record inside the cycle: same keys.
    expect(Object.keys(schedule(fits, { scoreAllNodes: true }))).toEqual([
      'pod',
      'time',
      'selected',
      'nodes',
    ]);
  });

  it('serializes as a plain object copy does, whether read first or not', () => {
    for (const pod of [fits, tooBig]) {
      const unread = schedule(pod);
      const json = JSON.stringify(unread); // the first read
      expect(json).toBe(JSON.stringify({ ...unread }));
      const copied = schedule(pod);
      const copy = { ...copied }; // the first read
      expect(Object.keys(copy)).toEqual(Object.keys(copied));
      expect(JSON.stringify(copied)).toBe(JSON.stringify(copy));
      expect(json).toBe(JSON.stringify(copy));
      expect(JSON.parse(json)).toEqual(copy);
    }
  });
});

describe('fast paths on odd input', () => {
  it('treat a node label key holding undefined (a Node built in code) as the filter does', () => {
    // The node table's label column reads undefined both for a missing key and for a key holding
    // undefined; PodTopologySpread's filter (Object.hasOwn) tells them apart, so its screen must
    // leave such a node to filter rather than report the missing-label status itself.
    const zone = 'topology.kubernetes.io/zone';
    const node = (name: string, value?: string) =>
      makeNode(
        name,
        { cpu: '4', memory: '8Gi', pods: '20' },
        value === undefined ? {} : { labels: { [zone]: value } },
      );
    const odd = node('n3');
    odd.metadata.labels = { [zone]: undefined as unknown as string };
    const pending = makePod('pending', { cpu: '100m' }, { labels: { app: 'x' } });
    pending.spec.topologySpreadConstraints = [
      {
        maxSkew: 1,
        topologyKey: zone,
        whenUnsatisfiable: 'DoNotSchedule',
        labelSelector: { matchLabels: { app: 'x' } },
      },
    ];
    const existing = runningPod('e1', 'n1', { cpu: '100m' }, { labels: { app: 'x' } });
    const state = makeState([node('n1', 'a'), node('n2', 'b'), odd], [existing, pending]);
    const run = (fastPaths: boolean) =>
      JSON.stringify(
        schedulePod(makeCycle(state, pending, buildNodeInfos(state)), DEFAULT_PROFILE, () => 0.5, {
          fastPaths,
        }).result,
      );
    const slow = run(false);
    expect(JSON.parse(slow).nodes.filter((n: { feasible: boolean }) => n.feasible)).toHaveLength(2);
    expect(run(true)).toBe(slow);
  });
});
