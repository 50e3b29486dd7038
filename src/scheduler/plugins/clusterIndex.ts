/**
 * Cluster-wide indexes over the pods of a node table, kept up to date pod by pod as the table
 * changes (table.onChange: a bind adds one pod to one node, so an update costs that pod's labels
 * and terms, not the node's other pods). kube-scheduler's snapshot keeps the lists of nodes with
 * pods that have (required anti-)affinity so that InterPodAffinity skips the other nodes; Flotilla
 * indexes one step further, by label, so that a cycle visits only what can matter:
 * - `podLabels`: per label `key=value`, the nodes with pods carrying it (and how many). A selector
 *   that requires the label matches no pod on the other nodes.
 * - `anti`: the existing pods' required anti-affinity terms, by a label their selector requires,
 *   so that finding those that could match an incoming pod costs a lookup per label of that pod.
 * - `groups`: the existing pods' other terms grouped by what decides their effect: kind, weight,
 *   topology key, owner namespace, selector and namespaces. Every term of a group matches the same
 *   pods, so a cycle checks a group once; the group counts its terms per topology value.
 * - `counts`: for a pod predicate asked about (a selector), the matching pods per value of a
 *   topology key, created on first use and then updated by the pods that carry its label.
 * Every candidate is still checked in full by the caller; results equal the walks over all nodes
 * (test/scheduler/fastPaths.property.test.ts).
 */
import type { LabelSelector, Node, Pod, PodAffinityTerm } from '../../model';
import type { NodeInfo } from '../framework';
import { derivedKey, type Memo } from '../../model';
import { type NodeTable, tableKey } from '../nodeTable';
import { podMemo } from '../podMemo';
import { type ExistingTerm, labelKeys, termsOf } from './affinityTermIndex';
import { ValueCounts } from './valueCounts';

/** Existing pods' scoring terms that act alike (see the module comment). */
export interface TermGroup {
  /**
   * One of the terms, with its owner: any stands for all in a match check, since the group's key
   * covers everything the check reads. It may outlive its pod (kept until the group empties).
   */
  readonly sample: ExistingTerm;
  /** Terms of the group on nodes with each value of the topology key. */
  readonly pairs: ValueCounts;
  /** Terms in the group (also those on nodes without the topology key). */
  size: number;
}

/** Things filed under the first label (`key\0value`) their selector requires, or unindexed. */
interface ByLabel<T> {
  readonly byLabel: Map<string, T>;
  readonly unindexed: T;
}

/** Pods a predicate matches, per value of a topology key (values with none are left out). */
interface TopologyCount {
  readonly topologyKey: string;
  readonly matches: (pod: Pod) => boolean;
  readonly values: ValueCounts;
  /** The label it is filed under (undefined: unindexed). */
  readonly label: string | undefined;
  /** When it was last asked for (CountIndex.clock), for eviction. */
  used: number;
}

/**
 * Counts kept at most: every kept count is updated on each bind of a pod carrying its label, and
 * selectors come and go (a rollout's pod-template-hash), so the least recently asked are dropped;
 * one asked for again is rebuilt, to the same numbers.
 */
const MAX_COUNTS = 256;

interface ClusterIndexes {
  readonly table: NodeTable;
  /** Per label pair, the nodes with pods carrying it and how many. */
  readonly podLabels: Map<string, Map<number, number>>;
  /** Required anti-affinity terms, per node. */
  readonly anti: ByLabel<Map<number, ExistingTerm[]>>;
  readonly groups: ByLabel<Set<TermGroup>> & { readonly byKey: Map<string, TermGroup> };
  readonly counts: ByLabel<Set<TopologyCount>> & { readonly byId: Map<string, TopologyCount>; clock: number };
}

/** The first label (`key\0value`, by key) a selector's matchLabels require, if any. */
function firstLabel(selector: LabelSelector | undefined): string | undefined {
  const labels = selector?.matchLabels;
  if (labels === undefined) return undefined;
  const key = Object.keys(labels).sort()[0];
  return key === undefined ? undefined : `${key}\u0000${labels[key]}`;
}

const NO_EXISTING_TERMS: readonly ExistingTerm[] = Object.freeze([]);
function podTerms(memo: Memo, pod: Pod): readonly ExistingTerm[] {
  if (pod.spec.affinity === undefined) return NO_EXISTING_TERMS;
  return (podMemo(memo, pod).terms ??= termsOf(pod)) as readonly ExistingTerm[];
}

function topologyValue(node: Node, key: string): string | undefined {
  const labels = node.metadata.labels;
  return labels !== undefined && Object.hasOwn(labels, key) ? labels[key] : undefined;
}

const GROUP_KEYS = derivedKey<PodAffinityTerm, string>('scheduler.affinityGroupKey');
function groupKey(memo: Memo, t: ExistingTerm): string {
  const content = memo.derive(
    GROUP_KEYS,
    t.term,
    ({ labelSelector, namespaces, namespaceSelector, topologyKey }) =>
      JSON.stringify([topologyKey, labelSelector ?? null, namespaces ?? [], namespaceSelector ?? null]),
  );
  return `${t.kind} ${t.weight} ${t.owner.metadata.namespace ?? 'default'} ${content}`;
}

