/**
 * Loading Kubernetes manifests: multi-document YAML (empty documents skipped, `kind: List` and
 * `*List` items unpacked) into the object shapes of src/model/objects.ts, checked and defaulted as
 * the apiserver would, with every problem located at `file:line:column`.
 *
 * Kinds: Pod, Deployment, ReplicaSet, Namespace, Service and NetworkPolicy are modelled. Other built-in Kubernetes kinds
 * (Service, ConfigMap, StatefulSet, ...) are returned in `ignored` with a located warning, not an
 * error: real-world manifests mix them in, and refusing a whole file because of its Service would
 * stop a student from simulating the Deployment next to it. A kind Kubernetes itself does not have
 * (a typo such as `Deploymnet`, or a custom resource) is an error, since silently skipping it would
 * hide the mistake. `strictKinds: true` makes unmodelled built-ins errors too.
 */
import {
  defaultDeployment,
  defaultNamespace,
  defaultNetworkPolicy,
  defaultPod,
  defaultService,
  defaultReplicaSet,
  type DeploymentSpecInput,
} from './defaults';
import type { ManifestLoadResult, ModeledObject } from './loadResult';
import { Checker, closest, describeValue, isRecord } from './loadChecks';
import { checkPodSpec } from './loadPodSpec';
import { priorityClassResult } from './loadPriorityClassResult';
import { checkNetworkPolicySpec } from './loadNetwork';
import { checkServiceSpec } from './loadServiceSpec';
import { checkMeta, checkWorkloadSpec } from './loadWorkload';
import { isEmptyDocument, type Locator, locatorFor, parseYamlDocuments, yamlToJS } from './loadYaml';

/** The kinds Flotilla models, with their API version. */
const MODELED_KINDS = {
  Pod: 'v1',
  Deployment: 'apps/v1',
  ReplicaSet: 'apps/v1',
  Namespace: 'v1',
  Service: 'v1',
  NetworkPolicy: 'networking.k8s.io/v1',
} as const;
type ModeledKind = keyof typeof MODELED_KINDS;

/** Built-in Kubernetes kinds that Flotilla does not model yet: loaded files may contain them. */
const UNMODELED_KINDS: ReadonlySet<string> = new Set([
  'Endpoints',
  'EndpointSlice',
  'ConfigMap',
  'Secret',
  'ServiceAccount',
  'StatefulSet',
  'DaemonSet',
  'Job',
  'CronJob',
  'ReplicationController',
  'HorizontalPodAutoscaler',
  'PodDisruptionBudget',
  'Ingress',
  'IngressClass',
  'PersistentVolume',
  'PersistentVolumeClaim',
  'StorageClass',
  'Role',
  'RoleBinding',
  'ClusterRole',
  'ClusterRoleBinding',
  'LimitRange',
  'ResourceQuota',
  'PriorityClass',
  'PodTemplate',
  'RuntimeClass',
  'CustomResourceDefinition',
  'MutatingWebhookConfiguration',
  'ValidatingWebhookConfiguration',
  'APIService',
  'CSIDriver',
  'VolumeAttachment',
  'Lease',
  'Event',
  'Node',
  'ControllerRevision',
]);

const MODELED_LIST = Object.keys(MODELED_KINDS).join(', ');

export interface ManifestOptions {
  /** Refuse unmodelled built-in kinds instead of ignoring them (default false). */
  strictKinds?: boolean;
}

function emptyResult(): ManifestLoadResult {
  return { objects: [], ignored: [], errors: [], warnings: [] };
}

/** Parses and checks every document of a manifest file. `file` is only used in messages. */
export function loadManifests(text: string, file: string, options: ManifestOptions = {}): ManifestLoadResult {
  const out = emptyResult();
  const { sources, errors } = parseYamlDocuments(text, file);
  out.errors.push(...errors);
  for (const src of sources) {
    // A document with a syntax error is reported above; loading what was recovered would add noise.
    if (src.doc.errors.length > 0 || isEmptyDocument(src)) continue;
    const js = yamlToJS(src);
    if ('error' in js) out.errors.push(js.error);
    else merge(out, loadManifestValue(js.value, locatorFor(src), options));
  }
  return out;
}

function merge(into: ManifestLoadResult, from: ManifestLoadResult): void {
  into.objects.push(...from.objects);
  into.ignored.push(...from.ignored);
  into.errors.push(...from.errors);
  into.warnings.push(...from.warnings);
}

