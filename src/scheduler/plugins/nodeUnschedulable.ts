/**
 * NodeUnschedulable (K pkg/scheduler/framework/plugins/nodeunschedulable/node_unschedulable.go):
 * a cordoned node (spec.unschedulable) takes no new pods, unless the pod tolerates the
 * `node.kubernetes.io/unschedulable:NoSchedule` taint (as DaemonSet pods do).
 */
import { TAINT_UNSCHEDULABLE, tolerationsTolerate } from '../../model';
import type { Pod } from '../../model';
import { type FilterPlugin, failure, type Status, SUCCESS } from '../framework';

/** K nodeunschedulable.ErrReasonUnschedulable. */
export const NODE_UNSCHEDULABLE_REASON = 'node(s) were unschedulable';

/** Unresolvable: evicting pods from a cordoned node would not let this pod in. */
const CORDONED = Object.freeze(failure('UnschedulableAndUnresolvable', NODE_UNSCHEDULABLE_REASON));

/** Whether the pod tolerates the cordon's `node.kubernetes.io/unschedulable:NoSchedule` taint. */
function toleratesCordon(pod: Pod): boolean {
  return tolerationsTolerate(pod.spec.tolerations, { key: TAINT_UNSCHEDULABLE, effect: 'NoSchedule' });
}

/**
 * The rule (K node_unschedulable.go Filter): a cordoned node rejects a pod that does not tolerate
 * the cordon. The filter and the screen both apply it.
 */
function unschedulableStatus(cordoned: boolean, tolerates: boolean): Status {
  return cordoned && !tolerates ? CORDONED : SUCCESS;
}

export const nodeUnschedulable: FilterPlugin = {
  name: 'NodeUnschedulable',
  filter(_cycle, pod, nodeInfo) {
    return unschedulableStatus(nodeInfo.node.spec.unschedulable === true, toleratesCordon(pod));
  },
  screen(_cycle, pod, table, idx, count, mayFail) {
    // The rule's input per node is one flag (the toleration is the cycle's): asked once per value.
    const tolerates = toleratesCordon(pod);
    const ifCordoned = unschedulableStatus(true, tolerates) === SUCCESS ? 0 : 1;
    const ifNot = unschedulableStatus(false, tolerates) === SUCCESS ? 0 : 1;
    if (ifNot === 0 && (ifCordoned === 0 || table.cordoned === 0)) return false;
    const cordoned = table.unschedulable;
    let any = false;
    for (let k = 0; k < count; k++) {
      const flag = cordoned[idx[k] as number] === 1 ? ifCordoned : ifNot;
      mayFail[k] = flag;
      any ||= flag === 1;
    }
    return any;
  },
};
