/**
 * The explain record of a scheduling cycle (SchedulingResult.nodes), kept compact until read: the
 * nodes visited (indices), each one's verdict and the scores of the feasible ones in typed arrays.
 * The first read of `nodes` builds the per-node objects the explain contract describes, identical
 * to building them during the cycle; a cycle whose record nobody reads (the scheduler benchmark)
 * never pays for 500 objects per pod.
 */
import type { FailureStatus, FilterVerdict, NodeResult, Profile, SchedulingResult } from './framework';
import type { PreFilterOutcome } from './scheduleOne';

/** Verdict markers in CycleRecord.failedAt: the node passed every filter; a PreFilter rejected the pod. */
export const PASSED = -1;
export const PRE_REJECTED = -2;

/** Where a node failed: the filter's index in the profile (PRE_REJECTED: a PreFilter rejected the pod). */
export interface FilterFailure {
  index: number;
  status: FailureStatus;
}

/** One score plugin's normalized scores, aligned with CycleRecord.feasible. */
export interface ScoredPlugin {
  name: string;
  weight: number;
  scores: Float64Array;
}

export interface CycleRecord {
  profile: Profile;
  pre: PreFilterOutcome;
  /** Node names by index. */
  names: readonly string[];
  /** The nodes visited, in order. */
  order: Int32Array;
  /** Per visited node: PASSED, PRE_REJECTED or the index of the filter that rejected it. */
  failedAt: Int16Array;
  /** The failure status of each rejected node, by node index (not for PRE_REJECTED). */
  statuses: ReadonlyMap<number, FailureStatus>;
  /** The feasible nodes' indices, in visiting order. */
  feasible: readonly number[];
  /** Empty when scoring did not run (fewer than two feasible nodes). */
  scored: ScoredPlugin[];
}

/**
 * The verdicts of a node that passed every filter: the same for every such node of a cycle, so a
 * record builds the list once and its entries share it (read-only).
 */
export function passVerdicts(profile: Profile, pre: PreFilterOutcome): FilterVerdict[] {
  return profile.filters.map((plugin) => ({
    plugin: plugin.name,
    code: pre.skipped.has(plugin.name) ? 'Skip' : 'Success',
  }));
}

/** The verdicts of a node that failed: those that ran, up to and including the failing one. */
export function failVerdicts(
  profile: Profile,
  pre: PreFilterOutcome,
  failedAt: FilterFailure,
): FilterVerdict[] {
  const { index, status } = failedAt;
  if (index < 0) return [{ plugin: pre.rejected?.plugin ?? '', code: status.code, reason: status.reason }];
  const verdicts: FilterVerdict[] = [];
  for (let i = 0; i < index; i++) {
    const name = (profile.filters[i] as Profile['filters'][number]).name;
    verdicts.push({ plugin: name, code: pre.skipped.has(name) ? 'Skip' : 'Success' });
  }
  const name = (profile.filters[index] as Profile['filters'][number]).name;
  verdicts.push({ plugin: name, code: status.code, reason: status.reason });
  return verdicts;
}

/** The failure status of the k-th visited node, which did not pass. */
export function failureOf(record: CycleRecord, k: number): FailureStatus {
  const at = record.failedAt[k] as number;
  if (at === PRE_REJECTED) return (record.pre.rejected as { status: FailureStatus }).status;
  return record.statuses.get(record.order[k] as number) as FailureStatus;
}

/** The per-node results, in visiting order (the explain contract's `nodes`). */
export function nodeResults(record: CycleRecord): NodeResult[] {
  const { profile, pre, names, order, failedAt, feasible, scored } = record;
  const passed = passVerdicts(profile, pre);
  const out: NodeResult[] = [];
  let f = 0;
  for (let k = 0; k < order.length; k++) {
    const name = names[order[k] as number] as string;
    const at = failedAt[k] as number;
    if (at !== PASSED) {
      const filters = failVerdicts(profile, pre, { index: at, status: failureOf(record, k) });
      out.push({ name, feasible: false, filters, scores: {}, total: 0 });
      continue;
    }
    const scores: Record<string, number> = {};
    let total = 0;
    if (scored.length > 0)
      for (const plugin of scored) {
        const score = plugin.scores[f] as number;
        scores[plugin.name] = score;
        total += score * plugin.weight;
      }
    f++;
    out.push({ name, feasible: true, filters: passed, scores, total });
  }
  if (f !== feasible.length) throw new Error('cycleRecord: feasible nodes do not match the verdicts');
  return out;
}

/**
 * Makes `result.nodes` a property that builds the node results on first read and then holds them
 * as plain data (its key keeps its place, so JSON output is unchanged). Assigning it replaces it.
 */
export function defineLazyNodes(result: SchedulingResult, record: CycleRecord): void {
  const settle = (value: NodeResult[]) =>
    Object.defineProperty(result, 'nodes', { value, writable: true, enumerable: true, configurable: true });
  Object.defineProperty(result, 'nodes', {
    enumerable: true,
    configurable: true,
    get() {
      const value = nodeResults(record);
      settle(value);
      return value;
    },
    set(value: NodeResult[]) {
      settle(value);
    },
  });
}
