/**
 * Cluster-wide indexes over the pods of a node table, kept up to date node by node as the table
 * changes (table.onChange). kube-scheduler's snapshot keeps the lists of nodes with pods that have
 * (required anti-)affinity so that InterPodAffinity skips the other nodes; Flotilla indexes one step
 * further, by label, so that a cycle visits only the nodes that can matter:
 * - `podLabels`: the nodes with a pod carrying label `key=value`. A selector that requires that
 *   label matches no pod on the other nodes, so counting its matches may skip them.
 * - `anti`: the required anti-affinity terms of the pods on each node, by a label their selector
 *   requires (the per-node indexes of affinityTermIndex.ts, merged), so that finding the existing
 *   pods' terms that could match an incoming pod costs a lookup per label of that pod.
 * - `groups`: the scoring terms (all but required anti-affinity) grouped by what decides their
 *   effect: kind, weight, topology key, owner namespace, selector and namespaces. Every term of a
 *   group matches the same pods, so a cycle checks a group once, and the group keeps, per value of
 *   its topology key, how many of its terms sit on nodes with that value.
 * - `topology counts`: for a selector asked about, how many pods it matches per value of a
 *   topology key, created on first use and then updated only when a node whose pods carry the
 *   selector's label changes.
 * Every candidate is still checked in full by the caller; results equal the walks over all nodes.
 */
import type { LabelSelector } from '../../model/labels';
import type { PodAffinityTerm } from '../../model/objects';
import type { NodeInfo } from '../framework';
import type { NodeTable } from '../nodeTable';
import { type ExistingTerm, nodeTermIndex, type TermIndex } from './affinityTermIndex';

/** Existing pods' scoring terms that act alike (see the module comment). */
export interface TermGroup {
  /** One of the terms, with its owner: any stands for all in a match check. */
  readonly sample: ExistingTerm;
  /** Terms of the group on nodes with each value of the topology key. */
  readonly pairs: Map<string, number>;
  /** Terms in the group (also those on nodes without the topology key). */
  size: number;
}

interface GroupIndex {
  readonly byKey: Map<string, TermGroup>;
  /** Groups by the first label (`key\0value`) their selector requires. */
  readonly byLabel: Map<string, Set<TermGroup>>;
  /** Groups whose selector requires no label. */
  readonly unindexed: Set<TermGroup>;
}

interface TermsByNode {
  /** Per label key (`key\0value`), the nodes whose pods have terms indexed under it, with those terms. */
  readonly byLabel: Map<string, Map<number, readonly ExistingTerm[]>>;
  /** Per node, the terms without a matchLabels entry (checked against every pod). */
  readonly unindexed: Map<number, readonly ExistingTerm[]>;
}

/** Pods a selector matches, per value of a topology key (values with none are left out). */
interface TopologyCount {
  readonly topologyKey: string;
  /** The matching pods on one node. */
  readonly count: (info: NodeInfo) => number;
  readonly values: Map<string, number>;
}

interface CountIndex {
  readonly byId: Map<string, TopologyCount>;
  /** By the first label their selector requires: a node change touches only those its pods carry. */
  readonly byLabel: Map<string, Set<TopologyCount>>;
  readonly unindexed: Set<TopologyCount>;
}

interface ClusterIndexes {
  readonly podLabels: Map<string, Set<number>>;
  readonly anti: TermsByNode;
  readonly groups: GroupIndex;
  readonly counts: CountIndex;
}

const NO_NODES: ReadonlySet<number> = new Set();

/** The label pairs (`key\0value`) of a node's pods; NodeInfos are immutable, so memoized. */
const pairsOf = new WeakMap<NodeInfo, ReadonlySet<string>>();
function podLabelPairs(info: NodeInfo): ReadonlySet<string> {
  let pairs = pairsOf.get(info);
  if (pairs === undefined) {
    const set = new Set<string>();
    for (const pod of info.pods) {
      const labels = pod.metadata.labels;
      if (labels !== undefined) for (const k of Object.keys(labels)) set.add(`${k}\u0000${labels[k]}`);
    }
    pairsOf.set(info, (pairs = set));
  }
  return pairs;
}

