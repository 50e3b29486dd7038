/**
 * Checks and defaults a container's liveness, readiness and startup probes as the API server does:
 * validation after K pkg/apis/core/validation/validation.go (validateProbe, validateHandler,
 * validateLivenessProbe, validateReadinessProbe, validateStartupProbe) and defaults after
 * K pkg/apis/core/v1/defaults.go (SetDefaults_Probe: timeoutSeconds 1, periodSeconds 10,
 * successThreshold 1, failureThreshold 3; SetDefaults_HTTPGetAction: path "/", scheme HTTP).
 */
import type { FieldPath, Probe } from '../model';
import { Checker, isRecord } from './loadChecks';

const PROBE_FIELDS = ['livenessProbe', 'readinessProbe', 'startupProbe'] as const;
type ProbeField = (typeof PROBE_FIELDS)[number];

const HANDLERS = ['exec', 'httpGet', 'tcpSocket', 'grpc'] as const;
const NUMBERS = [
  'initialDelaySeconds',
  'timeoutSeconds',
  'periodSeconds',
  'successThreshold',
  'failureThreshold',
] as const;
/** IANA_SVC_NAME (K staging/src/k8s.io/apimachinery/pkg/util/validation IsValidPortName). */
const PORT_NAME = /^(?=.*[a-z])[a-z0-9]([a-z0-9-]*[a-z0-9])?$/;

/** A port given as a number (1..65535) or a name of a container port; warns if the name is not one. */
function checkPort(
  c: Checker,
  v: unknown,
  path: FieldPath,
  portNames: readonly string[],
  numberOnly = false,
): void {
  if (typeof v === 'number') {
    if (!Number.isInteger(v) || v < 1 || v > 65535)
      c.error(path, `Invalid value: ${v}: must be between 1 and 65535, inclusive`);
    return;
  }
  if (numberOnly || typeof v !== 'string') {
    if (v === undefined) c.missing(path);
    else c.wrongType(path, v, numberOnly ? 'a port number' : 'a port number or name');
    return;
  }
  if (v.length > 15 || !PORT_NAME.test(v) || v.includes('--'))
    c.error(
      path,
      `Invalid value: "${v}": must be no more than 15 characters, lowercase alphanumeric or '-', with at least one letter`,
    );
  else if (!portNames.includes(v))
    c.warn(
      path,
      `no container port is named "${v}": the kubelet's probe will fail to find it`,
      portNames.length > 0 ? `one of: ${portNames.join(', ')}` : 'a port number',
    );
}

/** Checks one probe; returns it with the API defaults filled in, or undefined if it is invalid. */
function checkProbe(
  c: Checker,
  v: unknown,
  path: FieldPath,
  field: ProbeField,
  portNames: readonly string[],
): Probe | undefined {
  const m = c.map(v, path);
  if (m === undefined) return undefined;
  const before = c.errors.length;
  const given = HANDLERS.filter((h) => m[h] !== undefined);
  if (given.length === 0)
    c.error(path, 'Required value: must specify a handler type', `one of: ${HANDLERS.join(', ')}`);
  for (const h of given.slice(1))
    c.error([...path, h], 'Forbidden: may not specify more than 1 handler type');
  const handler = given[0];
  const h = handler === undefined ? undefined : c.map(m[handler], [...path, handler]);
  const out: Record<string, unknown> = { ...m };
  if (handler === 'exec' && h !== undefined) {
    const cmd = h.command;
    if (!Array.isArray(cmd) || cmd.length === 0 || cmd.some((x) => typeof x !== 'string'))
      c.error([...path, 'exec', 'command'], 'Required value: a list of strings', '["cat", "/tmp/healthy"]');
  } else if (handler === 'httpGet' && h !== undefined) {
    checkPort(c, h.port, [...path, 'httpGet', 'port'], portNames);
    if (h.path !== undefined) c.string(h.path, [...path, 'httpGet', 'path']);
    if (h.scheme !== undefined && h.scheme !== 'HTTP' && h.scheme !== 'HTTPS')
      c.error(
        [...path, 'httpGet', 'scheme'],
        `Unsupported value: "${String(h.scheme)}"`,
        'one of: HTTP, HTTPS',
      );
    out.httpGet = { ...h, path: h.path ?? '/', scheme: h.scheme ?? 'HTTP' };
  } else if (handler === 'tcpSocket' && h !== undefined) {
    checkPort(c, h.port, [...path, 'tcpSocket', 'port'], portNames);
  } else if (handler === 'grpc' && h !== undefined) {
    checkPort(c, h.port, [...path, 'grpc', 'port'], portNames, true);
    if (h.service !== undefined) c.string(h.service, [...path, 'grpc', 'service']);
  }
  for (const n of NUMBERS) if (m[n] !== undefined) c.int(m[n], [...path, n], 0);
  const success = m.successThreshold;
  if (field !== 'readinessProbe' && typeof success === 'number' && success !== 0 && success !== 1)
    c.error([...path, 'successThreshold'], `Invalid value: ${success}: must be 1`);
  const grace = m.terminationGracePeriodSeconds;
  if (grace !== undefined) {
    if (field === 'readinessProbe')
      c.error(
        [...path, 'terminationGracePeriodSeconds'],
        'Invalid value: must not be set for readinessProbes',
      );
    else if (
      c.int(grace, [...path, 'terminationGracePeriodSeconds'], Number.MIN_SAFE_INTEGER) !== undefined &&
      (grace as number) <= 0
    )
      c.error(
        [...path, 'terminationGracePeriodSeconds'],
        `Invalid value: ${String(grace)}: must be greater than 0`,
      );
  }
  if (c.errors.length !== before) return undefined;
  const pos = (x: unknown, d: number) => (typeof x === 'number' && x > 0 ? x : d);
  return {
    ...(out as Probe),
    timeoutSeconds: pos(m.timeoutSeconds, 1),
    periodSeconds: pos(m.periodSeconds, 10),
    successThreshold: pos(m.successThreshold, 1),
    failureThreshold: pos(m.failureThreshold, 3),
  };
}

/** Checks and defaults the probes of a container record in place (on the loader's copy). */
export function checkProbes(
  c: Checker,
  m: Record<string, unknown>,
  out: Record<string, unknown>,
  path: FieldPath,
): void {
  const ports = Array.isArray(m.ports)
    ? m.ports.filter(isRecord).flatMap((p) => (typeof p.name === 'string' ? [p.name] : []))
    : [];
  for (const f of PROBE_FIELDS) {
    if (m[f] === undefined) continue;
    const p = checkProbe(c, m[f], [...path, f], f, ports);
    if (p !== undefined) out[f] = p;
  }
}
