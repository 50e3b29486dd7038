/**
 * The charts' data: pods over time (sampled from the run's snapshots) and, per traffic flow, success
 * rate and p99 latency per second from the trace. Pure.
 */
import type { GenericRecord, TraceRecord } from '../src/engine';
import { type ClusterState, valuesIn } from '../src/model';
import { stateAt, type Snapshots } from './snapshots';

export interface PodSample {
  t: number;
  /** Pods whose Ready condition is True (what a Service's endpoints follow). */
  ready: number;
  /** Pods that exist (any phase, Terminating included). */
  total: number;
}

export interface FlowSample {
  t: number;
  /** 0..100, undefined when the flow sent nothing that second. */
  success?: number;
  p99: number;
}

/** Counts of one snapshot. */
function podCounts(state: ClusterState): { ready: number; total: number } {
  let ready = 0;
  let total = 0;
  for (const pod of valuesIn(state.pods)) {
    total += 1;
    const isReady = pod.status.conditions.some((c) => c.type === 'Ready' && c.status === 'True');
    if (isReady && pod.metadata.deletionTimestamp === undefined) ready += 1;
  }
  return { ready, total };
}

/** `samples` evenly spaced samples from 0 to `end`. */
export function podSeries(snapshots: Snapshots, end: number, samples = 200): PodSample[] {
  const out: PodSample[] = [];
  // Consecutive samples often share a state: each state is counted once.
  const counted = new Map<ClusterState, { ready: number; total: number }>();
  for (let i = 0; i <= samples; i++) {
    const t = Math.round((end * i) / samples);
    const state = stateAt(snapshots, t);
    let counts = counted.get(state);
    if (counts === undefined) counted.set(state, (counts = podCounts(state)));
    out.push({ t, ...counts });
  }
  return out;
}

/** Per flow (in first-seen order), one sample per traffic second. */
export function flowSeries(trace: readonly TraceRecord[]): Map<string, FlowSample[]> {
  const out = new Map<string, FlowSample[]>();
  for (const r of trace) {
    if (r.type !== 'traffic') continue;
    const g = r as GenericRecord;
    const flow = String(g['flow']);
    const requests = Number(g['requests'] ?? 0);
    const sample: FlowSample = { t: g.t, p99: Number(g['p99'] ?? 0) };
    if (requests > 0) sample.success = (100 * Number(g['successes'] ?? 0)) / requests;
    const list = out.get(flow);
    if (list === undefined) out.set(flow, [sample]);
    else list.push(sample);
  }
  return out;
}
