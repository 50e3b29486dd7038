/**
 * The checks of a flow's targets when a scenario loads: the URL parses, and an outside client
 * reaches a NodePort some Service declares, a pod client a Service that resolves from its
 * namespace, on one of its ports (Kubernetes' rules), or whatever the orchestrator's own
 * {@link TargetChecks} say (Compose's names and published ports, Swarm's).
 */
import type { Locator } from '../manifests';
import type { LocatedError, Service } from '../model';
import { candidates, CLUSTER_DOMAIN, parseIPv4, parseTarget, type Target } from '../network';

type Path = (string | number)[];

/** A target's check: the namespace its backends live in (for their calls), or why it cannot be reached. */
type TargetCheck = { namespace: string } | { message: string; expected?: string };

/** The orchestrator-specific target checks (see {@link TrafficBuildInput.checks}). */
export interface TargetChecks {
  external(t: Target): TargetCheck;
  internal(t: Target, namespace: string): TargetCheck;
}

/** What the checks read, and where their errors go. */
export interface FlowTargets {
  loc: Locator;
  errors: LocatedError[];
  /** Every Service the scenario applies (at 0 and in the timeline). */
  services: Service[];
  nodes: readonly string[];
  /** The nodes' InternalIP addresses (192.168.0.10+i). */
  nodeAddresses: string[];
  checks: TargetChecks | undefined;
}

/** The target's URL, parsed. */
export function checkTarget(ft: FlowTargets, url: string, path: Path): Target | undefined {
  const t = parseTarget(url);
  if ('error' in t) {
    ft.errors.push(
      ft.loc.error(path, t.error, 'a URL such as http://web.default.svc.cluster.local:80 or mysql:3306'),
    );
    return undefined;
  }
  return t;
}

function checked(ft: FlowTargets, r: TargetCheck, path: Path): string | undefined {
  if ('namespace' in r) return r.namespace;
  ft.errors.push(ft.loc.error(path, r.message, r.expected));
  return undefined;
}

/** An outside client: a node's name or address and a NodePort some Service declares. Returns the Service's namespace. */
export function checkNodePort(ft: FlowTargets, t: Target, path: Path): string | undefined {
  if (ft.checks !== undefined) return checked(ft, ft.checks.external(t), path);
  if (!ft.nodes.includes(t.host) && !ft.nodeAddresses.includes(t.host)) {
    ft.errors.push(
      ft.loc.error(
        path,
        `a client outside the cluster cannot resolve "${t.host}": it reaches a Service through a node's address and a NodePort`,
        `one of: ${[...ft.nodes, ...ft.nodeAddresses].join(', ')}`,
      ),
    );
    return undefined;
  }
  const svc = ft.services.find((s) => s.spec.ports.some((p) => p.nodePort === t.port));
  if (svc === undefined) {
    const ports = ft.services.flatMap((s) =>
      s.spec.ports.flatMap((p) => (p.nodePort === undefined ? [] : [p.nodePort])),
    );
    ft.errors.push(
      ft.loc.error(
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
export function checkService(ft: FlowTargets, t: Target, namespace: string, path: Path): string | undefined {
  if (ft.checks !== undefined) return checked(ft, ft.checks.internal(t, namespace), path);
  if (parseIPv4(t.host) !== undefined) return namespace;
  const suffix = `.svc.${CLUSTER_DOMAIN}`;
  let svc: Service | undefined;
  for (const fqdn of candidates(t.host, namespace)) {
    if (fqdn.endsWith(`.pod.${CLUSTER_DOMAIN}`)) return namespace;
    if (!fqdn.endsWith(suffix)) continue;
    const parts = fqdn.slice(0, -suffix.length).split('.');
    if (parts.length !== 2) continue;
    svc = ft.services.find(
      (s) => s.metadata.name === parts[0] && (s.metadata.namespace ?? 'default') === parts[1],
    );
    if (svc !== undefined) break;
  }
  if (svc === undefined) {
    const known = ft.services.map((s) =>
      (s.metadata.namespace ?? 'default') === namespace
        ? s.metadata.name
        : `${s.metadata.name}.${s.metadata.namespace}`,
    );
    ft.errors.push(
      ft.loc.error(
        path,
        `unknown service "${t.host}": from namespace "${namespace}" it resolves to no Service (tried ${candidates(t.host, namespace).join(', ')})`,
        known.length > 0 ? `one of: ${known.join(', ')}` : 'a Service in apply',
      ),
    );
    return undefined;
  }
  if (svc.spec.clusterIP !== 'None' && !svc.spec.ports.some((p) => p.port === t.port))
    ft.errors.push(
      ft.loc.error(
        path,
        `service ${svc.metadata.namespace ?? 'default'}/${svc.metadata.name} has no port ${t.port}`,
        `one of: ${svc.spec.ports.map((p) => p.port).join(', ')}`,
      ),
    );
  return svc.metadata.namespace ?? 'default';
}
