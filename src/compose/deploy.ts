/**
 * `deploy:` (compose spec 09-deploy.md) with swarm's defaults filled in, as `docker service create`
 * documents them: restart_policy condition any, delay 5s, max_attempts 0 (unlimited), window 0;
 * update_config parallelism 1, delay 0s, failure_action pause, monitor 5s, max_failure_ratio 0,
 * order stop-first. The legacy service keys `cpus`, `mem_limit` and `mem_reservation` (Compose v2
 * honours them) fold into deploy.resources, and `scale:` into deploy.replicas.
 */
import type { Deploy, FieldPath, ResourceSpec } from '../model';
import { type Checker, isRecord } from '../manifests';
import { checkBytes, checkCpus, checkDuration, checkInt, checkStringMap, checkStrings } from './checks';
import { warnUnknownKeys } from './keys';

function defaultDeploy(): Deploy {
  return {
    mode: 'replicated',
    replicas: 1,
    resources: { limits: {}, reservations: {} },
    restartPolicy: { condition: 'any', delayMs: 5_000, maxAttempts: 0, windowMs: 0 },
    placement: { constraints: [], preferences: [] },
    updateConfig: {
      parallelism: 1,
      delayMs: 0,
      failureAction: 'pause',
      monitorMs: 5_000,
      maxFailureRatio: 0,
      order: 'stop-first',
    },
    labels: {},
    present: false,
  };
}

const DEPLOY_KEYS = [
  'mode',
  'replicas',
  'resources',
  'restart_policy',
  'placement',
  'update_config',
  'labels',
];
const DEPLOY_UNMODELLED = ['endpoint_mode', 'rollback_config'];

function oneOf<T extends string>(
  c: Checker,
  v: unknown,
  path: FieldPath,
  allowed: readonly T[],
): T | undefined {
  if (typeof v === 'string' && (allowed as readonly string[]).includes(v)) return v as T;
  return c.error(path, `invalid value ${JSON.stringify(v)}`, `one of: ${allowed.join(', ')}`);
}

function resources(c: Checker, raw: unknown, path: FieldPath): ResourceSpec {
  const m = c.map(raw, path);
  const out: ResourceSpec = {};
  if (m === undefined) return out;
  warnUnknownKeys(c, m, path, ['cpus', 'memory'], ['pids', 'devices', 'generic_resources']);
  if (m.cpus !== undefined) {
    const cpus = checkCpus(c, m.cpus, [...path, 'cpus']);
    if (cpus !== undefined) out.cpus = cpus;
  }
  if (m.memory !== undefined) {
    const bytes = checkBytes(c, m.memory, [...path, 'memory']);
    if (bytes !== undefined) out.memoryBytes = bytes;
  }
  return out;
}

/** Reads `deploy:` of the service at `path` (the service map is `svc`) into `d`. */
export function parseDeploy(c: Checker, svc: Record<string, unknown>, path: FieldPath): Deploy {
  const d = defaultDeploy();
  const legacy = (key: string, into: 'limits' | 'reservations', field: keyof ResourceSpec) => {
    if (svc[key] === undefined) return;
    if (field === 'cpus') {
      const v = checkCpus(c, svc[key], [...path, key]);
      if (v !== undefined) d.resources[into].cpus = v;
    } else {
      const v = checkBytes(c, svc[key], [...path, key]);
      if (v !== undefined) d.resources[into].memoryBytes = v;
    }
  };
  legacy('cpus', 'limits', 'cpus');
  legacy('mem_limit', 'limits', 'memoryBytes');
  legacy('mem_reservation', 'reservations', 'memoryBytes');
  const dp = [...path, 'deploy'];
  const raw = svc.deploy;
  if (raw !== undefined && raw !== null) {
    const m = c.map(raw, dp);
    if (m !== undefined) {
      d.present = true;
      readDeploy(c, m, dp, d);
    }
  }
  if (svc.scale !== undefined) {
    const scale = checkInt(c, svc.scale, [...path, 'scale']);
    if (scale !== undefined) {
      const written = isRecord(raw) && raw.replicas !== undefined;
      // Compose refuses two different counts ("can't set distinct values on 'scale' and 'deploy.replicas'").
      if (written && scale !== d.replicas)
        c.error(
          [...path, 'scale'],
          `scale ${scale} differs from deploy.replicas ${d.replicas}`,
          'one of them, or equal values',
        );
      d.replicas = scale;
    }
  }
  return d;
}

