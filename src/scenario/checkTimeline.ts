/**
 * Cross-reference checks of the timeline: the nodes, Deployments, swarm services, pods and
 * containers its actions name must exist.
 *
 * The rule for `pod:` (pods may be created at run time, so their names are not all known): a name
 * is accepted if it is a Pod applied in that namespace (at time 0 or later in the timeline), or if
 * it equals, or starts with `<name>-`, the name of an applied Deployment or ReplicaSet, whose pods
 * are named `<deployment>-<hash>-<suffix>` / `<replicaset>-<suffix>`. Under compose a pod is a
 * container, named `<project>-<service>-<n>` or by its container_name. `deployment:` must name an
 * applied Deployment in the namespace.
 */
import type { LoadedObject } from '../manifests';
import { composeContainerNames } from './buildCompose';
import { checkNode, oneOf, type RefCheck } from './refCheck';
import type { TimelineEntry } from './scenario';

type Path = (string | number)[];
type PodAction = Extract<TimelineEntry, { action: 'crashContainer' | 'deletePod' }>;

/** Checks every name the timeline's actions use; the errors go to `r.errors`. */
export function checkTimeline(r: RefCheck): void {
  for (const e of r.s.timeline) {
    const p = ['timeline', e.index];
    switch (e.action) {
      case 'failNode':
      case 'recoverNode':
      case 'cordon':
      case 'uncordon':
      case 'drain':
        checkNode(r, e.node, [...p, 'node']);
        break;
      case 'scale':
        if ('service' in e) checkSwarmService(r, e.service, [...p, 'service']);
        // Under swarm, scale names a service: buildSwarm reports a deployment.
        else if (r.s.swarm === undefined) checkDeployment(r, e.deployment, e.namespace, [...p, 'deployment']);
        break;
      case 'updateService':
        checkSwarmService(r, e.service, [...p, 'service']);
        break;
      case 'crashContainer':
      case 'deletePod':
        checkPodAction(r, e, p);
        break;
      default:
        break;
    }
  }
}

/** A swarm service named by its short or stack-prefixed name. */
function checkSwarmService(r: RefCheck, name: string, path: Path): void {
  const stack = r.s.swarm;
  if (stack === undefined) {
    r.errors.push(
      r.loc.error(path, 'a service is named only under orchestrator: swarm', 'deployment: <name>'),
    );
    return;
  }
  const names = stack.services.flatMap((x) => [x.name, `${stack.name}_${x.name}`]);
  if (!names.includes(name)) r.errors.push(r.loc.error(path, `unknown service "${name}"`, oneOf(names)));
}

function checkDeployment(r: RefCheck, name: string, namespace: string, path: Path): void {
  const deployments = r.all
    .filter((o) => o.object.kind === 'Deployment' && o.object.metadata.namespace === namespace)
    .map((o) => o.object.metadata.name);
  if (!deployments.includes(name))
    r.errors.push(
      r.loc.error(path, `unknown deployment "${name}" in namespace "${namespace}"`, oneOf(deployments)),
    );
}

/** The pod (a container under compose) of `crashContainer` and `deletePod`, and the container crashed. */
function checkPodAction(r: RefCheck, e: PodAction, p: Path): void {
  if (e.target.by !== 'name' || e.target.name === '') return;
  const name = e.target.name;
  if (r.s.compose !== undefined) {
    const containers = composeContainerNames(r.s.compose);
    if (!containers.includes(name))
      r.errors.push(r.loc.error([...p, 'pod'], `no container named "${name}"`, oneOf(containers)));
    return;
  }
  const matches = podSources(r, name, e.namespace, [...p, 'pod']);
  if (matches === undefined || e.action !== 'crashContainer' || e.container === undefined) return;
  const containers = matches.flatMap((o) => {
    const obj = o.object;
    if (obj.kind === 'Pod') return obj.spec.containers.map((c) => c.name);
    if (obj.kind === 'Deployment' || obj.kind === 'ReplicaSet')
      return obj.spec.template.spec.containers.map((c) => c.name);
    return [];
  });
  if (!containers.includes(e.container))
    r.errors.push(
      r.loc.error(
        [...p, 'container'],
        `pod "${name}" has no container "${e.container}"`,
        oneOf([...new Set(containers)]),
      ),
    );
}

/**
 * The applied Pods and the Deployments and ReplicaSets a pod of that name can come from (the rule
 * at the top); undefined, with the error recorded, when there is none.
 */
function podSources(r: RefCheck, name: string, namespace: string, path: Path): LoadedObject[] | undefined {
  const pods = r.all.filter((o) => o.object.kind === 'Pod' && o.object.metadata.namespace === namespace);
  const owners = r.all.filter(
    (o) =>
      (o.object.kind === 'Deployment' || o.object.kind === 'ReplicaSet') &&
      o.object.metadata.namespace === namespace,
  );
  const matches = [
    ...pods.filter((o) => o.object.metadata.name === name),
    ...owners.filter((o) => name === o.object.metadata.name || name.startsWith(`${o.object.metadata.name}-`)),
  ];
  if (matches.length > 0) return matches;
  const candidates = [...pods, ...owners].map((o) => o.object.metadata.name);
  r.errors.push(
    r.loc.error(
      path,
      `no pod "${name}" can exist in namespace "${namespace}": it is neither an applied Pod nor named after an applied Deployment or ReplicaSet`,
      oneOf(candidates),
    ),
  );
  return undefined;
}
