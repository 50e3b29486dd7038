/** Hand-built clusters and workloads for engine and controller tests. */
import { valuesIn } from '../../src/model/sharded';
import { applyObjects } from '../../src/engine/commands';
import { Simulation } from '../../src/engine/simulation';
import type { Deployment, Pod } from '../../src/model/objects';
import { canonicalAmount } from '../../src/model/quantity';
import type { Settings } from '../../src/model/settings';
import { bootCluster, KUBERNETES_CONTROLLERS } from '../../src/orchestrators';

export function node(name: string, cpu = '2', memory = '4Gi', labels: Record<string, string> = {}) {
  return {
    name,
    capacity: {
      cpu: canonicalAmount('cpu', cpu) as number,
      memory: canonicalAmount('memory', memory) as number,
    },
    labels,
  };
}

export function deployment(
  name: string,
  replicas: number,
  opts: { cpu?: string; image?: string; nodeSelector?: Record<string, string> } = {},
): Deployment {
  const labels = { app: name };
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace: 'default', uid: '', creationTimestamp: 0, generation: 1, labels },
    spec: {
      replicas,
      selector: { matchLabels: labels },
      template: {
        metadata: { labels },
        spec: {
          containers: [
            {
              name,
              image: opts.image ?? `${name}:1.0`,
              ...(opts.cpu ? { resources: { requests: { cpu: opts.cpu, memory: '128Mi' } } } : {}),
            },
          ],
          restartPolicy: 'Always',
          terminationGracePeriodSeconds: 30,
          schedulerName: 'default-scheduler',
          ...(opts.nodeSelector ? { nodeSelector: opts.nodeSelector } : {}),
        },
      },
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } },
      minReadySeconds: 0,
      revisionHistoryLimit: 10,
      progressDeadlineSeconds: 600,
    },
    status: {
      replicas: 0,
      updatedReplicas: 0,
      readyReplicas: 0,
      availableReplicas: 0,
      unavailableReplicas: 0,
      observedGeneration: 0,
      conditions: [],
    },
  };
}

export function simulate(
  nodes: ReturnType<typeof node>[],
  objects: Deployment[],
  settings: Partial<Settings> = {},
  seed = 1,
) {
  const sim = new Simulation(bootCluster(nodes, seed, settings), { controllers: KUBERNETES_CONTROLLERS });
  sim.execute((state) => applyObjects(state, objects));
  return sim;
}

export function podsOf(sim: Simulation, app: string): Pod[] {
  return valuesIn(sim.state.pods)
    .filter((p) => p.metadata.labels?.app === app)
    .sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : 1));
}
