/**
 * How `flotilla run` shows a run: narration, a kubectl-style event stream and the expectations'
 * results, or NDJSON trace records with --json.
 */
import type { ActionRecord, EventRecord, TraceRecord } from '../engine';
import { tabwrite } from '../manifests';
import {
  expectationText,
  expectationWindowText as windowText,
  formatDuration,
  type ScenarioRun,
} from '../scenario';

/** `failNode node=node-1`: an action record's name and fields. */
function actionText(r: ActionRecord): string {
  const fields = Object.entries(r)
    .filter(([k]) => k !== 't' && k !== 'type' && k !== 'action')
    .map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`);
  return [String(r.action), ...fields].join(' ');
}

/**
 * Per-flow figures of the whole run, from the per-second `traffic` records: requests, successes,
 * failures by cause, the median of the per-second p50s and the worst per-second p99.
 */
function trafficSummary(trace: readonly TraceRecord[]): string[] {
  const flows = new Map<
    string,
    { requests: number; successes: number; failures: Record<string, number>; p50s: number[]; p99: number }
  >();
  for (const r of trace) {
    if (r.type !== 'traffic') continue;
    const t = r as TraceRecord & {
      flow: string;
      requests: number;
      successes: number;
      failures: Record<string, number>;
      p50: number;
      p99: number;
    };
    let f = flows.get(t.flow);
    if (f === undefined)
      flows.set(t.flow, (f = { requests: 0, successes: 0, failures: {}, p50s: [], p99: 0 }));
    f.requests += t.requests;
    f.successes += t.successes;
    for (const [c, n] of Object.entries(t.failures)) f.failures[c] = (f.failures[c] ?? 0) + n;
    if (t.requests > 0) {
      f.p50s.push(t.p50);
      f.p99 = Math.max(f.p99, t.p99);
    }
  }
  if (flows.size === 0) return [];
  const rows = [['FLOW', 'REQUESTS', 'OK', 'SUCCESS', 'FAILURES', 'P50', 'MAX P99']];
  for (const [name, f] of flows) {
    const sorted = [...f.p50s].sort((a, b) => a - b);
    const median = sorted.length === 0 ? 0 : (sorted[Math.floor((sorted.length - 1) / 2)] as number);
    const failures = Object.entries(f.failures)
      .map(([c, n]) => `${c} ${n}`)
      .join(', ');
    rows.push([
      name,
      String(f.requests),
      String(f.successes),
      f.requests === 0 ? '-' : `${((100 * f.successes) / f.requests).toFixed(1)}%`,
      failures === '' ? '-' : failures,
      `${median}ms`,
      `${f.p99}ms`,
    ]);
  }
  const table = tabwrite(rows)
    .split('\n')
    .filter((l) => l.trim() !== '');
  return ['TRAFFIC', ...table.map((l) => `  ${l}`), ''];
}

/** The human-readable report: header, stream, results. */
export function formatRun(run: ScenarioRun): string {
  const { scenario, sim } = run;
  const lines: string[] = [];
  lines.push(`${scenario.title ?? scenario.name}`);
  lines.push(
    `scenario ${scenario.file} · seed ${run.seed} · ${scenario.nodes.length} nodes · ran to ${formatDuration(run.end)}`,
  );
  lines.push('');
  // Align the event rows as one table, with narration lines between them.
  const trace = sim.trace;
  const rows: string[][] = [['LAST SEEN', 'TYPE', 'REASON', 'OBJECT', 'MESSAGE']];
  const rowOf = new Map<TraceRecord, number>();
  for (const r of trace) {
    if (r.type !== 'event') continue;
    const e = r as EventRecord;
    rowOf.set(r, rows.length);
    rows.push([formatDuration(e.t), e.eventType, e.reason, e.object, e.message]);
  }
  const table = tabwrite(rows).split('\n');
  lines.push(table[0] ?? '');
  for (const r of trace) {
    const row = rowOf.get(r);
    if (row !== undefined) lines.push(table[row] ?? '');
    else if (r.type === 'say') lines.push(`» ${formatDuration(r.t)}  ${String(r.text)}`);
    else if (r.type === 'action') lines.push(`▶ ${formatDuration(r.t)}  ${actionText(r as ActionRecord)}`);
    else if (r.type === 'actionSkipped')
      lines.push(
        `! ${formatDuration(r.t)}  ${String(r.action)} skipped: ${String(r.reason)} (${String(r.source)})`,
      );
  }
  lines.push('');
  lines.push(...trafficSummary(trace));
  const passed = run.outcomes.filter((o) => o.pass).length;
  const failed = run.outcomes.length - passed;
  if (run.outcomes.length > 0) {
    lines.push('EXPECTATIONS');
    for (const o of run.outcomes) {
      const e = o.expectation;
      lines.push(`${o.pass ? '  PASS' : '  FAIL'}  ${windowText(e)}  ${expectationText(e)}`);
      lines.push(
        `        ${o.detail}${o.pass ? '' : `  (${e.source.file}:${e.source.line}:${e.source.column})`}`,
      );
    }
    lines.push('');
    lines.push(`${passed} passed, ${failed} failed`);
  } else {
    lines.push('no expectations');
  }
  return lines.join('\n');
}

/** NDJSON: every trace record, then one record per expectation, then a summary. */
export function formatRunJson(run: ScenarioRun): string {
  const out = run.sim.trace.map((r) => JSON.stringify(r));
  run.outcomes.forEach((o, index) => {
    const e = o.expectation;
    out.push(
      JSON.stringify({
        t: o.decidedAt ?? run.end,
        type: 'expectation',
        index,
        description: expectationText(e),
        window: windowText(e),
        pass: o.pass,
        detail: o.detail,
        source: `${e.source.file}:${e.source.line}:${e.source.column}`,
      }),
    );
  });
  const passed = run.outcomes.filter((o) => o.pass).length;
  out.push(
    JSON.stringify({
      t: run.end,
      type: 'result',
      scenario: run.scenario.name,
      seed: run.seed,
      passed,
      failed: run.outcomes.length - passed,
    }),
  );
  return out.join('\n');
}
