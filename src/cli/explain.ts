/**
 * `flotilla explain FILE --pod NAME [--at T] [--all-nodes] [--json]`: why the scheduler put a pod
 * where it did. Runs the scenario to T (default: its end) and prints the pod's latest scheduling
 * attempt: each node's filter verdicts, each score plugin's normalized score (0..100, before the
 * weight), the weighted total and the chosen node. `--all-nodes` also scores the nodes that failed
 * a filter (shown in parentheses: Kubernetes never scores them). `--json` prints the stable record
 * `{"pod", "time", "selected", "nodes": [{"name", "feasible", "filters", "scores", "total"}]}`.
 */
import type { TraceRecord } from '../engine';
import { getIn } from '../model';
import { DEFAULT_PROFILE, type NodeResult, type Profile, type SchedulingResult } from '../scheduler';
import { formatDuration, runScenario } from '../scenario';
import { EXIT, loadOrReport, type Output } from './io';

export interface ExplainOptions {
  pod: string;
  namespace: string;
  at?: number;
  seed?: number;
  allNodes: boolean;
  json: boolean;
}

type ScheduleRecord = SchedulingResult & { t: number; type: 'schedule' };

function isSchedule(r: TraceRecord): r is TraceRecord & ScheduleRecord {
  return r.type === 'schedule';
}

/**
 * The attempts of the pod `name` (or, as the timeline's `pod:` does, of the first pod by first
 * attempt whose name starts with `<name>-`), and the other pods that matched the prefix.
 */
export function findAttempts(
  records: readonly ScheduleRecord[],
  namespace: string,
  name: string,
): { key: string; attempts: ScheduleRecord[]; others: string[] } | undefined {
  const wanted = name.includes('/') ? name : `${namespace}/${name}`;
  const exact = records.filter((r) => r.pod === wanted);
  if (exact.length > 0) return { key: wanted, attempts: exact, others: [] };
  const prefix = `${wanted}-`;
  const keys: string[] = [];
  for (const r of records) if (r.pod.startsWith(prefix) && !keys.includes(r.pod)) keys.push(r.pod);
  const [first, ...others] = keys;
  if (first === undefined) return undefined;
  return { key: first, attempts: records.filter((r) => r.pod === first), others };
}

/** The JSON contract: exactly these fields, in this order. */
export function explainJson(r: SchedulingResult): string {
  const nodes = r.nodes.map((n) => ({
    name: n.name,
    feasible: n.feasible,
    filters: n.filters.map((f) => ({
      plugin: f.plugin,
      code: f.code,
      ...(f.reason === undefined ? {} : { reason: f.reason }),
    })),
    scores: n.scores,
    total: n.total,
  }));
  return JSON.stringify({ pod: r.pod, time: r.time, selected: r.selected, nodes }, null, 2);
}

/** Left-aligned columns separated by three spaces, as kubectl prints tables. */
function table(rows: string[][]): string {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, cell.length)));
  return rows
    .map((row) =>
      row
        .map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i] ?? 0)))
        .join('   ')
        .trimEnd(),
    )
    .join('\n');
}

const VERDICT: Record<string, string> = {
  Success: 'pass',
  Skip: 'skip',
  Unschedulable: 'FAIL',
  UnschedulableAndUnresolvable: 'FAIL',
  Error: 'ERROR',
};

function filterTable(nodes: readonly NodeResult[]): string {
  const plugins: string[] = [];
  for (const n of nodes) for (const f of n.filters) if (!plugins.includes(f.plugin)) plugins.push(f.plugin);
  const rows = [['NODE', ...plugins]];
  for (const n of nodes) {
    const byPlugin = new Map(n.filters.map((f) => [f.plugin, VERDICT[f.code] ?? f.code]));
    rows.push([n.name, ...plugins.map((p) => byPlugin.get(p) ?? '-')]);
  }
  return table(rows);
}

function scoreTable(r: SchedulingResult, weights: ReadonlyMap<string, number>): string {
  const plugins = [...weights.keys()];
  const rows = [['NODE', ...plugins.map((p) => `${p} x${weights.get(p) ?? 1}`), 'TOTAL']];
  for (const n of r.nodes) {
    const wrap = (s: string) => (n.feasible ? s : `(${s})`);
    const scored = Object.keys(n.scores).length > 0;
    const cells = plugins.map((p) => (n.scores[p] === undefined ? '-' : wrap(String(n.scores[p]))));
    const mark = n.name === r.selected ? ' <- selected' : '';
    rows.push([
      `${n.name}${n.name === r.selected ? ' *' : ''}`,
      ...cells,
      scored ? wrap(String(n.total)) + mark : `-${mark}`,
    ]);
  }
  return table(rows);
}

