/**
 * Pod-matching helpers shared by PodTopologySpread and InterPodAffinity: counting the pods of a
 * node that a selector matches (memoized per NodeInfo, which is immutable: a node whose pods change
 * gets a new NodeInfo), the default spreading selector (K plugins/helper/spread.go DefaultSelector)
 * and the namespaces an affinity term covers (K GetNamespacesFromPodAffinityTerm).
 */
import { derivedKey, type LabelSelector, type Memo, selectorMatches } from '../../model';
import type { ClusterState, Pod, PodAffinityTerm } from '../../model';
import type { NodeInfo } from '../framework';

const COUNTS = derivedKey<NodeInfo, Map<string, number>>('scheduler.countMatching');

/**
 * Pods on the node in `namespace` that `selector` matches, leaving out terminating ones
 * (K podtopologyspread countPodsMatchSelector). An empty selector counts nothing.
 */
export function countMatching(
  memo: Memo,
  info: NodeInfo,
  selector: LabelSelector,
  namespace: string,
  key?: string,
): number {
  const k = key ?? `${namespace} ${JSON.stringify(selector)}`;
  const counts = memo.table(COUNTS);
  let byKey = counts.get(info);
  const hit = byKey?.get(k);
  if (hit !== undefined) return hit;
  let n = 0;
  for (const p of info.pods) if (spreadCounts(p, selector, namespace)) n++;
  if (byKey === undefined) counts.set(info, (byKey = new Map()));
  byKey.set(k, n);
  return n;
}

/** Whether countMatching counts `pod`: not terminating, in `namespace`, matched by a non-empty `selector`. */
export function spreadCounts(pod: Pod, selector: LabelSelector, namespace: string): boolean {
  const empty =
    Object.keys(selector.matchLabels ?? {}).length === 0 && (selector.matchExpressions ?? []).length === 0;
  return (
    !empty &&
    pod.metadata.deletionTimestamp === undefined &&
    (pod.metadata.namespace ?? 'default') === namespace &&
    selectorMatches(selector, pod.metadata.labels)
  );
}

/**
 * The selector that spreads a pod with its siblings (K helper.DefaultSelector): the selectors of the
 * Services and ReplicaSets in its namespace that select it, ANDed. Undefined when none does.
 */
export function defaultSelector(memo: Memo, pod: Pod, state: ClusterState): LabelSelector | undefined {
  const ns = pod.metadata.namespace ?? 'default';
  const labels = pod.metadata.labels ?? {};
  const matchLabels: Record<string, string> = {};
  const matchExpressions: NonNullable<LabelSelector['matchExpressions']> = [];
  let any = false;
  const services =
    (
      state as {
        services?: Record<
          string,
          { metadata: { namespace?: string }; spec?: { selector?: Record<string, string> } }
        >;
      }
    ).services ?? {};
  for (const key of sortedKeys(memo, services)) {
    const svc = services[key];
    const sel = svc?.spec?.selector;
    if (
      svc === undefined ||
      sel === undefined ||
      (svc.metadata.namespace ?? 'default') !== ns ||
      Object.keys(sel).length === 0
    )
      continue;
    if (!selectorMatches({ matchLabels: sel }, labels)) continue;
    Object.assign(matchLabels, sel);
    any = true;
  }
  for (const key of sortedKeys(memo, state.replicaSets)) {
    const rs = state.replicaSets[key];
    if (
      rs === undefined ||
      (rs.metadata.namespace ?? 'default') !== ns ||
      !selectorMatches(rs.spec.selector, labels)
    )
      continue;
    Object.assign(matchLabels, rs.spec.selector.matchLabels ?? {});
    matchExpressions.push(...(rs.spec.selector.matchExpressions ?? []));
    any = true;
  }
  if (!any) return undefined;
  return { matchLabels, ...(matchExpressions.length > 0 ? { matchExpressions } : {}) };
}

