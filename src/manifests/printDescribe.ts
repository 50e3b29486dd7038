/**
 * `kubectl describe pod`: a port of describePod and its helpers from
 * k8s.io/kubectl/pkg/describe/describe.go (staging/src/k8s.io/kubectl in kubernetes/kubernetes).
 * Fields the model does not have (service account, image IDs, volumes the simulator does not run)
 * are printed as kubectl prints them when empty.
 */
import {
  canonicalAmount,
  type ClusterState,
  type Container,
  type ContainerState,
  type ContainerStatus,
  formatAmount,
  getIn,
  type Pod,
  type Toleration,
  toRecord,
} from '../model';
import { compareBytes, DEFAULT_NAMESPACE, formatLabelSelector } from './printCommon';
import {
  DescribeWriter,
  eventsFor,
  notFoundMessage,
  writeEvents,
  writeMapMultiline,
} from './printDescribeWriter';
import { podQOSClass } from './serialize';
import { age, toRFC1123Z } from './timeFormat';

export { describeNode } from './printDescribeNode';

/** Quantity.String() of a spec amount: canonical form (`0.5` → `500m`), or the text if invalid. */
function quantityString(resource: string, text: string): string {
  const v = canonicalAmount(resource, text);
  return v === undefined ? text : formatAmount(resource, v);
}

function writeState(w: DescribeWriter, title: string, s: ContainerState): void {
  if (s.running) {
    w.write(2, `${title}:\tRunning\n`);
    w.write(3, `Started:\t${toRFC1123Z(s.running.startedAt)}\n`);
  } else if (s.waiting) {
    w.write(2, `${title}:\tWaiting\n`);
    if (s.waiting.reason !== '') w.write(3, `Reason:\t${s.waiting.reason}\n`);
  } else if (s.terminated) {
    const t = s.terminated;
    w.write(2, `${title}:\tTerminated\n`);
    if (t.reason !== '') w.write(3, `Reason:\t${t.reason}\n`);
    if (t.message) w.write(3, `Message:\t${t.message}\n`);
    w.write(3, `Exit Code:\t${t.exitCode}\n`);
    // A zero metav1.Time formats as Go's zero time.
    w.write(
      3,
      `Started:\t${t.startedAt === undefined ? 'Mon, 01 Jan 0001 00:00:00 +0000' : toRFC1123Z(t.startedAt)}\n`,
    );
    w.write(3, `Finished:\t${toRFC1123Z(t.finishedAt)}\n`);
  } else {
    w.write(2, `${title}:\tWaiting\n`);
  }
}

interface Probe {
  exec?: { command?: string[] };
  httpGet?: { path?: string; port?: number | string; host?: string; scheme?: string };
  tcpSocket?: { port?: number | string; host?: string };
  grpc?: { port?: number; service?: string };
  initialDelaySeconds?: number;
  timeoutSeconds?: number;
  periodSeconds?: number;
  successThreshold?: number;
  failureThreshold?: number;
}

/** DescribeProbe, with the API's probe defaults (timeout 1 s, period 10 s, success 1, failure 3). */
export function describeProbe(p: Probe): string {
  const attrs =
    `delay=${p.initialDelaySeconds ?? 0}s timeout=${p.timeoutSeconds ?? 1}s period=${p.periodSeconds ?? 10}s ` +
    `#success=${p.successThreshold ?? 1} #failure=${p.failureThreshold ?? 3}`;
  if (p.exec) return `exec [${(p.exec.command ?? []).join(' ')}] ${attrs}`;
  if (p.httpGet) {
    const g = p.httpGet;
    const port = g.port === undefined ? '' : String(g.port);
    const host = port === '' ? (g.host ?? '') : `${g.host ?? ''}:${port}`;
    return `http-get ${(g.scheme ?? 'HTTP').toLowerCase()}://${host}${g.path ?? ''} ${attrs}`;
  }
  if (p.tcpSocket) return `tcp-socket ${p.tcpSocket.host ?? ''}:${String(p.tcpSocket.port ?? '')} ${attrs}`;
  if (p.grpc) return `grpc <pod>:${p.grpc.port ?? 0} ${p.grpc.service ?? ''} ${attrs}`;
  return `unknown ${attrs}`;
}

interface EnvVar {
  name: string;
  value?: string;
  valueFrom?: {
    fieldRef?: { apiVersion?: string; fieldPath: string };
    secretKeyRef?: { name: string; key: string; optional?: boolean };
    configMapKeyRef?: { name: string; key: string; optional?: boolean };
  };
}

function fieldValue(pod: Pod, path: string): string {
  const values: Record<string, string | undefined> = {
    'metadata.name': pod.metadata.name,
    'metadata.namespace': pod.metadata.namespace,
    'metadata.uid': pod.metadata.uid,
    'spec.nodeName': pod.spec.nodeName,
    'status.podIP': pod.status.podIP,
    'status.hostIP': pod.status.hostIP,
  };
  return values[path] ?? '';
}

