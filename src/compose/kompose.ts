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
import { formatPath, LocatedError } from '../model/located';
import type { JsonObject, JsonValue } from '../manifests/serialize';
import type { ComposeProject, ComposeService, VolumeMount } from '../model/compose';
import { noteFor, serviceNotes, type ConversionNote } from './komposeNotes';
import { nodeSelector, podRestartPolicy } from './komposeShared';

export type { ConversionNote } from './komposeNotes';

/** kompose's label tying a service's objects together (transformer.ConfigLabels). */
export const KOMPOSE_LABEL = 'io.kompose.service';
/** kompose's PVC size when nothing says otherwise (kubernetes.go PVCRequestSize). */
export const PVC_SIZE = '100Mi';

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

/** A DNS-1123 label from a compose name (kompose lower-cases and turns `_` and `.` into `-`). */
export function kubeName(name: string): string {
  const s = name
    .toLowerCase()
    .replace(/[_.]/g, '-')
    .replace(/[^a-z0-9-]/g, '')
    .slice(0, 63)
    .replace(/^-+|-+$/g, '');
  return s === '' ? 'service' : s;
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

function labels(name: string): JsonObject {
  return { [KOMPOSE_LABEL]: name };
}

/** Deployment, DaemonSet or Pod, as kompose's Transform chooses. */
function workloadOf(
  svc: ComposeService,
  name: string,
  volumes: JsonObject[],
  mounts: JsonObject[],
): JsonObject {
  const annotations = Object.keys(svc.labels).length === 0 ? undefined : { ...svc.labels };
  const podMeta: JsonObject = { labels: labels(name), ...(annotations === undefined ? {} : { annotations }) };
  const restart = podRestartPolicy(svc);
  const spec = podSpec(svc, name, volumes, mounts, restart ?? 'Always');
  if (restart !== undefined) {
    // kompose: `restart: no` / `on-failure` "generate pod only and nothing more".
    return { apiVersion: 'v1', kind: 'Pod', metadata: { name, ...podMeta }, spec };
  }
  const meta: JsonObject = { name, labels: { ...labels(name), ...svc.deploy.labels } };
  if (annotations !== undefined) meta.annotations = annotations;
  const template: JsonObject = { metadata: podMeta, spec };
  if (svc.deploy.mode === 'global') {
    return {
      apiVersion: 'apps/v1',
      kind: 'DaemonSet',
      metadata: meta,
      spec: { selector: { matchLabels: labels(name) }, template },
    };
  }
  const deploymentSpec: JsonObject = {
    replicas: svc.deploy.replicas,
    selector: { matchLabels: labels(name) },
    template,
  };
  const strategy = strategyOf(svc, volumes);
  if (strategy !== undefined) deploymentSpec.strategy = strategy;
  return { apiVersion: 'apps/v1', kind: 'Deployment', metadata: meta, spec: deploymentSpec };
}

/** Recreate when the pods mount claims (a ReadWriteOnce volume cannot be shared by old and new pods); else update_config. */
function strategyOf(svc: ComposeService, volumes: JsonObject[]): JsonObject | undefined {
  if (volumes.some((v) => v.persistentVolumeClaim !== undefined)) return { type: 'Recreate' };
  if (!svc.given?.includes('deploy.update_config')) return undefined;
  // kompose GetKubernetesUpdateStrategy: stop-first → maxUnavailable = parallelism, maxSurge 0;
  // start-first → maxSurge = parallelism, maxUnavailable 0.
  const { parallelism, order } = svc.deploy.updateConfig;
  const rollingUpdate =
    order === 'stop-first'
      ? { maxUnavailable: parallelism, maxSurge: 0 }
      : { maxSurge: parallelism, maxUnavailable: 0 };
  return { type: 'RollingUpdate', rollingUpdate };
}

function podSpec(
  svc: ComposeService,
  name: string,
  volumes: JsonObject[],
  mounts: JsonObject[],
  restartPolicy: string,
): JsonObject {
  const container: JsonObject = {
    name: svc.containerName === undefined ? name : kubeName(svc.containerName),
    image: svc.image,
  };
  // Docker's ENTRYPOINT is Kubernetes' command, Docker's CMD its args (kompose: entrypoint → command, command → args).
  if (svc.entrypoint !== undefined) container.command = svc.entrypoint;
  if (svc.command !== undefined) container.args = svc.command;
  const env = Object.keys(svc.environment)
    .sort()
    .map((k): JsonValue => ({ name: k, value: svc.environment[k] ?? '' }));
  if (env.length > 0) container.env = env;
  const ports = containerPorts(svc);
  if (ports.length > 0) container.ports = ports;
  const resources = resourcesOf(svc);
  if (resources !== undefined) container.resources = resources;
  const probe = livenessProbe(svc);
  if (probe !== undefined) container.livenessProbe = probe;
  if (mounts.length > 0) container.volumeMounts = mounts;
  const spec: JsonObject = { containers: [container], restartPolicy };
  if (svc.hostname !== undefined) spec.hostname = svc.hostname;
  if (svc.given?.includes('stop_grace_period'))
    spec.terminationGracePeriodSeconds = Math.ceil(svc.stopGracePeriodMs / 1000);
  const selector = nodeSelector(svc.deploy.placement.constraints);
  if (Object.keys(selector).length > 0) spec.nodeSelector = selector;
  if (volumes.length > 0) spec.volumes = volumes;
  return spec;
}

function containerPorts(svc: ComposeService): JsonObject[] {
  const seen = new Set<string>();
  const out: JsonObject[] = [];
  const add = (port: number, protocol: string, hostPort?: number) => {
    if (seen.has(`${port}/${protocol}`)) return;
    seen.add(`${port}/${protocol}`);
    out.push({ containerPort: port, protocol, ...(hostPort === undefined ? {} : { hostPort }) });
  };
  // `mode: host` publishes on the node itself: kompose sets hostPort.
  for (const p of svc.ports)
    add(p.target, p.protocol.toUpperCase(), p.mode === 'host' ? p.published : undefined);
  for (const p of svc.expose) add(p, 'TCP');
  return out;
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
    metadata: { name, labels: labels(name) },
    spec: { ports, selector: labels(name) },
  };
}

