/**
 * The `compose:` block of an `orchestrator: swarm` scenario: one compose file deployed as a stack
 * over every node (`docker stack deploy`), with the checks that need the whole scenario: a single
 * project and no `host:` (a stack spans the swarm), valid placement constraints, only the timeline
 * actions a swarm has, at least one manager, and the flow targets' names (the embedded DNS's
 * service names, published ports on any node).
 */
import { type ComposeProject, LocatedError } from '../model';
import type { Locator } from '../manifests';
import { parseIPv4 } from '../network';
import { parseConstraint } from '../orchestrators';
import type { TargetChecks } from './flowTargets';
import { checkDockerScenario, loadComposeRef } from './loadComposeRef';
import type { ScenarioFile } from './schema';

type Read = (path: string) => string;

/** Compose keys a swarm stack does not use. */
const IGNORED_BY_STACK = ['build', 'restart', 'container_name', 'depends_on', 'links', 'network_mode'];

/** Timeline actions that exist on a swarm (drain, cordon, uncordon: node availability). */
const SWARM_ACTIONS: ReadonlySet<string> = new Set([
  'say',
  'crashContainer',
  'setBehaviour',
  'deletePod',
  'failNode',
  'recoverNode',
  'scale',
  'updateService',
  'drain',
  'cordon',
  'uncordon',
]);

export function buildSwarm(
  file: ScenarioFile,
  path: string,
  loc: Locator,
  readFile: Read,
  errors: LocatedError[],
  warnings: LocatedError[],
): ComposeProject | undefined {
  const refs = file.compose === undefined ? [] : Array.isArray(file.compose) ? file.compose : [file.compose];
  if (refs.length !== 1)
    errors.push(
      loc.error(
        refs.length === 0 ? ['orchestrator'] : ['compose'],
        'orchestrator swarm deploys one stack: give one compose: block',
        'compose: { file: compose.yaml }',
      ),
    );
  checkDockerScenario(
    file,
    loc,
    SWARM_ACTIONS,
    {
      apply: 'apply: holds Kubernetes objects; under swarm the services come from compose:',
      scheduler: "scheduler: configures kube-scheduler; swarm's scheduler has no profiles",
      where: 'on a swarm',
    },
    errors,
  );
  for (const [i, e] of (file.timeline ?? []).entries())
    if (e.action === 'scale' && (e as { service?: string }).service === undefined)
      errors.push(loc.error(['timeline', i], 'under swarm, scale names a service', 'service: web'));
  const ref = refs[0];
  if (ref === undefined) return undefined;
  const at = (...p: (string | number)[]) =>
    Array.isArray(file.compose) ? ['compose', 0, ...p] : ['compose', ...p];
  if (ref.host !== undefined)
    errors.push(loc.keyError(at('host'), 'a stack is deployed over the whole swarm: host: does not apply'));
  const project = loadComposeRef(ref, at, { file, path, loc, readFile }, errors, warnings);
  if (project === undefined) return undefined;
  // docker stack deploy ignores what only Compose does (docker/cli stack loader).
  for (const s of project.services) {
    const ignored = IGNORED_BY_STACK.filter((k) => s.given?.includes(k) === true);
    if (ignored.length > 0)
      warnings.push(
        new LocatedError({
          ...s.loc,
          path: `services.${s.name}`,
          message: `Ignoring unsupported options: ${ignored.join(', ')} (docker stack deploy; the restart policy is deploy.restart_policy)`,
          severity: 'warning',
        }),
      );
  }
  for (const s of project.services)
    for (const c of s.deploy.placement.constraints) {
      const parsed = parseConstraint(c);
      if ('error' in parsed)
        errors.push(
          new LocatedError({
            ...s.loc,
            path: `services.${s.name}.deploy.placement.constraints`,
            message: parsed.error,
          }),
        );
    }
  return project;
}

/** Flow targets under swarm: service names (`web`, `stack_web`, `tasks.web`), nodes and published ports. */
export function swarmTargetChecks(project: ComposeProject, nodes: readonly string[]): TargetChecks {
  const addresses = nodes.map((_, i) => `192.168.0.${10 + i + 1}`);
  const published = project.services.flatMap((s) =>
    s.ports.flatMap((p) => (p.published === undefined ? [] : [p.published])),
  );
  const names = project.services.flatMap((s) => [s.name, `${project.name}_${s.name}`]);
  const known = new Set([...names, ...names.map((n) => `tasks.${n}`)]);
  const viaNode = (port: number) =>
    published.includes(port)
      ? { namespace: 'default' }
      : {
          message: `no service publishes port ${port} (the routing mesh answers published ports on every node)`,
          expected:
            published.length > 0 ? `one of: ${published.join(', ')}` : 'a service with ports: ["5000:80"]',
        };
  return {
    external(t) {
      if (!nodes.includes(t.host) && !addresses.includes(t.host))
        return {
          message: `a client outside the swarm reaches a service through a node and a published port, not "${t.host}"`,
          expected: `one of: ${[...nodes, ...addresses].join(', ')}`,
        };
      return viaNode(t.port);
    },
    internal(t) {
      if (nodes.includes(t.host) || addresses.includes(t.host)) return viaNode(t.port);
      if (parseIPv4(t.host) !== undefined || known.has(t.host)) return { namespace: 'default' };
      return {
        message: `unknown name "${t.host}": no service of stack ${project.name} is called that`,
        expected: `one of: ${[...known].sort().join(', ')}`,
      };
    },
  };
}
