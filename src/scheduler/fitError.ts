/**
 * The FailedScheduling message (K pkg/scheduler/framework/types.go FitError.Error and
 * pkg/scheduler/framework/preemption/preemption.go), e.g.
 * `0/3 nodes are available: 1 Insufficient cpu, 2 node(s) had untolerated taint
 * {node.kubernetes.io/unreachable: }. preemption: 0/3 nodes are available: 1 No preemption victims
 * found for incoming pod, 2 Preemption is not helpful for scheduling.`
 *
 * Each node contributes each of its reasons once; the "<count> <reason>" strings are sorted as
 * strings (Go sort.Strings, so "10 ..." sorts before "2 ...") and joined with ", ". The preemption
 * part is DefaultPreemption's PostFilter message, itself a FitError over the nodes' preemption
 * verdicts. Current releases append it after one space with no extra full stop (older ones printed
 * `..`). Not reproduced: the `no new claims to deallocate, ` clause that v1.34+ prints before
 * `preemption:` when the DynamicResources plugin is enabled.
 */
import type { Pod } from '../model';
import { type FailureStatus, statusReasons } from './framework';

/** K schedule_one.go ErrNoNodesAvailable: the message when the cluster has no nodes at all. */
export const NO_NODES_AVAILABLE_MESSAGE = 'no nodes available to schedule pods';

/** K preemption.go: the verdict for a node that failed with UnschedulableAndUnresolvable. */
export const PREEMPTION_NOT_HELPFUL = 'Preemption is not helpful for scheduling';

/** K default_preemption.go SelectVictimsOnNode: no pod on the node has a lower priority. */
export const NO_PREEMPTION_VICTIMS = 'No preemption victims found for incoming pod';

/** K default_preemption.go PodEligibleToPreemptOthers, for preemptionPolicy: Never. */
export const PREEMPTION_POLICY_NEVER = 'not eligible due to preemptionPolicy=Never.';

/** "<count> <reason>" per distinct reason, sorted as strings, joined by ", ". */
export function reasonHistogram(reasons: Iterable<string>): string {
  const counts = new Map<string, number>();
  for (const r of reasons) counts.set(r, (counts.get(r) ?? 0) + 1);
  // Default sort compares UTF-16 code units: the same order as Go's byte-wise sort for ASCII.
  return [...counts]
    .map(([reason, n]) => `${n} ${reason}`)
    .sort()
    .join(', ');
}

/** K FitError.Error: `0/N nodes are available: <histogram>.` plus the PostFilter message, if any. */
export function fitErrorMessage(
  numAllNodes: number,
  statuses: readonly FailureStatus[],
  postFilterMessage?: string,
): string {
  let msg = `0/${numAllNodes} nodes are available:`;
  const histogram = reasonHistogram(statuses.flatMap((s) => statusReasons(s)));
  if (histogram !== '') msg += ` ${histogram}.`;
  if (postFilterMessage !== undefined && postFilterMessage !== '') msg += ` ${postFilterMessage}`;
  return msg;
}

/**
 * What DefaultPreemption would say. A node rejected as UnschedulableAndUnresolvable cannot be
 * helped by evicting pods. For the others, preemption is not simulated yet: Flotilla reports what
 * Kubernetes reports when no pod on the node has a lower priority than the incoming one, which
 * holds while pods share the default priority 0. (With lower-priority pods present, Kubernetes
 * would dry-run their eviction and preempt them if that made room.)
 */
function preemptionMessage(pod: Pod, numAllNodes: number, statuses: readonly FailureStatus[]): string {
  if (pod.spec.preemptionPolicy === 'Never') return `preemption: ${PREEMPTION_POLICY_NEVER}`;
  const verdicts = statuses.map((s): FailureStatus => ({
    code: 'UnschedulableAndUnresolvable',
    reason: s.code === 'UnschedulableAndUnresolvable' ? PREEMPTION_NOT_HELPFUL : NO_PREEMPTION_VICTIMS,
  }));
  return `preemption: ${fitErrorMessage(numAllNodes, verdicts)}`;
}

/** The full FailedScheduling message for `pod` given each node's failed filter status. */
export function failedSchedulingMessage(
  pod: Pod,
  numAllNodes: number,
  statuses: readonly FailureStatus[],
): string {
  if (numAllNodes === 0) return NO_NODES_AVAILABLE_MESSAGE;
  return fitErrorMessage(numAllNodes, statuses, preemptionMessage(pod, numAllNodes, statuses));
}