/**
 * A record's keys in order, kept per frozen record: the engine replaces its Services and
 * ReplicaSets records whenever one changes, and defaultSelector runs on every cycle of an owned pod.
 */
const SORTED_KEYS = derivedKey<Record<string, unknown>, readonly string[]>('scheduler.sortedKeys');
function sortedKeys(memo: Memo, record: Record<string, unknown>): readonly string[] {
  return memo.derive(SORTED_KEYS, record, (r) => Object.keys(r).sort());
}

/** Whether `namespace` is one an affinity term of `owner` covers. */
function termCoversNamespace(
  term: PodAffinityTerm,
  owner: Pod,
  namespace: string,
  state: ClusterState,
): boolean {
  const listed = term.namespaces ?? [];
  if (listed.includes(namespace)) return true;
  if (term.namespaceSelector !== undefined)
    return selectorMatches(term.namespaceSelector, state.namespaces[namespace]?.metadata.labels ?? {});
  return listed.length === 0 && namespace === (owner.metadata.namespace ?? 'default');
}

/** K PodMatchesTermsNamespaceAndSelector: `pod` is in the term's namespaces and matches its selector. */
export function podMatchesTerm(term: PodAffinityTerm, owner: Pod, pod: Pod, state: ClusterState): boolean {
  return (
    termCoversNamespace(term, owner, pod.metadata.namespace ?? 'default', state) &&
    selectorMatches(term.labelSelector, pod.metadata.labels)
  );
}

/**
 * podMatchesTerm as a predicate for a term without a namespaceSelector (which needs Namespace
 * labels from the state): it keeps only the term and its owner's namespace.
 */
export function termMatcher(term: PodAffinityTerm, ownerNamespace: string): (pod: Pod) => boolean {
  if (term.namespaceSelector !== undefined) throw new Error('termMatcher: the term has a namespaceSelector');
  const listed = term.namespaces ?? [];
  return (pod) => {
    const namespace = pod.metadata.namespace ?? 'default';
    const covered = listed.includes(namespace) || (listed.length === 0 && namespace === ownerNamespace);
    return covered && selectorMatches(term.labelSelector, pod.metadata.labels);
  };
}

const TERM_COUNTS = derivedKey<NodeInfo, Map<string, number>>('scheduler.countTermMatches');
const TERM_KEYS = derivedKey<PodAffinityTerm, string>('scheduler.termCountKey');

/**
 * How many pods on the node `term` of `owner` matches (K podMatchesAllAffinityTerms for one term),
 * terminating pods included as the inter-pod affinity plugin counts them. Memoized per NodeInfo
 * (immutable) and term content, so a pod whose own terms are checked against every node of a big
 * cluster costs a lookup per node instead of a walk over every pod. A term with a namespaceSelector
 * depends on Namespace labels, so it is not memoized.
 */
export function countTermMatches(
  memo: Memo,
  info: NodeInfo,
  term: PodAffinityTerm,
  owner: Pod,
  state: ClusterState,
  key: string | undefined = termCountKey(memo, term, owner),
): number {
  const count = () => {
    let n = 0;
    for (const p of info.pods) if (podMatchesTerm(term, owner, p, state)) n++;
    return n;
  };
  if (key === undefined) return count();
  const counts = memo.table(TERM_COUNTS);
  let byKey = counts.get(info);
  const hit = byKey?.get(key);
  if (hit !== undefined) return hit;
  const n = count();
  if (byKey === undefined) counts.set(info, (byKey = new Map()));
  byKey.set(key, n);
  return n;
}

/** The memo key of countTermMatches for `term` of `owner`; undefined when it must not be memoized. */
export function termCountKey(memo: Memo, term: PodAffinityTerm, owner: Pod): string | undefined {
  if (term.namespaceSelector !== undefined) return undefined;
  const content = memo.derive(TERM_KEYS, term, (t) =>
    JSON.stringify([t.labelSelector ?? null, t.namespaces ?? []]),
  );
  return `${owner.metadata.namespace ?? 'default'} ${content}`;
}
