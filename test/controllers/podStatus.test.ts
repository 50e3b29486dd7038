import { describe, expect, it } from 'vitest';
import { computePhase, isPodReady, readySince, setCondition } from '../../src/controllers/podStatus';
import type {
  ContainerState,
  ContainerStatus,
  PodCondition,
  PodPhase,
  RestartPolicy,
} from '../../src/model/objects';
import { pod } from './fixtures';

const RUNNING: ContainerState = { running: { startedAt: 0 } };
const CREATING: ContainerState = { waiting: { reason: 'ContainerCreating' } };
const BACKOFF: ContainerState = { waiting: { reason: 'CrashLoopBackOff' } };
const EXIT0: ContainerState = { terminated: { exitCode: 0, reason: 'Completed', finishedAt: 1 } };
const EXIT1: ContainerState = { terminated: { exitCode: 1, reason: 'Error', finishedAt: 1 } };

function cs(state: ContainerState, lastState: ContainerState = {}, name = 'app'): ContainerStatus {
  return { name, image: 'web:1.0', state, lastState, ready: false, started: false, restartCount: 0 };
}

// K pkg/kubelet/kubelet_pods.go getPhase.
describe('computePhase', () => {
  it.each<{ name: string; input: { policy: RestartPolicy; statuses: ContainerStatus[] }; want: PodPhase }>([
    { name: 'Always, running', input: { policy: 'Always', statuses: [cs(RUNNING)] }, want: 'Running' },
    { name: 'Always, creating', input: { policy: 'Always', statuses: [cs(CREATING)] }, want: 'Pending' },
    { name: 'Always, exited 0', input: { policy: 'Always', statuses: [cs(EXIT0)] }, want: 'Running' },
    { name: 'Always, exited 1', input: { policy: 'Always', statuses: [cs(EXIT1)] }, want: 'Running' },
    {
      name: 'Always, waiting to restart after an exit',
      input: { policy: 'Always', statuses: [cs(BACKOFF, EXIT1)] },
      want: 'Running',
    },
    { name: 'OnFailure, running', input: { policy: 'OnFailure', statuses: [cs(RUNNING)] }, want: 'Running' },
    {
      name: 'OnFailure, creating',
      input: { policy: 'OnFailure', statuses: [cs(CREATING)] },
      want: 'Pending',
    },
    { name: 'OnFailure, exited 0', input: { policy: 'OnFailure', statuses: [cs(EXIT0)] }, want: 'Succeeded' },
    { name: 'OnFailure, exited 1', input: { policy: 'OnFailure', statuses: [cs(EXIT1)] }, want: 'Running' },
    {
      name: 'OnFailure, waiting to restart after a failure',
      input: { policy: 'OnFailure', statuses: [cs(BACKOFF, EXIT1)] },
      want: 'Running',
    },
    { name: 'Never, running', input: { policy: 'Never', statuses: [cs(RUNNING)] }, want: 'Running' },
    { name: 'Never, creating', input: { policy: 'Never', statuses: [cs(CREATING)] }, want: 'Pending' },
    { name: 'Never, exited 0', input: { policy: 'Never', statuses: [cs(EXIT0)] }, want: 'Succeeded' },
    { name: 'Never, exited 1', input: { policy: 'Never', statuses: [cs(EXIT1)] }, want: 'Failed' },
    {
      name: 'Never, one running and one done',
      input: { policy: 'Never', statuses: [cs(RUNNING, {}, 'a'), cs(EXIT0, {}, 'b')] },
      want: 'Running',
    },
    {
      name: 'Never, one failed and one succeeded',
      input: { policy: 'Never', statuses: [cs(EXIT0, {}, 'a'), cs(EXIT1, {}, 'b')] },
      want: 'Failed',
    },
    {
      name: 'Never, both succeeded',
      input: { policy: 'Never', statuses: [cs(EXIT0, {}, 'a'), cs(EXIT0, {}, 'b')] },
      want: 'Succeeded',
    },
    {
      name: 'OnFailure, one failed and one succeeded',
      input: { policy: 'OnFailure', statuses: [cs(EXIT0, {}, 'a'), cs(EXIT1, {}, 'b')] },
      want: 'Running',
    },
    {
      name: 'Always, both succeeded',
      input: { policy: 'Always', statuses: [cs(EXIT0, {}, 'a'), cs(EXIT0, {}, 'b')] },
      want: 'Running',
    },
    {
      name: 'one creating, one running',
      input: { policy: 'Always', statuses: [cs(CREATING, {}, 'a'), cs(RUNNING, {}, 'b')] },
      want: 'Pending',
    },
    { name: 'no statuses yet', input: { policy: 'Always', statuses: [] }, want: 'Pending' },
  ])('$name', ({ input, want }) => {
    expect(computePhase(pod('p', { restartPolicy: input.policy }), input.statuses)).toBe(want);
  });
});

describe('setCondition', () => {
  it.each<{
    name: string;
    input: { before: PodCondition[]; status: PodCondition['status']; reason?: string };
    want: PodCondition[];
  }>([
    {
      name: 'adds a new condition',
      input: { before: [], status: 'True' },
      want: [{ type: 'Ready', status: 'True', lastTransitionTime: 50 }],
    },
    {
      name: 'keeps the transition time when the status does not change',
      input: { before: [{ type: 'Ready', status: 'True', lastTransitionTime: 10 }], status: 'True' },
      want: [{ type: 'Ready', status: 'True', lastTransitionTime: 10 }],
    },
    {
      name: 'moves the transition time on a change, sets the reason',
      input: {
        before: [{ type: 'Ready', status: 'True', lastTransitionTime: 10 }],
        status: 'False',
        reason: 'R',
      },
      want: [{ type: 'Ready', status: 'False', lastTransitionTime: 50, reason: 'R' }],
    },
    {
      name: 'drops a reason that is no longer given',
      input: {
        before: [{ type: 'Ready', status: 'False', lastTransitionTime: 10, reason: 'R', message: 'm' }],
        status: 'False',
      },
      want: [{ type: 'Ready', status: 'False', lastTransitionTime: 10 }],
    },
  ])('$name', ({ input, want }) => {
    const conditions = structuredClone(input.before);
    setCondition(conditions, 'Ready', input.status, 50, input.reason);
    expect(conditions).toEqual(want);
  });

  it('isPodReady and readySince read the Ready condition', () => {
    expect(isPodReady(pod('a', { ready: true, readySince: 7 }))).toBe(true);
    expect(readySince(pod('a', { ready: true, readySince: 7 }))).toBe(7);
    expect(isPodReady(pod('b', { ready: false, readySince: 7 }))).toBe(false);
    expect(readySince(pod('b', { ready: false, readySince: 7 }))).toBeUndefined();
    expect(isPodReady(pod('c'))).toBe(false);
  });
});
