/**
 * The user's objects of a simulated cluster as apply-able manifests (`flotilla export`): what a
 * person applied (Namespaces, PriorityClasses, NetworkPolicies, Services, Deployments, ReplicaSets
 * and Pods that no controller owns), with what they changed through commands (a `scale` changes
 * `replicas`, a later `apply` replaces a spec), and nothing the cluster added:
 *
 * - no status, uid, resourceVersion, creationTimestamp, generation, ownerReferences;
 * - no values the API server fills in by defaulting (they come back the same on a real cluster, so
 *   they are only clutter): dropping a field equal to its default never changes the meaning;
 * - no values the cluster allocated or admission added (ClusterIP, NodePort, a scheduled pod's
 *   nodeName, the DefaultTolerationSeconds tolerations, spec.priority), unless the person's own
 *   manifest set them: the allocated ones are told apart by looking at what was applied;
 * - no simulator-only annotations (`flotilla.dev/...`) or controller bookkeeping annotations;
 *   the user's own annotations stay.
 */
import {
  type ClusterState,
  type Deployment,
  type Namespace,
  type NetworkPolicy,
  type NetworkPolicyPort,
  type ObjectMeta,
  type Pod,
  type PodSpec,
  type ReplicaSet,
  type Service,
  valuesIn,
} from '../model';
import type { PriorityClass } from '../scheduler';
import { claimsOf, STAND_IN_SIZE, standInClaim } from './exportClaims';
import { annotationsOf, idOf, manifest, meta } from './exportManifest';
import { podSpec } from './exportPodSpec';
import type { ModeledObject } from './loadResult';
import type { JsonObject } from './serialize';

/** Namespaces every cluster has (kubeadm, kind, k3s): never exported. */
const BUILT_IN_NAMESPACES: ReadonlySet<string> = new Set([
  'default',
  'kube-system',
  'kube-public',
  'kube-node-lease',
]);

export interface ExportOptions {
  /**
   * What the person applied (at t=0 and by timeline `apply` actions up to the export time), as the
   * loader returned it (defaulted, before admission and allocation). Used to keep only the
   * allocated fields the person set themselves; the last applied version of a key counts.
   */
  applied: readonly (ModeledObject | PriorityClass)[];
  /** The cluster's DefaultTolerationSeconds (admission adds tolerations with it). */
  defaultTolerationSeconds: number;
  /** Keep `flotilla.dev/` annotations (for re-simulating the export; default false). */
  keepSimulatorAnnotations?: boolean;
}

/** Kinds in the order `kubectl apply -f` needs them (a Namespace before what lives in it). */
const ORDER = [
  'Namespace',
  'PriorityClass',
  'NetworkPolicy',
  'PersistentVolumeClaim',
  'Service',
  'Deployment',
  'ReplicaSet',
  'Pod',
];

/** What {@link exportObjects} returns: the manifests, and notes for the person applying them. */
export interface Exported {
  objects: JsonObject[];
  notes: string[];
}

