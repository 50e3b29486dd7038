import { describe, expect, it } from 'vitest';
import { replicaSetController } from '../../src/controllers/replicaSet';
import type { CreateIntent } from '../../src/model/intents';
import type { Pod } from '../../src/model/objects';
import {
  applyTo,
  cluster,
  context,
  eventsOf,
  expectedSuffixes,
  owner,
  pod,
  podAt,
  replicaSet,
  summary,
  withObjects,
} from './fixtures';

const RS = 'web-6d5b8';
const OWNER = owner('ReplicaSet', RS, `uid-${RS}`);
const KEY = `default/${RS}`;

function owned(name: string, o: Parameters<typeof pod>[1] = {}): Pod {
  return pod(name, { owner: OWNER, labels: { app: RS }, ...o });
}

describe('replicaSetController.reconcile', () => {
  it('creates the missing pods: names <rs>-<5 safe chars>, owner reference, SuccessfulCreate events, status', () => {
    const state = withObjects(cluster(), { replicaSets: [replicaSet(RS, 3)] });
    const { ctx, wakes } = context(1_000, 1);
    const intents = replicaSetController.reconcile(state, KEY, ctx);
    const names = expectedSuffixes(1, 3).map((s) => `${RS}-${s}`);
    expect(summary(intents)).toEqual([
      `create Pod default/${names[0]}`,
      `event ReplicaSet ${RS} Normal SuccessfulCreate: Created pod: ${names[0]}`,
      `create Pod default/${names[1]}`,
      `event ReplicaSet ${RS} Normal SuccessfulCreate: Created pod: ${names[1]}`,
      `create Pod default/${names[2]}`,
      `event ReplicaSet ${RS} Normal SuccessfulCreate: Created pod: ${names[2]}`,
      `update ReplicaSet ${KEY}: status`,
    ]);
    expect(wakes).toEqual([]);
    const created = (intents[0] as CreateIntent).object;
    expect(created).toEqual({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        name: names[0],
        namespace: 'default',
        uid: '',
        creationTimestamp: 0,
        generateName: `${RS}-`,
        labels: { app: RS },
        ownerReferences: [
          {
            apiVersion: 'apps/v1',
            kind: 'ReplicaSet',
            name: RS,
            uid: `uid-${RS}`,
            controller: true,
            blockOwnerDeletion: true,
          },
        ],
      },
      spec: replicaSet(RS, 3).spec.template.spec,
      status: { phase: 'Pending', conditions: [], containerStatuses: [] },
    });
    expect(eventsOf(intents)[0]?.source).toEqual({ component: 'replicaset-controller' });
    const after = applyTo(state, intents).state;
    expect(after.replicaSets[KEY]?.status).toEqual({
      replicas: 0,
      fullyLabeledReplicas: 0,
      readyReplicas: 0,
      availableReplicas: 0,
      observedGeneration: 1,
    });
  });

  it('the same seed gives the same names, another seed other names', () => {
    const state = withObjects(cluster(), { replicaSets: [replicaSet(RS, 2)] });
    const names = (seed: number) =>
      replicaSetController
        .reconcile(state, KEY, context(0, seed).ctx)
        .filter((i): i is CreateIntent => i.op === 'create')
        .map((i) => i.object.metadata.name);
    expect(names(7)).toEqual(names(7));
    expect(names(7)).not.toEqual(names(8));
    for (const n of names(7)) expect(n).toMatch(/^web-6d5b8-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
  });

  it('does not count Terminating, Failed or Succeeded pods, nor pods of another owner', () => {
    const state = withObjects(cluster(), {
      replicaSets: [replicaSet(RS, 2)],
      pods: [
        owned('a', { nodeName: 'node-1', ready: true }),
        owned('b', { nodeName: 'node-2', ready: true, deletionTimestamp: 500 }),
        owned('c', { nodeName: 'node-2', phase: 'Failed' }),
        owned('d', { nodeName: 'node-2', phase: 'Succeeded' }),
        pod('e', {
          nodeName: 'node-2',
          labels: { app: RS },
          owner: owner('ReplicaSet', 'other', 'uid-other'),
        }),
      ],
    });
    const intents = replicaSetController.reconcile(state, KEY, context(1_000, 1).ctx);
    const [name] = expectedSuffixes(1, 1).map((s) => `${RS}-${s}`);
    expect(summary(intents)).toEqual([
      `create Pod default/${name}`,
      `event ReplicaSet ${RS} Normal SuccessfulCreate: Created pod: ${name}`,
      `update ReplicaSet ${KEY}: status`,
    ]);
    expect(applyTo(state, intents).state.replicaSets[KEY]?.status).toEqual({
      replicas: 1,
      fullyLabeledReplicas: 1,
      readyReplicas: 1,
      availableReplicas: 1,
      observedGeneration: 1,
    });
  });

  it('deletes an unbound surplus pod outright (op delete)', () => {
    const state = withObjects(cluster(), {
      replicaSets: [replicaSet(RS, 1)],
      pods: [
        owned('a', { nodeName: 'node-1', ready: true }),
        owned('b', { phase: 'Pending', createdAt: 10 }),
      ],
    });
    const intents = replicaSetController.reconcile(state, KEY, context(1_000).ctx);
    expect(summary(intents)).toEqual([
      `delete Pod default/b: scale down of ${RS}`,
      `event ReplicaSet ${RS} Normal SuccessfulDelete: Deleted pod: b`,
      `update ReplicaSet ${KEY}: status`,
    ]);
  });

  it('gives a bound surplus pod a deletionTimestamp (graceful deletion), newest first', () => {
    const state = withObjects(cluster(), {
      replicaSets: [replicaSet(RS, 1)],
      pods: [
        owned('a', { nodeName: 'node-1', ready: true, createdAt: 0 }),
        owned('c', { nodeName: 'node-2', ready: true, createdAt: 100 }),
      ],
    });
    const intents = replicaSetController.reconcile(state, KEY, context(1_000).ctx);
    expect(summary(intents)).toEqual([
      `update Pod default/c: scale down of ${RS}`,
      `event ReplicaSet ${RS} Normal SuccessfulDelete: Deleted pod: c`,
      `update ReplicaSet ${KEY}: status`,
    ]);
    const after = applyTo(state, intents, 1_000).state;
    expect(podAt(after, 'default/c')?.metadata).toMatchObject({
      deletionTimestamp: 31_000,
      deletionGracePeriodSeconds: 30,
    });
    expect(podAt(after, 'default/a')?.metadata.deletionTimestamp).toBeUndefined();
  });

  it('picks the surplus by the deletion ranking', () => {
    const state = withObjects(cluster(), {
      replicaSets: [replicaSet(RS, 1)],
      pods: [
        owned('x', { nodeName: 'node-1', ready: true }),
        owned('y', { nodeName: 'node-1', ready: false }),
        owned('z', { phase: 'Pending' }),
      ],
    });
    const intents = replicaSetController.reconcile(state, KEY, context(1_000).ctx);
    expect(summary(intents)).toEqual([
      `delete Pod default/z: scale down of ${RS}`,
      `event ReplicaSet ${RS} Normal SuccessfulDelete: Deleted pod: z`,
      `update Pod default/y: scale down of ${RS}`,
      `event ReplicaSet ${RS} Normal SuccessfulDelete: Deleted pod: y`,
      `update ReplicaSet ${KEY}: status`,
    ]);
  });

  it('returns nothing when pods and status already match', () => {
    const state = withObjects(cluster(), {
      replicaSets: [
        replicaSet(RS, 1, {
          status: {
            replicas: 1,
            fullyLabeledReplicas: 1,
            readyReplicas: 1,
            availableReplicas: 1,
            observedGeneration: 1,
          },
        }),
      ],
      pods: [owned('a', { nodeName: 'node-1', ready: true })],
    });
    expect(replicaSetController.reconcile(state, KEY, context(1_000).ctx)).toEqual([]);
  });

  it('ignores a missing or deleted ReplicaSet', () => {
    const state = withObjects(cluster(), { replicaSets: [replicaSet(RS, 1)] });
    expect(replicaSetController.reconcile(state, 'default/nope', context(0).ctx)).toEqual([]);
    const rs = state.replicaSets[KEY];
    if (rs) rs.metadata.deletionTimestamp = 1;
    expect(replicaSetController.reconcile(state, KEY, context(0).ctx)).toEqual([]);
  });
});
