import { describe, expect, it } from 'vitest';
import type { Taint, TaintEffect, Toleration } from '../../src/model/objects';
import {
  findUntoleratedTaint,
  formatTaint,
  TAINT_NOT_READY,
  TAINT_UNREACHABLE,
  toleratesTaint,
  tolerationsTolerate,
} from '../../src/model/taints';

const GPU: Taint = { key: 'dedicated', value: 'gpu', effect: 'NoSchedule' };
const BARE: Taint = { key: 'spot', effect: 'NoSchedule' };
const UNREACHABLE: Taint = { key: TAINT_UNREACHABLE, effect: 'NoExecute' };

// Semantics of k8s.io/api/core/v1 toleration.go ToleratesTaint (with API validation: an empty key
// requires operator Exists).
describe('toleratesTaint', () => {
  it.each<{ name: string; input: { toleration: Toleration; taint: Taint }; want: boolean }>([
    {
      name: 'Equal, same key, value and effect',
      input: {
        toleration: { key: 'dedicated', operator: 'Equal', value: 'gpu', effect: 'NoSchedule' },
        taint: GPU,
      },
      want: true,
    },
    {
      name: 'Equal, different value',
      input: {
        toleration: { key: 'dedicated', operator: 'Equal', value: 'cpu', effect: 'NoSchedule' },
        taint: GPU,
      },
      want: false,
    },
    {
      name: 'Equal without a value vs a taint with one',
      input: { toleration: { key: 'dedicated', operator: 'Equal', effect: 'NoSchedule' }, taint: GPU },
      want: false,
    },
    {
      name: 'Equal without a value vs a taint without one',
      input: { toleration: { key: 'spot', operator: 'Equal' }, taint: BARE },
      want: true,
    },
    {
      name: 'Equal with a value vs a taint without one',
      input: { toleration: { key: 'spot', operator: 'Equal', value: 'x' }, taint: BARE },
      want: false,
    },
    {
      name: 'operator omitted means Equal',
      input: { toleration: { key: 'dedicated', value: 'gpu' }, taint: GPU },
      want: true,
    },
    {
      name: 'operator omitted, wrong value',
      input: { toleration: { key: 'dedicated', value: 'cpu' }, taint: GPU },
      want: false,
    },
    {
      name: 'Exists with the key ignores the value',
      input: { toleration: { key: 'dedicated', operator: 'Exists' }, taint: GPU },
      want: true,
    },
    {
      name: 'Exists with another key',
      input: { toleration: { key: 'other', operator: 'Exists' }, taint: GPU },
      want: false,
    },
    {
      name: 'Exists, empty key, no effect: matches a NoSchedule taint',
      input: { toleration: { operator: 'Exists' }, taint: GPU },
      want: true,
    },
    {
      name: 'Exists, empty key, no effect: matches a NoExecute taint',
      input: { toleration: { operator: 'Exists' }, taint: UNREACHABLE },
      want: true,
    },
    {
      name: 'Exists, key "", no effect',
      input: { toleration: { key: '', operator: 'Exists' }, taint: BARE },
      want: true,
    },
    {
      name: 'Exists, empty key, effect NoExecute vs NoSchedule',
      input: { toleration: { operator: 'Exists', effect: 'NoExecute' }, taint: GPU },
      want: false,
    },
    {
      name: 'Exists, empty key, same effect',
      input: { toleration: { operator: 'Exists', effect: 'NoExecute' }, taint: UNREACHABLE },
      want: true,
    },
    {
      name: 'empty effect matches NoExecute',
      input: { toleration: { key: TAINT_UNREACHABLE, operator: 'Exists' }, taint: UNREACHABLE },
      want: true,
    },
    {
      name: 'empty effect matches PreferNoSchedule',
      input: {
        toleration: { key: 'spot', operator: 'Exists' },
        taint: { key: 'spot', effect: 'PreferNoSchedule' },
      },
      want: true,
    },
    {
      name: 'mismatched effect',
      input: {
        toleration: { key: 'dedicated', operator: 'Equal', value: 'gpu', effect: 'NoExecute' },
        taint: GPU,
      },
      want: false,
    },
    {
      name: 'mismatched effect with Exists',
      input: {
        toleration: { key: TAINT_UNREACHABLE, operator: 'Exists', effect: 'NoSchedule' },
        taint: UNREACHABLE,
      },
      want: false,
    },
    {
      name: 'empty key with Equal is not a wildcard',
      input: { toleration: { operator: 'Equal' }, taint: BARE },
      want: false,
    },
  ])('$name', ({ input, want }) => {
    expect(toleratesTaint(input.toleration, input.taint)).toBe(want);
  });
});