function writeEnv(w: DescribeWriter, pod: Pod, c: Container): void {
  const env = (c.env ?? []) as EnvVar[];
  w.write(2, `Environment:${env.length === 0 ? '\t<none>' : ''}\n`);
  for (const e of env) {
    const from = e.valueFrom;
    if (!from) {
      (e.value ?? '')
        .split('\n')
        .forEach((line, i) => w.write(3, i === 0 ? `${e.name}:\t${line}\n` : `\t${line}\n`));
    } else if (from.fieldRef) {
      const f = from.fieldRef;
      w.write(3, `${e.name}:\t${fieldValue(pod, f.fieldPath)} (${f.apiVersion ?? 'v1'}:${f.fieldPath})\n`);
    } else if (from.secretKeyRef) {
      const r = from.secretKeyRef;
      w.write(
        3,
        `${e.name}:\t<set to the key '${r.key}' in secret '${r.name}'>\tOptional: ${r.optional === true}\n`,
      );
    } else if (from.configMapKeyRef) {
      const r = from.configMapKeyRef;
      w.write(
        3,
        `${e.name}:\t<set to the key '${r.key}' of config map '${r.name}'>\tOptional: ${r.optional === true}\n`,
      );
    }
  }
}

function writeContainer(
  w: DescribeWriter,
  pod: Pod,
  c: Container,
  status: ContainerStatus | undefined,
): void {
  w.write(1, `${c.name}:\n`);
  if (status) w.write(2, `Container ID:\t${status.containerID ?? ''}\n`);
  w.write(2, `Image:\t${c.image}\n`);
  // The model keeps no image digest: Image ID prints empty, as for a container not yet pulled.
  if (status) w.write(2, 'Image ID:\t\n');
  const ports = c.ports ?? [];
  const portText = ports.map((p) => `${p.containerPort}/${p.protocol ?? 'TCP'}`).join(', ');
  const hostText = ports.map((p) => `${p.hostPort ?? 0}/${p.protocol ?? 'TCP'}`).join(', ');
  w.write(2, portText.includes(',') ? `Ports:\t${portText}\n` : `Port:\t${portText || '<none>'}\n`);
  w.write(2, hostText.includes(',') ? `Host Ports:\t${hostText}\n` : `Host Port:\t${hostText || '<none>'}\n`);
  for (const [title, list] of [
    ['Command', c.command],
    ['Args', c.args],
  ] as const) {
    if (list && list.length > 0) {
      w.write(2, `${title}:\n`);
      for (const item of list) for (const line of item.split('\n')) w.write(3, `${line}\n`);
    }
  }
  if (status) {
    writeState(w, 'State', status.state);
    if (status.lastState.terminated) writeState(w, 'Last State', status.lastState);
    w.write(2, `Ready:\t${status.ready ? 'True' : 'False'}\n`);
    w.write(2, `Restart Count:\t${status.restartCount}\n`);
  }
  for (const [title, list] of [
    ['Limits', c.resources?.limits],
    ['Requests', c.resources?.requests],
  ] as const) {
    const names = Object.keys(list ?? {}).sort(compareBytes);
    if (names.length > 0) w.write(2, `${title}:\n`);
    for (const n of names) w.write(3, `${n}:\t${quantityString(n, list?.[n] ?? '')}\n`);
  }
  for (const [title, field] of [
    ['Liveness', 'livenessProbe'],
    ['Readiness', 'readinessProbe'],
    ['Startup', 'startupProbe'],
  ] as const) {
    const probe = c[field];
    if (probe && typeof probe === 'object') w.write(2, `${title}:\t${describeProbe(probe as Probe)}\n`);
  }
  writeEnv(w, pod, c);
  const mounts = (Array.isArray(c.volumeMounts) ? c.volumeMounts : []) as {
    name: string;
    mountPath: string;
    readOnly?: boolean;
  }[];
  w.write(2, `Mounts:${mounts.length === 0 ? '\t<none>' : ''}\n`);
  for (const m of [...mounts].sort((a, b) => compareBytes(a.mountPath, b.mountPath))) {
    w.write(3, `${m.mountPath} from ${m.name} (${m.readOnly ? 'ro' : 'rw'})\n`);
  }
}

/** printPodTolerationsMultiline: sorted by key, `key=value:Effect op=Exists for 300s`. */
function writeTolerations(w: DescribeWriter, tolerations: readonly Toleration[] | undefined): void {
  w.write(0, 'Tolerations:\t');
  const list = [...(tolerations ?? [])].sort((a, b) => compareBytes(a.key ?? '', b.key ?? ''));
  if (list.length === 0) {
    w.write(0, '<none>\n');
    return;
  }
  list.forEach((t, i) => {
    let text = i === 0 ? '' : '\t';
    text += t.key ?? '';
    if (t.value) text += `=${t.value}`;
    if (t.effect) text += `:${t.effect}`;
    if (t.operator === 'Exists' && !t.value) text += t.key || t.effect ? ' op=Exists' : 'op=Exists';
    if (t.tolerationSeconds !== undefined) text += ` for ${t.tolerationSeconds}s`;
    w.write(0, `${text}\n`);
  });
}

