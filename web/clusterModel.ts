/**
 * The cluster view's model: plain copies derived from a frozen ClusterState snapshot (views never
 * change state). One card per node with its pods, plus a card for pods not bound to any node.
 */
import { summarizePod } from '../src/manifests';
import {
  addResources,
  type ClusterState,
  derivedKey,
  formatAmount,
  Memo,
  type Pod,
  podRequests,
  type Taint,
  valuesIn,
} from '../src/model';

/** What the node's Ready condition says: kubectl prints NotReady for both False and Unknown. */
export type NodeReadiness = 'Ready' | 'NotReady' | 'Unknown';

/** Pod glyph classes: each has a colour, an icon and a word, so colour is never the only cue. */
export type PodKind = 'running' | 'starting' | 'pending' | 'failing' | 'terminating' | 'unknown' | 'done';

export interface PodItem {
  id: string;
  /** `namespace/name`: what the inspector and commands use. */
  key: string;
  name: string;
  /** Container restarts, summed (kubectl's RESTARTS). */
  restarts: number;
  /** The uid of the controller that owns the pod (its ReplicaSet), if any. */
  owner?: string;
  createdAt: number;
  /** When deletion was requested (deletionTimestamp minus the grace period): the pod shows Terminating. */
  deletedAt?: number;
  /** kubectl's STATUS column (`Running`, `ContainerCreating`, `Terminating`, ...). */
  status: string;
  /** READY column, `1/1`. */
  ready: string;
  kind: PodKind;
}

export interface NodeCard {
  id: string;
  name: string;
  /** false for the card of pods that no node has been chosen for. */
  isNode: boolean;
  readiness: NodeReadiness | undefined;
  cordoned: boolean;
  /** A swarm node's availability when it is not active (docker node update --availability). */
  availability?: 'pause' | 'drain';
  /** One entry per taint key: `NoSchedule, NoExecute\nkey[=value]` (kubectl prints `key:Effect`). */
  taints: string[];
  /** The machine is off in the simulation (what the API server has not necessarily noticed). */
  machineDown: boolean;
  /** Why the node is not Ready, from its Ready condition (`Kubelet stopped posting node status.`). */
  reason?: string;
  /** Requested over allocatable, for cpu and memory (what the scheduler's NodeResourcesFit sums). */
  usage: ResourceUsage[];
  pods: PodItem[];
}

export interface ResourceUsage {
  resource: 'cpu' | 'memory';
  requested: number;
  allocatable: number;
  /** `750m / 1900m`. */
  text: string;
}

const FAILING = /BackOff|Err|Error|ExitCode|OOMKilled|Failed|Invalid/;

/** The glyph class of a pod from kubectl's STATUS word and its READY count. */
export function podKind(pod: Pod, status: string, ready: string): PodKind {
  if (status === 'Terminating') return 'terminating';
  if (status === 'Unknown') return 'unknown';
  if (status === 'Completed' || pod.status.phase === 'Succeeded') return 'done';
  if (FAILING.test(status)) return 'failing';
  if (status === 'Running') {
    const [r, t] = ready.split('/');
    return r === t ? 'running' : 'starting';
  }
  if (status === 'Pending' && !pod.spec.nodeName) return 'pending';
  return 'starting';
}

function readiness(state: ClusterState, name: string): NodeReadiness | undefined {
  const node = state.nodes[name];
  const ready = node?.status.conditions.find((c) => c.type === 'Ready');
  if (ready === undefined) return undefined;
  return ready.status === 'True' ? 'Ready' : ready.status === 'False' ? 'NotReady' : 'Unknown';
}

/** Taints grouped by key and value, so that a node's unreachable pair reads as one line. */
function taintLines(taints: readonly Taint[]): string[] {
  const effects = new Map<string, string[]>();
  for (const t of taints) {
    const head = `${t.key}${t.value ? `=${t.value}` : ''}`;
    effects.set(head, [...(effects.get(head) ?? []), t.effect]);
  }
  return [...effects].map(([head, list]) => `${list.join(', ')}\n${head}`);
}

const podKey = (p: Pod) => `${p.metadata.namespace ?? 'default'}/${p.metadata.name}`;
const compareKeys = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** `node-2` before `node-10`: runs of digits compare as numbers (no locale involved). */
function naturalCompare(a: string, b: string): number {
  const pa = a.match(/\d+|\D+/g) ?? [];
  const pb = b.match(/\d+|\D+/g) ?? [];
  for (let i = 0; i < Math.min(pa.length, pb.length); i++) {
    const x = pa[i] as string;
    const y = pb[i] as string;
    if (x === y) continue;
    const nx = /^\d/.test(x) && /^\d/.test(y);
    if (nx && Number(x) !== Number(y)) return Number(x) - Number(y);
    return x < y ? -1 : 1;
  }
  return pa.length - pb.length || compareKeys(a, b);
}

/** Unbound pods are gathered on a card with this id. */
const UNSCHEDULED_ID = '(unscheduled)';

/** Pod items by pod, in the lab's memo: an unchanged pod keeps its frozen object from step to step. */
const POD_ITEMS = derivedKey<Pod, PodItem>('web/clusterModel: pod items');

/** The view's item for a pod. */
function podItem(pod: Pod): PodItem {
  const s = summarizePod(pod);
  const item: PodItem = {
    id: pod.metadata.uid,
    key: podKey(pod),
    name: pod.metadata.name,
    restarts: s.restarts,
    status: s.status,
    ready: s.ready,
    kind: podKind(pod, s.status, s.ready),
    createdAt: pod.metadata.creationTimestamp,
  };
  const owner = pod.metadata.ownerReferences?.find((o) => o.controller);
  if (owner !== undefined) item.owner = owner.uid;
  const { deletionTimestamp, deletionGracePeriodSeconds } = pod.metadata;
  if (deletionTimestamp !== undefined)
    item.deletedAt = deletionTimestamp - (deletionGracePeriodSeconds ?? 0) * 1000;
  return item;
}

