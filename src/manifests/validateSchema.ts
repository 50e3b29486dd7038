/**
 * Validation of Kubernetes objects against Kubernetes' published OpenAPI schema, through the
 * `kubernetes-models` package (its validators are generated from that schema and precompiled).
 * Used for what Flotilla writes for a real cluster (`flotilla export`, `flotilla convert`), so a
 * student never gets YAML that `kubectl apply` would reject for a type or a missing field.
 *
 * Not re-exported from `./index` on purpose: the schemas are large and only the CLI needs them,
 * so the browser bundle never pulls them in. Import this module directly.
 *
 * On top of the schema, the names the API server checks (metadata.name/namespace, label keys and
 * values) are checked here, because the OpenAPI schema does not express them. What neither checks:
 * unknown fields (the published schema allows them; `kubectl apply`'s strict field validation
 * rejects them server-side) and cross-field rules (e.g. a selector matching the template's labels).
 */
import { Deployment } from 'kubernetes-models/apps/v1/Deployment';
import { DaemonSet } from 'kubernetes-models/apps/v1/DaemonSet';
import { ReplicaSet } from 'kubernetes-models/apps/v1/ReplicaSet';
import { StatefulSet } from 'kubernetes-models/apps/v1/StatefulSet';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler';
import { CronJob } from 'kubernetes-models/batch/v1/CronJob';
import { Job } from 'kubernetes-models/batch/v1/Job';
import { EndpointSlice } from 'kubernetes-models/discovery.k8s.io/v1/EndpointSlice';
import { Ingress } from 'kubernetes-models/networking.k8s.io/v1/Ingress';
import { NetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicy';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1/PodDisruptionBudget';
import { PriorityClass } from 'kubernetes-models/scheduling.k8s.io/v1/PriorityClass';
import { StorageClass } from 'kubernetes-models/storage.k8s.io/v1/StorageClass';
import { ConfigMap } from 'kubernetes-models/v1/ConfigMap';
import { LimitRange } from 'kubernetes-models/v1/LimitRange';
import { Namespace } from 'kubernetes-models/v1/Namespace';
import { PersistentVolume } from 'kubernetes-models/v1/PersistentVolume';
import { PersistentVolumeClaim } from 'kubernetes-models/v1/PersistentVolumeClaim';
import { Pod } from 'kubernetes-models/v1/Pod';
import { ResourceQuota } from 'kubernetes-models/v1/ResourceQuota';
import { Secret } from 'kubernetes-models/v1/Secret';
import { Service } from 'kubernetes-models/v1/Service';
import { ServiceAccount } from 'kubernetes-models/v1/ServiceAccount';
import { DNS1123_LABEL, DNS1123_SUBDOMAIN, isLabelKey, isLabelValue, isRecord } from './loadChecks';
import { type FieldPath, formatPath } from '../model';

/** One schema violation: where (a field path inside the object) and what is wrong. */
export interface SchemaIssue {
  readonly path: FieldPath;
  readonly message: string;
}

interface ModelClass {
  readonly apiVersion: string;
  readonly kind: string;
  new (data: never): { validate(): void };
}

const MODELS: readonly ModelClass[] = [
  ConfigMap,
  CronJob,
  DaemonSet,
  Deployment,
  EndpointSlice,
  HorizontalPodAutoscaler,
  Ingress,
  Job,
  LimitRange,
  Namespace,
  NetworkPolicy,
  PersistentVolume,
  PersistentVolumeClaim,
  Pod,
  PodDisruptionBudget,
  PriorityClass,
  ReplicaSet,
  ResourceQuota,
  Secret,
  Service,
  ServiceAccount,
  StatefulSet,
  StorageClass,
];

const BY_TYPE: ReadonlyMap<string, ModelClass> = new Map(MODELS.map((m) => [`${m.apiVersion}/${m.kind}`, m]));

/** `apiVersion/kind` pairs this validator has a schema for, sorted. */
export const VALIDATED_TYPES: readonly string[] = [...BY_TYPE.keys()].sort();

/** Kinds that are not namespaced (a `metadata.namespace` on them is an error). */
const CLUSTER_SCOPED: ReadonlySet<string> = new Set([
  'Namespace',
  'PersistentVolume',
  'PriorityClass',
  'StorageClass',
]);

/**
 * Every problem with `obj` as a Kubernetes object, as `field.path: message` lines (empty when it
 * is valid), e.g. `spec.replicas: must be integer`.
 */
export function validateKubernetesObject(obj: unknown): string[] {
  return schemaIssues(obj).map((i) =>
    i.path.length === 0 ? i.message : `${formatPath(i.path)}: ${i.message}`,
  );
}

/**
 * The problems of a list of objects, one line each, named as kubectl names them:
 * `Deployment shop/web: spec.replicas: must be integer`. Empty when every object is valid.
 */
export function validateKubernetesObjects(objects: readonly unknown[]): string[] {
  return objects.flatMap((o) => {
    const meta = isRecord(o) && isRecord(o.metadata) ? o.metadata : {};
    const kind = isRecord(o) && typeof o.kind === 'string' ? o.kind : 'object';
    const ns = typeof meta.namespace === 'string' ? `${meta.namespace}/` : '';
    const name = typeof meta.name === 'string' ? meta.name : '';
    return validateKubernetesObject(o).map((m) => `${kind} ${ns}${name}: ${m}`);
  });
}

/** Same as {@link validateKubernetesObject}, with paths kept as lists (to locate them in YAML). */
export function schemaIssues(obj: unknown): SchemaIssue[] {
  if (!isRecord(obj)) return [{ path: [], message: 'must be a mapping (a Kubernetes object)' }];
  const { apiVersion, kind } = obj;
  if (typeof apiVersion !== 'string' || typeof kind !== 'string') {
    return [
      ...(typeof apiVersion === 'string' ? [] : [{ path: ['apiVersion'], message: 'must be a string' }]),
      ...(typeof kind === 'string' ? [] : [{ path: ['kind'], message: 'must be a string' }]),
    ];
  }
  const model = BY_TYPE.get(`${apiVersion}/${kind}`);
  if (model === undefined) {
    return [
      {
        path: ['kind'],
        message: `no schema for ${apiVersion} ${kind} (validated: ${VALIDATED_TYPES.join(', ')})`,
      },
    ];
  }
  return [...schemaErrors(model, obj), ...nameIssues(kind, obj.metadata)];
}

/** The ajv error shape `kubernetes-models` throws (only the fields read here). */
interface AjvError {
  readonly instancePath: string;
  readonly keyword: string;
  readonly params: Record<string, unknown>;
  readonly message?: string;
}

function schemaErrors(model: ModelClass, obj: Record<string, unknown>): SchemaIssue[] {
  try {
    new model(obj as never).validate();
    return [];
  } catch (e) {
    const errors = isRecord(e) && Array.isArray(e.errors) ? (e.errors as AjvError[]) : undefined;
    if (errors === undefined) throw e;
    return summarise(errors);
  }
}

/**
 * One issue per field. Int-or-string and quantity fields are `oneOf` schemas, which ajv reports as
 * one error per branch plus the `oneOf`: fold those into one message ("must be integer or
 * string", or the format the string missed).
 */
function summarise(errors: readonly AjvError[]): SchemaIssue[] {
  const byPath = new Map<string, AjvError[]>();
  for (const e of errors) {
    const at =
      e.keyword === 'required' ? `${e.instancePath}/${String(e.params.missingProperty)}` : e.instancePath;
    byPath.set(at, [...(byPath.get(at) ?? []), e]);
  }
  const out: SchemaIssue[] = [];
  for (const [at, group] of byPath) {
    const path = pointerToPath(at);
    const formats = group.filter((e) => e.keyword === 'format');
    const types = group.filter((e) => e.keyword === 'type');
    const rest = group.filter((e) => !['format', 'type', 'oneOf', 'anyOf'].includes(e.keyword));
    for (const e of rest) out.push({ path, message: messageOf(e) });
    if (formats.length > 0) {
      out.push({
        path,
        message: `must be a valid ${formats.map((e) => String(e.params.format)).join(' or ')}`,
      });
    } else if (types.length > 0) {
      out.push({
        path,
        message: `must be ${[...new Set(types.map((e) => String(e.params.type)))].sort().join(' or ')}`,
      });
    } else if (rest.length === 0) {
      for (const e of group) out.push({ path, message: messageOf(e) });
    }
  }
  return out;
}

function messageOf(e: AjvError): string {
  switch (e.keyword) {
    case 'required':
      return 'required field is missing';
    case 'enum':
      return `must be one of: ${(e.params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
    default:
      return e.message ?? `fails ${e.keyword} ${JSON.stringify(e.params)}`;
  }
}

/** `/spec/ports/0/port` → `['spec', 'ports', 0, 'port']` (JSON Pointer, RFC 6901). */
function pointerToPath(pointer: string): FieldPath {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^(0|[1-9]\d*)$/.test(s) ? Number(s) : s));
}

// Name rules of the API server (k8s.io/apimachinery/pkg/util/validation), which the OpenAPI
// schema does not carry. DNS-1123 and label rules are shared with the manifest loader.
const DNS1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;

function nameIssues(kind: string, metadata: unknown): SchemaIssue[] {
  if (!isRecord(metadata)) return [{ path: ['metadata', 'name'], message: 'required field is missing' }];
  const out: SchemaIssue[] = [];
  const { name, generateName, namespace, labels } = metadata;
  if (typeof name === 'string') {
    const problem = nameProblem(kind, name);
    if (problem !== undefined) out.push({ path: ['metadata', 'name'], message: problem });
  } else if (typeof generateName !== 'string') {
    out.push({ path: ['metadata', 'name'], message: 'required field is missing' });
  }
  if (typeof namespace === 'string') {
    if (CLUSTER_SCOPED.has(kind)) {
      out.push({ path: ['metadata', 'namespace'], message: `${kind} is not namespaced` });
    } else if (!(namespace.length <= 63 && DNS1123_LABEL.test(namespace))) {
      out.push({ path: ['metadata', 'namespace'], message: `"${namespace}" is not a valid namespace name` });
    }
  }
  if (isRecord(labels)) {
    for (const [key, value] of Object.entries(labels)) {
      if (!isLabelKey(key)) out.push({ path: ['metadata', 'labels', key], message: 'invalid label key' });
      if (typeof value === 'string' && !isLabelValue(value)) {
        out.push({
          path: ['metadata', 'labels', key],
          message: `invalid label value "${value}" (at most 63 letters, digits, '-', '_', '.', starting and ending alphanumeric)`,
        });
      }
    }
  }
  return out;
}

function nameProblem(kind: string, name: string): string | undefined {
  if (kind === 'Service') {
    return name.length <= 63 && DNS1035_LABEL.test(name)
      ? undefined
      : `"${name}" is not a valid Service name (a DNS-1035 label: lower-case letters, digits and '-', starting with a letter, at most 63)`;
  }
  if (kind === 'Namespace') {
    return name.length <= 63 && DNS1123_LABEL.test(name)
      ? undefined
      : `"${name}" is not a valid Namespace name (a DNS-1123 label: lower-case letters, digits and '-', at most 63)`;
  }
  return name.length <= 253 && DNS1123_SUBDOMAIN.test(name)
    ? undefined
    : `"${name}" is not a valid name (a DNS-1123 subdomain: lower-case letters, digits, '-' and '.', at most 253)`;
}
