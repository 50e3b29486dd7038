/**
 * Golden scheduling decisions at a size where every fast path engages (300 nodes: the
 * percentageOfNodesToScore walk, the node table, the score caches, the cluster indexes), pinned in
 * `scheduler.txt`: the hash of every cycle's explain record (filter verdicts and scores of each
 * node), its next start index and its preemption message, for two profiles. A refactor of the
 * scheduler that changes any decision, score, verdict or random draw changes a line here.
 *
 * Regenerate after a deliberate behaviour change (and say so in the commit):
 *
 *     npx vitest run test/golden -u
 */
import { createHash } from 'node:crypto';
import { freeze } from 'immer';
import { describe, expect, it } from 'vitest';
import { Rng, seedState } from '../../src/engine/rng';
import type { Affinity, Pod, Taint, TopologySpreadConstraint } from '../../src/model/objects';
import type { ClusterState } from '../../src/model/state';
import type { NodeInfo, Profile } from '../../src/scheduler/framework';
import { makeNodeInfo, withPod } from '../../src/scheduler/nodeInfo';
import { NodeTable } from '../../src/scheduler/nodeTable';
import { DEFAULT_PROFILE } from '../../src/scheduler/profile';
import { makeCycle, schedulePod } from '../../src/scheduler/scheduleOne';
import { makeNode, makePod, makeState, profileFromYaml } from '../scheduler/fixtures';

const ZONE = 'topology.kubernetes.io/zone';
const HOST = 'kubernetes.io/hostname';
const NODES = 300;
const PODS = 3000;

const DEDICATED: Taint = { key: 'dedicated', value: 'batch', effect: 'NoSchedule' };
const SOFT: Taint = { key: 'flaky', value: 'yes', effect: 'PreferNoSchedule' };

function nodes(): NodeInfo[] {
  return Array.from({ length: NODES }, (_, i) => {
    const name = `node-${String(i).padStart(3, '0')}`;
    const big = i % 7 === 0;
    const taints = i % 10 === 3 ? [DEDICATED] : i % 13 === 5 ? [SOFT] : undefined;
    const node = makeNode(
      name,
      { cpu: big ? '16' : '1', memory: big ? '64Gi' : '16Gi', pods: i % 11 === 0 ? '20' : '110' },
      {
        labels: { [ZONE]: `zone-${i % 4}`, disktype: i % 3 === 0 ? 'ssd' : 'hdd' },
        ...(taints === undefined ? {} : { taints }),
        ...(i % 37 === 0 ? { unschedulable: true } : {}),
      },
    );
    return makeNodeInfo(freeze(node, true), []);
  });
}

function spread(app: string, key: string, when: TopologySpreadConstraint['whenUnsatisfiable']) {
  return [{ maxSkew: 1, topologyKey: key, whenUnsatisfiable: when, labelSelector: { matchLabels: { app } } }];
}

