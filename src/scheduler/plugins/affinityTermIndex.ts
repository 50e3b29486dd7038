/**
 * The affinity terms of the pods already on a node, indexed by a label their selector requires, so
 * that finding the terms that match an incoming pod costs a lookup per label of that pod instead of
 * a check of every term (kube-scheduler checks every term of every pod with affinity, which is why
 * affinity is its slowest path). The result is the same: a candidate is still checked in full with
 * podMatchesTerm. Memoized per NodeInfo, which is immutable.
 */
import { type DerivedKey, derivedKey, type Memo } from '../../model';
import type { Pod, PodAffinityTerm } from '../../model';
import type { NodeInfo } from '../framework';
import { podMemo } from '../podMemo';

type TermKind = 'requiredAffinity' | 'requiredAnti' | 'preferredAffinity' | 'preferredAnti';

export interface ExistingTerm {
  readonly owner: Pod;
  readonly term: PodAffinityTerm;
  readonly kind: TermKind;
  /** The preferred term's weight (0 for required terms). */
  readonly weight: number;
}

interface TermIndex {
  /** Terms whose selector requires label `key=value`, under `key\0value` (one entry per term). */
  readonly byLabel: ReadonlyMap<string, readonly ExistingTerm[]>;
  /** Terms without a matchLabels entry: checked against every pod. */
  readonly unindexed: readonly ExistingTerm[];
  readonly size: number;
}

const EMPTY: TermIndex = { byLabel: new Map(), unindexed: [], size: 0 };

/** The pod's affinity terms that can match pods (those with a selector; preferred ones weighing non-zero). */
export function termsOf(pod: Pod): ExistingTerm[] {
  const a = pod.spec.affinity;
  const out: ExistingTerm[] = [];
  const add = (term: PodAffinityTerm, kind: TermKind, weight: number) => {
    // A term without a selector matches no pod (K: a nil LabelSelector selects nothing).
    if (term.labelSelector !== undefined) out.push({ owner: pod, term, kind, weight });
  };
  for (const t of a?.podAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? [])
    add(t, 'requiredAffinity', 0);
  for (const t of a?.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? [])
    add(t, 'requiredAnti', 0);
  for (const t of a?.podAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? [])
    if (t.weight !== 0) add(t.podAffinityTerm, 'preferredAffinity', t.weight);
  for (const t of a?.podAntiAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? [])
    if (t.weight !== 0) add(t.podAffinityTerm, 'preferredAnti', t.weight);
  return out;
}

function build(pods: readonly Pod[], kinds: ReadonlySet<TermKind>): TermIndex {
  const byLabel = new Map<string, ExistingTerm[]>();
  const unindexed: ExistingTerm[] = [];
  let size = 0;
  for (const pod of pods) {
    if (pod.spec.affinity === undefined) continue;
    for (const t of termsOf(pod)) {
      if (!kinds.has(t.kind)) continue;
      size++;
      const labels = t.term.labelSelector?.matchLabels ?? {};
      const key = Object.keys(labels).sort()[0];
      if (key === undefined) {
        unindexed.push(t);
        continue;
      }
      const k = `${key}\u0000${labels[key]}`;
      const list = byLabel.get(k);
      if (list === undefined) byLabel.set(k, [t]);
      else list.push(t);
    }
  }
  return size === 0 ? EMPTY : { byLabel, unindexed, size };
}

const ANTI: ReadonlySet<TermKind> = new Set(['requiredAnti']);
const SCORING: ReadonlySet<TermKind> = new Set(['requiredAffinity', 'preferredAffinity', 'preferredAnti']);
const ANTI_INDEXES = derivedKey<NodeInfo, TermIndex>('scheduler.antiTermIndex');
const SCORING_INDEXES = derivedKey<NodeInfo, TermIndex>('scheduler.scoringTermIndex');

function indexOf(
  memo: Memo,
  info: NodeInfo,
  kinds: ReadonlySet<TermKind>,
  key: DerivedKey<NodeInfo, TermIndex>,
): TermIndex {
  const table = memo.table(key);
  let idx = table.get(info);
  if (idx === undefined) table.set(info, (idx = build(info.pods, kinds)));
  return idx;
}

/** The node's term index of `kinds` ('anti': required anti-affinity; 'scoring': the rest). */
function nodeTermIndex(memo: Memo, info: NodeInfo, kinds: 'anti' | 'scoring'): TermIndex {
  return kinds === 'anti'
    ? indexOf(memo, info, ANTI, ANTI_INDEXES)
    : indexOf(memo, info, SCORING, SCORING_INDEXES);
}

/**
 * Calls `visit` for each term of kinds `kinds` ('anti': required anti-affinity; 'scoring': the
 * rest) of the node's pods whose selector could match a pod with `podLabels` (from labelKeys): the terms indexed under one of its
 * labels, and the unindexed ones. The caller checks each in full.
 */
export function forCandidateTerms(
  memo: Memo,
  info: NodeInfo,
  podLabels: readonly string[],
  kinds: 'anti' | 'scoring',
  visit: (t: ExistingTerm) => void,
): void {
  const idx = nodeTermIndex(memo, info, kinds);
  if (idx.size === 0) return;
  for (const t of idx.unindexed) visit(t);
  if (idx.byLabel.size === 0) return;
  for (const label of podLabels) {
    const list = idx.byLabel.get(label);
    if (list !== undefined) for (const t of list) visit(t);
  }
}

/**
 * The index keys of a pod's labels (`key\0value`), memoized for frozen pods (podMemo): a cycle
 * asks at PreFilter and PreScore, and the bind indexes the same keys.
 */
export function labelKeys(memo: Memo, pod: Pod): readonly string[] {
  return (podMemo(memo, pod).labelKeys ??= ownLabelKeys(pod));
}

function ownLabelKeys(pod: Pod): readonly string[] {
  const labels = pod.metadata.labels ?? {};
  return Object.keys(labels).map((k) => `${k}\u0000${labels[k]}`);
}
