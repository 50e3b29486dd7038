/**
 * Checks of a pod spec (a Pod's, or a template's inside a Deployment or ReplicaSet), following
 * K pkg/apis/core/validation ValidatePodSpec for the fields the simulator uses (probes in
 * loadProbe.ts). Other fields (volumes, securityContext, env...) are kept as they are, unchecked:
 * the simulator does not model them yet, and the apiserver would be the judge of them.
 */
import {
  type Container,
  type ContainerPort,
  type FieldPath,
  parseQuantity,
  toCanonical,
  type Toleration,
  type TopologySpreadConstraint,
} from '../model';
import type { PodSpecInput } from './defaults';
import { Checker, checkLabelSelector, checkResourceList, isRecord } from './loadChecks';
import { checkProbes } from './loadProbe';

const RESTART_POLICIES = ['Always', 'OnFailure', 'Never'] as const;
const PULL_POLICIES = ['Always', 'IfNotPresent', 'Never'] as const;
const PROTOCOLS = ['TCP', 'UDP', 'SCTP'] as const;
const EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'] as const;

function oneOf<T extends string>(
  c: Checker,
  v: unknown,
  path: FieldPath,
  allowed: readonly T[],
): T | undefined {
  const s = c.string(v, path);
  if (s === undefined) return undefined;
  if ((allowed as readonly string[]).includes(s)) return s as T;
  return c.error(path, `Unsupported value: "${s}"`, `one of: ${allowed.join(', ')}`);
}

/**
 * Checks a pod spec. `template` is true inside a Deployment or ReplicaSet, where only
 * restartPolicy Always is allowed (apps/validation ValidatePodTemplateSpecForReplicaSet).
 */
export function checkPodSpec(
  c: Checker,
  v: unknown,
  path: FieldPath,
  template: boolean,
): PodSpecInput | undefined {
  const m = c.map(v, path);
  if (m === undefined) return undefined;
  const before = c.errors.length;
  const containers = checkContainers(c, m.containers, [...path, 'containers'], true);
  const out: PodSpecInput = { ...m, containers: containers ?? [] };
  if (m.initContainers !== undefined) {
    const init = checkContainers(c, m.initContainers, [...path, 'initContainers'], false);
    if (init !== undefined) out.initContainers = init;
  }
  if (m.restartPolicy !== undefined) {
    const allowed = template ? (['Always'] as const) : RESTART_POLICIES;
    const rp = oneOf(c, m.restartPolicy, [...path, 'restartPolicy'], allowed);
    if (rp !== undefined) out.restartPolicy = rp;
  }
  if (m.terminationGracePeriodSeconds !== undefined)
    c.int(m.terminationGracePeriodSeconds, [...path, 'terminationGracePeriodSeconds']);
  if (m.schedulerName !== undefined) c.string(m.schedulerName, [...path, 'schedulerName']);
  if (m.nodeName !== undefined) c.name(m.nodeName, [...path, 'nodeName'], 'subdomain');
  if (m.nodeSelector !== undefined) c.stringMap(m.nodeSelector, [...path, 'nodeSelector'], true);
  if (m.priority !== undefined) c.int(m.priority, [...path, 'priority'], -2147483648);
  if (m.affinity !== undefined) checkAffinityWeights(c, m.affinity, [...path, 'affinity']);
  if (m.tolerations !== undefined) checkTolerations(c, m.tolerations, [...path, 'tolerations']);
  if (m.topologySpreadConstraints !== undefined)
    checkSpread(c, m.topologySpreadConstraints, [...path, 'topologySpreadConstraints']);
  return c.errors.length === before ? out : undefined;
}

function checkContainers(
  c: Checker,
  v: unknown,
  path: FieldPath,
  required: boolean,
): Container[] | undefined {
  const list = c.list(v, path);
  if (list === undefined) return undefined;
  if (required && list.length === 0)
    return c.error(path, 'Required value: a pod needs at least one container');
  const out: Container[] = [];
  const seen = new Set<string>();
  for (const [i, raw] of list.entries()) {
    const ctr = checkContainer(c, raw, [...path, i]);
    if (ctr === undefined) continue;
    if (seen.has(ctr.name)) c.error([...path, i, 'name'], `Duplicate value: "${ctr.name}"`);
    seen.add(ctr.name);
    out.push(ctr);
  }
  return out.length === list.length ? out : undefined;
}

