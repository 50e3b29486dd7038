/**
 * NodeName (K pkg/scheduler/framework/plugins/nodename/node_name.go): a pod that names a node in
 * spec.nodeName fits only that node. (A pod created with spec.nodeName is bound already and never
 * reaches the scheduler in Flotilla, as in Kubernetes; the filter is kept for profiles and tests.)
 */
import { type FilterPlugin, failure, type Status, SUCCESS } from '../framework';

/** K nodename.ErrReason. */
export const NODE_NAME_REASON = "node(s) didn't match the requested node name";

const MISMATCH = Object.freeze(failure('UnschedulableAndUnresolvable', NODE_NAME_REASON));

/** The rule (K node_name.go Fits): no name asked for, or the node's. The filter and the screen apply it. */
function nodeNameStatus(wanted: string | undefined, node: string): Status {
  return wanted === undefined || wanted === '' || wanted === node ? SUCCESS : MISMATCH;
}

export const nodeName: FilterPlugin = {
  name: 'NodeName',
  filter(_cycle, pod, nodeInfo) {
    return nodeNameStatus(pod.spec.nodeName, nodeInfo.name);
  },
  screen(_cycle, pod, table, idx, count, mayFail) {
    // The rule on each node's name from the table (no NodeInfo touched).
    const wanted = pod.spec.nodeName;
    const names = table.names;
    let any = false;
    for (let k = 0; k < count; k++) {
      const flag = nodeNameStatus(wanted, names[idx[k] as number] as string) === SUCCESS ? 0 : 1;
      mayFail[k] = flag;
      any ||= flag === 1;
    }
    return any;
  },
};
