/**
 * `depends_on`: the order `compose up` starts services in and whether a dependency's condition
 * holds, as docker/compose pkg/compose/convergence.go waitDependencies checks it:
 * service_started once the dependency's containers were started; service_healthy once they are
 * all healthy (an unhealthy or exited one, or one without a healthcheck, fails `up`);
 * service_completed_successfully once they all exited 0 (a non-zero exit fails `up`).
 */
import type { ComposeProject, DependsOn, DockerContainer } from '../../model';

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

/**
 * Whether `dependant`'s dependency holds, given the dependency's containers (compose
 * waitDependencies, isServiceHealthy, isServiceCompleted): a dependency scaled to 0 is not waited
 * for; no container at all is "<dependant> is missing dependency <dep>"; an optional one
 * (`required: false`) that fails is skipped. Compose polls every 500 ms; Flotilla sees the change
 * at once.
 */
export function conditionState(
  dependant: string,
  dep: DependsOn,
  containers: readonly DockerContainer[],
  scale: number,
): ConditionState {
  if (scale === 0) return { state: 'met' };
  if (containers.length === 0)
    return dep.required
      ? { state: 'failed', error: `${dependant} is missing dependency ${dep.service}` }
      : { state: 'met' };
  const r = check(dep, containers);
  return r.state === 'failed' && !dep.required ? { state: 'met' } : r;
}

function check(dep: DependsOn, containers: readonly DockerContainer[]): ConditionState {
  switch (dep.condition) {
    case 'service_started':
      // Compose starts a service after its dependencies' containers were started (InDependencyOrder).
      return containers.every((c) => c.everStarted === true) ? { state: 'met' } : { state: 'waiting' };
    case 'service_healthy': {
      for (const c of containers) {
        if (c.status === 'exited' && c.everStarted === true)
          return fail(`container ${c.name} exited (${c.exitCode ?? 0})`);
        if (c.healthcheck === undefined) return fail(`container ${c.name} has no healthcheck configured`);
        if (c.health?.status === 'unhealthy') return fail(`container ${c.name} is unhealthy`);
        if (c.status !== 'running' || c.health?.status !== 'healthy') return { state: 'waiting' };
      }
      return { state: 'met' };
    }
    case 'service_completed_successfully': {
      // The first container found exited decides (isServiceCompleted).
      const exited = containers.find((c) => c.status === 'exited' && c.everStarted === true);
      if (exited === undefined) return { state: 'waiting' };
      const code = exited.exitCode ?? 0;
      return code === 0
        ? { state: 'met' }
        : fail(`service "${dep.service}" didn't complete successfully: exit ${code}`);
    }
  }
}

const fail = (error: string): ConditionState => ({ state: 'failed', error });
