import { describe, expect, it } from 'vitest';
import { admitPod } from '../../src/engine/admission';
import type { Toleration } from '../../src/model/objects';
import { TAINT_NOT_READY, TAINT_UNREACHABLE } from '../../src/model/taints';
import { pod } from '../controllers/fixtures';

const NOT_READY_300: Toleration = {
  key: TAINT_NOT_READY,
  operator: 'Exists',
  effect: 'NoExecute',
  tolerationSeconds: 300,
};
const UNREACHABLE_300: Toleration = {
  key: TAINT_UNREACHABLE,
  operator: 'Exists',
  effect: 'NoExecute',
  tolerationSeconds: 300,
};

// K plugin/pkg/admission/defaulttolerationseconds/admission.go: a toleration counts as covering a
// taint when its key is that taint's (or empty) and its effect is NoExecute (or empty).
describe('admitPod (DefaultTolerationSeconds)', () => {
  it.each<{ name: string; input: Toleration[] | undefined; want: Toleration[] }>([
    { name: 'no tolerations: both added', input: undefined, want: [NOT_READY_300, UNREACHABLE_300] },
    { name: 'empty list: both added', input: [], want: [NOT_READY_300, UNREACHABLE_300] },
    {
      name: 'an unrelated toleration is kept first',
      input: [{ key: 'dedicated', operator: 'Equal', value: 'gpu', effect: 'NoSchedule' }],
      want: [
        { key: 'dedicated', operator: 'Equal', value: 'gpu', effect: 'NoSchedule' },
        NOT_READY_300,
        UNREACHABLE_300,
      ],
    },
    {
      name: 'user not-ready toleration kept with its seconds',
      input: [{ key: TAINT_NOT_READY, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 10 }],
      want: [
        { key: TAINT_NOT_READY, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 10 },
        UNREACHABLE_300,
      ],
    },
    {
      name: 'user unreachable toleration without effect covers it',
      input: [{ key: TAINT_UNREACHABLE, operator: 'Exists' }],
      want: [{ key: TAINT_UNREACHABLE, operator: 'Exists' }, NOT_READY_300],
    },
    {
      name: 'Exists with no key and no effect tolerates everything: none added',
      input: [{ operator: 'Exists' }],
      want: [{ operator: 'Exists' }],
    },
    {
      name: 'Exists with no key, effect NoExecute: none added',
      input: [{ operator: 'Exists', effect: 'NoExecute' }],
      want: [{ operator: 'Exists', effect: 'NoExecute' }],
    },
    {
      name: 'Exists with no key but effect NoSchedule: both added',
      input: [{ operator: 'Exists', effect: 'NoSchedule' }],
      want: [{ operator: 'Exists', effect: 'NoSchedule' }, NOT_READY_300, UNREACHABLE_300],
    },
    {
      name: 'not-ready with effect NoSchedule does not cover NoExecute',
      input: [{ key: TAINT_NOT_READY, operator: 'Exists', effect: 'NoSchedule' }],
      want: [
        { key: TAINT_NOT_READY, operator: 'Exists', effect: 'NoSchedule' },
        NOT_READY_300,
        UNREACHABLE_300,
      ],
    },
    {
      name: 'a forever toleration (no seconds) is kept as is',
      input: [{ key: TAINT_UNREACHABLE, operator: 'Exists', effect: 'NoExecute' }],
      want: [{ key: TAINT_UNREACHABLE, operator: 'Exists', effect: 'NoExecute' }, NOT_READY_300],
    },
    {
      name: 'both present: nothing added',
      input: [
        { key: TAINT_UNREACHABLE, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 6000 },
        { key: TAINT_NOT_READY, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 6000 },
      ],
      want: [
        { key: TAINT_UNREACHABLE, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 6000 },
        { key: TAINT_NOT_READY, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 6000 },
      ],
    },
  ])('$name', ({ input, want }) => {
    const p = pod('p', input ? { tolerations: structuredClone(input) } : {});
    admitPod(p, 300);
    expect(p.spec.tolerations).toEqual(want);
  });

  it('uses the configured defaultTolerationSeconds', () => {
    const p = pod('p');
    admitPod(p, 60);
    expect(p.spec.tolerations?.map((t) => [t.key, t.tolerationSeconds])).toEqual([
      [TAINT_NOT_READY, 60],
      [TAINT_UNREACHABLE, 60],
    ]);
  });

  it('is idempotent', () => {
    const p = pod('p');
    admitPod(p, 300);
    admitPod(p, 300);
    expect(p.spec.tolerations).toEqual([NOT_READY_300, UNREACHABLE_300]);
  });
});
