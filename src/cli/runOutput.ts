/**
 * How `flotilla run` shows a run: narration, a kubectl-style event stream and the expectations'
 * results, or NDJSON trace records with --json.
 */
import type { ActionRecord, EventRecord, TraceRecord } from '../engine/trace';
import { tabwrite } from '../manifests';
import { describeFlowExpectation, formatDuration, type ScenarioRun } from '../scenario';
import type { Expectation } from '../scenario';

function windowText(e: Expectation): string {
  return e.window.kind === 'at'
    ? `at ${formatDuration(e.window.at)}`
    : `within ${formatDuration(e.window.within)}`;
}

function expectationText(e: Expectation): string {
  if (e.description) return e.description;
  switch (e.check) {
    case 'pods':
      return `pods ${e.selectorText}`;
    case 'node':
      return `node ${e.node} Ready=${e.ready}`;
    case 'event':
      return `event ${e.reason}${e.object ? ` on ${e.object}` : ''}`;
    case 'flow':
      return describeFlowExpectation(e);
  }
}

/** `failNode node=node-1`: an action record's name and fields. */
function actionText(r: ActionRecord): string {
  const fields = Object.entries(r)
    .filter(([k]) => k !== 't' && k !== 'type' && k !== 'action')
    .map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`);
  return [String(r.action), ...fields].join(' ');
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
