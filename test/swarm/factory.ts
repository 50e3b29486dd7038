/** ComposeProject objects built directly (as loadCompose would), and swarm simulations over them. */
import type { ComposeProject, ComposeService, Deploy } from '../../src/model/compose';
import { Simulation } from '../../src/engine/simulation';
import { canonicalAmount } from '../../src/model/quantity';
import { valuesIn } from '../../src/model/sharded';
import type { ClusterState } from '../../src/model/state';
import type { SwarmTask } from '../../src/model/swarm';
import { bootSwarm, SWARM_CONTROLLERS, type SwarmNodeInput } from '../../src/orchestrators/swarm';
import type { NetworkInput } from '../../src/orchestrators/kubernetes';
import { byAge } from '../../src/orchestrators/swarm/work';

type DeepPartialDeploy = Partial<
  Omit<Deploy, 'restartPolicy' | 'placement' | 'updateConfig' | 'resources'>
> & {
  restartPolicy?: Partial<Deploy['restartPolicy']>;
  placement?: Partial<Deploy['placement']>;
  updateConfig?: Partial<Deploy['updateConfig']>;
  resources?: Partial<Deploy['resources']>;
};

export function service(
  name: string,
  opts: Partial<Omit<ComposeService, 'deploy'>> & { deploy?: DeepPartialDeploy } = {},
): ComposeService {
  const d = opts.deploy ?? {};
  return {
    name,
    image: `${name}:1.0`,
    built: false,
    environment: {},
    envFiles: [],
    ports: [],
    expose: [],
    volumes: [],
    dependsOn: [],
    restart: { policy: 'no' },
    networks: ['default'],
    labels: {},
    profiles: [],
    stopGracePeriodMs: 10_000,
    loc: { file: 'compose.yaml', line: 1, column: 1 },
    ...opts,
    deploy: {
      mode: d.mode ?? 'replicated',
      replicas: d.replicas ?? 1,
      resources: { limits: {}, reservations: {}, ...(d.resources ?? {}) },
      restartPolicy: {
        condition: 'any',
        delayMs: 5000,
        maxAttempts: 0,
        windowMs: 0,
        ...(d.restartPolicy ?? {}),
      },
      placement: { constraints: [], preferences: [], ...(d.placement ?? {}) },
      updateConfig: {
        parallelism: 1,
        delayMs: 0,
        failureAction: 'pause',
        monitorMs: 5000,
        maxFailureRatio: 0,
        order: 'stop-first',
        ...(d.updateConfig ?? {}),
      },
      labels: {},
      present: true,
    },
  } as ComposeService;
}

export function project(name: string, services: ComposeService[]): ComposeProject {
  return { name, file: 'compose.yaml', services, networks: [], volumes: [] };
}

export function swarmNode(
  name: string,
  role?: 'manager' | 'worker',
  labels: Record<string, string> = {},
  cpu = '2',
  memory = '4Gi',
): SwarmNodeInput {
  return {
    name,
    capacity: {
      cpu: canonicalAmount('cpu', cpu) as number,
      memory: canonicalAmount('memory', memory) as number,
    },
    labels,
    ...(role === undefined ? {} : { role }),
  };
}

export function swarmSim(
  nodes: SwarmNodeInput[],
  p: ComposeProject,
  seed = 1,
  network: NetworkInput = {},
): Simulation {
  return new Simulation(bootSwarm(nodes, p, seed, {}, network), { controllers: SWARM_CONTROLLERS });
}

/** Tasks of a service (by short name), oldest first. */
export function tasks(state: ClusterState, short: string): SwarmTask[] {
  const sw = state.swarm;
  if (sw === undefined) return [];
  const svc = Object.values(sw.services).find((s) => s.shortName === short);
  return Object.values(sw.tasks)
    .filter((t) => t.serviceId === svc?.id)
    .sort(byAge);
}

/** Running tasks of a service as `node` names, sorted. */
export function runningOn(state: ClusterState, short: string): string[] {
  return tasks(state, short)
    .filter((t) => t.state === 'running' && t.desiredState === 'running')
    .map((t) => t.node as string)
    .sort();
}

export function podsOf(state: ClusterState) {
  return valuesIn(state.pods);
}
