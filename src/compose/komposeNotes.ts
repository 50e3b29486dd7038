/**
 * What `flotilla convert` could not carry from a compose service into Kubernetes, and why: one
 * note per field, written as a YAML comment above the service's objects. The reasons follow
 * kompose's conversion matrix (docs/conversion.md) and how Kubernetes differs from Compose.
 */
import { constraintLabel, podRestartPolicy } from './komposeShared';
import { SERVICE_UNMODELLED } from './keys';
import type { ComposeService } from '../model';

export interface ConversionNote {
  /** The compose service, or undefined for the whole project. */
  service: string | undefined;
  /** The compose field, e.g. `depends_on`, `deploy.placement.preferences`. */
  field: string;
  reason: string;
}

export function noteFor(service: string | undefined, field: string, reason: string): ConversionNote {
  return { service, field, reason };
}

export function serviceNotes(
  svc: ComposeService,
  out: { hasService: boolean; kind: string },
): ConversionNote[] {
  const notes: ConversionNote[] = [];
  const note = (field: string, reason: string) => notes.push(noteFor(svc.name, field, reason));
  const given = new Set(svc.given ?? []);
  if (svc.dependsOn.length > 0) {
    const deps = svc.dependsOn.map((d) => `${d.service} (${d.condition})`).join(', ');
    note(
      'depends_on',
      `${deps}: Kubernetes starts every workload at once, with no order or health condition between them; the app must retry until its dependencies answer (or use an init container)`,
    );
  }
  if (svc.containerName !== undefined)
    note(
      'container_name',
      `names the container only: pod names come from the ${out.kind} (kompose does the same)`,
    );
  if (svc.built)
    note(
      'build',
      `Kubernetes does not build images: "${svc.image}" is a placeholder; build and push an image, then set it here`,
    );
  const ownNets = svc.networks.filter((n) => n !== 'default');
  if (ownNets.length > 0)
    note(
      'networks',
      `${ownNets.join(', ')}: Kubernetes has one flat pod network where every pod reaches every Service; kompose writes NetworkPolicies only with --generate-network-policies`,
    );
  if (svc.envFiles.length > 0)
    note(
      'env_file',
      `${svc.envFiles.join(', ')}: variables that could be read are written into env (kompose makes a ConfigMap); a file that was not read is missing`,
    );
  restartNotes(svc, note);
  portNotes(svc, out.hasService, note);
  for (const v of svc.volumes)
    if (v.type === 'bind')
      note(
        'volumes',
        `${v.source ?? ''}:${v.target}: a host path is not carried (kompose: "Volume mount on the host isn't supported"); the claim starts empty`,
      );
  const hc = svc.healthcheck;
  if (hc !== undefined && hc.disabled) note('healthcheck', 'disabled: no probe');
  else if (hc !== undefined && hc.test.length < 2)
    note('healthcheck', "no test (the image's own HEALTHCHECK): no probe");
  else if (hc !== undefined && given.has('healthcheck'))
    note(
      'healthcheck',
      'became a livenessProbe: Docker only marks an unhealthy container, Kubernetes restarts it; start_interval has no equivalent',
    );
  deployNotes(svc, given, out.kind, note);
  if (svc.profiles.length > 0)
    note('profiles', `${svc.profiles.join(', ')}: Kubernetes has no profiles; converted because active`);
  for (const key of svc.given ?? [])
    if (SERVICE_UNMODELLED.includes(key))
      note(key, 'not modelled by Flotilla, so not converted (see the loader warning)');
  return notes;
}

function restartNotes(svc: ComposeService, note: (f: string, r: string) => void): void {
  const r = svc.restart;
  const pod = podRestartPolicy(svc);
  if (pod !== undefined)
    note(
      svc.given?.includes('deploy.restart_policy') ? 'deploy.restart_policy' : 'restart',
      `a bare Pod with restartPolicy ${pod} (kompose's choice): nothing recreates it if its node fails`,
    );
  else if (r.policy === 'unless-stopped') note('restart', 'unless-stopped: Always (kompose does the same)');
  if (r.policy === 'on-failure' && r.maxRetries !== undefined)
    note('restart', `on-failure:${r.maxRetries}: Kubernetes has no retry limit, only a growing back-off`);
}

function portNotes(svc: ComposeService, hasService: boolean, note: (f: string, r: string) => void): void {
  if (!hasService) {
    note(
      'ports',
      'none: no Service is created (kompose does the same), so other pods cannot reach it by name',
    );
    return;
  }
  const published = svc.ports.filter((p) => p.published !== undefined && p.mode !== 'host');
  if (published.length > 0)
    note(
      'ports',
      `${published.map((p) => `${p.published}:${p.target}`).join(', ')}: the Service is a ClusterIP inside the cluster, not a port on a host; reach it with kubectl port-forward, or make it a NodePort or LoadBalancer`,
    );
  if (svc.ports.some((p) => p.hostIp !== undefined))
    note('ports', 'host_ip: not carried (a Service has no host address)');
  if (svc.ports.some((p) => p.publishedEnd !== undefined))
    note('ports', 'published ranges: only the first port of a range is used');
}

function deployNotes(
  svc: ComposeService,
  given: Set<string>,
  kind: string,
  note: (f: string, r: string) => void,
): void {
  const d = svc.deploy;
  if (given.has('deploy.restart_policy') && podRestartPolicy(svc) === undefined)
    note(
      'deploy.restart_policy',
      'delay, max_attempts and window: Kubernetes restarts with its own back-off',
    );
  for (const c of d.placement.constraints)
    if (constraintLabel(c) === undefined)
      note(
        'deploy.placement.constraints',
        `"${c}": no node label to select on (only == on node.labels.*, node.hostname and node.platform.* map)`,
      );
  if (d.placement.preferences.length > 0)
    note(
      'deploy.placement.preferences',
      'spread: use topologySpreadConstraints by hand (kompose does not convert it)',
    );
  if (d.placement.maxReplicasPerNode !== undefined)
    note(
      'deploy.placement.max_replicas_per_node',
      'use pod anti-affinity or topologySpreadConstraints by hand',
    );
  if (
    given.has('deploy.update_config') &&
    kind === 'Deployment' &&
    svc.volumes.some((v) => v.type !== 'tmpfs')
  )
    note(
      'deploy.update_config',
      'Recreate instead: the pods mount a ReadWriteOnce claim that old and new pods cannot share',
    );
  else if (given.has('deploy.update_config'))
    note(
      'deploy.update_config',
      'only parallelism and order map (maxSurge/maxUnavailable); delay, monitor and failure_action do not',
    );
  if (d.mode === 'global' && given.has('deploy.replicas'))
    note('deploy.replicas', 'ignored in global mode: a DaemonSet runs one pod per node');
}
