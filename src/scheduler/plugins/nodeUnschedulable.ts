/**
 * NodeUnschedulable (K pkg/scheduler/framework/plugins/nodeunschedulable/node_unschedulable.go):
 * a cordoned node (spec.unschedulable) takes no new pods, unless the pod tolerates the
 * `node.kubernetes.io/unschedulable:NoSchedule` taint (as DaemonSet pods do).
 */
import { TAINT_UNSCHEDULABLE, tolerationsTolerate } from '../../model/taints';
import { type FilterPlugin, failure, SUCCESS } from '../framework';

/** K nodeunschedulable.ErrReasonUnschedulable. */
export const NODE_UNSCHEDULABLE_REASON = 'node(s) were unschedulable';

export const nodeUnschedulable: FilterPlugin = {
  name: 'NodeUnschedulable',
  filter(_cycle, pod, nodeInfo) {
    if (nodeInfo.node.spec.unschedulable !== true) return SUCCESS;
    const tolerates = tolerationsTolerate(pod.spec.tolerations, {
      key: TAINT_UNSCHEDULABLE,
      effect: 'NoSchedule',
    });
    // Unresolvable: evicting pods from a cordoned node would not let this pod in.
    return tolerates ? SUCCESS : failure('UnschedulableAndUnresolvable', NODE_UNSCHEDULABLE_REASON);
  },
  screen(_cycle, pod, table, idx, count, mayFail) {
    // Only a cordoned node may fail, and none does for a pod that tolerates the cordon.
    const tolerates = tolerationsTolerate(pod.spec.tolerations, {
      key: TAINT_UNSCHEDULABLE,
      effect: 'NoSchedule',
    });
    if (tolerates || table.cordoned === 0) return false;
    const cordoned = table.unschedulable;
    let any = false;
    for (let k = 0; k < count; k++) {
      const flag = cordoned[idx[k] as number] as number;
      mayFail[k] = flag;
      any ||= flag === 1;
    }
    return any;
  },
};
