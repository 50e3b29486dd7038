/**
 * A compose service's workload, as kompose writes it: a Deployment (with its update strategy), a
 * DaemonSet for `deploy.mode: global`, or a bare Pod for an explicit `restart: no`/`on-failure`;
 * and its pod spec: the container (command and args, env, ports, resources, liveness probe from
 * the healthcheck, mounts), hostname, grace period, node selector from placement, volumes.
 */
import type { JsonObject, JsonValue } from '../manifests';
import type { ComposeService } from '../model';
import { komposeLabels, kubeName, nodeSelector, podRestartPolicy } from './komposeShared';

/** Deployment, DaemonSet or Pod, as kompose's Transform chooses. */
export function workloadOf(
  svc: ComposeService,
  name: string,
  volumes: JsonObject[],
  mounts: JsonObject[],
): JsonObject {
  const annotations = Object.keys(svc.labels).length === 0 ? undefined : { ...svc.labels };
  const podMeta: JsonObject = {
    labels: komposeLabels(name),
    ...(annotations === undefined ? {} : { annotations }),
  };
  const restart = podRestartPolicy(svc);
  const spec = podSpec(svc, name, volumes, mounts, restart ?? 'Always');
  if (restart !== undefined) {
    // kompose: `restart: no` / `on-failure` "generate pod only and nothing more".
    return { apiVersion: 'v1', kind: 'Pod', metadata: { name, ...podMeta }, spec };
  }
  const meta: JsonObject = { name, labels: { ...komposeLabels(name), ...svc.deploy.labels } };
  if (annotations !== undefined) meta.annotations = annotations;
  const template: JsonObject = { metadata: podMeta, spec };
  if (svc.deploy.mode === 'global') {
    return {
      apiVersion: 'apps/v1',
      kind: 'DaemonSet',
      metadata: meta,
      spec: { selector: { matchLabels: komposeLabels(name) }, template },
    };
  }
  const deploymentSpec: JsonObject = {
    replicas: svc.deploy.replicas,
    selector: { matchLabels: komposeLabels(name) },
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
function cpuQuantity(cpus: string): string {
  const milli = Math.round(Number(cpus) * 1000);
  return milli % 1000 === 0 ? String(milli / 1000) : `${milli}m`;
}

/** Bytes as the largest exact binary unit (`536870912` → `512Mi`), else the byte count. */
function memoryQuantity(bytes: number): string {
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