function readDeploy(c: Checker, m: Record<string, unknown>, dp: FieldPath, d: Deploy): void {
  warnUnknownKeys(c, m, dp, DEPLOY_KEYS, DEPLOY_UNMODELLED);
  if (m.mode !== undefined) {
    // replicated-job and global-job (compose spec) run to completion: not modelled.
    d.mode = oneOf(c, m.mode, [...dp, 'mode'], ['replicated', 'global'] as const) ?? d.mode;
  }
  if (m.replicas !== undefined && m.replicas !== null) {
    d.replicas = checkInt(c, m.replicas, [...dp, 'replicas']) ?? d.replicas;
    if (d.mode === 'global') c.warn([...dp, 'replicas'], 'ignored in global mode (one task per node)');
  }
  if (m.resources !== undefined) {
    const r = c.map(m.resources, [...dp, 'resources']);
    if (r !== undefined) {
      warnUnknownKeys(c, r, [...dp, 'resources'], ['limits', 'reservations']);
      if (r.limits !== undefined)
        d.resources.limits = {
          ...d.resources.limits,
          ...resources(c, r.limits, [...dp, 'resources', 'limits']),
        };
      if (r.reservations !== undefined)
        d.resources.reservations = {
          ...d.resources.reservations,
          ...resources(c, r.reservations, [...dp, 'resources', 'reservations']),
        };
    }
  }
  if (m.restart_policy !== undefined) {
    const p = [...dp, 'restart_policy'];
    const r = c.map(m.restart_policy, p);
    if (r !== undefined) {
      warnUnknownKeys(c, r, p, ['condition', 'delay', 'max_attempts', 'window']);
      const rp = d.restartPolicy;
      if (r.condition !== undefined)
        rp.condition =
          oneOf(c, r.condition, [...p, 'condition'], ['none', 'on-failure', 'any'] as const) ?? rp.condition;
      if (r.delay !== undefined) rp.delayMs = checkDuration(c, r.delay, [...p, 'delay']) ?? rp.delayMs;
      if (r.max_attempts !== undefined)
        rp.maxAttempts = checkInt(c, r.max_attempts, [...p, 'max_attempts']) ?? rp.maxAttempts;
      if (r.window !== undefined) rp.windowMs = checkDuration(c, r.window, [...p, 'window']) ?? rp.windowMs;
    }
  }
  if (m.placement !== undefined) placement(c, m.placement, [...dp, 'placement'], d);
  if (m.update_config !== undefined) {
    const p = [...dp, 'update_config'];
    const u = c.map(m.update_config, p);
    if (u !== undefined) {
      warnUnknownKeys(c, u, p, [
        'parallelism',
        'delay',
        'failure_action',
        'monitor',
        'max_failure_ratio',
        'order',
      ]);
      const uc = d.updateConfig;
      if (u.parallelism !== undefined)
        uc.parallelism = checkInt(c, u.parallelism, [...p, 'parallelism']) ?? uc.parallelism;
      if (u.delay !== undefined) uc.delayMs = checkDuration(c, u.delay, [...p, 'delay']) ?? uc.delayMs;
      if (u.failure_action !== undefined)
        uc.failureAction =
          oneOf(c, u.failure_action, [...p, 'failure_action'], ['continue', 'rollback', 'pause'] as const) ??
          uc.failureAction;
      if (u.monitor !== undefined)
        uc.monitorMs = checkDuration(c, u.monitor, [...p, 'monitor']) ?? uc.monitorMs;
      if (u.max_failure_ratio !== undefined) {
        const raw = u.max_failure_ratio;
        const r = typeof raw === 'number' || typeof raw === 'string' ? Number(raw) : Number.NaN;
        if (raw === '' || !Number.isFinite(r) || r < 0 || r > 1)
          c.error(
            [...p, 'max_failure_ratio'],
            `invalid ratio ${JSON.stringify(u.max_failure_ratio)}`,
            'a number from 0 to 1',
          );
        else uc.maxFailureRatio = r;
      }
      if (u.order !== undefined)
        uc.order = oneOf(c, u.order, [...p, 'order'], ['stop-first', 'start-first'] as const) ?? uc.order;
    }
  }
  if (m.labels !== undefined) d.labels = checkStringMap(c, m.labels, [...dp, 'labels'])?.values ?? {};
}

function placement(c: Checker, raw: unknown, p: FieldPath, d: Deploy): void {
  const m = c.map(raw, p);
  if (m === undefined) return;
  warnUnknownKeys(c, m, p, ['constraints', 'preferences', 'max_replicas_per_node']);
  if (m.constraints !== undefined)
    d.placement.constraints = checkStrings(c, m.constraints, [...p, 'constraints']) ?? [];
  if (m.preferences !== undefined) {
    const list = c.list(m.preferences, [...p, 'preferences']) ?? [];
    list.forEach((pref, i) => {
      // `- spread: node.labels.zone` (the only preference swarm has).
      if (isRecord(pref) && typeof pref.spread === 'string') d.placement.preferences.push(pref.spread);
      else c.wrongType([...p, 'preferences', i], pref, 'a map such as {spread: node.labels.zone}');
    });
  }
  if (m.max_replicas_per_node !== undefined) {
    const n = checkInt(c, m.max_replicas_per_node, [...p, 'max_replicas_per_node']);
    if (n !== undefined) d.placement.maxReplicasPerNode = n;
  }
}
