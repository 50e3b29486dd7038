/**
 * NodeName (K pkg/scheduler/framework/plugins/nodename/node_name.go): a pod that names a node in
 * spec.nodeName fits only that node. (A pod created with spec.nodeName is bound already and never
 * reaches the scheduler in Flotilla, as in Kubernetes; the filter is kept for profiles and tests.)
 */
import { type FilterPlugin, failure, SUCCESS } from '../framework';

/** K nodename.ErrReason. */
export const NODE_NAME_REASON = "node(s) didn't match the requested node name";

export const nodeName: FilterPlugin = {
  name: 'NodeName',
  filter(_cycle, pod, nodeInfo) {
    const wanted = pod.spec.nodeName;
    if (wanted === undefined || wanted === '' || wanted === nodeInfo.name) return SUCCESS;
    return failure('UnschedulableAndUnresolvable', NODE_NAME_REASON);
  },
  screen(_cycle, pod, table, idx, count, mayFail) {
    const wanted = pod.spec.nodeName;
    if (wanted === undefined || wanted === '') return false;
    for (let k = 0; k < count; k++) mayFail[k] = table.names[idx[k] as number] === wanted ? 0 : 1;
    return true;
  },
};
