/**
 * API defaulting: the fields the apiserver fills in when an object is created, so that what the
 * simulator stores looks like `kubectl get -o yaml` on a real cluster
 * (K pkg/apis/core/v1/defaults.go, pkg/apis/apps/v1/defaults.go). Inputs are already validated
 * (see loadManifests.ts); every function returns a new object and leaves its input alone.
 * Admission plugins (DefaultTolerationSeconds, Priority) are not defaulting: the engine applies them.
 */
import type {
  Container,
  Deployment,
  LabelSelector,
  Namespace,
  NetworkPolicy,
  ObjectMeta,
  Pod,
  PodSpec,
  PodTemplateSpec,
  ReplicaSet,
  RestartPolicy,
  RollingUpdateStrategy,
  Service,
} from '../model';
import type { NetworkPolicySpecInput } from './loadNetwork';
import type { ServiceSpecInput } from './loadServiceSpec';

/** A pod spec before defaulting: the fields the API defaults are optional. */
export interface PodSpecInput {
  containers: Container[];
  initContainers?: Container[];
  restartPolicy?: RestartPolicy;
  terminationGracePeriodSeconds?: number;
  schedulerName?: string;
  [field: string]: unknown;
}

interface PodTemplateInput {
  metadata: { labels?: Record<string, string>; annotations?: Record<string, string> };
  spec: PodSpecInput;
}

export interface ReplicaSetSpecInput {
  replicas?: number;
  selector: LabelSelector;
  template: PodTemplateInput;
  minReadySeconds?: number;
}

export interface DeploymentSpecInput extends ReplicaSetSpecInput {
  strategy?: RollingUpdateStrategy;
  revisionHistoryLimit?: number;
  progressDeadlineSeconds?: number;
  paused?: boolean;
}

/** Default grace period (K pkg/apis/core/v1/defaults.go: DefaultTerminationGracePeriodSeconds). */
export const DEFAULT_TERMINATION_GRACE_PERIOD_SECONDS = 30;
export const DEFAULT_SCHEDULER_NAME = 'default-scheduler';

/**
 * SetDefaults_Container: imagePullPolicy is Always for `:latest` or untagged images, IfNotPresent
 * otherwise; ports default to TCP; the termination message settings get their defaults.
 */
export function defaultContainer(c: Container): Container {
  const out: Container = {
    terminationMessagePath: '/dev/termination-log',
    terminationMessagePolicy: 'File',
    ...c,
    imagePullPolicy: c.imagePullPolicy ?? (isLatest(c.image) ? 'Always' : 'IfNotPresent'),
  };
  if (c.ports !== undefined) out.ports = c.ports.map((p) => ({ ...p, protocol: p.protocol ?? 'TCP' }));
  return out;
}

function isLatest(image: string): boolean {
  if (image.includes('@')) return false; // pinned by digest
  const lastPart = image.slice(image.lastIndexOf('/') + 1);
  const colon = lastPart.indexOf(':');
  return colon < 0 || lastPart.slice(colon + 1) === 'latest';
}

/** SetDefaults_PodSpec: restart policy, grace period, scheduler, DNS policy, security context. */
function defaultPodSpec(spec: PodSpecInput): PodSpec {
  const out: PodSpec = {
    dnsPolicy: 'ClusterFirst',
    securityContext: {},
    ...spec,
    containers: spec.containers.map(defaultContainer),
    restartPolicy: spec.restartPolicy ?? 'Always',
    terminationGracePeriodSeconds:
      spec.terminationGracePeriodSeconds ?? DEFAULT_TERMINATION_GRACE_PERIOD_SECONDS,
    schedulerName: spec.schedulerName ?? DEFAULT_SCHEDULER_NAME,
  };
  if (spec.initContainers !== undefined) out.initContainers = spec.initContainers.map(defaultContainer);
  return out;
}

/**
 * SetDefaults_Pod on top of the spec defaults: a container with limits but no requests gets its
 * requests set to the limits. Only pods get this, not templates (as in Kubernetes), so controllers
 * that create pods from a template should pass them through here too.
 */
export function defaultPod(metadata: ObjectMeta, spec: PodSpecInput): Pod {
  const s = defaultPodSpec(spec);
  const withRequests = (c: Container): Container => {
    const limits = c.resources?.limits;
    if (limits === undefined) return c;
    return { ...c, resources: { ...c.resources, requests: { ...limits, ...(c.resources?.requests ?? {}) } } };
  };
  s.containers = s.containers.map(withRequests);
  if (s.initContainers !== undefined) s.initContainers = s.initContainers.map(withRequests);
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata,
    spec: s,
    status: { phase: 'Pending', conditions: [], containerStatuses: [] },
  };
}

function defaultPodTemplate(t: PodTemplateInput): PodTemplateSpec {
  return { metadata: t.metadata, spec: defaultPodSpec(t.spec) };
}