/** The user's objects in `state`, cleaned, in apply order (kind, then namespace/name). */
export function exportObjects(state: ClusterState, options: ExportOptions): Exported {
  const applied = new Map<string, ModeledObject | PriorityClass>();
  for (const o of options.applied) applied.set(idOf(o), o);
  const ctx: Ctx = { applied, options };
  const out: { kind: string; id: string; json: JsonObject }[] = [];
  const add = (o: ModeledObject | PriorityClass, json: JsonObject) =>
    out.push({ kind: o.kind, id: idOf(o), json });
  for (const ns of Object.values(state.namespaces))
    if (!BUILT_IN_NAMESPACES.has(ns.metadata.name)) add(ns, exportNamespace(ns, ctx));
  for (const pc of Object.values(state.priorityClasses ?? {})) add(pc, exportPriorityClass(pc, ctx));
  for (const np of Object.values(state.networkPolicies ?? {})) add(np, exportNetworkPolicy(np, ctx));
  for (const svc of Object.values(state.services ?? {}))
    if (!isBuiltInService(svc)) add(svc, exportService(svc, ctx));
  for (const d of Object.values(state.deployments)) add(d, exportDeployment(d, ctx));
  for (const rs of Object.values(state.replicaSets))
    if (!ownedByController(rs.metadata)) add(rs, exportReplicaSet(rs, ctx));
  for (const pod of valuesIn(state.pods))
    if (!ownedByController(pod.metadata) && pod.metadata.deletionTimestamp === undefined)
      add(pod, exportPod(pod, ctx));
  const notes: string[] = [];
  for (const [ns, claim] of claimsOf(out.map((o) => o.json))) {
    out.push({
      kind: 'PersistentVolumeClaim',
      id: `PersistentVolumeClaim/${ns}/${claim}`,
      json: standInClaim(ns, claim),
    });
    notes.push(
      `PersistentVolumeClaim ${claim} is a stand-in (Flotilla does not model claims): ReadWriteOnce, ${STAND_IN_SIZE}, the cluster's default StorageClass; adjust it before applying.`,
    );
  }
  const objects = out
    .sort((a, b) => ORDER.indexOf(a.kind) - ORDER.indexOf(b.kind) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .map((o) => o.json);
  return { objects, notes };
}

interface Ctx {
  applied: ReadonlyMap<string, ModeledObject | PriorityClass>;
  options: ExportOptions;
}

function ownedByController(meta: ObjectMeta): boolean {
  return (meta.ownerReferences ?? []).some((r) => r.controller === true);
}

function isBuiltInService(svc: Service): boolean {
  return svc.metadata.namespace === 'default' && svc.metadata.name === 'kubernetes';
}

function exportNamespace(ns: Namespace, ctx: Ctx): JsonObject {
  // The API server adds kubernetes.io/metadata.name itself.
  return manifest('v1', 'Namespace', meta(ns.metadata, ctx.options, ['kubernetes.io/metadata.name']), {});
}

function exportPriorityClass(pc: PriorityClass, ctx: Ctx): JsonObject {
  return manifest(pc.apiVersion, pc.kind, meta(pc.metadata, ctx.options), {
    value: pc.value,
    globalDefault: pc.globalDefault === true ? true : undefined,
    preemptionPolicy: pc.preemptionPolicy === 'Never' ? 'Never' : undefined,
    description: pc.description,
  });
}

function exportNetworkPolicy(np: NetworkPolicy, ctx: Ctx): JsonObject {
  const ports = (ps: NetworkPolicyPort[] | undefined) =>
    ps?.map((p) => ({ ...p, protocol: p.protocol === 'TCP' ? undefined : p.protocol }));
  // policyTypes stays even when it equals the inferred default: it says what the policy isolates.
  return manifest(np.apiVersion, np.kind, meta(np.metadata, ctx.options), {
    spec: {
      podSelector: np.spec.podSelector,
      policyTypes: np.spec.policyTypes,
      ingress: np.spec.ingress?.map((r) => ({ ...r, ports: ports(r.ports) })),
      egress: np.spec.egress?.map((r) => ({ ...r, ports: ports(r.ports) })),
    },
  });
}

function exportService(svc: Service, ctx: Ctx): JsonObject {
  const given = ctx.applied.get(idOf(svc)) as Service | undefined;
  const s = svc.spec;
  const ownIP = given?.spec.clusterIP;
  const affinityTimeout = s.sessionAffinityConfig?.clientIP.timeoutSeconds;
  return manifest(svc.apiVersion, svc.kind, meta(svc.metadata, ctx.options), {
    spec: {
      type: s.type === 'ClusterIP' ? undefined : s.type,
      selector: s.selector,
      ports: s.ports.map((p) => {
        const own = given?.spec.ports.find((g) => g.port === p.port && g.protocol === p.protocol);
        return {
          name: p.name,
          protocol: p.protocol === 'TCP' ? undefined : p.protocol,
          port: p.port,
          targetPort: p.targetPort === p.port ? undefined : p.targetPort,
          nodePort: own?.nodePort,
        };
      }),
      clusterIP: ownIP,
      sessionAffinity: s.sessionAffinity === 'None' ? undefined : s.sessionAffinity,
      sessionAffinityConfig:
        affinityTimeout === undefined || affinityTimeout === 10800 ? undefined : s.sessionAffinityConfig,
      publishNotReadyAddresses: s.publishNotReadyAddresses,
      externalTrafficPolicy: s.externalTrafficPolicy === 'Cluster' ? undefined : s.externalTrafficPolicy,
      internalTrafficPolicy: s.internalTrafficPolicy === 'Cluster' ? undefined : s.internalTrafficPolicy,
    },
  });
}

function exportDeployment(d: Deployment, ctx: Ctx): JsonObject {
  const s = d.spec;
  const ru = s.strategy.type === 'RollingUpdate' ? s.strategy.rollingUpdate : undefined;
  const defaultStrategy = ru !== undefined && ru.maxSurge === '25%' && ru.maxUnavailable === '25%';
  return manifest(d.apiVersion, d.kind, meta(d.metadata, ctx.options), {
    spec: {
      replicas: s.replicas,
      selector: s.selector,
      strategy: defaultStrategy ? undefined : s.strategy,
      minReadySeconds: s.minReadySeconds === 0 ? undefined : s.minReadySeconds,
      revisionHistoryLimit: s.revisionHistoryLimit === 10 ? undefined : s.revisionHistoryLimit,
      progressDeadlineSeconds: s.progressDeadlineSeconds === 600 ? undefined : s.progressDeadlineSeconds,
      paused: s.paused === true ? true : undefined,
      template: template(s.template, ctx),
    },
  });
}

function exportReplicaSet(rs: ReplicaSet, ctx: Ctx): JsonObject {
  const s = rs.spec;
  return manifest(rs.apiVersion, rs.kind, meta(rs.metadata, ctx.options), {
    spec: {
      replicas: s.replicas,
      selector: s.selector,
      minReadySeconds: s.minReadySeconds === 0 ? undefined : s.minReadySeconds,
      template: template(s.template, ctx),
    },
  });
}

function template(
  t: { metadata: { labels?: Record<string, string>; annotations?: Record<string, string> }; spec: PodSpec },
  ctx: Ctx,
) {
  return {
    metadata: { labels: t.metadata.labels, annotations: annotationsOf(t.metadata.annotations, ctx.options) },
    spec: podSpec(t.spec, undefined),
  };
}

function exportPod(pod: Pod, ctx: Ctx): JsonObject {
  const given = ctx.applied.get(idOf(pod)) as Pod | undefined;
  const tolerationSeconds = ctx.options.defaultTolerationSeconds;
  return manifest(pod.apiVersion, pod.kind, meta(pod.metadata, ctx.options), {
    spec: podSpec(pod.spec, { given: given?.spec, tolerationSeconds }),
  });
}
