/**
 * `kubectl get deployments` and `kubectl get replicasets`: ports of printDeployment and
 * printReplicaSet from K pkg/printers/internalversion/printers.go.
 */
import type { ClusterState, Deployment, ReplicaSet } from '../model';
import { age } from './timeFormat';
import {
  containerCells,
  formatLabelSelector,
  listNamespaced,
  printNamespacedTable,
  selectorString,
  type GetOptions,
} from './printCommon';

/** The columns of `kubectl get deployments` (K printers.go deploymentColumnDefinitions). */
const DEPLOYMENT_COLUMNS = ['NAME', 'READY', 'UP-TO-DATE', 'AVAILABLE', 'AGE'] as const;
/** The columns of `kubectl get replicasets` (K printers.go replicaSetColumnDefinitions). */
const REPLICASET_COLUMNS = ['NAME', 'DESIRED', 'CURRENT', 'READY', 'AGE'] as const;
/** Extra columns of both with `-o wide`. */
const WORKLOAD_WIDE_COLUMNS = ['CONTAINERS', 'IMAGES', 'SELECTOR'] as const;

/** One row of `kubectl get deployments`: READY is `ready/desired`. */
function deploymentRow(d: Deployment, now: number, wide = false): string[] {
  const row = [
    d.metadata.name,
    `${d.status.readyReplicas}/${d.spec.replicas}`,
    String(d.status.updatedReplicas),
    String(d.status.availableReplicas),
    age(d.metadata.creationTimestamp, now),
  ];
  // printDeployment prints selector.String(), which is empty (not <none>) for an empty selector.
  if (wide) row.push(...containerCells(d.spec.template.spec.containers), selectorString(d.spec.selector));
  return row;
}

/** One row of `kubectl get replicasets`. */
function replicaSetRow(rs: ReplicaSet, now: number, wide = false): string[] {
  const row = [
    rs.metadata.name,
    String(rs.spec.replicas),
    String(rs.status.replicas),
    String(rs.status.readyReplicas),
    age(rs.metadata.creationTimestamp, now),
  ];
  // printReplicaSet uses metav1.FormatLabelSelector, which prints <none> for an empty selector.
  if (wide)
    row.push(...containerCells(rs.spec.template.spec.containers), formatLabelSelector(rs.spec.selector));
  return row;
}

/** `kubectl get deployments [-o wide] [-A] [-n ns]` at simulated time `now`. */
export function printDeployments(state: ClusterState, now: number, options: GetOptions = {}): string {
  const headers = options.wide ? [...DEPLOYMENT_COLUMNS, ...WORKLOAD_WIDE_COLUMNS] : [...DEPLOYMENT_COLUMNS];
  return printNamespacedTable(
    headers,
    listNamespaced(state.deployments, options),
    (d) => deploymentRow(d, now, options.wide === true),
    options,
  );
}

/** `kubectl get replicasets [-o wide] [-A] [-n ns]` at simulated time `now`. */
export function printReplicaSets(state: ClusterState, now: number, options: GetOptions = {}): string {
  const headers = options.wide ? [...REPLICASET_COLUMNS, ...WORKLOAD_WIDE_COLUMNS] : [...REPLICASET_COLUMNS];
  return printNamespacedTable(
    headers,
    listNamespaced(state.replicaSets, options),
    (rs) => replicaSetRow(rs, now, options.wide === true),
    options,
  );
}