/**
 * Checks one already-parsed object (or List of objects); `at` locates its fields (for an object
 * inline in a scenario file, a locator at `apply[i]`).
 */
export function loadManifestValue(
  raw: unknown,
  at: Locator,
  options: ManifestOptions = {},
): ManifestLoadResult {
  const out = emptyResult();
  const c = new Checker(at);
  const source = at.at([]);
  if (!isRecord(raw)) {
    c.error(
      [],
      `expected a Kubernetes object (a map with apiVersion, kind and metadata), got ${describeValue(raw)}`,
    );
    out.errors.push(...c.errors);
    return out;
  }
  const kind = c.string(raw.kind, ['kind']);
  const apiVersion = c.string(raw.apiVersion, ['apiVersion']);
  if (kind === undefined || apiVersion === undefined) {
    out.errors.push(...c.errors);
    return out;
  }
  if (kind === 'List' || (kind.endsWith('List') && Array.isArray(raw.items))) {
    const items = c.list(raw.items, ['items']) ?? [];
    out.errors.push(...c.errors);
    for (const [i, item] of items.entries())
      merge(out, loadManifestValue(item, at.child(['items', i]), options));
    return out;
  }
  if (kind === 'PriorityClass') return priorityClassResult(raw, at);
  if (!(kind in MODELED_KINDS)) {
    const meta = isRecord(raw.metadata) ? raw.metadata : {};
    const name = typeof meta.name === 'string' ? meta.name : '';
    const message = `unsupported kind "${kind}" (Flotilla models: ${MODELED_LIST})`;
    if (UNMODELED_KINDS.has(kind) && options.strictKinds !== true) {
      const ns = typeof meta.namespace === 'string' ? meta.namespace : undefined;
      out.ignored.push({ apiVersion, kind, name, ...(ns === undefined ? {} : { namespace: ns }), source });
      out.warnings.push(at.error(['kind'], `${message}; ${kind}/${name} is ignored`, undefined, 'warning'));
    } else {
      const guess = closest(kind, Object.keys(MODELED_KINDS));
      out.errors.push(at.error(['kind'], message, guess === undefined ? undefined : `"${guess}"`));
    }
    return out;
  }
  const k = kind as ModeledKind;
  if (apiVersion !== MODELED_KINDS[k]) {
    // kubectl's own words for a kind served under another group/version.
    out.errors.push(
      at.error(
        ['apiVersion'],
        `no matches for kind "${k}" in version "${apiVersion}"`,
        `apiVersion: ${MODELED_KINDS[k]}`,
      ),
    );
    return out;
  }
  for (const key of Object.keys(raw)) {
    if (!['apiVersion', 'kind', 'metadata', 'spec', 'status'].includes(key))
      c.errors.push(at.keyError([key], `unknown field "${key}"`, 'apiVersion, kind, metadata, spec'));
  }
  const object = buildObject(c, k, raw);
  out.errors.push(...c.errors);
  out.warnings.push(...c.warnings);
  if (object !== undefined && c.errors.length === 0) out.objects.push({ object, source });
  return out;
}

function buildObject(c: Checker, kind: ModeledKind, raw: Record<string, unknown>): ModeledObject | undefined {
  switch (kind) {
    case 'Namespace': {
      const meta = checkMeta(c, raw.metadata, false, 'label');
      return meta && defaultNamespace(meta);
    }
    case 'Pod': {
      const meta = checkMeta(c, raw.metadata, true, 'subdomain');
      const spec = checkPodSpec(c, raw.spec, ['spec'], false);
      return meta && spec && defaultPod(meta, spec);
    }
    case 'Service': {
      const meta = checkMeta(c, raw.metadata, true, 'label');
      const spec = checkServiceSpec(c, raw.spec);
      return meta && spec && defaultService(meta, spec);
    }
    case 'NetworkPolicy': {
      const meta = checkMeta(c, raw.metadata, true, 'subdomain');
      const spec = checkNetworkPolicySpec(c, raw.spec);
      return meta && spec && defaultNetworkPolicy(meta, spec);
    }
    case 'ReplicaSet':
    case 'Deployment': {
      const meta = checkMeta(c, raw.metadata, true, 'subdomain');
      const spec = checkWorkloadSpec(c, raw.spec, kind);
      if (meta === undefined || spec === undefined) return undefined;
      return kind === 'Deployment'
        ? defaultDeployment(meta, spec as DeploymentSpecInput)
        : defaultReplicaSet(meta, spec);
    }
  }
}