/** `deploy.resources`: limits → limits, reservations → requests (kompose k8sutils.go). */
function resourcesOf(svc: ComposeService): JsonObject | undefined {
  const list = (r: ComposeService['deploy']['resources']['limits']): JsonObject | undefined => {
    const out: JsonObject = {};
    if (r.cpus !== undefined) out.cpu = cpuQuantity(r.cpus);
    if (r.memoryBytes !== undefined) out.memory = memoryQuantity(r.memoryBytes);
    return Object.keys(out).length === 0 ? undefined : out;
  };
  const limits = list(svc.deploy.resources.limits);
  const requests = list(svc.deploy.resources.reservations);
  if (limits === undefined && requests === undefined) return undefined;
  return { ...(limits === undefined ? {} : { limits }), ...(requests === undefined ? {} : { requests }) };
}

/** `'0.5'` → `500m`, `'2'` → `2` (kompose: resource.NewMilliQuantity(cpus*1000, DecimalSI)). */
export function cpuQuantity(cpus: string): string {
  const milli = Math.round(Number(cpus) * 1000);
  return milli % 1000 === 0 ? String(milli / 1000) : `${milli}m`;
}

/** Bytes as the largest exact binary unit (`536870912` → `512Mi`), else the byte count. */
export function memoryQuantity(bytes: number): string {
  for (const [unit, size] of [
    ['Ti', 1024 ** 4],
    ['Gi', 1024 ** 3],
    ['Mi', 1024 ** 2],
    ['Ki', 1024],
  ] as const) {
    if (bytes > 0 && bytes % size === 0) return `${bytes / size}${unit}`;
  }
  return String(bytes);
}

/** healthcheck → livenessProbe (exec), as kompose's podspec.go LivenessProbe (see the deviation above). */
function livenessProbe(svc: ComposeService): JsonObject | undefined {
  const hc = svc.healthcheck;
  if (hc === undefined || hc.disabled || hc.test.length < 2) return undefined;
  const command = hc.test[0] === 'CMD-SHELL' ? ['sh', '-c', hc.test.slice(1).join(' ')] : hc.test.slice(1);
  const seconds = (ms: number) => Math.max(1, Math.ceil(ms / 1000));
  return {
    exec: { command },
    periodSeconds: seconds(hc.intervalMs),
    timeoutSeconds: seconds(hc.timeoutMs),
    failureThreshold: hc.retries,
    ...(hc.startPeriodMs > 0 ? { initialDelaySeconds: Math.ceil(hc.startPeriodMs / 1000) } : {}),
  };
}

/** kompose ConfigVolumes: named volume → claim of that name; anonymous or bind → `<service>-claimN`; tmpfs → emptyDir Memory. */
function volumesOf(
  svc: ComposeService,
  name: string,
  claims: Set<string>,
): { volumes: JsonObject[]; mounts: JsonObject[]; pvcs: JsonObject[] } {
  const volumes: JsonObject[] = [];
  const mounts: JsonObject[] = [];
  const pvcs: JsonObject[] = [];
  let claimN = 0;
  let tmpfsN = 0;
  svc.volumes.forEach((v: VolumeMount) => {
    const volName =
      v.type === 'tmpfs'
        ? `${name}-tmpfs${tmpfsN++}`
        : v.type === 'volume' && v.source !== undefined
          ? kubeName(v.source)
          : `${name}-claim${claimN++}`;
    mounts.push({ name: volName, mountPath: v.target, ...(v.readOnly ? { readOnly: true } : {}) });
    if (volumes.some((x) => x.name === volName)) return;
    if (v.type === 'tmpfs') {
      volumes.push({ name: volName, emptyDir: { medium: 'Memory' } });
      return;
    }
    volumes.push({
      name: volName,
      persistentVolumeClaim: { claimName: volName, ...(v.readOnly ? { readOnly: true } : {}) },
    });
    if (claims.has(volName)) return;
    claims.add(volName);
    pvcs.push({
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      metadata: { name: volName, labels: labels(volName) },
      spec: {
        accessModes: [v.readOnly ? 'ReadOnlyMany' : 'ReadWriteOnce'],
        resources: { requests: { storage: PVC_SIZE } },
      },
    });
  });
  return { volumes, mounts, pvcs };
}
