import { describe, expect, it } from 'vitest';
import { deploymentController, templateHash } from '../../src/controllers/deployment';
import { fenceposts, resolveIntOrPercent } from '../../src/controllers/fenceposts';
import type { CreateIntent, Intent } from '../../src/model/intents';
import type { Deployment, ReplicaSet } from '../../src/model/objects';
import {
  applyTo,
  cluster,
  context,
  deployment,
  owner,
  pod,
  replicaSet,
  summary,
  withObjects,
} from './fixtures';

const D_OWNER = owner('Deployment', 'web', 'uid-web');

function run(d: Deployment, replicaSets: ReplicaSet[] = [], pods = [] as ReturnType<typeof pod>[]): Intent[] {
  const state = withObjects(cluster(), { deployments: [d], replicaSets, pods });
  return deploymentController.reconcile(state, 'default/web', context(1_000).ctx);
}

/** The intents without the Deployment status update. */
const actions = (intents: Intent[]) =>
  summary(intents).filter((s) => s !== 'update Deployment default/web: status');

/** A ReplicaSet owned by `web` for the template hash `hash`. */
function owned(
  hash: string,
  replicas: number,
  available: number,
  o: { createdAt?: number; revision?: number } = {},
): ReplicaSet {
  return replicaSet(`web-${hash}`, replicas, {
    owner: D_OWNER,
    labels: { app: 'web', 'pod-template-hash': hash },
    status: {
      replicas,
      fullyLabeledReplicas: replicas,
      readyReplicas: available,
      availableReplicas: available,
      observedGeneration: 1,
    },
    createdAt: o.createdAt ?? 0,
    revision: o.revision ?? 1,
  });
}

describe('templateHash', () => {
  it('is safe-encoded, stable, and changes with the template and the collision count', () => {
    const d = deployment('web', 3);
    const h = templateHash(d);
    expect(h).toMatch(/^[bcdfghjklmnpqrstvwxz2456789]+$/);
    expect(templateHash(deployment('web', 5))).toBe(h); // replicas are not part of the template
    expect(templateHash(deployment('web', 3, { image: 'web:2.0' }))).not.toBe(h);
    const collided = deployment('web', 3);
    collided.status.collisionCount = 1;
    expect(templateHash(collided)).not.toBe(h);
  });
});

describe('resolveIntOrPercent', () => {
  it.each<{
    name: string;
    input: { v: number | string | undefined; total: number; roundUp: boolean };
    want: number;
  }>([
    { name: 'an integer passes through', input: { v: 3, total: 10, roundUp: true }, want: 3 },
    { name: '25% of 10 rounded up', input: { v: '25%', total: 10, roundUp: true }, want: 3 },
    { name: '25% of 10 rounded down', input: { v: '25%', total: 10, roundUp: false }, want: 2 },
    { name: 'default 25% of 4 up', input: { v: undefined, total: 4, roundUp: true }, want: 1 },
    { name: 'default 25% of 1 up', input: { v: undefined, total: 1, roundUp: true }, want: 1 },
    { name: 'default 25% of 1 down', input: { v: undefined, total: 1, roundUp: false }, want: 0 },
    { name: '100% of 7', input: { v: '100%', total: 7, roundUp: false }, want: 7 },
    { name: '0%', input: { v: '0%', total: 7, roundUp: true }, want: 0 },
    { name: '1% of 1 up', input: { v: '1%', total: 1, roundUp: true }, want: 1 },
    { name: '1% of 1 down', input: { v: '1%', total: 1, roundUp: false }, want: 0 },
  ])('$name', ({ input, want }) => {
    expect(resolveIntOrPercent(input.v, input.total, input.roundUp, '25%')).toBe(want);
  });
});

