/**
 * Every moment of a run as a frozen ClusterState, for instant scrubbing: one forward pass through
 * the engine's journal keeps the state after each trace record's time and after every whole second
 * (structural sharing makes each snapshot cost only what changed). Showing time t is then a binary
 * search, whatever the size of the cluster or the distance jumped. Between two kept times the view
 * shows the earlier one: a change with no trace record of its own (a kubelet's internal timer)
 * appears at the next second at the latest.
 */
import type { Simulation, TraceRecord } from '../src/engine';
import type { ClusterState } from '../src/model';

export interface Snapshots {
  times: readonly number[];
  states: readonly ClusterState[];
}

/** The times kept: 0, each whole second, each trace record's time, and `end`. */
export function snapshotTimes(trace: readonly TraceRecord[], end: number): number[] {
  const set = new Set<number>([0, end]);
  for (let t = 1000; t < end; t += 1000) set.add(t);
  for (const r of trace) if (r.t <= end) set.add(r.t);
  return [...set].sort((a, b) => a - b);
}

/**
 * Walks `sim` from 0 (a checkpoint) to `end`, re-applying each recorded step once, keeping the
 * states. (Walking backward would redo from a checkpoint at every kept time.) Leaves it at `end`.
 */
export function takeSnapshots(sim: Simulation, trace: readonly TraceRecord[], end: number): Snapshots {
  const times = snapshotTimes(trace, end);
  const states: ClusterState[] = [];
  sim.seek(0);
  for (const t of times) {
    sim.seek(t);
    states.push(sim.state);
  }
  return { times, states };
}

/** Index of the last kept time at or before `t` (0 before the first). */
export function indexAt(times: readonly number[], t: number): number {
  let lo = 0;
  let hi = times.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((times[mid] ?? Infinity) <= t) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

export function stateAt(s: Snapshots, t: number): ClusterState {
  return s.states[indexAt(s.times, t)] as ClusterState;
}