function writeVolumes(w: DescribeWriter, pod: Pod): void {
  const volumes = (Array.isArray(pod.spec.volumes) ? pod.spec.volumes : []) as Record<string, unknown>[];
  if (volumes.length === 0) {
    w.write(0, 'Volumes:\t<none>\n');
    return;
  }
  w.write(0, 'Volumes:\n');
  for (const v of volumes) {
    w.write(1, `${String(v.name)}:\n`);
    if (v.emptyDir) {
      const e = v.emptyDir as { medium?: string; sizeLimit?: string };
      w.write(2, `Type:\tEmptyDir (a temporary directory that shares a pod's lifetime)\n`);
      w.write(2, `Medium:\t${e.medium ?? ''}\n`);
      w.write(2, `SizeLimit:\t${e.sizeLimit ?? '<unset>'}\n`);
    } else {
      w.write(1, '<unknown>\n');
    }
  }
}

/** Looks up a pod by `namespace/name` (or a bare name in the default namespace). */
function findPod(state: ClusterState, key: string): Pod | undefined {
  return getIn(state.pods, key.includes('/') ? key : `${DEFAULT_NAMESPACE}/${key}`);
}

/**
 * `kubectl describe pod` of the pod with key `namespace/name` at simulated time `now`, or
 * kubectl's NotFound error text when there is no such pod.
 */
export function describePod(state: ClusterState, key: string, now: number): string {
  const pod = findPod(state, key);
  if (!pod) return notFoundMessage('pods', key.slice(key.indexOf('/') + 1));
  const { metadata: meta, spec, status } = pod;
  const w = new DescribeWriter();
  w.write(0, `Name:\t${meta.name}\n`);
  w.write(0, `Namespace:\t${meta.namespace ?? DEFAULT_NAMESPACE}\n`);
  if (spec.priority !== undefined) w.write(0, `Priority:\t${spec.priority}\n`);
  if (spec.priorityClassName) w.write(0, `Priority Class Name:\t${spec.priorityClassName}\n`);
  if (typeof spec.serviceAccountName === 'string' && spec.serviceAccountName !== '') {
    w.write(0, `Service Account:\t${spec.serviceAccountName}\n`);
  }
  w.write(0, spec.nodeName ? `Node:\t${spec.nodeName}/${status.hostIP ?? ''}\n` : 'Node:\t<none>\n');
  if (status.startTime !== undefined) w.write(0, `Start Time:\t${toRFC1123Z(status.startTime)}\n`);
  writeMapMultiline(w, 'Labels', meta.labels);
  writeMapMultiline(w, 'Annotations', meta.annotations, ': ');
  if (meta.deletionTimestamp !== undefined && status.phase !== 'Failed' && status.phase !== 'Succeeded') {
    w.write(0, `Status:\tTerminating (lasts ${age(meta.deletionTimestamp, now)})\n`);
    w.write(
      0,
      `Termination Grace Period:\t${meta.deletionGracePeriodSeconds ?? spec.terminationGracePeriodSeconds}s\n`,
    );
  } else {
    w.write(0, `Status:\t${status.phase}\n`);
  }
  if (status.reason) w.write(0, `Reason:\t${status.reason}\n`);
  if (status.message) w.write(0, `Message:\t${status.message}\n`);
  w.write(0, `IP:\t${status.podIP ?? ''}\n`);
  if (status.podIP) w.write(0, `IPs:\n  IP:\t${status.podIP}\n`);
  else w.write(0, 'IPs:\t<none>\n');
  const owner = meta.ownerReferences?.find((o) => o.controller === true);
  if (owner) w.write(0, `Controlled By:\t${owner.kind}/${owner.name}\n`);
  if (status.nominatedNodeName) w.write(0, `NominatedNodeName:\t${status.nominatedNodeName}\n`);
  const statuses = new Map(status.containerStatuses.map((s) => [s.name, s]));
  w.write(0, `Containers:${spec.containers.length === 0 ? ' <none>' : ''}\n`);
  for (const c of spec.containers) writeContainer(w, pod, c, statuses.get(c.name));
  if (status.conditions.length > 0) {
    w.write(0, 'Conditions:\n  Type\tStatus\n');
    for (const c of status.conditions) w.write(1, `${c.type} \t${c.status} \n`);
  }
  writeVolumes(w, pod);
  w.write(0, `QoS Class:\t${podQOSClass(pod)}\n`);
  writeMapMultiline(w, 'Node-Selectors', spec.nodeSelector);
  writeTolerations(w, spec.tolerations);
  const tscs = [...(spec.topologySpreadConstraints ?? [])].sort((a, b) =>
    compareBytes(a.topologyKey, b.topologyKey),
  );
  tscs.forEach((t, i) => {
    const selector = t.labelSelector ? ` for selector ${formatLabelSelector(t.labelSelector)}` : '';
    const text = `${t.topologyKey}:${t.whenUnsatisfiable} when max skew ${t.maxSkew} is exceeded${selector}\n`;
    w.write(0, i === 0 ? `Topology Spread Constraints:\t${text}` : `\t${text}`);
  });
  writeEvents(w, eventsFor(toRecord(state.events), 'Pod', meta.name, meta.uid, meta.namespace), now);
  return w.toString();
}