// K pkg/controller/deployment/util/deployment_util.go ResolveFenceposts.
describe('fenceposts', () => {
  it.each<{
    name: string;
    input: {
      replicas: number;
      maxSurge?: number | string;
      maxUnavailable?: number | string;
      noRollingUpdate?: boolean;
    };
    want: { maxSurge: number; maxUnavailable: number };
  }>([
    {
      name: 'defaults for 10',
      input: { replicas: 10, noRollingUpdate: true },
      want: { maxSurge: 3, maxUnavailable: 2 },
    },
    {
      name: '25%/25% of 4',
      input: { replicas: 4, maxSurge: '25%', maxUnavailable: '25%' },
      want: { maxSurge: 1, maxUnavailable: 1 },
    },
    {
      name: '25%/25% of 1',
      input: { replicas: 1, maxSurge: '25%', maxUnavailable: '25%' },
      want: { maxSurge: 1, maxUnavailable: 0 },
    },
    {
      name: '50%/50% of 5',
      input: { replicas: 5, maxSurge: '50%', maxUnavailable: '50%' },
      want: { maxSurge: 3, maxUnavailable: 2 },
    },
    {
      name: '30%/30% of 10',
      input: { replicas: 10, maxSurge: '30%', maxUnavailable: '30%' },
      want: { maxSurge: 3, maxUnavailable: 3 },
    },
    {
      name: 'int and percent',
      input: { replicas: 10, maxSurge: 2, maxUnavailable: '50%' },
      want: { maxSurge: 2, maxUnavailable: 5 },
    },
    {
      name: 'both 0: maxUnavailable 1',
      input: { replicas: 3, maxSurge: 0, maxUnavailable: 0 },
      want: { maxSurge: 0, maxUnavailable: 1 },
    },
    {
      name: 'both 0%: maxUnavailable 1',
      input: { replicas: 3, maxSurge: '0%', maxUnavailable: '0%' },
      want: { maxSurge: 0, maxUnavailable: 1 },
    },
    {
      name: 'surge 0, unavailable 1',
      input: { replicas: 3, maxSurge: 0, maxUnavailable: 1 },
      want: { maxSurge: 0, maxUnavailable: 1 },
    },
  ])('$name', ({ input, want }) => {
    const ru: { maxSurge?: number | string; maxUnavailable?: number | string } = {};
    if (input.maxSurge !== undefined) ru.maxSurge = input.maxSurge;
    if (input.maxUnavailable !== undefined) ru.maxUnavailable = input.maxUnavailable;
    const d = deployment('web', input.replicas, {
      strategy: input.noRollingUpdate
        ? { type: 'RollingUpdate' }
        : { type: 'RollingUpdate', rollingUpdate: ru },
    });
    expect(fenceposts(d)).toEqual(want);
  });
});