function fileUnder<T>(index: ByLabel<Set<T>>, label: string | undefined, item: T, add: boolean): void {
  if (label === undefined) {
    if (add) index.unindexed.add(item);
    else index.unindexed.delete(item);
    return;
  }
  let set = index.byLabel.get(label);
  if (set === undefined) {
    if (!add) return;
    index.byLabel.set(label, (set = new Set()));
  }
  if (add) set.add(item);
  else {
    set.delete(item);
    if (set.size === 0) index.byLabel.delete(label);
  }
}

function updateAnti(ix: ClusterIndexes, i: number, t: ExistingTerm, sign: 1 | -1): void {
  const label = firstLabel(t.term.labelSelector);
  let nodes = label === undefined ? ix.anti.unindexed : ix.anti.byLabel.get(label);
  if (nodes === undefined) {
    if (sign < 0) return;
    ix.anti.byLabel.set(label as string, (nodes = new Map()));
  }
  const list = nodes.get(i) ?? [];
  // Terms are compared by owner and term: a pod that is not frozen gives new ExistingTerms each time.
  const next = sign > 0 ? [...list, t] : list.filter((x) => x.owner !== t.owner || x.term !== t.term);
  if (next.length > 0) nodes.set(i, next);
  else {
    nodes.delete(i);
    if (label !== undefined && nodes.size === 0) ix.anti.byLabel.delete(label);
  }
}

function updateGroup(ix: ClusterIndexes, node: Node, t: ExistingTerm, sign: 1 | -1): void {
  const key = groupKey(ix.table.memo, t);
  let group = ix.groups.byKey.get(key);
  if (group === undefined) {
    if (sign < 0) return;
    group = { sample: t, pairs: new ValueCounts(ix.table, t.term.topologyKey), size: 0 };
    ix.groups.byKey.set(key, group);
    fileUnder(ix.groups, firstLabel(t.term.labelSelector), group, true);
  }
  group.size += sign;
  group.pairs.bump(topologyValue(node, t.term.topologyKey), sign);
  if (group.size > 0) return;
  ix.groups.byKey.delete(key);
  fileUnder(ix.groups, firstLabel(t.term.labelSelector), group, false);
}

/** Adds (sign 1) or removes (sign -1) one pod on node `i` to or from every index. */
function updatePod(ix: ClusterIndexes, i: number, node: Node, pod: Pod, sign: 1 | -1): void {
  const pairs = labelKeys(ix.table.memo, pod);
  for (const pair of pairs) {
    let nodes = ix.podLabels.get(pair);
    if (nodes === undefined) ix.podLabels.set(pair, (nodes = new Map()));
    const n = (nodes.get(i) ?? 0) + sign;
    if (n > 0) nodes.set(i, n);
    else {
      nodes.delete(i);
      if (nodes.size === 0) ix.podLabels.delete(pair);
    }
  }
  for (const t of podTerms(ix.table.memo, pod)) {
    if (t.kind === 'requiredAnti') updateAnti(ix, i, t, sign);
    else updateGroup(ix, node, t, sign);
  }
  const counts = ix.counts;
  if (counts.byId.size === 0) return;
  for (const agg of counts.unindexed) touchCount(agg, node, pod, sign);
  for (const pair of pairs) {
    const set = counts.byLabel.get(pair);
    if (set !== undefined) for (const agg of set) touchCount(agg, node, pod, sign);
  }
}

/** Counts `pod` (on `node`) in `agg` if it matches. */
function touchCount(agg: TopologyCount, node: Node, pod: Pod, sign: 1 | -1): void {
  if (agg.matches(pod)) agg.values.bump(topologyValue(node, agg.topologyKey), sign);
}

/** Whether `after` starts with the pods of `before`, in order (a plain loop: this runs on every bind). */
function samePrefix(before: readonly Pod[], after: readonly Pod[]): boolean {
  for (let k = 0; k < before.length; k++) if (after[k] !== before[k]) return false;
  return true;
}

/** The pods only in `before`, and only in `after` (a bind appends one, the usual case). */
function podDiff(before: readonly Pod[], after: readonly Pod[]): { removed: Pod[]; added: Pod[] } {
  if (after.length === before.length + 1 && samePrefix(before, after))
    return { removed: [], added: [after[before.length] as Pod] };
  const was = new Set(before);
  const now = new Set(after);
  return { removed: before.filter((p) => !now.has(p)), added: after.filter((p) => !was.has(p)) };
}