/** SetDefaults_ReplicaSet: replicas 1. */
export function defaultReplicaSet(metadata: ObjectMeta, spec: ReplicaSetSpecInput): ReplicaSet {
  return {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata,
    spec: {
      ...spec,
      replicas: spec.replicas ?? 1,
      template: defaultPodTemplate(spec.template),
    },
    status: {
      replicas: 0,
      fullyLabeledReplicas: 0,
      readyReplicas: 0,
      availableReplicas: 0,
      observedGeneration: 0,
    },
  };
}

/**
 * SetDefaults_Deployment: replicas 1, RollingUpdate with maxSurge and maxUnavailable 25%,
 * revisionHistoryLimit 10, progressDeadlineSeconds 600, minReadySeconds 0.
 */
export function defaultDeployment(metadata: ObjectMeta, spec: DeploymentSpecInput): Deployment {
  const type = spec.strategy?.type ?? 'RollingUpdate';
  const strategy: RollingUpdateStrategy =
    type === 'RollingUpdate'
      ? {
          type,
          rollingUpdate: {
            maxSurge: spec.strategy?.rollingUpdate?.maxSurge ?? '25%',
            maxUnavailable: spec.strategy?.rollingUpdate?.maxUnavailable ?? '25%',
          },
        }
      : { type };
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata,
    spec: {
      ...spec,
      replicas: spec.replicas ?? 1,
      template: defaultPodTemplate(spec.template),
      strategy,
      minReadySeconds: spec.minReadySeconds ?? 0,
      revisionHistoryLimit: spec.revisionHistoryLimit ?? 10,
      progressDeadlineSeconds: spec.progressDeadlineSeconds ?? 600,
    },
    status: {
      replicas: 0,
      updatedReplicas: 0,
      readyReplicas: 0,
      availableReplicas: 0,
      unavailableReplicas: 0,
      observedGeneration: 0,
      conditions: [],
    },
  };
}

/**
 * A namespace is created Active with the `kubernetes` finalizer, and labelled
 * `kubernetes.io/metadata.name: <name>` by the API server (NamespaceDefaultLabelName, GA in v1.22),
 * so that NetworkPolicy namespaceSelectors can pick a namespace by name.
 */
export function defaultNamespace(metadata: ObjectMeta): Namespace {
  const { namespace: _ignored, ...rest } = metadata;
  const meta = { ...rest, labels: { ...(rest.labels ?? {}), 'kubernetes.io/metadata.name': rest.name } };
  return {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: meta,
    spec: { finalizers: ['kubernetes'] },
    status: { phase: 'Active' },
  };
}

/**
 * SetDefaults_Service: type ClusterIP, protocol TCP, targetPort = port, sessionAffinity None (with
 * ClientIP: timeoutSeconds 10800), externalTrafficPolicy Cluster for NodePort/LoadBalancer,
 * internalTrafficPolicy Cluster, single-stack IPv4. The ClusterIP and NodePorts are allocated when the
 * Service is created (src/network/services.ts).
 */
export function defaultService(metadata: ObjectMeta, spec: ServiceSpecInput): Service {
  const affinity = spec.sessionAffinity ?? 'None';
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata,
    spec: {
      type: spec.type,
      ...(spec.selector === undefined ? {} : { selector: spec.selector }),
      ports: spec.ports.map((p) => ({ ...p })),
      ...(spec.clusterIP === undefined ? {} : { clusterIP: spec.clusterIP }),
      sessionAffinity: affinity,
      ...(affinity === 'ClientIP'
        ? { sessionAffinityConfig: { clientIP: { timeoutSeconds: spec.timeoutSeconds ?? 10800 } } }
        : {}),
      ...(spec.publishNotReadyAddresses === undefined
        ? {}
        : { publishNotReadyAddresses: spec.publishNotReadyAddresses }),
      ...(spec.type === 'ClusterIP'
        ? {}
        : { externalTrafficPolicy: spec.externalTrafficPolicy ?? 'Cluster' }),
      internalTrafficPolicy: spec.internalTrafficPolicy ?? 'Cluster',
      ipFamilies: ['IPv4'],
      ipFamilyPolicy: 'SingleStack',
    },
    status: { loadBalancer: {} },
  };
}

/**
 * NetworkPolicy defaulting: policyTypes, when not given, is [Ingress], plus Egress when the policy
 * has egress rules (networking/v1 NetworkPolicySpec.policyTypes doc); ports default to TCP (done
 * when loading).
 */
export function defaultNetworkPolicy(metadata: ObjectMeta, spec: NetworkPolicySpecInput): NetworkPolicy {
  const policyTypes =
    spec.policyTypes ??
    (spec.egress !== undefined && spec.egress.length > 0 ? ['Ingress', 'Egress'] : ['Ingress']);
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata,
    spec: {
      podSelector: spec.podSelector,
      policyTypes: [...policyTypes],
      ...(spec.ingress === undefined ? {} : { ingress: spec.ingress }),
      ...(spec.egress === undefined ? {} : { egress: spec.egress }),
    },
  };
}
