/**
 * `flotilla get RESOURCE FILE [--at T] [-o wide|json|yaml] [-n NS | -A]`: what `kubectl get` would
 * print at that time of the run.
 */
import {
  printDeployments,
  printEndpointSlices,
  printEvents,
  printNodes,
  printPods,
  printReplicaSets,
  printServices,
  toJson,
  toList,
  toYaml,
} from '../manifests';
import { type ClusterState, type KubeObject, valuesIn } from '../model';
import { duration, oneFile, parse, seedOf, UsageError } from './args';
import { EXIT, type Output } from './io';
import { stateAt } from './stateAt';

const RESOURCES: Record<
  string,
  'pods' | 'nodes' | 'deployments' | 'replicasets' | 'events' | 'services' | 'endpointslices'
> = {
  service: 'services',
  services: 'services',
  svc: 'services',
  endpointslice: 'endpointslices',
  endpointslices: 'endpointslices',
  pod: 'pods',
  pods: 'pods',
  po: 'pods',
  node: 'nodes',
  nodes: 'nodes',
  no: 'nodes',
  deployment: 'deployments',
  deployments: 'deployments',
  deploy: 'deployments',
  replicaset: 'replicasets',
  replicasets: 'replicasets',
  rs: 'replicasets',
  event: 'events',
  events: 'events',
  ev: 'events',
};

function objectsOf(state: ClusterState, resource: string, namespace: string | undefined): KubeObject[] {
  const inNs = <T extends KubeObject>(xs: T[]) =>
    xs.filter((o) => namespace === undefined || o.metadata.namespace === namespace);
  const byName = <T extends KubeObject>(xs: T[]) =>
    [...xs].sort((a, b) =>
      (a.metadata.namespace ?? '') + a.metadata.name < (b.metadata.namespace ?? '') + b.metadata.name
        ? -1
        : 1,
    );
  switch (resource) {
    case 'pods':
      return byName(inNs(valuesIn(state.pods)));
    case 'nodes':
      return byName(Object.values(state.nodes));
    case 'deployments':
      return byName(inNs(Object.values(state.deployments)));
    case 'replicasets':
      return byName(inNs(Object.values(state.replicaSets)));
    case 'services':
      return byName(inNs(Object.values(state.services ?? {})));
    case 'endpointslices':
      return byName(inNs(Object.values(state.endpointSlices ?? {})));
    default:
      return inNs(valuesIn(state.events)).sort(
        (a, b) =>
          (a as { lastTimestamp: number }).lastTimestamp - (b as { lastTimestamp: number }).lastTimestamp,
      );
  }
}

export function getCommand(args: string[], io: Output): number {
  const { values, positionals } = parse(args, {
    at: { type: 'string' },
    output: { type: 'string', short: 'o' },
    namespace: { type: 'string', short: 'n' },
    'all-namespaces': { type: 'boolean', short: 'A' },
    seed: { type: 'string' },
  });
  const [kind, ...files] = positionals;
  const resource = kind === undefined ? undefined : RESOURCES[kind];
  if (resource === undefined)
    throw new UsageError(
      `expected a resource (pods, nodes, deployments, replicasets, events, services, endpointslices), got ${kind === undefined ? 'none' : `"${kind}"`}`,
    );
  const file = oneFile(files);
  const output = values.output as string | undefined;
  if (output !== undefined && !['wide', 'json', 'yaml'].includes(output))
    throw new UsageError(`-o: expected wide, json or yaml, got "${output}"`);
  const at = duration('at', values.at as string | undefined);
  const found = stateAt(file, at, seedOf(values.seed as string | undefined), io);
  if (!found) return EXIT.invalid;
  const { state, now } = found;
  const all = values['all-namespaces'] === true;
  const namespace = all ? undefined : ((values.namespace as string | undefined) ?? 'default');
  if (output === 'json' || output === 'yaml') {
    const list = toList(objectsOf(state, resource, resource === 'nodes' ? undefined : namespace));
    io.out(output === 'json' ? toJson(list) : toYaml(list));
    return EXIT.ok;
  }
  const opts = {
    wide: output === 'wide',
    allNamespaces: all,
    ...(namespace !== undefined ? { namespace } : {}),
  };
  const printers = {
    pods: printPods,
    nodes: printNodes,
    deployments: printDeployments,
    replicasets: printReplicaSets,
    events: printEvents,
    services: printServices,
    endpointslices: printEndpointSlices,
  };
  const text = printers[resource](state, now, opts);
  // kubectl writes "No resources found ..." to stderr (kubectl/pkg/cmd/get/get.go) and exits 0.
  if (text.startsWith('No resources found')) io.err(text);
  else io.out(text);
  return EXIT.ok;
}