function checkContainer(c: Checker, v: unknown, path: FieldPath): Container | undefined {
  const m = c.map(v, path);
  if (m === undefined) return undefined;
  const before = c.errors.length;
  const name = c.name(m.name, [...path, 'name'], 'label');
  const image = c.string(m.image, [...path, 'image']);
  if (image !== undefined && image.trim() === '')
    c.error([...path, 'image'], 'Required value: must not be empty');
  const out: Container = { ...m, name: name ?? '', image: image ?? '' };
  if (m.imagePullPolicy !== undefined)
    oneOf(c, m.imagePullPolicy, [...path, 'imagePullPolicy'], PULL_POLICIES);
  for (const f of ['command', 'args'] as const) {
    const val = m[f];
    if (val !== undefined && (!Array.isArray(val) || val.some((x) => typeof x !== 'string')))
      c.error([...path, f], 'expected a list of strings (quote numbers: ["sleep", "3600"])');
  }
  if (m.resources !== undefined) {
    const r = c.map(m.resources, [...path, 'resources']);
    const requests =
      r?.requests === undefined
        ? undefined
        : checkResourceList(c, r.requests, [...path, 'resources', 'requests']);
    const limits =
      r?.limits === undefined ? undefined : checkResourceList(c, r.limits, [...path, 'resources', 'limits']);
    if (r !== undefined) {
      out.resources = { ...r, ...(requests ? { requests } : {}), ...(limits ? { limits } : {}) };
      // ValidateResourceRequirements: a request may not exceed its limit.
      for (const [res, req] of Object.entries(requests ?? {})) {
        const lim = limits?.[res];
        const rq = parseQuantity(req);
        const lq = lim === undefined ? undefined : parseQuantity(lim);
        if (rq && lq && toCanonical(res, rq) > toCanonical(res, lq))
          c.error(
            [...path, 'resources', 'requests', res],
            `Invalid value: "${req}": must be less than or equal to ${res} limit of ${lim}`,
          );
      }
    }
  }
  if (m.ports !== undefined) {
    const ports = c.list(m.ports, [...path, 'ports']);
    const checked: ContainerPort[] = [];
    for (const [i, p] of (ports ?? []).entries()) {
      const pp = [...path, 'ports', i];
      const pm = c.map(p, pp);
      if (pm === undefined) continue;
      const port = c.int(pm.containerPort, [...pp, 'containerPort'], 1);
      if (port !== undefined && port > 65535)
        c.error([...pp, 'containerPort'], `Invalid value: ${port}: must be between 1 and 65535, inclusive`);
      if (pm.hostPort !== undefined) c.int(pm.hostPort, [...pp, 'hostPort'], 1);
      if (pm.protocol !== undefined) oneOf(c, pm.protocol, [...pp, 'protocol'], PROTOCOLS);
      if (pm.name !== undefined) c.string(pm.name, [...pp, 'name']);
      checked.push(pm as unknown as ContainerPort);
    }
    out.ports = checked;
  }
  checkProbes(c, m, out, path);
  return c.errors.length === before ? out : undefined;
}

function checkTolerations(c: Checker, v: unknown, path: FieldPath): Toleration[] | undefined {
  const list = c.list(v, path);
  for (const [i, t] of (list ?? []).entries()) {
    const p = [...path, i];
    const m = c.map(t, p);
    if (m === undefined) continue;
    if (m.key !== undefined) c.string(m.key, [...p, 'key']);
    if (m.value !== undefined) c.string(m.value, [...p, 'value']);
    if (m.operator !== undefined) oneOf(c, m.operator, [...p, 'operator'], ['Exists', 'Equal']);
    if (m.effect !== undefined && m.effect !== '') oneOf(c, m.effect, [...p, 'effect'], EFFECTS);
    if (m.tolerationSeconds !== undefined) {
      c.int(m.tolerationSeconds, [...p, 'tolerationSeconds'], Number.MIN_SAFE_INTEGER);
      if (m.effect !== 'NoExecute')
        c.error(
          [...p, 'effect'],
          "Invalid value: effect must be 'NoExecute' when `tolerationSeconds` is set",
        );
    }
    if (m.operator === 'Exists' && m.value !== undefined && m.value !== '')
      c.error([...p, 'operator'], "Invalid value: value must be empty when `operator` is 'Exists'");
  }
  return list as Toleration[] | undefined;
}

/**
 * The weights of preferred node and pod (anti-)affinity terms: integers from 1 to 100, as the API
 * server requires (K apis/core/validation: "must be in the range 1-100"); the schedulers sum them
 * as int64. The rest of `affinity` is read as given.
 */
function checkAffinityWeights(c: Checker, v: unknown, path: FieldPath): void {
  const affinity = c.map(v, path);
  if (affinity === undefined) return;
  for (const kind of ['nodeAffinity', 'podAffinity', 'podAntiAffinity']) {
    const section = affinity[kind];
    if (section === undefined) continue;
    const m = c.map(section, [...path, kind]);
    const preferred = m?.preferredDuringSchedulingIgnoredDuringExecution;
    if (preferred === undefined) continue;
    const p = [...path, kind, 'preferredDuringSchedulingIgnoredDuringExecution'];
    for (const [i, term] of (c.list(preferred, p) ?? []).entries()) {
      const t = c.map(term, [...p, i]);
      if (t === undefined) continue;
      const weight = c.int(t.weight, [...p, i, 'weight'], 1);
      if (weight !== undefined && weight > 100)
        c.error([...p, i, 'weight'], `Invalid value: ${weight}: must be in the range 1-100`);
    }
  }
}

function checkSpread(c: Checker, v: unknown, path: FieldPath): TopologySpreadConstraint[] | undefined {
  const list = c.list(v, path);
  for (const [i, t] of (list ?? []).entries()) {
    const p = [...path, i];
    const m = c.map(t, p);
    if (m === undefined) continue;
    c.int(m.maxSkew, [...p, 'maxSkew'], 1);
    c.string(m.topologyKey, [...p, 'topologyKey']);
    oneOf(c, m.whenUnsatisfiable, [...p, 'whenUnsatisfiable'], ['DoNotSchedule', 'ScheduleAnyway']);
    if (m.labelSelector !== undefined) checkLabelSelector(c, m.labelSelector, [...p, 'labelSelector']);
    if (m.minDomains !== undefined) c.int(m.minDomains, [...p, 'minDomains'], 1);
  }
  return list?.every(isRecord) ? (list as unknown as TopologySpreadConstraint[]) : undefined;
}