function pod(i: number): Pod {
  const app = `app-${i % 23}`;
  const kind = i % 20;
  const requests =
    kind === 19 ? undefined : { cpu: `${100 + (i % 6) * 75}m`, memory: `${128 + (i % 5) * 96}Mi` };
  const affinity: Affinity | undefined =
    kind === 3
      ? {
          podAntiAffinity: {
            preferredDuringSchedulingIgnoredDuringExecution: [
              { weight: 60, podAffinityTerm: { topologyKey: HOST, labelSelector: { matchLabels: { app } } } },
            ],
          },
        }
      : kind === 4
        ? {
            podAntiAffinity: {
              requiredDuringSchedulingIgnoredDuringExecution: [
                { topologyKey: HOST, labelSelector: { matchLabels: { app } } },
              ],
            },
          }
        : kind === 5
          ? {
              podAffinity: {
                requiredDuringSchedulingIgnoredDuringExecution: [
                  { topologyKey: ZONE, labelSelector: { matchLabels: { app: 'app-0' } } },
                ],
              },
            }
          : kind === 6
            ? {
                nodeAffinity: {
                  preferredDuringSchedulingIgnoredDuringExecution: [
                    {
                      weight: 30,
                      preference: {
                        matchExpressions: [{ key: 'disktype', operator: 'In', values: ['ssd'] }],
                      },
                    },
                  ],
                },
              }
            : kind === 7
              ? {
                  nodeAffinity: {
                    requiredDuringSchedulingIgnoredDuringExecution: {
                      nodeSelectorTerms: [
                        { matchExpressions: [{ key: ZONE, operator: 'NotIn', values: ['zone-3'] }] },
                      ],
                    },
                  },
                }
              : undefined;
  const p = makePod(`pod-${i}`, requests, {
    labels: { app },
    ...(affinity === undefined ? {} : { affinity }),
    ...(kind === 8
      ? { tolerations: [{ key: 'dedicated', operator: 'Equal', value: 'batch', effect: 'NoSchedule' }] }
      : {}),
    ...(kind === 9 ? { nodeSelector: { disktype: 'ssd' } } : {}),
  });
  if (kind === 1) p.spec.topologySpreadConstraints = spread(app, ZONE, 'DoNotSchedule');
  if (kind === 2) p.spec.topologySpreadConstraints = spread(app, HOST, 'ScheduleAnyway');
  if (kind === 10) (p.spec.containers[0] as { image: string }).image = 'registry.example/app:v1';
  if (kind === 11)
    (p.spec.containers[0] as { ports?: unknown }).ports = [
      { containerPort: 80, hostPort: 8080, protocol: 'TCP' },
    ];
  return freeze(p, true);
}

function mostAllocated(): Profile {
  return profileFromYaml(`
apiVersion: kubescheduler.config.k8s.io/v1
kind: KubeSchedulerConfiguration
percentageOfNodesToScore: 30
profiles:
  - schedulerName: most-allocated
    pluginConfig:
      - name: NodeResourcesFit
        args:
          scoringStrategy:
            type: MostAllocated
            resources: [{name: cpu, weight: 2}, {name: memory, weight: 1}]
`);
}

/** Schedules every pod in turn on one table, assuming each bound pod as kube-scheduler's cache does. */
function decisions(profile: Profile): string {
  const infos = nodes();
  const base = makeState(infos.map((n) => n.node));
  // Every fifth node has pulled the image kind-10 pods run (ImageLocality).
  const nodeRuntime: ClusterState['nodeRuntime'] = {};
  infos.forEach((n, i) => {
    if (i % 5 === 0)
      nodeRuntime[n.name] = {
        up: true,
        machine: 'Ready',
        heartbeatPhase: 0,
        lastHeartbeat: 0,
        images: { 'registry.example/app:v1': true },
        bootedAt: 0,
        nextPodIP: 0,
      };
  });
  const state = freeze({ ...base, nodeRuntime }, true);
  const table = new NodeTable(infos);
  const rng = new Rng(seedState(7));
  const hash = createHash('sha256');
  let start = 0;
  let bound = 0;
  for (let i = 0; i < PODS; i++) {
    const p = pod(i);
    const out = schedulePod(makeCycle(state, p, table.infos, table), profile, () => rng.next(), {
      startIndex: start,
    });
    hash.update(JSON.stringify(out.result));
    hash.update(`|${out.nextStartIndex}|${out.preemption?.message ?? ''}\n`);
    start = out.nextStartIndex;
    if (out.selectedIndex >= 0) {
      table.set(out.selectedIndex, withPod(table.infos[out.selectedIndex] as NodeInfo, p, table.memo), p);
      bound++;
    }
  }
  return `${hash.digest('hex').slice(0, 16)} ${bound} of ${PODS} bound`;
}

describe('golden scheduling decisions', () => {
  it('300 nodes x 3,000 pods (to saturation) give the pinned records (regenerate: npx vitest run test/golden -u)', async () => {
    const text =
      "# sha256 (first 16 hex) of every cycle's explain record, start index and preemption message.\n" +
      '# Regenerate after a deliberate behaviour change: npx vitest run test/golden -u\n' +
      `default ${decisions(DEFAULT_PROFILE)}\n` +
      `most-allocated ${decisions(mostAllocated())}\n`;
    await expect(text).toMatchFileSnapshot('scheduler.txt');
  });
});
