/**
 * From the `network:` and `traffic:` keys of a schema-valid scenario file to the NetworkInput the
 * cluster boots with, and the `flow` expectations; with located errors for what needs more than one
 * field: malformed URLs, ports out of range, services no flow can reach (a name that resolves to no
 * applied Service from the client's namespace), NodePorts no Service declares, unknown flows.
 */
import type { LoadedObject, Locator } from '../manifests';
import {
  type LocatedError,
  type NetworkConfig,
  parseSelector,
  type Service,
  type TrafficFlow,
} from '../model';
import { candidates, CLUSTER_DOMAIN, parseIPv4, parseTarget, type Target } from '../network';
import type { NetworkInput } from '../orchestrators';
import { parseDuration } from './duration';
import { parseLatency, parseRate } from './schemaTraffic';
import { checkFlowName } from './flowExpectation';
import type { Scenario } from './scenario';
import type { ScenarioFile } from './schema';

type NetworkFile = NonNullable<ScenarioFile['network']>;
type TrafficFile = NonNullable<ScenarioFile['traffic']>;

export interface TrafficBuildInput {
  network?: NetworkFile | undefined;
  traffic?: TrafficFile | undefined;
  /** Every object the scenario applies (at 0 and in the timeline). */
  objects: readonly LoadedObject[];
  /** Node names and their InternalIP addresses (192.168.0.10+i). */
  nodes: readonly string[];
  /** How targets are checked when not by Kubernetes' rules (Services, NodePorts): Compose's names and published ports. */
  checks?: TargetChecks | undefined;
}

/** A target's check: the namespace its backends live in (for their calls), or why it cannot be reached. */
export type TargetCheck = { namespace: string } | { message: string; expected?: string };

/** The orchestrator-specific target checks (see {@link TrafficBuildInput.checks}). */
export interface TargetChecks {
  external(t: Target): TargetCheck;
  internal(t: Target, namespace: string): TargetCheck;
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
export function buildTraffic(input: TrafficBuildInput, loc: Locator, errors: LocatedError[]): NetworkInput {
  const services = input.objects.flatMap((o) => (o.object.kind === 'Service' ? [o.object] : []));
  const nodeAddresses = input.nodes.map((_, i) => `192.168.0.${10 + i + 1}`);
  const flows: TrafficFlow[] = [];
  const names = new Set<string>();
  for (const [i, f] of (input.traffic ?? []).entries()) {
    const at = (...p: (string | number)[]) => ['traffic', i, ...p];
    if (names.has(f.name)) errors.push(loc.error(at('name'), `duplicate flow name "${f.name}"`));
    names.add(f.name);
    const external = f.from === 'external';
    const namespace = f.namespace ?? 'default';
    const target = checkTarget(f.to, at('to'));
    let backendNs: string | undefined;
    if (target !== undefined)
      backendNs = external ? checkNodePort(target, at('to')) : checkService(target, namespace, at('to'));
    const calls = (f.calls ?? []).map((c, j) => {
      const t = checkTarget(c.to, at('calls', j, 'to'));
      if (t !== undefined && backendNs !== undefined) checkService(t, backendNs, at('calls', j, 'to'));
      return { name: c.name, to: c.to };
    });
    const start = f.start === undefined ? 0 : parseDuration(f.start);
    const stop = f.stop === undefined ? undefined : parseDuration(f.stop);
    if (stop !== undefined && stop <= start) errors.push(loc.error(at('stop'), 'stop must come after start'));
    flows.push({
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
    });
  }
  return { config: config(input.network), flows };

  function checkTarget(url: string, path: (string | number)[]): Target | undefined {
    const t = parseTarget(url);
    if ('error' in t) {
      errors.push(
        loc.error(path, t.error, 'a URL such as http://web.default.svc.cluster.local:80 or mysql:3306'),
      );
      return undefined;
    }
    return t;
  }

  function checked(r: TargetCheck, path: (string | number)[]): string | undefined {
    if ('namespace' in r) return r.namespace;
    errors.push(loc.error(path, r.message, r.expected));
    return undefined;
  }

  /** An outside client: a node's name or address and a NodePort some Service declares. Returns the Service's namespace. */
  function checkNodePort(t: Target, path: (string | number)[]): string | undefined {
    if (input.checks !== undefined) return checked(input.checks.external(t), path);
    if (!input.nodes.includes(t.host) && !nodeAddresses.includes(t.host)) {
      errors.push(
        loc.error(
          path,
          `a client outside the cluster cannot resolve "${t.host}": it reaches a Service through a node's address and a NodePort`,
          `one of: ${[...input.nodes, ...nodeAddresses].join(', ')}`,
        ),
      );
      return undefined;
    }
    const svc = services.find((s) => s.spec.ports.some((p) => p.nodePort === t.port));
    if (svc === undefined) {
      const ports = services.flatMap((s) =>
        s.spec.ports.flatMap((p) => (p.nodePort === undefined ? [] : [p.nodePort])),
      );
      errors.push(
        loc.error(
          path,
          `no Service declares nodePort ${t.port}`,
          ports.length > 0
            ? `one of: ${ports.join(', ')}`
            : 'a NodePort Service with an explicit nodePort (30000-32767)',
        ),
      );
      return undefined;
    }
    return svc.metadata.namespace ?? 'default';
  }

  /** A pod client: the name must resolve to an applied Service from `namespace`, on one of its ports. */
  function checkService(t: Target, namespace: string, path: (string | number)[]): string | undefined {
    if (input.checks !== undefined) return checked(input.checks.internal(t, namespace), path);
    if (parseIPv4(t.host) !== undefined) return namespace;
    const suffix = `.svc.${CLUSTER_DOMAIN}`;
    let svc: Service | undefined;
    for (const fqdn of candidates(t.host, namespace)) {
      if (fqdn.endsWith(`.pod.${CLUSTER_DOMAIN}`)) return namespace;
      if (!fqdn.endsWith(suffix)) continue;
      const parts = fqdn.slice(0, -suffix.length).split('.');
      if (parts.length !== 2) continue;
      svc = services.find(
        (s) => s.metadata.name === parts[0] && (s.metadata.namespace ?? 'default') === parts[1],
      );
      if (svc !== undefined) break;
    }
    if (svc === undefined) {
      const known = services.map((s) =>
        (s.metadata.namespace ?? 'default') === namespace
          ? s.metadata.name
          : `${s.metadata.name}.${s.metadata.namespace}`,
      );
      errors.push(
        loc.error(
          path,
          `unknown service "${t.host}": from namespace "${namespace}" it resolves to no Service (tried ${candidates(t.host, namespace).join(', ')})`,
          known.length > 0 ? `one of: ${known.join(', ')}` : 'a Service in apply',
        ),
      );
      return undefined;
    }
    if (svc.spec.clusterIP !== 'None' && !svc.spec.ports.some((p) => p.port === t.port))
      errors.push(
        loc.error(
          path,
          `service ${svc.metadata.namespace ?? 'default'}/${svc.metadata.name} has no port ${t.port}`,
          `one of: ${svc.spec.ports.map((p) => p.port).join(', ')}`,
        ),
      );
    return svc.metadata.namespace ?? 'default';
  }
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