function addTerms(terms: TermsByNode, i: number, idx: TermIndex): void {
  if (idx.size === 0) return;
  for (const [label, list] of idx.byLabel) {
    let nodes = terms.byLabel.get(label);
    if (nodes === undefined) terms.byLabel.set(label, (nodes = new Map()));
    nodes.set(i, list);
  }
  if (idx.unindexed.length > 0) terms.unindexed.set(i, idx.unindexed);
}

function removeTerms(terms: TermsByNode, i: number, idx: TermIndex): void {
  if (idx.size === 0) return;
  for (const label of idx.byLabel.keys()) {
    const nodes = terms.byLabel.get(label);
    if (nodes === undefined) continue;
    nodes.delete(i);
    if (nodes.size === 0) terms.byLabel.delete(label);
  }
  terms.unindexed.delete(i);
}

/** The first label (`key\0value`, by key) a selector's matchLabels require, if any. */
function firstLabel(selector: LabelSelector | undefined): string | undefined {
  const labels = selector?.matchLabels;
  if (labels === undefined) return undefined;
  const key = Object.keys(labels).sort()[0];
  return key === undefined ? undefined : `${key}\u0000${labels[key]}`;
}

const groupKeys = new WeakMap<PodAffinityTerm, string>();
function groupKey(t: ExistingTerm): string {
  let content = groupKeys.get(t.term);
  if (content === undefined) {
    const { labelSelector, namespaces, namespaceSelector, topologyKey } = t.term;
    content = JSON.stringify([
      topologyKey,
      labelSelector ?? null,
      namespaces ?? [],
      namespaceSelector ?? null,
    ]);
    if (Object.isFrozen(t.term)) groupKeys.set(t.term, content);
  }
  return `${t.kind} ${t.weight} ${t.owner.metadata.namespace ?? 'default'} ${content}`;
}

function eachTerm(idx: TermIndex, visit: (t: ExistingTerm) => void): void {
  if (idx.size === 0) return;
  for (const list of idx.byLabel.values()) for (const t of list) visit(t);
  for (const t of idx.unindexed) visit(t);
}

/** Adds (by = 1) or removes (by = -1) the scoring terms of a node's pods to or from their groups. */
function updateGroups(groups: GroupIndex, info: NodeInfo, by: 1 | -1): void {
  eachTerm(nodeTermIndex(info, 'scoring'), (t) => {
    const key = groupKey(t);
    let group = groups.byKey.get(key);
    const label = firstLabel(t.term.labelSelector);
    if (group === undefined) {
      if (by < 0) return;
      group = { sample: t, pairs: new Map(), size: 0 };
      groups.byKey.set(key, group);
      if (label === undefined) groups.unindexed.add(group);
      else {
        let set = groups.byLabel.get(label);
        if (set === undefined) groups.byLabel.set(label, (set = new Set()));
        set.add(group);
      }
    }
    group.size += by;
    const labels = info.node.metadata.labels;
    const value =
      labels !== undefined && Object.hasOwn(labels, t.term.topologyKey)
        ? labels[t.term.topologyKey]
        : undefined;
    if (value !== undefined) {
      const n = (group.pairs.get(value) ?? 0) + by;
      if (n === 0) group.pairs.delete(value);
      else group.pairs.set(value, n);
    }
    if (group.size > 0) return;
    groups.byKey.delete(key);
    if (label === undefined) groups.unindexed.delete(group);
    else {
      const set = groups.byLabel.get(label);
      set?.delete(group);
      if (set?.size === 0) groups.byLabel.delete(label);
    }
  });
}

function topologyValue(info: NodeInfo, key: string): string | undefined {
  const labels = info.node.metadata.labels;
  return labels !== undefined && Object.hasOwn(labels, key) ? labels[key] : undefined;
}

function addCount(agg: TopologyCount, info: NodeInfo, sign: 1 | -1): void {
  const value = topologyValue(info, agg.topologyKey);
  if (value === undefined) return;
  const n = agg.count(info);
  if (n === 0) return;
  const total = (agg.values.get(value) ?? 0) + sign * n;
  if (total === 0) agg.values.delete(value);
  else agg.values.set(value, total);
}

