/**
 * The texts of `flotilla compare`'s table, shared by the CLI (src/cli/compare.ts) and the lab's
 * comparison view: one labelled row per figure of {@link ScenarioMetrics}, then the footnotes that
 * say how each row is decided. Pure.
 */
import { type ScenarioMetrics, STABLE_MS } from './compare';
import { formatDuration } from './duration';

const time = (ms: number) => formatDuration(ms);

function downCell(m: ScenarioMetrics): string {
  const r = m.recovery;
  switch (r.status) {
    case 'recovered':
      return `${time(r.downMs ?? 0)} (${time(r.firstFailedAt ?? 0)} → ${time(r.recoveredAt ?? 0)})`;
    case 'never':
      return `never (down from ${time(r.firstFailedAt ?? 0)} to the end, ${time(m.requests.to)})`;
    case 'noInterruption':
      return 'no failed request';
    case 'noTraffic':
      return 'n/a (no traffic flow)';
    case 'noFailure':
      return 'n/a (no failure in the timeline)';
  }
}

function requestsCell(m: ScenarioMetrics): string {
  const r = m.requests;
  if (r.from === null) return 'n/a';
  if (m.flow === null) return 'n/a (no traffic flow)';
  if (r.sent === 0) return 'none sent';
  return `${r.failed} of ${r.sent} (${r.percentFailed}%)`;
}

function containersCell(m: ScenarioMetrics): string {
  const c = m.containers;
  if (m.failure === null) return 'n/a';
  const lost = c.workloads
    .filter((w) => w.back < w.atFailure)
    .map((w) => `${w.workload} ${w.atFailure - w.back}`);
  return `${c.lost} of ${c.runningAtFailure}${lost.length === 0 ? '' : ` (${lost.join(', ')})`}`;
}

function dataCell(m: ScenarioMetrics): string {
  const d = m.data;
  if (d.survived === 'n/a') return 'n/a (no volumes)';
  const lost = d.volumes.filter((v) => !v.kept);
  const shown = (lost.length > 0 ? lost : d.volumes).map(
    (v) => `${v.volume}${v.node === undefined ? '' : ` on ${v.node}`}`,
  );
  return `${d.survived} (${[...new Set(shown)].join(', ')})`;
}

function personCell(m: ScenarioMetrics): string {
  const p = m.person;
  if (!p.acted) return m.failure === null ? 'n/a' : 'no';
  const what = p.actions.map((a) => `${a.action} ${a.target} at ${time(a.at)}`.trim()).join(', ');
  return p.needed ? `yes: ${what}` : `no (${what}, once it had recovered alone)`;
}

/** The table's rows: a label and the cell of each scenario. */
export const COMPARE_ROWS: readonly (readonly [string, (m: ScenarioMetrics) => string])[] = [
  ['scenario', (m) => m.scenario],
  ['file', (m) => m.file],
  ['orchestrator', (m) => m.orchestrator],
  [
    'failure',
    (m) => (m.failure === null ? 'none' : `${m.failure.action} ${m.failure.target} at ${time(m.failure.at)}`),
  ],
  ['app answers again after ¹', downCell],
  ['failed requests ²', requestsCell],
  ['containers lost ³', containersCell],
  ['data survived ⁴', dataCell],
  ['a person had to act ⁵', personCell],
];

/** The footnotes under the table (¹ to ⁵). */
export function compareNotes(metrics: readonly ScenarioMetrics[]): string[] {
  const flows = [...new Set(metrics.map((m) => m.flow).filter((f) => f !== null))];
  return [
    `¹ From the first second with a failed request of the app's flow (${flows.join(', ') || 'none'}: each scenario's first traffic flow) after the failure, to the first second from which every request succeeds for ${STABLE_MS / 1000}s; a second with no request sent (no client left) is not answering.`,
    '² Requests of that flow that failed, of those sent from the failure to the end of the run.',
    '³ Per workload (Deployment, Compose/Swarm service, standalone pod): containers running when the failure hit minus those running again before a person first acted (or at the end when nobody did). A replacement on another node counts as back; a container counts as running only if its machine is up.',
    '⁴ Volumes of the containers running when the failure hit: a PersistentVolumeClaim is kept (network-attached storage assumed); a named volume, bind mount or hostPath is kept if its host is up at the end; an emptyDir, anonymous volume or tmpfs only if its pod still runs.',
    '⁵ A timeline action after the failure that is neither narration nor another failure (recoverNode, uncordon, scale, apply, ...), taken while the app was still down (without traffic: while containers were still lost).',
  ];
}
