/**
 * TaintToleration (K pkg/scheduler/framework/plugins/tainttoleration/taint_toleration.go).
 * Filter: a NoSchedule or NoExecute taint the pod does not tolerate rules the node out.
 * Score: the number of PreferNoSchedule taints the pod does not tolerate, normalized reversed
 * (100 - 100*s/max), so the node with the fewest such taints scores 100.
 */
import type { Taint } from '../../model/objects';
import { findUntoleratedTaint, tolerationsTolerate } from '../../model/taints';
import {
  type FilterPlugin,
  failure,
  MAX_NODE_SCORE,
  type NodeInfo,
  type ScorePlugin,
  SUCCESS,
} from '../framework';
import { defaultNormalizeInPlace } from '../normalizeScore';

/**
 * The filter reason for an untolerated taint, e.g. `node(s) had untolerated taint
 * {node.kubernetes.io/unreachable: }` (K v1.26-v1.34: `"node(s) had untolerated taint {%s: %s}"`).
 * Kubernetes v1.35 prints a generic `node(s) had untolerated taint(s)` instead, to keep taint values
 * out of pod status (kubernetes/kubernetes#134740); Flotilla keeps the detailed form because
 * naming the taint is what teaches.
 */
export function untoleratedTaintReason(taint: Pick<Taint, 'key' | 'value'>): string {
  return `node(s) had untolerated taint {${taint.key}: ${taint.value ?? ''}}`;
}

export const taintTolerationFilter: FilterPlugin = {
  name: 'TaintToleration',
  filter(_cycle, pod, nodeInfo) {
    const taint = findUntoleratedTaint(nodeInfo.node.spec.taints, pod.spec.tolerations, [
      'NoSchedule',
      'NoExecute',
    ]);
    return taint === undefined
      ? SUCCESS
      : failure('UnschedulableAndUnresolvable', untoleratedTaintReason(taint));
  },
  screen(_cycle, _pod, table, idx, count, mayFail) {
    // Only a node with a NoSchedule or NoExecute taint may fail.
    if (table.hardTainted === 0) return false;
    let any = false;
    for (let k = 0; k < count; k++) {
      const tainted = table.hasHardTaints(idx[k] as number);
      mayFail[k] = tainted ? 1 : 0;
      any ||= tainted;
    }
    return any;
  },
};

/** Untolerated PreferNoSchedule taints of the node (K countIntolerableTaintsPreferNoSchedule). */
export function countIntolerablePreferNoSchedule(
  taints: readonly Taint[] | undefined,
  tolerations: Parameters<typeof tolerationsTolerate>[0],
): number {
  let n = 0;
  for (const taint of taints ?? []) {
    if (taint.effect === 'PreferNoSchedule' && !tolerationsTolerate(tolerations, taint)) n++;
  }
  return n;
}

export const taintTolerationScore: ScorePlugin = {
  name: 'TaintToleration',
  weight: 3,
  score(_cycle, pod, nodeInfo) {
    return countIntolerablePreferNoSchedule(nodeInfo.node.spec.taints, pod.spec.tolerations);
  },
  normalize(scores, count) {
    defaultNormalizeInPlace(scores, count, true);
  },
  scoreTable(_cycle, pod, table, idx, count, out) {
    // A node without PreferNoSchedule taints has none the pod could fail to tolerate: every raw
    // score is 0, which the reverse normalization turns into MaxNodeScore for all.
    if (table.softTainted === 0) return MAX_NODE_SCORE;
    for (let k = 0; k < count; k++) {
      const i = idx[k] as number;
      out[k] = table.hasSoftTaints(i)
        ? countIntolerablePreferNoSchedule(
            (table.infos[i] as NodeInfo).node.spec.taints,
            pod.spec.tolerations,
          )
        : 0;
    }
    return undefined;
  },
};
