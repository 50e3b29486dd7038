/**
 * Compose → Kubernetes, following kompose's mapping (kubernetes/kompose docs/conversion.md and
 * pkg/transformer/kubernetes/kubernetes.go, k8sutils.go, podspec.go): per service a Deployment
 * (a DaemonSet for `deploy.mode: global`, a bare Pod for an explicit `restart: no`/`on-failure`),
 * a Service when it has ports (`ports`/`expose`), PersistentVolumeClaims for its volumes; every
 * object labelled `io.kompose.service: <name>`; Services first, services in name order. What
 * cannot be carried is returned as notes, which `renderConversion` writes as YAML comments.
 *
 * Deviations from kompose, on purpose: a CMD-SHELL healthcheck becomes `sh -c '...'` (kompose
 * drops the CMD-SHELL word and keeps the whole line as one argv word, which no shell parses);
 * probe timings are Docker's effective values (defaults filled in), not only those written;
 * memory is written `512Mi` rather than a byte count; no `creationTimestamp: null`, `status: {}`
 * or `kompose.cmd`/`kompose.version` annotations (noise, and they would break determinism).
 */
import { type ComposeProject, type ComposeService, formatPath, LocatedError } from '../model';
import type { JsonObject } from '../manifests';
import { noteFor, serviceNotes, type ConversionNote } from './komposeNotes';
import { komposeLabels, kubeName } from './komposeShared';
import { volumesOf } from './komposeVolumes';
import { workloadOf } from './komposeWorkload';

export type { ConversionNote } from './komposeNotes';

export interface Conversion {
  objects: JsonObject[];
  /** The service each object belongs to (parallel to `objects`). */
  owners: string[];
  notes: ConversionNote[];
  /**
   * Services whose Kubernetes names cannot work: two services sanitised to one name (the second
   * `kubectl apply` would overwrite the first), or a Service name that is not a DNS-1035 label.
   * With any, the objects must not be printed.
   */
  errors: LocatedError[];
}

export function composeToKubernetes(project: ComposeProject): Conversion {
  const services: [string, JsonObject][] = [];
  const rest: [string, JsonObject][] = [];
  const claims = new Set<string>();
  const notes: ConversionNote[] = [];
  const errors: LocatedError[] = [];
  const taken = new Map<string, string>();
  for (const svc of [...project.services].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    const name = kubeName(svc.name);
    const error = (message: string, expected: string) =>
      errors.push(
        new LocatedError({ ...svc.loc, path: formatPath(['services', svc.name]), message, expected }),
      );
    const other = taken.get(name);
    if (other !== undefined)
      error(
        `becomes the Kubernetes name "${name}", as service "${other}" does: the objects would overwrite each other`,
        'service names that differ after lower-casing and turning "_" and "." into "-"',
      );
    taken.set(name, svc.name);
    const { volumes, mounts, pvcs } = volumesOf(svc, name, claims);
    const workload = workloadOf(svc, name, volumes, mounts);
    rest.push([svc.name, workload], ...pvcs.map((p): [string, JsonObject] => [svc.name, p]));
    const service = serviceOf(svc, name);
    if (service !== undefined) services.push([svc.name, service]);
    // A Service name is a DNS-1035 label (the API server: ValidateServiceName); kompose keeps
    // the name and kubectl apply fails, so say it here, where the service is.
    if (service !== undefined && !/^[a-z]/.test(name))
      error(
        `becomes the Service name "${name}", which must start with a letter (a DNS-1035 label)`,
        'a service name starting with a letter',
      );
    notes.push(...serviceNotes(svc, { hasService: service !== undefined, kind: String(workload.kind) }));
  }
  if (project.services.length === 0)
    notes.push(noteFor(undefined, 'services', 'no active service: nothing to convert'));
  const all = [...services, ...rest];
  return { objects: all.map(([, o]) => o), owners: all.map(([s]) => s), notes, errors };
}

/** Service ports as kompose's ConfigServicePorts: port = published (else target), named after it. */
function serviceOf(svc: ComposeService, name: string): JsonObject | undefined {
  const seen = new Set<number>();
  const pairs = new Set<string>();
  const ports: JsonObject[] = [];
  const add = (port: number, target: number, protocol: 'tcp' | 'udp') => {
    if (pairs.has(`${port}/${target}/${protocol}`)) return;
    pairs.add(`${port}/${target}/${protocol}`);
    const portName = seen.has(port) ? `${port}-${protocol}` : String(port);
    seen.add(port);
    ports.push({
      name: portName,
      port,
      targetPort: target,
      ...(protocol === 'udp' ? { protocol: 'UDP' } : {}),
    });
  };
  for (const p of svc.ports) add(p.published ?? p.target, p.target, p.protocol);
  for (const p of svc.expose) if (!svc.ports.some((q) => q.target === p)) add(p, p, 'tcp');
  if (ports.length === 0) return undefined;
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name, labels: komposeLabels(name) },
    spec: { ports, selector: komposeLabels(name) },
  };
}
