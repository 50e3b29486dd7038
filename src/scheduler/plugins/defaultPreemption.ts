/**
 * DefaultPreemption (K pkg/scheduler/framework/plugins/defaultpreemption/default_preemption.go and
 * pkg/scheduler/framework/preemption/preemption.go): when a pod fits nowhere, find on each node the
 * smallest set of lower-priority pods whose eviction lets it fit, pick one node, and nominate it.
 *
 * Per node (SelectVictimsOnNode): remove every pod of lower priority; if the pod still does not
 * pass the filters, the node cannot help. Otherwise add the removed pods back one by one, most
 * important first (higher priority, then earlier start), keeping each that still lets the pod fit:
 * the rest are the victims. Among candidate nodes (pickOneNodeForPreemption): fewest PDB violations
 * (Flotilla has no PDBs: always 0), lowest highest-victim priority, lowest sum of victim priorities
 * (each shifted by MaxInt32+1, as Kubernetes does), fewest victims, latest start among the
 * highest-priority victims, then the first in node order (Kubernetes starts its candidate search at
 * a random offset; Flotilla uses name order and draws no randomness). Simplifications: nominated
 * pods do not reserve room on their node for later cycles, and candidate search is not capped.
 */
import type { ClusterState, Pod } from '../../model';
import {
  fitErrorMessage,
  PREEMPTION_NOT_HELPFUL,
  NO_PREEMPTION_VICTIMS,
  PREEMPTION_POLICY_NEVER,
} from '../fitError';
import {
  type Cycle,
  type FailureStatus,
  type FilterPlugin,
  type NodeInfo,
  type PostFilterPlugin,
  failure,
} from '../framework';
import { makeNodeInfo } from '../nodeInfo';
import { podPreemptionPolicy, podPriority } from '../priority';
import { runFilters, runPreFilters } from '../scheduleOne';

/** K PodEligibleToPreemptOthers: victims of an earlier preemption are still terminating. */
const TERMINATING_ON_NOMINATED = 'not eligible due to a terminating pod on the nominated node.';

/** MaxInt32 + 1 (K pickOneNodeForPreemption shifts priorities so that sums stay positive). */
const PRIORITY_SHIFT = 2_147_483_648;

interface Candidate {
  node: string;
  victims: Pod[];
}

function startTime(pod: Pod): number {
  return pod.status.startTime ?? pod.metadata.creationTimestamp;
}

/** K MoreImportantPod: higher priority first, then the one that started earlier. */
function moreImportantFirst(state: ClusterState) {
  return (a: Pod, b: Pod) => podPriority(b, state) - podPriority(a, state) || startTime(a) - startTime(b);
}

/** Whether the pod passes every filter on `info` in a cluster where that node looks like `info`. */
function fits(filters: readonly FilterPlugin[], cycle: Cycle, info: NodeInfo): boolean {
  const nodes = cycle.nodes.map((n) => (n.name === info.name ? info : n));
  // The trial's nodes differ from the cycle's, so the cycle's node table does not apply.
  const trial: Cycle = { ...cycle, nodes, data: new Map(), table: undefined };
  const profile = { schedulerName: '', filters, scorers: [] };
  return (
    runFilters(profile, trial, cycle.pod, info, runPreFilters(profile, trial, cycle.pod)).failed === undefined
  );
}

/** The victims on one node, or the status saying why the node cannot help (K SelectVictimsOnNode). */
function selectVictimsOnNode(
  filters: readonly FilterPlugin[],
  cycle: Cycle,
  info: NodeInfo,
): Pod[] | FailureStatus {
  const state = cycle.state;
  const priority = podPriority(cycle.pod, state);
  const potential = info.pods.filter((p) => podPriority(p, state) < priority);
  if (potential.length === 0) return failure('UnschedulableAndUnresolvable', NO_PREEMPTION_VICTIMS);
  const kept = info.pods.filter((p) => !potential.includes(p));
  const bare = makeNodeInfo(info.node, kept);
  if (!fits(filters, cycle, bare)) {
    const { failed } = runFilters(
      { schedulerName: '', filters, scorers: [] },
      { ...cycle, data: new Map() },
      cycle.pod,
      bare,
    );
    return failed ?? failure('Unschedulable', NO_PREEMPTION_VICTIMS);
  }
  const victims: Pod[] = [];
  for (const pod of [...potential].sort(moreImportantFirst(state))) {
    const withIt = [...kept, pod];
    if (fits(filters, cycle, makeNodeInfo(info.node, withIt))) kept.push(pod);
    else victims.push(pod);
  }
  return victims;
}

/** K pickOneNodeForPreemption (without PDBs). */
function pickOneNodeForPreemption(
  candidates: readonly Candidate[],
  state: ClusterState,
): Candidate | undefined {
  const prio = (p: Pod) => podPriority(p, state);
  const highest = (c: Candidate) => Math.max(...c.victims.map(prio));
  const criteria: ((c: Candidate) => number)[] = [
    (c) => highest(c),
    (c) => c.victims.reduce((s, p) => s + prio(p) + PRIORITY_SHIFT, 0),
    (c) => c.victims.length,
    // Latest earliest start among the highest-priority victims wins: negate to minimise.
    (c) => -Math.min(...c.victims.filter((p) => prio(p) === highest(c)).map(startTime)),
  ];
  let pool = [...candidates];
  for (const score of criteria) {
    if (pool.length <= 1) break;
    const best = Math.min(...pool.map(score));
    pool = pool.filter((c) => score(c) === best);
  }
  return pool[0];
}

/** DefaultPreemption for a profile whose filters are `filters`. */
export function makeDefaultPreemption(filters: readonly FilterPlugin[]): PostFilterPlugin {
  return {
    name: 'DefaultPreemption',
    postFilter(cycle, pod, statuses) {
      const state = cycle.state;
      const numAll = cycle.nodes.length;
      if (podPreemptionPolicy(pod, state) === 'Never')
        return { victims: [], message: `preemption: ${PREEMPTION_POLICY_NEVER}` };
      const nominated = pod.status.nominatedNodeName;
      if (nominated !== undefined && nominated !== '') {
        const info = cycle.nodes.find((n) => n.name === nominated);
        const prio = podPriority(pod, state);
        if (
          info?.pods.some((p) => p.metadata.deletionTimestamp !== undefined && podPriority(p, state) < prio)
        )
          return { victims: [], message: `preemption: ${TERMINATING_ON_NOMINATED}` };
      }
      const verdicts: FailureStatus[] = [];
      const candidates: Candidate[] = [];
      for (const info of cycle.nodes) {
        const status = statuses.get(info.name);
        if (status === undefined) continue;
        if (status.code === 'UnschedulableAndUnresolvable') {
          verdicts.push(failure('UnschedulableAndUnresolvable', PREEMPTION_NOT_HELPFUL));
          continue;
        }
        const victims = selectVictimsOnNode(filters, cycle, info);
        if (Array.isArray(victims)) candidates.push({ node: info.name, victims });
        else verdicts.push(victims);
      }
      const best = pickOneNodeForPreemption(candidates, state);
      if (best === undefined)
        return { victims: [], message: `preemption: ${fitErrorMessage(numAll, verdicts)}` };
      return { nominatedNode: best.node, victims: best.victims, message: '' };
    },
  };
}
