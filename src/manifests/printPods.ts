/**
 * `kubectl get pods`: a port of printPod from K pkg/printers/internalversion/printers.go (the
 * server-side table printer kubectl shows). READY counts ready running containers, STATUS is the
 * reason kubectl derives (not the phase), RESTARTS adds how long ago the last restart was.
 */
import { type ClusterState, type Pod, toRecord } from '../model';
import { age } from './timeFormat';
import { listNamespaced, printNamespacedTable, type GetOptions } from './printCommon';

/** kubectl prints this status for a pod being deleted whose node is unreachable (K pkg/util/node). */
const NODE_UNREACHABLE_POD_REASON = 'NodeLost';

/** The columns of `kubectl get pods` (K printers.go podColumnDefinitions). */
const POD_COLUMNS = ['NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE'] as const;
/** Extra columns with `-o wide`. */
const POD_WIDE_COLUMNS = ['IP', 'NODE', 'NOMINATED NODE', 'READINESS GATES'] as const;

/** What kubectl derives from a pod for its row. */
export interface PodSummary {
  /** `ready/total`, e.g. `1/1`. */
  ready: string;
  /** The STATUS column: `Running`, `CrashLoopBackOff`, `Terminating`, `Completed`, ... */
  status: string;
  /** Sum of container restart counts. */
  restarts: number;
  /** When the last restarted container last terminated (ms), if any did. */
  lastRestart?: number;
}

/**
 * READY, STATUS and RESTARTS of a pod as kubectl's printPod computes them:
 * start from status.reason or the phase (or SchedulingGated); then walk the containers from last to
 * first, each waiting reason or terminated reason overriding (`ExitCode:N` when the reason is
 * empty); a pod with deletionTimestamp shows `Terminating` unless its phase is terminal, or
 * `Unknown` when its node was lost.
 *
 * Simplification: the model has no initContainerStatuses, so the `Init:` statuses and restartable
 * (sidecar) init containers are not shown.
 */
export function summarizePod(pod: Pod): PodSummary {
  const totalContainers = pod.spec.containers.length;
  let readyContainers = 0;
  let restarts = 0;
  let lastRestart: number | undefined;
  const phase = pod.status.phase;
  let reason: string =
    pod.status.reason !== undefined && pod.status.reason !== '' ? pod.status.reason : phase;

  for (const c of pod.status.conditions) {
    if (c.type === 'PodScheduled' && c.reason === 'SchedulingGated') reason = 'SchedulingGated';
  }

  let hasRunning = false;
  const statuses = pod.status.containerStatuses;
  for (let i = statuses.length - 1; i >= 0; i--) {
    const container = statuses[i];
    if (container === undefined) continue;
    restarts += container.restartCount;
    const finished = container.lastState.terminated?.finishedAt;
    if (finished !== undefined && (lastRestart === undefined || lastRestart < finished))
      lastRestart = finished;
    const { waiting, terminated, running } = container.state;
    if (waiting !== undefined && waiting.reason !== '') {
      reason = waiting.reason;
    } else if (terminated !== undefined && terminated.reason !== '') {
      reason = terminated.reason;
    } else if (terminated !== undefined) {
      // The model has no signal; kubectl would print Signal:N for a signalled container.
      reason = `ExitCode:${terminated.exitCode}`;
    } else if (container.ready && running !== undefined) {
      hasRunning = true;
      readyContainers++;
    }
  }
  // A pod whose last container completed but another still runs is Running (or NotReady).
  if (reason === 'Completed' && hasRunning) {
    const ready = pod.status.conditions.some((c) => c.type === 'Ready' && c.status === 'True');
    reason = ready ? 'Running' : 'NotReady';
  }

  if (pod.metadata.deletionTimestamp !== undefined && pod.status.reason === NODE_UNREACHABLE_POD_REASON) {
    reason = 'Unknown';
  } else if (pod.metadata.deletionTimestamp !== undefined && phase !== 'Succeeded' && phase !== 'Failed') {
    reason = 'Terminating';
  }

  const summary: PodSummary = { ready: `${readyContainers}/${totalContainers}`, status: reason, restarts };
  if (lastRestart !== undefined) summary.lastRestart = lastRestart;
  return summary;
}

/** The RESTARTS cell: `0`, or `2 (45s ago)` when a container has restarted. */
function restartsCell(summary: PodSummary, now: number): string {
  if (summary.restarts !== 0 && summary.lastRestart !== undefined) {
    return `${summary.restarts} (${age(summary.lastRestart, now)} ago)`;
  }
  return String(summary.restarts);
}

/** READINESS GATES: `<none>`, or how many of spec.readinessGates have a True condition (`1/2`). */
function readinessGatesCell(pod: Pod): string {
  const gates = pod.spec.readinessGates;
  if (!Array.isArray(gates) || gates.length === 0) return '<none>';
  let trueConditions = 0;
  for (const gate of gates as { conditionType?: string }[]) {
    const cond = pod.status.conditions.find((c) => c.type === gate.conditionType);
    if (cond?.status === 'True') trueConditions++;
  }
  return `${trueConditions}/${gates.length}`;
}

/** One row of `kubectl get pods` (without the NAMESPACE column). */
function podRow(pod: Pod, now: number, wide = false): string[] {
  const s = summarizePod(pod);
  const row = [
    pod.metadata.name,
    s.ready,
    s.status,
    restartsCell(s, now),
    age(pod.metadata.creationTimestamp, now),
  ];
  if (wide) {
    row.push(
      pod.status.podIP || '<none>',
      pod.spec.nodeName || '<none>',
      pod.status.nominatedNodeName || '<none>',
      readinessGatesCell(pod),
    );
  }
  return row;
}

/** `kubectl get pods [-o wide] [-A] [-n ns]` at simulated time `now`. */
export function printPods(state: ClusterState, now: number, options: GetOptions = {}): string {
  const pods = listNamespaced(toRecord(state.pods), options);
  const headers = options.wide ? [...POD_COLUMNS, ...POD_WIDE_COLUMNS] : [...POD_COLUMNS];
  return printNamespacedTable(headers, pods, (p) => podRow(p, now, options.wide === true), options);
}
