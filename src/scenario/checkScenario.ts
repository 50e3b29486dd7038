/**
 * Cross-reference checks of a built scenario: names used in actions and expectations must exist.
 *
 * The rule for `pod:` (pods may be created at run time, so their names are not all known): a name
 * is accepted if it is a Pod applied in that namespace (at time 0 or later in the timeline), or if
 * it equals, or starts with `<name>-`, the name of an applied Deployment or ReplicaSet, whose pods
 * are named `<deployment>-<hash>-<suffix>` / `<replicaset>-<suffix>`. `deployment:` must name an
 * applied Deployment in the namespace. Namespaces other than the built-in ones must be applied.
 */
import type { LoadedObject } from '../manifests/loadResult';
import { LocatedError, type SourceLocation } from '../model/located';
import type { Locator } from '../manifests/loadYaml';
import { formatDuration } from './duration';
import type { Scenario } from './scenario';
import { composeContainerNames } from './buildCompose';

const BUILT_IN_NAMESPACES = ['default', 'kube-system', 'kube-public', 'kube-node-lease'];

const oneOf = (names: readonly string[]) => (names.length === 0 ? undefined : `one of: ${names.join(', ')}`);
const at = (s: SourceLocation) => `${s.file}:${s.line}:${s.column}`;

/** Returns the errors and warnings of the cross-reference checks. */
export function checkScenario(
  s: Scenario,
  loc: Locator,
): { errors: LocatedError[]; warnings: LocatedError[] } {
  const errors: LocatedError[] = [];
  const warnings: LocatedError[] = [];
  const nodeNames = [...new Set(s.nodes.map((n) => n.name))];
  /** A swarm service named by its short or stack-prefixed name. */
  const checkSwarmService = (name: string, path: (string | number)[]) => {
    const stack = s.swarm;
    if (stack === undefined) {
      errors.push(loc.error(path, 'a service is named only under orchestrator: swarm', 'deployment: <name>'));
      return;
    }
    const names = stack.services.flatMap((x) => [x.name, `${stack.name}_${x.name}`]);
    if (!names.includes(name)) errors.push(loc.error(path, `unknown service "${name}"`, oneOf(names)));
  };

  const firstNode = new Map<string, SourceLocation>();
  for (const [i, n] of s.nodes.entries()) {
    const prev = firstNode.get(n.name);
    if (prev)
      errors.push(loc.error(['nodes', i, 'name'], `duplicate node name "${n.name}" (first at ${at(prev)})`));
    else firstNode.set(n.name, n.source);
  }
  const checkNode = (name: string, path: (string | number)[]) => {
    if (!nodeNames.includes(name)) errors.push(loc.error(path, `unknown node "${name}"`, oneOf(nodeNames)));
  };

  const all: LoadedObject[] = [
    ...s.objects,
    ...s.timeline.flatMap((e) => (e.action === 'apply' ? e.objects : [])),
  ];
  const seen = new Map<string, SourceLocation>();
  for (const o of s.objects) {
    const m = o.object.metadata;
    const key = `${o.object.kind} ${m.namespace === undefined ? '' : `${m.namespace}/`}${m.name}`;
    const prev = seen.get(key);
    if (prev)
      errors.push(
        new LocatedError({
          ...o.source,
          path: 'metadata.name',
          message: `${key} is defined twice (first at ${at(prev)})`,
        }),
      );
    else seen.set(key, o.source);
  }
  const namespaces = new Set([
    ...BUILT_IN_NAMESPACES,
    ...all.filter((o) => o.object.kind === 'Namespace').map((o) => o.object.metadata.name),
  ]);
  for (const o of all) {
    const ns = o.object.metadata.namespace;
    // The apiserver's own message when the namespace is missing.
    if (ns !== undefined && !namespaces.has(ns))
      errors.push(
        new LocatedError({
          ...o.source,
          path: 'metadata.namespace',
          message: `namespaces "${ns}" not found`,
          expected: `a Namespace named "${ns}" in apply`,
        }),
      );
  }
  const named = (kind: string, ns: string) =>
    all
      .filter((o) => o.object.kind === kind && o.object.metadata.namespace === ns)
      .map((o) => o.object.metadata.name);

  for (const e of s.timeline) {
    const p = ['timeline', e.index];
    switch (e.action) {
      case 'failNode':
      case 'recoverNode':
      case 'cordon':
      case 'uncordon':
      case 'drain':
        checkNode(e.node, [...p, 'node']);
        break;
      case 'scale': {
        if ('service' in e) {
          checkSwarmService(e.service, [...p, 'service']);
          break;
        }
        if (s.swarm !== undefined) break; // reported by buildSwarm: under swarm, scale names a service
        const deployments = named('Deployment', e.namespace);
        if (!deployments.includes(e.deployment))
          errors.push(
            loc.error(
              [...p, 'deployment'],
              `unknown deployment "${e.deployment}" in namespace "${e.namespace}"`,
              oneOf(deployments),
            ),
          );
        break;
      }
      case 'updateService':
        checkSwarmService(e.service, [...p, 'service']);
        break;
      case 'crashContainer':
      case 'deletePod': {
        if (e.target.by !== 'name' || e.target.name === '') break;
        const name = e.target.name;
        if (s.compose !== undefined) {
          // Under compose a pod is a container: <project>-<service>-<n> or its container_name.
          const containers = composeContainerNames(s.compose);
          if (!containers.includes(name))
            errors.push(loc.error([...p, 'pod'], `no container named "${name}"`, oneOf(containers)));
          break;
        }
        const pods = all.filter(
          (o) => o.object.kind === 'Pod' && o.object.metadata.namespace === e.namespace,
        );
        const owners = all.filter(
          (o) =>
            (o.object.kind === 'Deployment' || o.object.kind === 'ReplicaSet') &&
            o.object.metadata.namespace === e.namespace,
        );
        const matches = [
          ...pods.filter((o) => o.object.metadata.name === name),
          ...owners.filter(
            (o) => name === o.object.metadata.name || name.startsWith(`${o.object.metadata.name}-`),
          ),
        ];
        if (matches.length === 0) {
          const candidates = [...pods, ...owners].map((o) => o.object.metadata.name);
          errors.push(
            loc.error(
              [...p, 'pod'],
              `no pod "${name}" can exist in namespace "${e.namespace}": it is neither an applied Pod nor named after an applied Deployment or ReplicaSet`,
              oneOf(candidates),
            ),
          );
          break;
        }
        if (e.action === 'crashContainer' && e.container !== undefined) {
          const containers = matches.flatMap((o) => {
            const obj = o.object;
            if (obj.kind === 'Pod') return obj.spec.containers.map((c) => c.name);
            if (obj.kind === 'Deployment' || obj.kind === 'ReplicaSet')
              return obj.spec.template.spec.containers.map((c) => c.name);
            return [];
          });
          if (!containers.includes(e.container))
            errors.push(
              loc.error(
                [...p, 'container'],
                `pod "${name}" has no container "${e.container}"`,
                oneOf([...new Set(containers)]),
              ),
            );
        }
        break;
      }
      default:
        break;
    }
  }

  for (const x of s.expectations) {
    if (x.check === 'node') checkNode(x.node, ['expect', x.index, 'node', 'name']);
    if (x.check === 'pods' && x.node !== undefined) checkNode(x.node, ['expect', x.index, 'node']);
  }

  const last = s.timeline.reduce((m, e) => Math.max(m, e.at), 0);
  if (s.duration !== undefined && s.duration < last)
    warnings.push(
      loc.error(
        ['duration'],
        `the run stops at ${formatDuration(s.duration)}, before the last timeline entry at ${formatDuration(last)}`,
        undefined,
        'warning',
      ),
    );
  for (const x of s.expectations) {
    const t = x.window.kind === 'at' ? x.window.at : x.window.within;
    if (s.duration !== undefined && t > s.duration)
      warnings.push(
        loc.error(
          ['expect', x.index, x.window.kind],
          `checked at ${formatDuration(t)}, after the run stops (${formatDuration(s.duration)})`,
          undefined,
          'warning',
        ),
      );
  }
  return { errors, warnings };
}
