/** Commands on workloads: `kubectl scale` and `kubectl apply`. */
import {
  type ClusterState,
  type Deployment,
  getObject,
  type Intent,
  type Namespace,
  type NetworkPolicy,
  objectKey,
  type Pod,
  type ReplicaSet,
  type Service,
  update,
} from '../../model';
import { keepAllocations } from '../../network';
import { CommandError } from '../simulation';

export function scaleDeployment(
  state: ClusterState,
  name: string,
  replicas: number,
  namespace = 'default',
): Intent[] {
  const key = `${namespace}/${name}`;
  const d = state.deployments[key];
  if (d === undefined) {
    const known = Object.keys(state.deployments)
      .filter((k) => k.startsWith(`${namespace}/`))
      .map((k) => k.slice(namespace.length + 1));
    throw new CommandError(
      `no deployment "${name}" in namespace "${namespace}" (deployments: ${known.sort().join(', ') || 'none'})`,
    );
  }
  if (!Number.isInteger(replicas) || replicas < 0)
    throw new CommandError(`replicas must be a whole number >= 0, got ${replicas}`);
  return [
    update('Deployment', key, 'kubectl scale', (x) => {
      x.spec.replicas = replicas;
      x.metadata.generation = (x.metadata.generation ?? 1) + 1;
    }),
    { op: 'trace', record: { type: 'action', action: 'scale', deployment: key, replicas } },
  ];
}

type Applicable = Pod | ReplicaSet | Deployment | Namespace | Service | NetworkPolicy;

/** `kubectl apply` of already-validated objects: create the new ones, update the spec of the others. */
export function applyObjects(state: ClusterState, objects: readonly Applicable[]): Intent[] {
  const intents: Intent[] = [];
  for (const obj of objects) {
    const key = objectKey(obj.metadata);
    const existing = getObject(state, obj.kind, key) as Applicable | undefined;
    const ns = obj.metadata.namespace;
    if (
      ns !== undefined &&
      obj.kind !== 'Namespace' &&
      state.namespaces[ns] === undefined &&
      !objects.some((o) => o.kind === 'Namespace' && o.metadata.name === ns)
    ) {
      throw new CommandError(`namespaces "${ns}" not found (${obj.kind.toLowerCase()}/${obj.metadata.name})`);
    }
    if (existing === undefined) {
      intents.push({ op: 'create', object: structuredClone(obj), why: 'kubectl apply' });
      intents.push({
        op: 'trace',
        record: {
          type: 'action',
          action: 'apply',
          object: `${obj.kind.toLowerCase()}/${obj.metadata.name}`,
          result: 'created',
        },
      });
      continue;
    }
    if (obj.kind === 'Pod') {
      throw new CommandError(
        `pod ${key} already exists: pod updates may not change fields other than image and a few others (delete it first)`,
      );
    }
    const spec = structuredClone(obj.spec);
    const labels = obj.metadata.labels;
    intents.push(
      update(obj.kind, key, 'kubectl apply', (x: Applicable) => {
        if (x.kind === 'Service') keepAllocations(x.spec, spec as Service['spec']);
        if (JSON.stringify(x.spec) !== JSON.stringify(spec))
          x.metadata.generation = (x.metadata.generation ?? 1) + 1;
        (x as { spec: unknown }).spec = spec;
        if (labels) x.metadata.labels = labels;
      }),
      {
        op: 'trace',
        record: {
          type: 'action',
          action: 'apply',
          object: `${obj.kind.toLowerCase()}/${obj.metadata.name}`,
          result: 'configured',
        },
      },
    );
  }
  return intents;
}
