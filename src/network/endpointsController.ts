/**
 * The EndpointSlice controller (K pkg/controller/endpointslice, staging k8s.io/endpointslice):
 * for each Service with a selector, EndpointSlices listing the matching pods that have an IP and
 * are not terminal (ShouldPodBeInEndpoints with includeTerminating), each endpoint with
 * `serving` = the pod's Ready condition, `terminating` = it has a deletionTimestamp, and
 * `ready` = serving and not terminating (or always, with publishNotReadyAddresses) (utils.go
 * podToEndpoint). Slices group endpoints with the same resolved ports (a named targetPort can differ
 * per pod) and hold at most 100 endpoints (--max-endpoints-per-slice default).
 *
 * Simplification: slices change in the same step as the pods (the real controller batches and
 * kube-proxy syncs about a second later); slice name suffixes are hashes, not random.
 */
import {
  type ClusterState,
  type Controller,
  type Endpoint,
  type EndpointPort,
  type EndpointSlice,
  fnv32a,
  type Intent,
  type Memo,
  type ObjectChange,
  type Pod,
  type Service,
  update,
} from '../model';
import { podsMatching } from './podsByLabel';
import { isPodReady, resolveTargetPort, serviceKey, serviceSelects } from './services';

const ENDPOINTSLICE_CONTROLLER = 'endpointslice-controller';
const SERVICE_NAME_LABEL = 'kubernetes.io/service-name';
const MANAGED_BY_LABEL = 'endpointslice.kubernetes.io/managed-by';
const MANAGED_BY = 'endpointslice-controller.k8s.io';
const MAX_ENDPOINTS_PER_SLICE = 100;

/** The slices the controller manages for Service `namespace/name`, as [key, slice], by key. */
export function slicesOfService(
  state: ClusterState,
  namespace: string,
  name: string,
): [string, EndpointSlice][] {
  return Object.entries(state.endpointSlices ?? {})
    .filter(
      ([, s]) =>
        s.metadata.namespace === namespace &&
        s.metadata.labels?.[SERVICE_NAME_LABEL] === name &&
        s.metadata.labels?.[MANAGED_BY_LABEL] === MANAGED_BY,
    )
    .sort((a, b) => (a[0] < b[0] ? -1 : 1));
}

/** ShouldPodBeInEndpoints(pod, includeTerminating = true): not Succeeded/Failed, and has an IP. */
function shouldBeInEndpoints(pod: Pod): boolean {
  return pod.status.phase !== 'Succeeded' && pod.status.phase !== 'Failed' && pod.status.podIP !== undefined;
}

function toEndpoint(pod: Pod, svc: Service): Endpoint {
  const serving = isPodReady(pod);
  const terminating = pod.metadata.deletionTimestamp !== undefined;
  return {
    addresses: [pod.status.podIP as string],
    conditions: {
      ready: svc.spec.publishNotReadyAddresses === true || (serving && !terminating),
      serving,
      terminating,
    },
    ...(pod.spec.nodeName === undefined ? {} : { nodeName: pod.spec.nodeName }),
    targetRef: {
      kind: 'Pod',
      namespace: pod.metadata.namespace ?? 'default',
      name: pod.metadata.name,
      uid: pod.metadata.uid,
    },
  };
}

/** The desired slices' content: endpoints grouped by their resolved ports, chunked by 100. */
function desiredSlices(
  memo: Memo,
  state: ClusterState,
  svc: Service,
): { ports: EndpointPort[]; endpoints: Endpoint[] }[] {
  const ns = svc.metadata.namespace ?? 'default';
  const groups = new Map<string, { ports: EndpointPort[]; endpoints: Endpoint[] }>();
  for (const [, pod] of podsMatching(memo, state.pods, ns, svc.spec.selector ?? {})) {
    if (!shouldBeInEndpoints(pod)) continue;
    const ports: EndpointPort[] = [];
    for (const sp of svc.spec.ports) {
      const port = resolveTargetPort(sp, pod);
      if (port !== undefined)
        ports.push({ ...(sp.name ? { name: sp.name } : {}), protocol: sp.protocol, port });
    }
    const sig = JSON.stringify(ports);
    let g = groups.get(sig);
    if (g === undefined) groups.set(sig, (g = { ports, endpoints: [] }));
    g.endpoints.push(toEndpoint(pod, svc));
  }
  const out: { ports: EndpointPort[]; endpoints: Endpoint[] }[] = [];
  for (const g of groups.values())
    for (let i = 0; i < g.endpoints.length; i += MAX_ENDPOINTS_PER_SLICE)
      out.push({ ports: g.ports, endpoints: g.endpoints.slice(i, i + MAX_ENDPOINTS_PER_SLICE) });
  return out;
}

