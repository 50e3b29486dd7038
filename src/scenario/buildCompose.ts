/**
 * The `compose:` block of an `orchestrator: compose` scenario: each Compose project loaded
 * (src/compose/loadCompose.ts) from its file or inline, on its host (a node), with the checks
 * that need the whole scenario: known hosts, one project name per host, container names unique,
 * no two containers publishing one host port (Docker would fail "port is already allocated"),
 * only the timeline actions that exist on Docker hosts; and the flow targets' checks (names the
 * embedded DNS may answer, ports published on a host).
 */
import type { ComposeProject, LocatedError } from '../model';
import type { Locator } from '../manifests';
import { parseIPv4 } from '../network';
import { type ComposeDeployment, containerName } from '../orchestrators';
import type { TargetChecks } from './flowTargets';
import { checkDockerScenario, loadComposeRef } from './loadComposeRef';
import type { ScenarioFile } from './schema';

type Read = (path: string) => string;

/** Timeline actions that exist on Docker hosts (deletePod: docker stop, then docker rm). */
const COMPOSE_ACTIONS: ReadonlySet<string> = new Set([
  'say',
  'crashContainer',
  'setBehaviour',
  'deletePod',
  'failNode',
  'recoverNode',
]);

/** The scenario's projects, or located errors (into `errors`). */
export function buildCompose(
  file: ScenarioFile,
  path: string,
  loc: Locator,
  readFile: Read,
  errors: LocatedError[],
  warnings: LocatedError[],
): ComposeDeployment[] {
  const refs = file.compose === undefined ? [] : Array.isArray(file.compose) ? file.compose : [file.compose];
  const hosts = file.nodes.map((n) => n.name);
  if (refs.length === 0)
    errors.push(
      loc.error(
        ['orchestrator'],
        'orchestrator compose needs a compose: block',
        'compose: { file: compose.yaml }',
      ),
    );
  checkDockerScenario(
    file,
    loc,
    COMPOSE_ACTIONS,
    {
      apply: 'apply: holds Kubernetes objects; under compose the services come from compose:',
      scheduler: 'Docker Compose has no scheduler: each project runs on its host',
      where: 'on a Docker host',
    },
    errors,
  );
  const out: ComposeDeployment[] = [];
  const names = new Map<string, string>();
  const ports = new Map<string, string>();
  for (const [i, ref] of refs.entries()) {
    const at = (...p: (string | number)[]) =>
      Array.isArray(file.compose) ? ['compose', i, ...p] : ['compose', ...p];
    const host = ref.host ?? hosts[0] ?? '';
    if (!hosts.includes(host))
      errors.push(loc.error(at('host'), `unknown host "${host}"`, `one of the nodes: ${hosts.join(', ')}`));
    const project = loadComposeRef(ref, at, { file, path, loc, readFile }, errors, warnings);
    if (project === undefined) continue;
    if (out.some((d) => d.host === host && d.project.name === project.name))
      errors.push(
        loc.error(at(), `project "${project.name}" already runs on ${host}`, 'another project: name'),
      );
    checkContainers(project, host, at, names, ports, loc, errors);
    out.push({ host, project });
  }
  return out;
}

/**
 * The project's containers against those of the projects before it: a container_name shared by
 * replicas, a container name taken on any host (Flotilla names pods by them), a host port
 * published twice on one host. `names` and `ports` gather what the projects use.
 */
function checkContainers(
  project: ComposeProject,
  host: string,
  at: () => (string | number)[],
  names: Map<string, string>,
  ports: Map<string, string>,
  loc: Locator,
  errors: LocatedError[],
): void {
  for (const s of project.services) {
    if (s.containerName !== undefined && s.deploy.replicas > 1)
      errors.push(
        loc.error(
          at(),
          `service ${s.name}: container_name "${s.containerName}" cannot be shared by ${s.deploy.replicas} replicas`,
        ),
      );
    for (let n = 1; n <= s.deploy.replicas; n++) {
      const name = containerName(project.name, s, n);
      const other = names.get(name);
      if (other !== undefined)
        errors.push(
          loc.error(
            at(),
            `container name "${name}" is taken (by ${other}); Flotilla needs container names unique across hosts`,
            'another project: name or container_name',
          ),
        );
      names.set(name, `${host}/${project.name}`);
      for (const p of s.ports) {
        if (p.published === undefined) continue;
        const k = `${host}:${p.published}/${p.protocol}`;
        const by = ports.get(k);
        if (by !== undefined)
          errors.push(
            loc.error(
              at(),
              `${name} publishes port ${p.published} on ${host}, already published by ${by} (Docker: port is already allocated)`,
            ),
          );
        ports.set(k, name);
      }
    }
  }
}

/** Every container name of these projects (what timeline actions may name as `pod:`). */
export function composeContainerNames(deployments: readonly ComposeDeployment[]): string[] {
  return deployments.flatMap((d) =>
    d.project.services.flatMap((s) =>
      Array.from({ length: s.deploy.replicas }, (_, k) => containerName(d.project.name, s, k + 1)),
    ),
  );
}

/** Flow targets under compose: names some project's DNS may answer, hosts, published ports. */
export function composeTargetChecks(
  deployments: readonly ComposeDeployment[],
  hosts: readonly string[],
): TargetChecks {
  const addresses = hosts.map((_, i) => `192.168.0.${10 + i + 1}`);
  const hostOf = (h: string) => {
    const i = addresses.indexOf(h);
    return i >= 0 ? hosts[i] : hosts.includes(h) ? h : undefined;
  };
  const published = (host: string) =>
    deployments
      .filter((d) => d.host === host)
      .flatMap((d) =>
        d.project.services.flatMap((s) =>
          s.ports.flatMap((p) => (p.published === undefined ? [] : [p.published])),
        ),
      );
  const names = new Set(
    deployments.flatMap((d) =>
      d.project.services.flatMap((s) => [
        s.name,
        ...(s.hostname !== undefined ? [s.hostname] : []),
        ...Array.from({ length: s.deploy.replicas }, (_, k) => containerName(d.project.name, s, k + 1)),
      ]),
    ),
  );
  const hostPort = (t: { host: string; port: number }, host: string) => {
    const ports = published(host);
    return ports.includes(t.port)
      ? { namespace: 'default' }
      : {
          message: `no container publishes port ${t.port} on ${host}`,
          expected:
            ports.length > 0
              ? `one of: ${ports.join(', ')}`
              : 'a service with ports: ["5000:80"] on that host',
        };
  };
  return {
    external(t) {
      const host = hostOf(t.host);
      if (host === undefined)
        return {
          message: `a client outside the hosts reaches a container through a host's address and a published port, not "${t.host}"`,
          expected: `one of: ${[...hosts, ...addresses].join(', ')}`,
        };
      return hostPort(t, host);
    },
    internal(t) {
      if (parseIPv4(t.host) !== undefined) return { namespace: 'default' };
      const host = hostOf(t.host);
      if (host !== undefined) return hostPort(t, host);
      if (names.has(t.host)) return { namespace: 'default' };
      return {
        message: `unknown name "${t.host}": no compose service, container or host is called that`,
        expected: `one of: ${[...names].sort().join(', ')}`,
      };
    },
  };
}
