/**
 * TaintToleration (K pkg/scheduler/framework/plugins/tainttoleration/taint_toleration.go).
 * Filter: a NoSchedule or NoExecute taint the pod does not tolerate rules the node out.
 * Score: the number of PreferNoSchedule taints the pod does not tolerate, normalized reversed
 * (100 - 100*s/max), so the node with the fewest such taints scores 100.
 */
import type { Pod, Taint } from '../../model';
import { findUntoleratedTaint, tolerationsTolerate } from '../../model';
import {
  type FilterPlugin,
  failure,
  type NodeInfo,
  type ScorePlugin,
  type Status,
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
function untoleratedTaintReason(taint: Pick<Taint, 'key' | 'value'>): string {
  return `node(s) had untolerated taint {${taint.key}: ${taint.value ?? ''}}`;
}

/**
 * The Filter rule (K taint_toleration.go Filter): a NoSchedule or NoExecute taint of the node that
 * the pod does not tolerate rejects it. The filter and the screen apply it.
 */
function untoleratedStatus(
  taints: readonly Taint[] | undefined,
  tolerations: Pod['spec']['tolerations'],
): Status {
  const taint = findUntoleratedTaint(taints, tolerations, ['NoSchedule', 'NoExecute']);
  return taint === undefined
    ? SUCCESS
    : failure('UnschedulableAndUnresolvable', untoleratedTaintReason(taint));
}

export const taintTolerationFilter: FilterPlugin = {
  name: 'TaintToleration',
  filter(_cycle, pod, nodeInfo) {
    return untoleratedStatus(nodeInfo.node.spec.taints, pod.spec.tolerations);
  },
  screen(_cycle, pod, table, idx, count, mayFail) {
    // Untainted nodes share one input, no taints: the rule is asked once for all of them; a
    // tainted node runs the filter.
    const untainted = untoleratedStatus(undefined, pod.spec.tolerations) === SUCCESS ? 0 : 1;
    if (untainted === 0 && table.tainted === 0) return false;
    let any = false;
    for (let k = 0; k < count; k++) {
      const flag = table.isTainted(idx[k] as number) ? 1 : untainted;
      mayFail[k] = flag;
      any ||= flag === 1;
    }
    return any;
  },
};

function countIntolerablePreferNoSchedule(
  taints: readonly Taint[] | undefined,
  tolerations: Parameters<typeof tolerationsTolerate>[0],
): number {
  let n = 0;
  for (const taint of taints ?? []) {
    if (taint.effect === 'PreferNoSchedule' && !tolerationsTolerate(tolerations, taint)) n++;
  }
  return n;
}

/** The NormalizeScore rule: reversed, so the node with the fewest untolerated taints scores 100. */
function normalizeTaintScores(scores: Float64Array, count: number): void {
  defaultNormalizeInPlace(scores, count, true);
}

export const taintTolerationScore: ScorePlugin = {
  name: 'TaintToleration',
  weight: 3,
  score(_cycle, pod, nodeInfo) {
    return countIntolerablePreferNoSchedule(nodeInfo.node.spec.taints, pod.spec.tolerations);
  },
  normalize: normalizeTaintScores,
  scoreTable(_cycle, pod, table, idx, count, out) {
    // Untainted nodes share one input, no taints: the rule is asked once for all of them.
    const untainted = countIntolerablePreferNoSchedule(undefined, pod.spec.tolerations);
    if (table.tainted === 0) {
      // Every node has that input: every node ends with one normalized score.
      const one = Float64Array.of(untainted);
      normalizeTaintScores(one, 1);
      return one[0] as number;
    }
    for (let k = 0; k < count; k++) {
      const i = idx[k] as number;
      out[k] = table.isTainted(i)
        ? countIntolerablePreferNoSchedule(
            (table.infos[i] as NodeInfo).node.spec.taints,
            pod.spec.tolerations,
          )
        : untainted;
    }
    return undefined;
  },
};
