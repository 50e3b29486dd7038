import { describe, expect, it } from 'vitest';
import { evictionTime, taintEvictionController } from '../../src/controllers/taintEviction';
import type { Taint, Toleration } from '../../src/model/objects';
import { TAINT_NOT_READY, TAINT_UNREACHABLE } from '../../src/model/taints';
import { applyTo, cluster, context, pod, podAt, summary, withObjects } from './fixtures';

const UNREACHABLE: Taint = { key: TAINT_UNREACHABLE, effect: 'NoExecute', timeAdded: 1_000 };
const NOT_READY: Taint = { key: TAINT_NOT_READY, effect: 'NoExecute', timeAdded: 1_000 };
const CUSTOM: Taint = { key: 'maintenance', effect: 'NoExecute', timeAdded: 1_000 };
const tol = (key: string, seconds?: number): Toleration => ({
  key,
  operator: 'Exists',
  effect: 'NoExecute',
  ...(seconds !== undefined ? { tolerationSeconds: seconds } : {}),
});

// K pkg/controller/tainteviction/taint_eviction.go processPodOnNode and getMinTolerationTime.
describe('evictionTime', () => {
  it.each<{ name: string; input: { taints: Taint[]; tolerations?: Toleration[] }; want: number | undefined }>(
    [
      { name: 'no taints', input: { taints: [] }, want: undefined },
      {
        name: 'only NoSchedule taints',
        input: { taints: [{ key: 'x', effect: 'NoSchedule' }] },
        want: undefined,
      },
      {
        name: 'untolerated NoExecute: at once (when it was added)',
        input: { taints: [UNREACHABLE] },
        want: 1_000,
      },
      {
        name: 'tolerated for 300 s',
        input: { taints: [UNREACHABLE], tolerations: [tol(TAINT_UNREACHABLE, 300)] },
        want: 301_000,
      },
      {
        name: 'tolerated without seconds: never',
        input: { taints: [UNREACHABLE], tolerations: [tol(TAINT_UNREACHABLE)] },
        want: undefined,
      },
      {
        name: 'tolerationSeconds 0: at once',
        input: { taints: [UNREACHABLE], tolerations: [tol(TAINT_UNREACHABLE, 0)] },
        want: 1_000,
      },
      {
        name: 'negative tolerationSeconds: at once',
        input: { taints: [UNREACHABLE], tolerations: [tol(TAINT_UNREACHABLE, -5)] },
        want: 1_000,
      },
      {
        name: 'several taints: the minimum seconds',
        input: {
          taints: [UNREACHABLE, CUSTOM],
          tolerations: [tol(TAINT_UNREACHABLE, 300), tol('maintenance', 60)],
        },
        want: 61_000,
      },
      {
        name: 'several taints, one tolerated forever: the other seconds',
        input: {
          taints: [UNREACHABLE, CUSTOM],
          tolerations: [tol(TAINT_UNREACHABLE, 300), tol('maintenance')],
        },
        want: 301_000,
      },
      {
        name: 'one of two taints untolerated: at once',
        input: { taints: [UNREACHABLE, CUSTOM], tolerations: [tol(TAINT_UNREACHABLE, 300)] },
        want: 1_000,
      },
      {
        name: 'the default tolerations (300 s for both)',
        input: {
          taints: [NOT_READY, UNREACHABLE],
          tolerations: [tol(TAINT_NOT_READY, 300), tol(TAINT_UNREACHABLE, 300)],
        },
        want: 301_000,
      },
      {
        name: 'wildcard toleration keeps the pod',
        input: { taints: [UNREACHABLE, CUSTOM], tolerations: [{ operator: 'Exists' }] },
        want: undefined,
      },
      {
        name: 'NoSchedule taints do not count',
        input: {
          taints: [{ key: TAINT_UNREACHABLE, effect: 'NoSchedule' }, UNREACHABLE],
          tolerations: [tol(TAINT_UNREACHABLE, 30)],
        },
        want: 31_000,
      },
    ],
  )('$name', ({ input, want }) => {
    expect(
      evictionTime(pod('p', input.tolerations ? { tolerations: input.tolerations } : {}), input.taints),
    ).toBe(want);
  });
});

describe('taintEvictionController.reconcile', () => {
  function tainted(tolerations?: Toleration[]) {
    const state = withObjects(cluster(), {
      pods: [pod('web-1', { nodeName: 'node-1', ready: false, ...(tolerations ? { tolerations } : {}) })],
    });
    const node = state.nodes['node-1'];
    if (node) node.spec.taints = [{ ...UNREACHABLE, timeAdded: 10_000 }];
    return state;
  }

  it('before the toleration runs out: nothing, and a wake-up when it does', () => {
    const { ctx, wakes } = context(100_000);
    expect(
      taintEvictionController.reconcile(tainted([tol(TAINT_UNREACHABLE, 300)]), 'default/web-1', ctx),
    ).toEqual([]);
    expect(wakes).toEqual([{ key: 'default/web-1', delayMs: 210_000, periodic: false }]);
  });

  it('when it runs out: DisruptionTarget, TaintManagerEviction event, graceful deletion', () => {
    const state = tainted([tol(TAINT_UNREACHABLE, 300)]);
    const now = 310_000;
    const intents = taintEvictionController.reconcile(state, 'default/web-1', context(now).ctx);
    expect(summary(intents)).toEqual([
      'update Pod default/web-1: NoExecute taint',
      'event Pod web-1 Normal TaintManagerEviction: Marking for deletion Pod default/web-1',
      'update Pod default/web-1: taint-based eviction',
    ]);
    const p = podAt(applyTo(state, intents, now).state, 'default/web-1');
    expect(p?.metadata.deletionTimestamp).toBe(now + 30_000);
    expect(p?.metadata.deletionGracePeriodSeconds).toBe(30);
    expect(p?.status.conditions.find((c) => c.type === 'DisruptionTarget')).toEqual({
      type: 'DisruptionTarget',
      status: 'True',
      lastTransitionTime: now,
      reason: 'DeletionByTaintManager',
      message: 'Taint manager: deleting due to NoExecute taint',
    });
  });

  it('a pod without a toleration is evicted at once', () => {
    const intents = taintEvictionController.reconcile(tainted(), 'default/web-1', context(10_000).ctx);
    expect(summary(intents)[1]).toBe(
      'event Pod web-1 Normal TaintManagerEviction: Marking for deletion Pod default/web-1',
    );
    expect(intents).toHaveLength(3);
  });

  it('a pod tolerating forever, a pod already terminating, or an unbound pod: nothing', () => {
    expect(
      taintEvictionController.reconcile(tainted([tol(TAINT_UNREACHABLE)]), 'default/web-1', context(1e9).ctx),
    ).toEqual([]);
    const terminating = tainted();
    const p = podAt(terminating, 'default/web-1');
    if (p) p.metadata.deletionTimestamp = 5;
    expect(taintEvictionController.reconcile(terminating, 'default/web-1', context(20_000).ctx)).toEqual([]);
    const unbound = withObjects(cluster(), { pods: [pod('web-1')] });
    expect(taintEvictionController.reconcile(unbound, 'default/web-1', context(20_000).ctx)).toEqual([]);
  });
});
