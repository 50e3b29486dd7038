/**
 * An incremental NodeInfo snapshot (after K pkg/scheduler/backend/cache UpdateSnapshot): instead of
 * regrouping every pod of the cluster on every cycle, it diffs the state against the one it saw
 * last and rebuilds only the NodeInfos of nodes whose Node or pods changed. The engine's state is
 * immutable (frozen immer trees), so an unchanged Pod or Node keeps its identity and a diff is a
 * walk of identity checks. The result always equals buildNodeInfos(state); states that are not
 * frozen (hand-built in tests) bypass the cache, since they could change in place.
 */
import type { ClusterState, Node, Pod } from '../model';
import { entriesIn, type Memo, slotKey } from '../model';
import type { NodeInfo } from './framework';
import { buildNodeInfos, makeNodeInfo, placement, sortedPods } from './nodeInfo';
import { NodeTable } from './nodeTable';

interface Snapshot {
  pods: ClusterState['pods'];
  nodes: ClusterState['nodes'];
  /** The buckets of `pods` last diffed, by bucket id: an unchanged bucket is skipped. */
  shards: Map<string, Readonly<Record<string, Pod>>>;
  /** Every pod seen, with the node it counts on (if any). */
  seen: Map<string, { pod: Pod; node: string | undefined }>;
  /** Pods counting on each node, by pod key. */
  podsOn: Map<string, Map<string, Pod>>;
  infos: Map<string, NodeInfo>;
  sorted: readonly NodeInfo[];
  /** `sorted` as columns, built on first use and then kept up to date node by node. */
  table: NodeTable | undefined;
}

/** One snapshot per simulation, as kube-scheduler keeps one cache; reused across cycles. */
const SNAPSHOT = slotKey<{ last: Snapshot | undefined }>('scheduler.snapshot', () => ({ last: undefined }));

function fromScratch(state: ClusterState, memo: Memo): Snapshot {
  const seen = new Map<string, { pod: Pod; node: string | undefined }>();
  const podsOn = new Map<string, Map<string, Pod>>();
  for (const [key, pod] of entriesIn(state.pods)) {
    const node = placement(pod);
    seen.set(key, { pod, node });
    if (node === undefined) continue;
    let onNode = podsOn.get(node);
    if (!onNode) podsOn.set(node, (onNode = new Map()));
    onNode.set(key, pod);
  }
  const sorted = Object.freeze(buildNodeInfosFrom(state.nodes, podsOn, new Map(), undefined, memo));
  return {
    pods: state.pods,
    nodes: state.nodes,
    shards: new Map(Object.entries(state.pods)),
    seen,
    podsOn,
    infos: new Map(sorted.map((i) => [i.name, i])),
    sorted,
    table: undefined,
  };
}

function buildNodeInfosFrom(
  nodes: ClusterState['nodes'],
  podsOn: Map<string, Map<string, Pod>>,
  previous: Map<string, NodeInfo>,
  dirty: Set<string> | undefined,
  memo: Memo,
): NodeInfo[] {
  return Object.keys(nodes)
    .sort()
    .map((name) => {
      const node = nodes[name] as Node;
      const old = previous.get(name);
      if (old !== undefined && old.node === node && dirty !== undefined && !dirty.has(name)) return old;
      return makeNodeInfo(node, sortedPods(podsOn.get(name) ?? new Map()), memo);
    });
}

function move(
  snap: Snapshot,
  dirty: Set<string>,
  key: string,
  from: string | undefined,
  to: string | undefined,
  pod: Pod | undefined,
) {
  if (from !== undefined) {
    snap.podsOn.get(from)?.delete(key);
    dirty.add(from);
  }
  if (to !== undefined && pod !== undefined) {
    let onNode = snap.podsOn.get(to);
    if (!onNode) snap.podsOn.set(to, (onNode = new Map()));
    onNode.set(key, pod);
    dirty.add(to);
  }
}

/** Every node's NodeInfo, sorted by node name; equal to buildNodeInfos(state), but incremental. */
export function snapshotNodeInfos(state: ClusterState, memo: Memo): readonly NodeInfo[] {
  if (!Object.isFrozen(state.pods) || !Object.isFrozen(state.nodes)) return buildNodeInfos(state);
  const slot = memo.slot(SNAPSHOT);
  if (slot.last === undefined) return (slot.last = fromScratch(state, memo)).sorted;
  const snap = slot.last;
  if (snap.pods === state.pods && snap.nodes === state.nodes) return snap.sorted;
  const dirty = new Set<string>();
  if (snap.pods !== state.pods) {
    const removed = (key: string) => {
      const before = snap.seen.get(key);
      if (before === undefined) return;
      move(snap, dirty, key, before.node, undefined, undefined);
      snap.seen.delete(key);
    };
    // A key always hashes to the same bucket, so comparing a bucket with its previous self finds
    // every addition, change and removal in it.
    for (const s in state.pods) {
      const shard = state.pods[s] as Record<string, Pod>;
      const old = snap.shards.get(s);
      if (old === shard) continue;
      for (const key in shard) {
        const pod = shard[key] as Pod;
        const before = snap.seen.get(key);
        if (before?.pod === pod) continue;
        const node = placement(pod);
        move(snap, dirty, key, before?.node, node, pod);
        snap.seen.set(key, { pod, node });
      }
      if (old !== undefined) for (const key in old) if (!(key in shard)) removed(key);
      snap.shards.set(s, shard);
    }
    for (const [s, old] of snap.shards) {
      if (state.pods[s] !== undefined) continue;
      for (const key in old) removed(key);
      snap.shards.delete(s);
    }
  }
  // Frozen: per-array memos (InterPodAffinity's node list) rely on an array never changing.
  snap.sorted = Object.freeze(buildNodeInfosFrom(state.nodes, snap.podsOn, snap.infos, dirty, memo));
  snap.table = updatedTable(snap.table, snap.sorted);
  snap.infos = new Map(snap.sorted.map((i) => [i.name, i]));
  snap.pods = state.pods;
  snap.nodes = state.nodes;
  return snap.sorted;
}

/** The table after the snapshot moved to `sorted`: updated where NodeInfos changed, rebuilt when nodes came or went. */
function updatedTable(table: NodeTable | undefined, sorted: readonly NodeInfo[]): NodeTable | undefined {
  if (table === undefined) return undefined;
  if (table.size !== sorted.length) return undefined;
  for (let i = 0; i < sorted.length; i++)
    if (table.names[i] !== (sorted[i] as NodeInfo).name) return undefined;
  for (let i = 0; i < sorted.length; i++) table.set(i, sorted[i] as NodeInfo);
  return table;
}

/** The snapshot's node table when `nodes` is its current node list (undefined otherwise). */
export function snapshotTableFor(nodes: readonly NodeInfo[], memo: Memo): NodeTable | undefined {
  const last = memo.slot(SNAPSHOT).last;
  if (last === undefined || last.sorted !== nodes) return undefined;
  return (last.table ??= new NodeTable(nodes, memo));
}
