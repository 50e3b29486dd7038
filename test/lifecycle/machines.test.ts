import { describe, expect, it } from 'vitest';
import { accepts, advance, containerMachine, nodeMachine, podMachine } from '../../src/lifecycle';

describe('container machine', () => {
  it.each([
    ['ContainerCreating', { type: 'STARTED' }, 'Running'],
    ['Running', { type: 'EXITED', exitCode: 0 }, 'Completed'],
    ['Running', { type: 'EXITED', exitCode: 1 }, 'Error'],
    ['Running', { type: 'OOM_KILLED' }, 'OOMKilled'],
    ['Error', { type: 'BACK_OFF' }, 'CrashLoopBackOff'],
    ['Error', { type: 'RESTART' }, 'ContainerCreating'],
    ['CrashLoopBackOff', { type: 'RESTART' }, 'ContainerCreating'],
  ] as const)('%s --%o--> %s', (from, event, to) => {
    expect(advance(containerMachine, from, event)).toBe(to);
  });

  it('refuses a restart of a running container', () => {
    expect(accepts(containerMachine, 'Running', { type: 'RESTART' })).toBe(false);
    expect(() => advance(containerMachine, 'Running', { type: 'RESTART' })).toThrow(/not accepted/);
  });
});

describe('pod machine', () => {
  it('never leaves a final phase', () => {
    expect(advance(podMachine, 'Pending', { type: 'Running' })).toBe('Running');
    expect(advance(podMachine, 'Running', { type: 'Failed' })).toBe('Failed');
    expect(accepts(podMachine, 'Failed', { type: 'Running' })).toBe(false);
    expect(accepts(podMachine, 'Succeeded', { type: 'Pending' })).toBe(false);
  });
});

describe('node machine', () => {
  it('goes Unknown without heartbeats and comes back Ready', () => {
    const unknown = advance(nodeMachine, 'Ready', { type: 'GRACE_PERIOD_EXCEEDED' });
    expect(unknown).toBe('Unknown');
    expect(advance(nodeMachine, unknown, { type: 'KUBELET_READY' })).toBe('Ready');
  });
});