/** Each plugin's weight, recovered from the totals (the record keeps normalized scores and totals only). */
function pluginWeights(r: SchedulingResult, weightOf: (plugin: string) => number): Map<string, number> {
  const out = new Map<string, number>();
  for (const n of r.nodes) for (const p of Object.keys(n.scores)) if (!out.has(p)) out.set(p, weightOf(p));
  return out;
}

/** The student-facing explanation of one attempt. */
function explainText(
  r: ScheduleRecord,
  attempt: number,
  attempts: number,
  others: readonly string[],
  weightOf: (plugin: string) => number,
): string {
  const outcome = r.selected === null ? 'no node fits' : `scheduled on ${r.selected}`;
  const lines = [`Pod ${r.pod}: attempt ${attempt} of ${attempts}, at ${formatDuration(r.time)}: ${outcome}`];
  if (r.message !== undefined) lines.push(`FailedScheduling: ${r.message}`);
  if (r.nominatedNode !== undefined)
    lines.push(`Preemption: nominated ${r.nominatedNode} (status.nominatedNodeName)`);
  lines.push('', 'FILTERS (in order; a node stops at its first FAIL)', filterTable(r.nodes));
  const excluded = r.nodes.filter((n) => !n.feasible);
  if (excluded.length > 0) {
    lines.push('', 'EXCLUDED');
    lines.push(
      table(
        excluded.map((n) => {
          const f = n.filters[n.filters.length - 1];
          return [n.name, `${f?.plugin ?? '?'}: ${f?.reason ?? f?.code ?? ''}`];
        }),
      ),
    );
  }
  const weights = pluginWeights(r, weightOf);
  lines.push('');
  if (weights.size === 0) {
    const feasible = r.nodes.filter((n) => n.feasible).length;
    lines.push(
      feasible === 1
        ? 'SCORES: not computed: only one node passed the filters (kube-scheduler skips scoring then; --all-nodes scores anyway).'
        : 'SCORES: no node passed the filters (--all-nodes shows what each would have scored).',
    );
  } else {
    lines.push(
      'SCORES (each plugin 0-100 before its weight; TOTAL = sum of score x weight; (n) = failed a filter, what-if)',
    );
    lines.push(scoreTable(r, weights));
    const top = Math.max(...r.nodes.filter((n) => n.feasible).map((n) => n.total));
    const tied = r.nodes.filter((n) => n.feasible && n.total === top).map((n) => n.name);
    if (tied.length > 1)
      lines.push(
        `${tied.join(', ')} tie at ${top}: kube-scheduler picks one of them at random (here from the run's seed).`,
      );
  }
  if (others.length > 0)
    lines.push(
      '',
      `Also matched: ${others.slice(0, 5).join(', ')}${others.length > 5 ? ', ...' : ''} (use --pod NAME)`,
    );
  return lines.join('\n');
}

/** Runs `flotilla explain`. */
export function explain(file: string, options: ExplainOptions, io: Output): number {
  const scenario = loadOrReport(file, io, true);
  if (!scenario) return EXIT.invalid;
  const orchestrator = scenario.orchestrator as string;
  if (orchestrator !== 'kubernetes') {
    // Only kube-scheduler's decisions are recorded: say where the other orchestrators' placements show.
    io.err(
      orchestrator === 'compose'
        ? `flotilla explain: ${file} runs orchestrator compose, which has no scheduler: each project's containers run on its host (see flotilla ps)`
        : `flotilla explain: ${file} runs orchestrator swarm; explain shows kube-scheduler's decisions (for swarm tasks' placement see flotilla service-ps)`,
    );
    return EXIT.invalid;
  }
  const run = runScenario(scenario, {
    journal: false,
    scoreAllNodes: options.allNodes,
    ...(options.at === undefined ? {} : { until: options.at }),
    ...(options.seed === undefined ? {} : { seed: options.seed }),
  });
  const records = run.sim.trace.filter(isSchedule) as ScheduleRecord[];
  const found = findAttempts(records, options.namespace, options.pod);
  if (found === undefined) {
    io.err(
      `flotilla explain: no scheduling attempt for pod "${options.pod}" in namespace "${options.namespace}" up to ${formatDuration(run.sim.now)}`,
    );
    return EXIT.failed;
  }
  const last = found.attempts[found.attempts.length - 1] as ScheduleRecord;
  const schedulerName = getIn(run.sim.state.pods, found.key)?.spec.schedulerName;
  const profiles: readonly Profile[] = scenario.schedulerProfiles ?? [DEFAULT_PROFILE];
  const profile = profiles.find((p) => p.schedulerName === schedulerName) ?? DEFAULT_PROFILE;
  const weightOf = (plugin: string) => profile.scorers.find((s) => s.name === plugin)?.weight ?? 1;
  io.out(
    options.json
      ? explainJson(last)
      : explainText(last, found.attempts.length, found.attempts.length, found.others, weightOf),
  );
  return EXIT.ok;
}
