/**
 * The scheduling explanation of a pod as a table model, from the same `schedule` trace record
 * `flotilla explain` prints: one row per node with each filter plugin's verdict (a node stops at its
 * first failure), each score plugin's normalized score (0..100, before its weight) and the weighted
 * total; the chosen node is marked, and each excluded node names the filter that excluded it.
 */
import type { TraceRecord } from '../src/engine';
import { DEFAULT_PROFILE, type Profile, type SchedulingResult } from '../src/scheduler';

export type ScheduleRecord = SchedulingResult & { t: number; type: 'schedule' };

export type Verdict = 'pass' | 'fail' | 'skip' | 'error' | 'not run';

export interface ExplainRow {
  node: string;
  selected: boolean;
  feasible: boolean;
  /** Per filter plugin, in the table's column order. */
  verdicts: Verdict[];
  /** `NodeResourcesFit: Insufficient cpu` for a node a filter excluded. */
  excludedBy?: string;
  /** Per score plugin, in column order; undefined when the plugin did not score this node. */
  scores: (number | undefined)[];
  /** Undefined when the node was not scored. */
  total?: number;
}

export interface ExplainTable {
  pod: string;
  /** When this attempt happened (ms), which attempt it was and how many there were up to now. */
  time: number;
  attempt: number;
  attempts: number;
  selected: string | null;
  message?: string;
  nominatedNode?: string;
  filters: string[];
  scorers: { name: string; weight: number }[];
  rows: ExplainRow[];
  /** Why there are no scores, when there are none. */
  scoreNote?: string;
  /** Nodes tied at the top total (the seeded tie-break chose among them). */
  tied: string[];
}

const VERDICT: Readonly<Record<string, Verdict>> = {
  Success: 'pass',
  Skip: 'skip',
  Unschedulable: 'fail',
  UnschedulableAndUnresolvable: 'fail',
  Error: 'error',
};

function isSchedule(r: TraceRecord): r is TraceRecord & ScheduleRecord {
  return r.type === 'schedule';
}

/** The plugin weights of the profile the pod was scheduled with. */
export function weightsFor(
  profiles: readonly Profile[] | undefined,
  schedulerName: string | undefined,
): (plugin: string) => number {
  const list = profiles ?? [DEFAULT_PROFILE];
  const profile = list.find((p) => p.schedulerName === schedulerName) ?? DEFAULT_PROFILE;
  return (plugin) => profile.scorers.find((s) => s.name === plugin)?.weight ?? 1;
}

/**
 * The table for the latest attempt to schedule `podKey` (`namespace/name`) at or before `now`, or
 * undefined when the scheduler has not tried yet (or the pod was bound by name, not scheduled).
 */
export function explainTable(
  trace: readonly TraceRecord[],
  podKey: string,
  now: number,
  weightOf: (plugin: string) => number,
): ExplainTable | undefined {
  const attempts: ScheduleRecord[] = [];
  for (const r of trace) {
    if (r.t > now) break;
    if (isSchedule(r) && r.pod === podKey) attempts.push(r);
  }
  const r = attempts[attempts.length - 1];
  if (r === undefined) return undefined;
  const filters: string[] = [];
  const scorerNames: string[] = [];
  for (const n of r.nodes) {
    for (const f of n.filters) if (!filters.includes(f.plugin)) filters.push(f.plugin);
    for (const p of Object.keys(n.scores)) if (!scorerNames.includes(p)) scorerNames.push(p);
  }
  const rows: ExplainRow[] = r.nodes.map((n) => {
    const byPlugin = new Map(n.filters.map((f) => [f.plugin, VERDICT[f.code] ?? 'error']));
    const last = n.filters[n.filters.length - 1];
    const scored = Object.keys(n.scores).length > 0;
    const row: ExplainRow = {
      node: n.name,
      selected: n.name === r.selected,
      feasible: n.feasible,
      verdicts: filters.map((p) => byPlugin.get(p) ?? 'not run'),
      scores: scorerNames.map((p) => n.scores[p]),
    };
    if (!n.feasible && last !== undefined) row.excludedBy = `${last.plugin}: ${last.reason ?? last.code}`;
    if (scored) row.total = n.total;
    return row;
  });
  const feasible = r.nodes.filter((n) => n.feasible);
  const top = Math.max(...feasible.filter((n) => Object.keys(n.scores).length > 0).map((n) => n.total));
  const tied = feasible.filter((n) => n.total === top && Object.keys(n.scores).length > 0).map((n) => n.name);
  const table: ExplainTable = {
    pod: r.pod,
    time: r.time,
    attempt: attempts.length,
    attempts: attempts.length,
    selected: r.selected,
    filters,
    scorers: scorerNames.map((name) => ({ name, weight: weightOf(name) })),
    rows,
    tied: tied.length > 1 ? tied : [],
  };
  if (r.message !== undefined) table.message = r.message;
  if (r.nominatedNode !== undefined) table.nominatedNode = r.nominatedNode;
  if (scorerNames.length === 0)
    table.scoreNote =
      feasible.length === 1
        ? 'Scores not computed: only one node passed the filters (kube-scheduler skips scoring then).'
        : 'Scores not computed: no node passed the filters.';
  return table;
}

/** The symbol and word shown for a verdict (never colour alone). */
export const VERDICT_MARK: Readonly<Record<Verdict, string>> = {
  pass: '✓ pass',
  fail: '✗ FAIL',
  skip: '– skip',
  error: '‼ error',
  'not run': '·',
};