describe('deploymentController.reconcile', () => {
  it('creates the first ReplicaSet <deployment>-<hash> with the pod-template-hash label and selector', () => {
    const d = deployment('web', 3);
    const hash = templateHash(d);
    const intents = run(d);
    expect(summary(intents)).toEqual([
      `create ReplicaSet default/web-${hash}`,
      `event Deployment web Normal ScalingReplicaSet: Scaled up replica set web-${hash} to 3`,
      'update Deployment default/web: status',
    ]);
    const rs = (intents[0] as CreateIntent).object as ReplicaSet;
    const labels = { app: 'web', 'pod-template-hash': hash };
    expect(rs.metadata).toEqual({
      name: `web-${hash}`,
      namespace: 'default',
      uid: '',
      creationTimestamp: 0,
      generation: 1,
      labels,
      annotations: { 'deployment.kubernetes.io/revision': '1' },
      ownerReferences: [D_OWNER],
    });
    expect(rs.spec).toEqual({
      replicas: 3,
      selector: { matchLabels: labels },
      template: { metadata: { labels }, spec: d.spec.template.spec },
      minReadySeconds: 0,
    });
    // The Deployment's own selector is not changed.
    expect(d.spec.selector).toEqual({ matchLabels: { app: 'web' } });
  });

  it('no event when the first ReplicaSet starts at 0 replicas', () => {
    const d = deployment('web', 0);
    expect(actions(run(d))).toEqual([`create ReplicaSet default/web-${templateHash(d)}`]);
  });

  it.each([
    {
      name: 'scales up',
      input: { replicas: 5, current: 3 },
      want: 'Scaled up replica set web-H to 5 from 3',
    },
    {
      name: 'scales down',
      input: { replicas: 1, current: 3 },
      want: 'Scaled down replica set web-H to 1 from 3',
    },
  ])('$name the current ReplicaSet: ScalingReplicaSet "$want"', ({ input, want }) => {
    const d = deployment('web', input.replicas);
    const hash = templateHash(d);
    const rs = owned(hash, input.current, input.current);
    const intents = run(d, [rs]);
    expect(actions(intents)).toEqual([
      `update ReplicaSet default/web-${hash}: scale ${input.replicas > input.current ? 'up' : 'down'} for web`,
      `event Deployment web Normal ScalingReplicaSet: ${want.replace('web-H', `web-${hash}`)}`,
    ]);
    const after = applyTo(withObjects(cluster(), { deployments: [d], replicaSets: [rs] }), intents).state;
    expect(after.replicaSets[`default/web-${hash}`]?.spec.replicas).toBe(input.replicas);
    expect(after.replicaSets[`default/web-${hash}`]?.metadata.generation).toBe(2);
  });

  it('nothing to do when the current ReplicaSet has the desired replicas', () => {
    const d = deployment('web', 3);
    expect(actions(run(d, [owned(templateHash(d), 3, 3)]))).toEqual([]);
  });

  describe('rolling update (maxSurge 25% up, maxUnavailable 25% down)', () => {
    it.each([
      { name: '4 replicas: surge 1', input: 4, want: 1 },
      { name: '10 replicas: surge ceil(2.5) = 3', input: 10, want: 3 },
      { name: '1 replica: surge ceil(0.25) = 1', input: 1, want: 1 },
    ])('a new template creates the new ReplicaSet at the surge: $name', ({ input, want }) => {
      const d = deployment('web', input, { image: 'web:2.0' });
      const hash = templateHash(d);
      const intents = run(d, [owned('old', input, input)]);
      expect(actions(intents)).toEqual([
        `create ReplicaSet default/web-${hash}`,
        `event Deployment web Normal ScalingReplicaSet: Scaled up replica set web-${hash} to ${want}`,
      ]);
      const rs = (intents[0] as CreateIntent).object as ReplicaSet;
      expect(rs.metadata.annotations).toEqual({ 'deployment.kubernetes.io/revision': '2' });
      expect(rs.spec.replicas).toBe(want);
    });

    it('at the surge limit, scales the old ReplicaSet down by maxUnavailable (floor(2.5) = 2)', () => {
      const d = deployment('web', 10, { image: 'web:2.0' });
      const hash = templateHash(d);
      expect(
        actions(run(d, [owned('old', 10, 10), owned(hash, 3, 0, { createdAt: 1, revision: 2 })])),
      ).toEqual([
        'update ReplicaSet default/web-old: scale down for web',
        'event Deployment web Normal ScalingReplicaSet: Scaled down replica set web-old to 8 from 10',
      ]);
    });

    it('below the surge limit, scales the new ReplicaSet up first', () => {
      const d = deployment('web', 10, { image: 'web:2.0' });
      const hash = templateHash(d);
      expect(actions(run(d, [owned('old', 8, 8), owned(hash, 3, 3, { createdAt: 1, revision: 2 })]))).toEqual(
        [
          `update ReplicaSet default/web-${hash}: scale up for web`,
          `event Deployment web Normal ScalingReplicaSet: Scaled up replica set web-${hash} to 5 from 3`,
        ],
      );
    });

    it('does not go below replicas - maxUnavailable available pods', () => {
      const d = deployment('web', 4, { image: 'web:2.0' });
      const hash = templateHash(d);
      // 4 old available, new has 1 unavailable: 5 total = 4 + surge 1; min available 3.
      expect(actions(run(d, [owned('old', 4, 4), owned(hash, 1, 0, { createdAt: 1, revision: 2 })]))).toEqual(
        [
          'update ReplicaSet default/web-old: scale down for web',
          'event Deployment web Normal ScalingReplicaSet: Scaled down replica set web-old to 3 from 4',
        ],
      );
      // Only 3 old available: nothing can go.
      expect(actions(run(d, [owned('old', 3, 3), owned(hash, 2, 0, { createdAt: 1, revision: 2 })]))).toEqual(
        [],
      );
    });

    it('removes unavailable old pods first (cleanupUnhealthyReplicas)', () => {
      const d = deployment('web', 10, { image: 'web:2.0' });
      const hash = templateHash(d);
      // total 13, min available 8, new unavailable 3: may drop 2; the old one has 1 unhealthy.
      expect(
        actions(run(d, [owned('old', 10, 9), owned(hash, 3, 0, { createdAt: 1, revision: 2 })])),
      ).toEqual([
        'update ReplicaSet default/web-old: scale down for web',
        'event Deployment web Normal ScalingReplicaSet: Scaled down replica set web-old to 9 from 10',
      ]);
    });
  });

  describe('Recreate', () => {
    const recreate = (image: string) => deployment('web', 3, { image, strategy: { type: 'Recreate' } });

    it('scales the old ReplicaSet to 0 first and creates nothing', () => {
      expect(actions(run(recreate('web:2.0'), [owned('old', 3, 3)]))).toEqual([
        'update ReplicaSet default/web-old: scale down for web',
        'event Deployment web Normal ScalingReplicaSet: Scaled down replica set web-old to 0 from 3',
      ]);
    });

    it('waits while old pods are still active', () => {
      const oldPod = pod('web-old-abcde', {
        nodeName: 'node-1',
        owner: owner('ReplicaSet', 'web-old', 'uid-web-old'),
      });
      expect(actions(run(recreate('web:2.0'), [owned('old', 0, 0)], [oldPod]))).toEqual([]);
    });

    it('creates the new ReplicaSet at full size once the old pods are gone', () => {
      const d = recreate('web:2.0');
      const hash = templateHash(d);
      expect(actions(run(d, [owned('old', 0, 0)]))).toEqual([
        `create ReplicaSet default/web-${hash}`,
        `event Deployment web Normal ScalingReplicaSet: Scaled up replica set web-${hash} to 3`,
      ]);
    });
  });

  it('a paused Deployment only updates its status', () => {
    const d = deployment('web', 3, { image: 'web:2.0' });
    d.spec.paused = true;
    expect(summary(run(d, [owned('old', 3, 3)]))).toEqual(['update Deployment default/web: status']);
  });
});