function usageOf(state: ClusterState, name: string, pods: readonly Pod[]): ResourceUsage[] {
  const node = state.nodes[name];
  if (node === undefined) return [];
  const requested: Record<string, number> = {};
  for (const p of pods)
    if (p.status.phase !== 'Succeeded' && p.status.phase !== 'Failed')
      addResources(requested, podRequests(p));
  return (['cpu', 'memory'] as const).map((resource) => {
    const r = requested[resource] ?? 0;
    const a = node.status.allocatable[resource] ?? 0;
    return {
      resource,
      requested: r,
      allocatable: a,
      text: `${formatAmount(resource, r)} / ${formatAmount(resource, a)}`,
    };
  });
}

/**
 * The cards, nodes sorted by name, pods by namespace/name within each card. `memo` keeps the pods'
 * items from one call to the next (the lab's; a fresh one costs only the caching).
 */
export function clusterModel(state: ClusterState, memo: Memo = new Memo()): NodeCard[] {
  const items = memo.table(POD_ITEMS);
  const itemOf = (pod: Pod) => {
    let item = items.get(pod);
    // Only frozen pods (the engine's snapshots) can be remembered: they never change.
    if (item === undefined) {
      item = podItem(pod);
      if (Object.isFrozen(pod)) items.set(pod, item);
    }
    return item;
  };
  const byNode = new Map<string, PodItem[]>();
  const podsByNode = new Map<string, Pod[]>();
  const pods = valuesIn(state.pods).sort((a, b) => compareKeys(podKey(a), podKey(b)));
  for (const pod of pods) {
    const where = pod.spec.nodeName || UNSCHEDULED_ID;
    const list = byNode.get(where);
    if (list === undefined) {
      byNode.set(where, [itemOf(pod)]);
      podsByNode.set(where, [pod]);
    } else {
      list.push(itemOf(pod));
      podsByNode.get(where)?.push(pod);
    }
  }
  const cards: NodeCard[] = Object.keys(state.nodes)
    .sort(naturalCompare)
    .map((name) => {
      const node = state.nodes[name];
      const ready = node?.status.conditions.find((c) => c.type === 'Ready');
      const card: NodeCard = {
        id: name,
        name,
        isNode: true,
        readiness: readiness(state, name),
        cordoned: node?.spec.unschedulable === true,
        taints: taintLines(node?.spec.taints ?? []),
        machineDown: state.nodeRuntime[name]?.up === false,
        usage: usageOf(state, name, podsByNode.get(name) ?? []),
        pods: byNode.get(name) ?? [],
      };
      if (ready !== undefined && ready.status !== 'True' && ready.message) card.reason = ready.message;
      const availability = state.swarm?.nodes[name]?.availability;
      if (availability === 'pause' || availability === 'drain') card.availability = availability;
      return card;
    });
  const unscheduled = byNode.get(UNSCHEDULED_ID);
  if (unscheduled !== undefined && unscheduled.length > 0) {
    cards.push({
      id: UNSCHEDULED_ID,
      name: 'Not scheduled',
      isNode: false,
      readiness: undefined,
      cordoned: false,
      taints: [],
      machineDown: false,
      usage: [],
      pods: unscheduled,
    });
  }
  return cards;
}

/** A replacement: a pod that is going away and the pod its controller made instead. */
export interface ReplacementLink {
  id: string;
  from: string;
  to: string;
  fromNode: string;
  toNode: string;
}

/**
 * For each pod being deleted, the pod of the same controller created at or after its deletion
 * (the earliest such, ties by name): the replacement the ReplicaSet made. Derived from the snapshot
 * alone, so it is the same whether the viewer got here by playing or by scrubbing.
 */
export function replacementLinks(cards: readonly NodeCard[]): ReplacementLink[] {
  const placed = cards.flatMap((c) => c.pods.map((p) => ({ pod: p, node: c.id })));
  const links: ReplacementLink[] = [];
  const taken = new Set<string>();
  for (const old of placed) {
    const { deletedAt, owner } = old.pod;
    if (deletedAt === undefined || owner === undefined) continue;
    const candidates = placed
      .filter((x) => x.pod.owner === owner && x.pod.deletedAt === undefined && !taken.has(x.pod.id))
      .filter((x) => x.pod.createdAt >= deletedAt)
      .sort((a, b) => a.pod.createdAt - b.pod.createdAt || compareKeys(a.pod.key, b.pod.key));
    const next = candidates[0];
    if (next === undefined) continue;
    taken.add(next.pod.id);
    links.push({
      id: `${old.pod.id}>${next.pod.id}`,
      from: old.pod.id,
      to: next.pod.id,
      fromNode: old.node,
      toNode: next.node,
    });
  }
  return links;
}

/** Above this many pods the cluster view draws each node's pods as a small map, not a list. */
export const COMPACT_PODS = 400;

/** Above this many pods (up to COMPACT_PODS) each pod is a glyph without its name (in its label). */
export const DENSE_PODS = 60;

/** How many pods of each kind a card holds, in legend order (for the compact view's text). */
export function kindCounts(pods: readonly PodItem[]): { kind: PodKind; count: number }[] {
  const order: PodKind[] = ['running', 'starting', 'pending', 'failing', 'terminating', 'unknown', 'done'];
  const counts = new Map<PodKind, number>();
  for (const p of pods) counts.set(p.kind, (counts.get(p.kind) ?? 0) + 1);
  return order.filter((k) => counts.has(k)).map((kind) => ({ kind, count: counts.get(kind) ?? 0 }));
}
