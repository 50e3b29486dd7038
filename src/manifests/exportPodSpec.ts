/**
 * A pod spec for `flotilla export` (exportObjects.ts): without the values the API server fills in by
 * defaulting (SetDefaults_PodSpec, SetDefaults_Container, SetDefaults_Probe, SetDefaults_Pod in
 * pkg/apis/core/v1/defaults.go), and, for a Pod, without what the scheduler and admission added.
 */
import {
  type Container,
  type PodSpec,
  type Probe,
  TAINT_NOT_READY,
  TAINT_UNREACHABLE,
  type Toleration,
} from '../model';
import {
  DEFAULT_SCHEDULER_NAME,
  DEFAULT_TERMINATION_GRACE_PERIOD_SECONDS,
  defaultContainer,
} from './defaults';

/**
 * A pod spec without the API's defaults. For a Pod (not a template), `pod` also says what the
 * person applied, so that what the scheduler and admission added (nodeName, tolerations,
 * priority) is left out unless the person wrote it.
 */
export function podSpec(
  spec: PodSpec,
  pod: { given: PodSpec | undefined; tolerationSeconds: number } | undefined,
) {
  const given = pod?.given;
  const out: Record<string, unknown> = { ...spec };
  if (out.dnsPolicy === 'ClusterFirst') delete out.dnsPolicy;
  if (isEmptyObject(out.securityContext)) delete out.securityContext;
  if (spec.restartPolicy === 'Always') delete out.restartPolicy;
  if (spec.terminationGracePeriodSeconds === DEFAULT_TERMINATION_GRACE_PERIOD_SECONDS)
    delete out.terminationGracePeriodSeconds;
  if (spec.schedulerName === DEFAULT_SCHEDULER_NAME) delete out.schedulerName;
  out.containers = spec.containers.map((c) => container(c, pod !== undefined));
  if (spec.initContainers !== undefined)
    out.initContainers = spec.initContainers.map((c) => container(c, pod !== undefined));
  if (pod !== undefined) {
    // Priority admission fills these from the class; the API refuses a priority that disagrees.
    delete out.priority;
    if (given?.preemptionPolicy === undefined) delete out.preemptionPolicy;
    if (given?.priorityClassName === undefined) delete out.priorityClassName;
    if (given?.nodeName === undefined) delete out.nodeName;
    if (given?.tolerations === undefined) {
      const own = (spec.tolerations ?? []).filter((t) => !admissionAdded(t, pod.tolerationSeconds));
      if (own.length === 0) delete out.tolerations;
      else out.tolerations = own;
    }
  }
  return out;
}

/** A toleration the DefaultTolerationSeconds admission plugin adds (src/engine/admission.ts). */
function admissionAdded(t: Toleration, seconds: number): boolean {
  return (
    (t.key === TAINT_NOT_READY || t.key === TAINT_UNREACHABLE) &&
    t.operator === 'Exists' &&
    t.effect === 'NoExecute' &&
    t.tolerationSeconds === seconds &&
    t.value === undefined
  );
}

/** A container without the API's defaults (SetDefaults_Container, SetDefaults_Probe, SetDefaults_Pod). */
function container(c: Container, isPod: boolean): Record<string, unknown> {
  const out: Record<string, unknown> = { ...c };
  const defaults = defaultContainer({ name: c.name, image: c.image });
  for (const k of ['terminationMessagePath', 'terminationMessagePolicy', 'imagePullPolicy'] as const)
    if (out[k] === defaults[k]) delete out[k];
  if (c.ports !== undefined)
    out.ports = c.ports.map((p) => (p.protocol === 'TCP' ? { ...p, protocol: undefined } : p));
  for (const k of ['livenessProbe', 'readinessProbe', 'startupProbe'] as const) {
    const p = c[k];
    if (p !== undefined) out[k] = probe(p);
  }
  const requests = c.resources?.requests;
  const limits = c.resources?.limits;
  if (isPod && requests !== undefined && limits !== undefined) {
    // SetDefaults_Pod copies limits into missing requests: a request equal to its limit is implied.
    const own = Object.entries(requests).filter(([k, v]) => limits[k] !== v);
    out.resources = {
      ...c.resources,
      requests: own.length === 0 ? undefined : Object.fromEntries(own),
    };
  }
  return out;
}

function probe(p: Probe): Record<string, unknown> {
  const out: Record<string, unknown> = { ...p };
  const dflt = { timeoutSeconds: 1, periodSeconds: 10, successThreshold: 1, failureThreshold: 3 } as const;
  for (const [k, v] of Object.entries(dflt)) if (out[k] === v) delete out[k];
  if (p.httpGet !== undefined)
    out.httpGet = {
      ...p.httpGet,
      path: p.httpGet.path === '/' ? undefined : p.httpGet.path,
      scheme: p.httpGet.scheme === 'HTTP' ? undefined : p.httpGet.scheme,
    };
  return out;
}

function isEmptyObject(v: unknown): boolean {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && Object.keys(v).length === 0;
}