describe('tolerationsTolerate', () => {
  it.each<{ name: string; input: Toleration[] | undefined; want: boolean }>([
    { name: 'undefined', input: undefined, want: false },
    { name: 'none', input: [], want: false },
    {
      name: 'one of several',
      input: [
        { key: 'x', operator: 'Exists' },
        { key: 'dedicated', operator: 'Exists' },
      ],
      want: true,
    },
    {
      name: 'none of several',
      input: [
        { key: 'x', operator: 'Exists' },
        { key: 'dedicated', value: 'cpu' },
      ],
      want: false,
    },
  ])('$name', ({ input, want }) => {
    expect(tolerationsTolerate(input, GPU)).toBe(want);
  });
});

describe('findUntoleratedTaint', () => {
  const PREFER: Taint = { key: 'soft', effect: 'PreferNoSchedule' };
  const NOT_READY: Taint = { key: TAINT_NOT_READY, effect: 'NoExecute' };
  const HARD: TaintEffect[] = ['NoSchedule', 'NoExecute'];
  it.each<{
    name: string;
    input: { taints: Taint[] | undefined; tolerations: Toleration[] | undefined; effects: TaintEffect[] };
    want: Taint | undefined;
  }>([
    {
      name: 'no taints',
      input: { taints: undefined, tolerations: undefined, effects: HARD },
      want: undefined,
    },
    {
      name: 'untolerated NoSchedule',
      input: { taints: [PREFER, GPU], tolerations: [], effects: HARD },
      want: GPU,
    },
    {
      name: 'PreferNoSchedule is not among the effects',
      input: { taints: [PREFER], tolerations: undefined, effects: HARD },
      want: undefined,
    },
    {
      name: 'PreferNoSchedule asked for',
      input: { taints: [GPU, PREFER], tolerations: undefined, effects: ['PreferNoSchedule'] },
      want: PREFER,
    },
    {
      name: 'all tolerated',
      input: { taints: [GPU, UNREACHABLE], tolerations: [{ operator: 'Exists' }], effects: HARD },
      want: undefined,
    },
    {
      name: 'the first untolerated one',
      input: {
        taints: [GPU, UNREACHABLE, NOT_READY],
        tolerations: [{ key: 'dedicated', operator: 'Exists' }],
        effects: HARD,
      },
      want: UNREACHABLE,
    },
    {
      name: 'only NoExecute asked for',
      input: { taints: [GPU, NOT_READY], tolerations: [], effects: ['NoExecute'] },
      want: NOT_READY,
    },
  ])('$name', ({ input, want }) => {
    expect(findUntoleratedTaint(input.taints, input.tolerations, input.effects)).toBe(want);
  });
});

describe('formatTaint', () => {
  it.each([
    { name: 'with a value', input: GPU, want: 'dedicated=gpu:NoSchedule' },
    { name: 'without a value', input: UNREACHABLE, want: 'node.kubernetes.io/unreachable:NoExecute' },
    {
      name: 'empty value',
      input: { key: 'k', value: '', effect: 'PreferNoSchedule' } as Taint,
      want: 'k:PreferNoSchedule',
    },
  ])('$name', ({ input, want }) => {
    expect(formatTaint(input)).toBe(want);
  });
});