/** The table's indexes: built on first use, then updated on each change of the table. */
const CLUSTER_INDEXES = tableKey<ClusterIndexes>('scheduler.clusterIndexes', (table) => {
  const built: ClusterIndexes = {
    table,
    podLabels: new Map(),
    anti: { byLabel: new Map(), unindexed: new Map() },
    groups: { byKey: new Map(), byLabel: new Map(), unindexed: new Set() },
    counts: { byId: new Map(), byLabel: new Map(), unindexed: new Set(), clock: 0 },
  };
  table.infos.forEach((info, i) => {
    for (const pod of info.pods) updatePod(built, i, info.node, pod, 1);
  });
  table.onChange((i, before, after, appended) => {
    // A bind appends one pod to the same Node: the usual change, without the general diff.
    if (appended !== undefined && before.node === after.node) {
      updatePod(built, i, after.node, appended, 1);
      return;
    }
    // A changed Node may move its pods to other topology values: take them all out and back.
    const { removed, added } =
      before.node === after.node
        ? podDiff(before.pods, after.pods)
        : { removed: before.pods, added: after.pods };
    for (const pod of removed) updatePod(built, i, before.node, pod, -1);
    for (const pod of added) updatePod(built, i, after.node, pod, 1);
    // The per-node counts moved node i's pods by its labels of the moment (the table has the
    // new ones already): set its own entry from its new value.
    if (before.node !== after.node) {
      for (const group of built.groups.byKey.values()) group.pairs.refreshNode(i);
      for (const agg of built.counts.byId.values()) agg.values.refreshNode(i);
    }
  });
  return built;
});

function clusterIndexes(table: NodeTable): ClusterIndexes {
  return table.attached(CLUSTER_INDEXES);
}

/**
 * Calls `visit` with the node index and the term, for each required anti-affinity term of any pod
 * in the cluster whose selector could match a pod with `podLabels` (from labelKeys). The caller
 * checks each term in full.
 */
export function forClusterAntiTerms(
  table: NodeTable,
  podLabels: readonly string[],
  visit: (i: number, t: ExistingTerm) => void,
): void {
  const anti = clusterIndexes(table).anti;
  for (const [i, list] of anti.unindexed) for (const t of list) visit(i, t);
  if (anti.byLabel.size === 0) return;
  for (const label of podLabels) {
    const nodes = anti.byLabel.get(label);
    if (nodes !== undefined) for (const [i, list] of nodes) for (const t of list) visit(i, t);
  }
}

/**
 * Calls `visit` for each group of existing scoring terms whose selector could match a pod with
 * `podLabels` (from labelKeys); the caller checks the group's sample term in full.
 */
export function forCandidateTermGroups(
  table: NodeTable,
  podLabels: readonly string[],
  visit: (group: TermGroup) => void,
): void {
  const groups = clusterIndexes(table).groups;
  for (const group of groups.unindexed) visit(group);
  if (groups.byLabel.size === 0) return;
  for (const label of podLabels) {
    const set = groups.byLabel.get(label);
    if (set !== undefined) for (const group of set) visit(group);
  }
}

/**
 * The nodes that may hold a pod `selector` matches: those with a pod carrying the first label
 * (by key) the selector's matchLabels require. Undefined when it requires no label (any node may).
 */
export function candidateNodes(
  table: NodeTable,
  selector: LabelSelector | undefined,
): Iterable<number> | undefined {
  const label = firstLabel(selector);
  if (label === undefined) return undefined;
  return clusterIndexes(table).podLabels.get(label)?.keys() ?? [];
}

/**
 * The pods `matches` accepts per value of `topologyKey`, over the nodes with that label (values
 * without any left out). `matches` must depend on the pod only and accept only pods that carry
 * `selector`'s first required label; `id` must identify the predicate (callers with one id share
 * the counts). Built on first use from the nodes that may hold such pods, then kept up to date.
 */
export function topologyCounts(
  table: NodeTable,
  id: string,
  selector: LabelSelector | undefined,
  topologyKey: string,
  matches: (pod: Pod) => boolean,
): ValueCounts {
  const ix = clusterIndexes(table);
  const fullId = `${topologyKey}\u0000${id}`;
  let agg = ix.counts.byId.get(fullId);
  if (agg === undefined) {
    if (ix.counts.byId.size >= MAX_COUNTS) evictCounts(ix);
    const label = firstLabel(selector);
    const values = new ValueCounts(table, topologyKey);
    const created: TopologyCount = { topologyKey, matches, values, label, used: 0 };
    const nodes = label === undefined ? table.infos.keys() : (ix.podLabels.get(label)?.keys() ?? []);
    for (const i of nodes) {
      const info = table.infos[i] as NodeInfo;
      const value = topologyValue(info.node, topologyKey);
      if (value === undefined) continue;
      for (const pod of info.pods) if (matches(pod)) values.bump(value, 1);
    }
    fileUnder(ix.counts, label, created, true);
    ix.counts.byId.set(fullId, (agg = created));
  }
  agg.used = ++ix.counts.clock;
  return agg.values;
}

/** Drops the least recently asked half of the kept counts. */
function evictCounts(ix: ClusterIndexes): void {
  const byAge = [...ix.counts.byId].sort(([, a], [, b]) => a.used - b.used);
  for (const [id, agg] of byAge.slice(0, byAge.length / 2)) {
    ix.counts.byId.delete(id);
    fileUnder(ix.counts, agg.label, agg, false);
  }
}