function sliceName(svcName: string, index: number): string {
  const alphabet = 'bcdfghjklmnpqrstvwxz2456789';
  let h = fnv32a(`${svcName}/${index}`);
  let suffix = '';
  for (let i = 0; i < 5; i++) {
    suffix += alphabet[h % alphabet.length];
    h = Math.floor(h / alphabet.length);
  }
  return `${svcName}-${suffix}`;
}

function reconcileService(memo: Memo, state: ClusterState, key: string): Intent[] {
  const i = key.indexOf('/');
  const ns = key.slice(0, i);
  const name = key.slice(i + 1);
  const svc = state.services?.[key];
  const existing = slicesOfService(state, ns, name);
  const wanted = svc === undefined || svc.spec.selector === undefined ? [] : desiredSlices(memo, state, svc);
  const intents: Intent[] = [];
  wanted.forEach((want, index) => {
    const current = existing[index];
    if (current !== undefined) {
      const [k, slice] = current;
      if (
        JSON.stringify(slice.endpoints) === JSON.stringify(want.endpoints) &&
        JSON.stringify(slice.ports) === JSON.stringify(want.ports)
      )
        return;
      intents.push(
        update('EndpointSlice', k, 'endpoints changed', (d) => {
          d.endpoints = want.endpoints;
          d.ports = want.ports;
        }),
      );
      return;
    }
    const s = svc as Service;
    const slice: EndpointSlice = {
      apiVersion: 'discovery.k8s.io/v1',
      kind: 'EndpointSlice',
      metadata: {
        name: sliceName(name, index),
        generateName: `${name}-`,
        namespace: ns,
        uid: '',
        creationTimestamp: 0,
        labels: { ...(s.metadata.labels ?? {}), [SERVICE_NAME_LABEL]: name, [MANAGED_BY_LABEL]: MANAGED_BY },
        ownerReferences: [
          {
            apiVersion: 'v1',
            kind: 'Service',
            name,
            uid: s.metadata.uid,
            controller: true,
            blockOwnerDeletion: true,
          },
        ],
      },
      addressType: 'IPv4',
      endpoints: want.endpoints,
      ports: want.ports,
    };
    intents.push({ op: 'create', object: slice, why: `EndpointSlice for service ${key}` });
  });
  for (const [k] of existing.slice(wanted.length))
    intents.push({ op: 'delete', kind: 'EndpointSlice', key: k, why: 'no longer needed' });
  return intents;
}

/** Keys (Service keys) to reconcile for a change of a Service or of a pod a Service selects. */
function keysFor(change: ObjectChange, state: ClusterState): string[] {
  if (change.kind === 'Service') return [change.key];
  if (change.kind !== 'Pod') return [];
  const before = change.before as Pod | undefined;
  const after = change.after as Pod | undefined;
  const pod = after ?? before;
  if (pod === undefined) return [];
  const ns = pod.metadata.namespace ?? 'default';
  const keys: string[] = [];
  for (const svc of Object.values(state.services ?? {})) {
    if (
      (before !== undefined && serviceSelects(svc, ns, before)) ||
      (after !== undefined && serviceSelects(svc, ns, after))
    )
      keys.push(serviceKey(svc));
  }
  return keys;
}

export const endpointSliceController: Controller = {
  name: ENDPOINTSLICE_CONTROLLER,
  keysFor,
  reconcile: (state, key, ctx) => reconcileService(ctx.memo, state, key),
};
