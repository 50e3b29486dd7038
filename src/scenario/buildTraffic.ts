/**
 * From the `network:` and `traffic:` keys of a schema-valid scenario file to the NetworkInput the
 * cluster boots with, and the `flow` expectations; with located errors for what needs more than one
 * field: malformed URLs, ports out of range, services no flow can reach (a name that resolves to no
 * applied Service from the client's namespace), NodePorts no Service declares, unknown flows.
 */
import type { LoadedObject, Locator } from '../manifests';
import { type LocatedError, type NetworkConfig, parseSelector, type TrafficFlow } from '../model';
import type { NetworkInput } from '../orchestrators';
import { parseDuration } from './duration';
import { checkNodePort, checkService, checkTarget, type FlowTargets, type TargetChecks } from './flowTargets';
import { parseLatency, parseRate } from './schemaTraffic';
import { checkFlowName } from './flowExpectation';
import type { Scenario } from './scenario';
import type { ScenarioFile } from './schema';

type NetworkFile = NonNullable<ScenarioFile['network']>;
type TrafficFile = NonNullable<ScenarioFile['traffic']>;

interface TrafficBuildInput {
  network?: NetworkFile | undefined;
  traffic?: TrafficFile | undefined;
  /** Every object the scenario applies (at 0 and in the timeline). */
  objects: readonly LoadedObject[];
  /** Node names and their InternalIP addresses (192.168.0.10+i). */
  nodes: readonly string[];
  /** How targets are checked when not by Kubernetes' rules (Services, NodePorts): Compose's names and published ports. */
  checks?: TargetChecks | undefined;
}

function config(n: NetworkFile | undefined): Partial<NetworkConfig> {
  if (n === undefined) return {};
  return {
    ...(n.proxyMode === undefined ? {} : { proxyMode: n.proxyMode }),
    ...(n.sameNodeLatency === undefined ? {} : { sameNodeLatencyMs: parseLatency(n.sameNodeLatency) }),
    ...(n.crossNodeLatency === undefined ? {} : { crossNodeLatencyMs: parseLatency(n.crossNodeLatency) }),
    ...(n.externalLatency === undefined ? {} : { externalLatencyMs: parseLatency(n.externalLatency) }),
    ...(n.serviceTime === undefined ? {} : { serviceTimeMs: parseLatency(n.serviceTime) }),
    ...(n.requestTimeout === undefined ? {} : { requestTimeoutMs: parseDuration(n.requestTimeout) }),
  };
}

/** Builds the network input; errors go to `errors`. */
function buildTraffic(input: TrafficBuildInput, loc: Locator, errors: LocatedError[]): NetworkInput {
  const ft: FlowTargets = {
    loc,
    errors,
    services: input.objects.flatMap((o) => (o.object.kind === 'Service' ? [o.object] : [])),
    nodes: input.nodes,
    nodeAddresses: input.nodes.map((_, i) => `192.168.0.${10 + i + 1}`),
    checks: input.checks,
  };
  const flows: TrafficFlow[] = [];
  const names = new Set<string>();
  for (const [i, f] of (input.traffic ?? []).entries()) {
    if (names.has(f.name)) errors.push(loc.error(['traffic', i, 'name'], `duplicate flow name "${f.name}"`));
    names.add(f.name);
    flows.push(buildFlow(ft, f, i));
  }
  return { config: config(input.network), flows };
}

/** One flow of `traffic:`, its targets checked. */
function buildFlow(ft: FlowTargets, f: TrafficFile[number], i: number): TrafficFlow {
  const at = (...p: (string | number)[]) => ['traffic', i, ...p];
  const external = f.from === 'external';
  const namespace = f.namespace ?? 'default';
  const target = checkTarget(ft, f.to, at('to'));
  let backendNs: string | undefined;
  if (target !== undefined)
    backendNs = external
      ? checkNodePort(ft, target, at('to'))
      : checkService(ft, target, namespace, at('to'));
  const calls = (f.calls ?? []).map((c, j) => {
    const t = checkTarget(ft, c.to, at('calls', j, 'to'));
    if (t !== undefined && backendNs !== undefined) checkService(ft, t, backendNs, at('calls', j, 'to'));
    return { name: c.name, to: c.to };
  });
  const start = f.start === undefined ? 0 : parseDuration(f.start);
  const stop = f.stop === undefined ? undefined : parseDuration(f.stop);
  if (stop !== undefined && stop <= start)
    ft.errors.push(ft.loc.error(at('stop'), 'stop must come after start'));
  return {
    name: f.name,
    from: external
      ? { kind: 'external' }
      : { kind: 'pods', selector: parseSelector(f.from), text: f.from, namespace },
    to: f.to,
    rate: parseRate(f.rate),
    calls,
    start,
    ...(stop === undefined ? {} : { stop }),
    sample: f.sample ?? 1,
  };
}

/** Sets `scenario.network` from the file's `network:` and `traffic:`, and checks the flow expectations' names. */
export function addNetwork(
  scenario: Scenario,
  file: ScenarioFile,
  loc: Locator,
  errors: LocatedError[],
  checks?: TargetChecks,
): void {
  if (file.network === undefined && file.traffic === undefined) return;
  const objects = [
    ...scenario.objects,
    ...scenario.timeline.flatMap((e) => (e.action === 'apply' ? e.objects : [])),
  ];
  const network = buildTraffic(
    {
      network: file.network,
      traffic: file.traffic,
      objects,
      nodes: scenario.nodes.map((n) => n.name),
      checks,
    },
    loc,
    errors,
  );
  scenario.network = network;
  for (const x of scenario.expectations) {
    if (x.check !== 'flow') continue;
    const err = checkFlowName(x, network.flows ?? [], loc, ['expect', x.index, 'flow', 'name']);
    if (err !== undefined) errors.push(err);
  }
}
