/**
 * `depends_on`: the order `compose up` starts services in and whether a dependency's condition
 * holds, as docker/compose pkg/compose/convergence.go waitDependencies checks it:
 * service_started once the dependency's containers were started; service_healthy once they are
 * all healthy (an unhealthy or exited one, or one without a healthcheck, fails `up`);
 * service_completed_successfully once they all exited 0 (a non-zero exit fails `up`).
 */
import type { ComposeProject, DependsOn } from '../../compose/model';
import type { DockerContainer } from '../../model/docker';

/** Services in start order: each after its dependencies, otherwise in file order. */
export function startOrder(project: ComposeProject): string[] {
  const byName = new Map(project.services.map((s) => [s.name, s]));
  const out: string[] = [];
  const seen = new Set<string>();
  const visit = (name: string, path: Set<string>) => {
    if (seen.has(name) || path.has(name)) return; // a cycle is refused when the file loads
    const s = byName.get(name);
    if (s === undefined) return;
    path.add(name);
    for (const d of s.dependsOn) visit(d.service, path);
    path.delete(name);
    seen.add(name);
    out.push(name);
  };
  for (const s of project.services) visit(s.name, new Set());
  return out;
}

export type ConditionState = { state: 'met' } | { state: 'waiting' } | { state: 'failed'; error: string };

/** Whether the dependency's condition holds for its containers (empty: the service is not in the project). */
export function conditionState(dep: DependsOn, containers: readonly DockerContainer[]): ConditionState {
  if (containers.length === 0)
    return dep.required
      ? { state: 'failed', error: `service "${dep.service}" has no container to depend on` }
      : { state: 'met' };
  switch (dep.condition) {
    case 'service_started':
      return containers.every((c) => c.everStarted === true) ? { state: 'met' } : { state: 'waiting' };
    case 'service_healthy': {
      for (const c of containers) {
        if (c.status === 'exited' && c.everStarted === true)
          return { state: 'failed', error: `container ${c.name} exited (${c.exitCode ?? 0})` };
        if (c.healthcheck === undefined)
          return { state: 'failed', error: `container ${c.name} has no healthcheck configured` };
        if (c.health?.status === 'unhealthy')
          return { state: 'failed', error: `container ${c.name} is unhealthy` };
      }
      return containers.every((c) => c.status === 'running' && c.health?.status === 'healthy')
        ? { state: 'met' }
        : { state: 'waiting' };
    }
    case 'service_completed_successfully': {
      if (!containers.every((c) => c.status === 'exited' && c.everStarted === true))
        return { state: 'waiting' };
      const bad = containers.find((c) => (c.exitCode ?? 0) !== 0);
      return bad === undefined
        ? { state: 'met' }
        : {
            state: 'failed',
            error: `service "${dep.service}" didn't complete successfully: exit ${bad.exitCode ?? 0}`,
          };
    }
  }
}
