/**
 * The `flow` expectation: a traffic flow's figures over the last seconds (success rate, request
 * count, worst p99), read from state.network.stats (kept per second by the traffic controller).
 */
import type { Locator } from '../manifests';
import { type ClusterState, type LocatedError, RECENT_SECONDS } from '../model';
import { parseDuration } from './duration';

export interface FlowExpectationSpec {
  flow: string;
  successRate?: { min?: number; max?: number };
  requests?: { min?: number; max?: number };
  p99Max?: number;
  /** The window, in ms. */
  overMs: number;
}

const DEFAULT_FLOW_WINDOW_MS = 10_000;

export interface FlowFile {
  name: string;
  successRate?: { min?: number | undefined; max?: number | undefined } | undefined;
  requests?: { min?: number | undefined; max?: number | undefined } | undefined;
  p99?: { max: number } | undefined;
  over?: string | undefined;
}

const range = (r: { min?: number | undefined; max?: number | undefined }) => ({
  ...(r.min === undefined ? {} : { min: r.min }),
  ...(r.max === undefined ? {} : { max: r.max }),
});

export function buildFlowSpec(f: FlowFile): FlowExpectationSpec {
  return {
    flow: f.name,
    ...(f.successRate === undefined ? {} : { successRate: range(f.successRate) }),
    ...(f.requests === undefined ? {} : { requests: range(f.requests) }),
    ...(f.p99 === undefined ? {} : { p99Max: f.p99.max }),
    overMs: f.over === undefined ? DEFAULT_FLOW_WINDOW_MS : parseDuration(f.over),
  };
}

/** An error when the expectation names a flow (or flow/call) the scenario does not have. */
export function checkFlowName(
  spec: FlowExpectationSpec,
  flows: readonly { name: string; calls: { name: string }[] }[],
  loc: Locator,
  path: (string | number)[],
): LocatedError | undefined {
  if (spec.overMs > RECENT_SECONDS * 1000)
    return loc.error(
      [...path.slice(0, -1), 'over'],
      `the window is at most ${RECENT_SECONDS}s`,
      `over: 10s to ${RECENT_SECONDS}s`,
    );
  const known = flows.flatMap((f) => [f.name, ...f.calls.map((c) => `${f.name}/${c.name}`)]);
  if (known.includes(spec.flow)) return undefined;
  return loc.error(
    path,
    `unknown flow "${spec.flow}"`,
    known.length > 0 ? `one of: ${known.join(', ')}` : 'a flow in traffic',
  );
}

const pct = (x: number) => `${(Math.round(x * 10000) / 100).toString()}%`;

/** What it asks for, in words. */
export function describeFlowExpectation(s: FlowExpectationSpec): string {
  const parts = [`flow ${s.flow}`];
  if (s.successRate?.min !== undefined) parts.push(`success >= ${pct(s.successRate.min)}`);
  if (s.successRate?.max !== undefined) parts.push(`success <= ${pct(s.successRate.max)}`);
  if (s.requests?.min !== undefined) parts.push(`>= ${s.requests.min} requests`);
  if (s.requests?.max !== undefined) parts.push(`<= ${s.requests.max} requests`);
  if (s.p99Max !== undefined) parts.push(`p99 <= ${s.p99Max}ms`);
  return `${parts.join(', ')} over ${s.overMs / 1000}s`;
}

export function evaluateFlow(s: FlowExpectationSpec, state: ClusterState): { pass: boolean; detail: string } {
  const stats = state.network?.stats[s.flow];
  const from = state.time - s.overMs;
  let requests = 0;
  let successes = 0;
  let p99 = 0;
  for (const second of state.network?.window ?? []) {
    const f = second.flows[s.flow];
    if (second.t <= from || f === undefined) continue;
    requests += f[0];
    successes += f[1];
    if (f[0] > 0) p99 = Math.max(p99, f[3]);
  }
  const rate = requests === 0 ? 0 : successes / requests;
  const failures = Object.entries(stats?.failures ?? {})
    .map(([c, n]) => `${c} ${n}`)
    .join(', ');
  const detail =
    `expected ${describeFlowExpectation(s)}, found ${requests} requests, ${successes} succeeded (${pct(rate)}), p99 ${p99}ms` +
    (failures === '' ? '' : ` (failures so far: ${failures})`);
  let pass = true;
  if (s.successRate !== undefined && requests === 0) pass = false;
  if (s.successRate?.min !== undefined && rate < s.successRate.min) pass = false;
  if (s.successRate?.max !== undefined && rate > s.successRate.max) pass = false;
  if (s.requests?.min !== undefined && requests < s.requests.min) pass = false;
  if (s.requests?.max !== undefined && requests > s.requests.max) pass = false;
  if (s.p99Max !== undefined && p99 > s.p99Max) pass = false;
  return { pass, detail };
}