/** Moves the counts of node `before` to `after` in every count their pods' labels can touch. */
function updateCounts(ix: ClusterIndexes, before: NodeInfo, after: NodeInfo): void {
  const counts = ix.counts;
  if (counts.byId.size === 0) return;
  const touched = new Set<TopologyCount>(counts.unindexed);
  for (const info of [before, after])
    for (const pair of podLabelPairs(info)) {
      const set = counts.byLabel.get(pair);
      if (set !== undefined) for (const agg of set) touched.add(agg);
    }
  for (const agg of touched) {
    addCount(agg, before, -1);
    addCount(agg, after, 1);
  }
}

function addNode(ix: ClusterIndexes, i: number, info: NodeInfo): void {
  for (const pair of podLabelPairs(info)) {
    let nodes = ix.podLabels.get(pair);
    if (nodes === undefined) ix.podLabels.set(pair, (nodes = new Set()));
    nodes.add(i);
  }
  addTerms(ix.anti, i, nodeTermIndex(info, 'anti'));
  updateGroups(ix.groups, info, 1);
}

function removeNode(ix: ClusterIndexes, i: number, info: NodeInfo): void {
  for (const pair of podLabelPairs(info)) {
    const nodes = ix.podLabels.get(pair);
    if (nodes === undefined) continue;
    nodes.delete(i);
    if (nodes.size === 0) ix.podLabels.delete(pair);
  }
  removeTerms(ix.anti, i, nodeTermIndex(info, 'anti'));
  updateGroups(ix.groups, info, -1);
}

const indexes = new WeakMap<NodeTable, ClusterIndexes>();

/** The table's indexes: built on first use, then updated on each change of the table. */
function clusterIndexes(table: NodeTable): ClusterIndexes {
  let ix = indexes.get(table);
  if (ix === undefined) {
    const built: ClusterIndexes = {
      podLabels: new Map(),
      anti: { byLabel: new Map(), unindexed: new Map() },
      groups: { byKey: new Map(), byLabel: new Map(), unindexed: new Set() },
      counts: { byId: new Map(), byLabel: new Map(), unindexed: new Set() },
    };
    table.infos.forEach((info, i) => addNode(built, i, info));
    table.onChange((i, before, after) => {
      removeNode(built, i, before);
      addNode(built, i, after);
      updateCounts(built, before, after);
    });
    indexes.set(table, (ix = built));
  }
  return ix;
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
  const terms = clusterIndexes(table).anti;
  for (const [i, list] of terms.unindexed) for (const t of list) visit(i, t);
  if (terms.byLabel.size === 0) return;
  for (const label of podLabels) {
    const nodes = terms.byLabel.get(label);
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
): ReadonlySet<number> | undefined {
  const label = firstLabel(selector);
  if (label === undefined) return undefined;
  return clusterIndexes(table).podLabels.get(label) ?? NO_NODES;
}

/**
 * The pods `selector` matches per value of `topologyKey`, over the nodes with that label (values
 * without any left out): `count` counts them on one node and must depend on the node's pods only,
 * and `id` must identify the selector, its namespaces and `count` (two callers with one id share the
 * counts). Built on first use from the nodes that may hold such pods, then kept up to date.
 */
export function topologyCounts(
  table: NodeTable,
  id: string,
  selector: LabelSelector | undefined,
  topologyKey: string,
  count: (info: NodeInfo) => number,
): ReadonlyMap<string, number> {
  const ix = clusterIndexes(table);
  const fullId = `${topologyKey}\u0000${id}`;
  let agg = ix.counts.byId.get(fullId);
  if (agg === undefined) {
    const created: TopologyCount = { topologyKey, count, values: new Map() };
    const label = firstLabel(selector);
    if (label === undefined) {
      for (const info of table.infos) addCount(created, info, 1);
      ix.counts.unindexed.add(created);
    } else {
      for (const i of ix.podLabels.get(label) ?? NO_NODES) addCount(created, table.infos[i] as NodeInfo, 1);
      let set = ix.counts.byLabel.get(label);
      if (set === undefined) ix.counts.byLabel.set(label, (set = new Set()));
      set.add(created);
    }
    ix.counts.byId.set(fullId, (agg = created));
  }
  return agg.values;
}
