import { describe, expect, it } from 'vitest';
import { kubelet } from '../../src/controllers/kubelet';
import type { ContainerStatus, RestartPolicy } from '../../src/model/objects';
import type { ClusterState, ContainerRuntime } from '../../src/model/state';
import {
  applyTo,
  cluster,
  context,
  eventsOf,
  GI,
  pod,
  podAt,
  runtimeAt,
  setRuntime,
  summary,
  withObjects,
} from './fixtures';

const KEY = 'default/web-1';

describe('kubelet admission', () => {
  it.each([
    {
      name: 'cpu beyond allocatable',
      input: { requests: { cpu: '3' }, used: undefined },
      want: {
        reason: 'OutOfcpu',
        message: "Node didn't have enough resource: cpu, requested: 3000, used: 0, capacity: 2000",
      },
    },
    {
      name: 'cpu beyond what admitted pods leave',
      input: { requests: { cpu: '1' }, used: { cpu: '1500m' } },
      want: {
        reason: 'OutOfcpu',
        message: "Node didn't have enough resource: cpu, requested: 1000, used: 1500, capacity: 2000",
      },
    },
    {
      name: 'memory',
      input: { requests: { memory: '5Gi' }, used: undefined },
      want: {
        reason: 'OutOfmemory',
        message: `Node didn't have enough resource: memory, requested: ${5 * GI}, used: 0, capacity: ${4 * GI}`,
      },
    },
  ])('rejects a pod that does not fit: $name', ({ input, want }) => {
    const state = withObjects(cluster(['node-1'], 2_000), {
      pods: [pod('web-1', { nodeName: 'node-1', phase: 'Pending', requests: input.requests })],
    });
    if (input.used) {
      withObjects(state, { pods: [pod('other', { nodeName: 'node-1', requests: input.used })] });
      setRuntime(state, 'default/other', { node: 'node-1', uid: 'uid-other', containers: {} });
    }
    const { ctx, wakes } = context(2_000);
    const intents = kubelet.reconcile(state, KEY, ctx);
    expect(summary(intents)[0]).toBe(`update Pod ${KEY}: rejected by kubelet admission`);
    expect(
      eventsOf(intents).map((e) => [e.type, e.reason, e.object.name, e.source.component, e.source.host]),
    ).toEqual([['Warning', want.reason, 'web-1', 'kubelet', 'node-1']]);
    expect(intents).toHaveLength(2);
    expect(wakes).toEqual([]);
    const p = podAt(applyTo(state, intents).state, KEY);
    expect(p?.status).toMatchObject({
      phase: 'Failed',
      reason: want.reason,
      message: `Pod was rejected: ${want.message}`,
      startTime: 2_000,
    });
  });

  it.each([
    {
      name: 'image absent: Pulling',
      input: { present: false, pullPolicy: undefined },
      want: { reason: 'Pulling', message: 'Pulling image "web:1.0"', stage: 'pulling', after: 5_000 },
    },
    {
      name: 'image present: already present on machine',
      input: { present: true, pullPolicy: undefined },
      want: {
        reason: 'Pulled',
        message: 'Container image "web:1.0" already present on machine',
        stage: 'starting',
        after: 1_000,
      },
    },
    {
      name: 'image present but imagePullPolicy Always: Pulling',
      input: { present: true, pullPolicy: 'Always' as const },
      want: { reason: 'Pulling', message: 'Pulling image "web:1.0"', stage: 'pulling', after: 5_000 },
    },
  ])('admits a pod that fits: $name', ({ input, want }) => {
    const state = withObjects(cluster(['node-1'], 2_000), {
      pods: [
        pod('web-1', {
          nodeName: 'node-1',
          phase: 'Pending',
          requests: { cpu: '500m' },
          ...(input.pullPolicy ? { imagePullPolicy: input.pullPolicy } : {}),
        }),
      ],
    });
    const nrt = state.nodeRuntime['node-1'];
    if (nrt && input.present) nrt.images['web:1.0'] = true;
    const { ctx, wakes } = context(2_000);
    const intents = kubelet.reconcile(state, KEY, ctx);
    expect(summary(intents)).toEqual([
      'runtime: pod admitted',
      `event Pod web-1 Normal ${want.reason}: ${want.message}`,
      `update Pod ${KEY}: pod admitted and sandbox created`,
    ]);
    expect(eventsOf(intents)[0]?.object.fieldPath).toBe('spec.containers{app}');
    expect(wakes).toEqual([{ key: KEY, delayMs: want.after, periodic: false }]);
    const after = applyTo(state, intents).state;
    expect(runtimeAt(after, KEY)).toEqual({
      node: 'node-1',
      uid: 'uid-web-1',
      containers: { app: { machine: 'ContainerCreating', stage: want.stage, until: 2_000 + want.after } },
    });
    expect(after.nodeRuntime['node-1']?.nextPodIP).toBe(1);
    const unready = 'containers with unready status: [app]';
    expect(podAt(after, KEY)?.status).toEqual({
      phase: 'Pending',
      startTime: 2_000,
      hostIP: '192.168.0.11',
      podIP: '10.244.1.2',
      conditions: [
        { type: 'Initialized', status: 'True', lastTransitionTime: 2_000 },
        {
          type: 'ContainersReady',
          status: 'False',
          lastTransitionTime: 2_000,
          reason: 'ContainersNotReady',
          message: unready,
        },
        {
          type: 'Ready',
          status: 'False',
          lastTransitionTime: 2_000,
          reason: 'ContainersNotReady',
          message: unready,
        },
      ],
      containerStatuses: [
        {
          name: 'app',
          image: 'web:1.0',
          state: { waiting: { reason: 'ContainerCreating' } },
          lastState: {},
          ready: false,
          started: false,
          restartCount: 0,
        },
      ],
    });
  });
});

describe('kubelet restarts an exited container', () => {
  /** web-1 on node-1 whose container started at 1 s and exited at 20 s with `exitCode`. */
  function exited(
    policy: RestartPolicy,
    exitCode: number,
    backoff: Partial<ContainerRuntime> = {},
    finishedAt = 20_000,
  ): ClusterState {
    const terminated = {
      exitCode,
      reason: exitCode === 0 ? 'Completed' : 'Error',
      startedAt: 1_000,
      finishedAt,
    };
    const status: ContainerStatus = {
      name: 'app',
      image: 'web:1.0',
      state: { terminated },
      lastState: {},
      ready: false,
      started: false,
      restartCount: 0,
      containerID: 'containerd://uid-web-1-app-0',
    };
    const state = withObjects(cluster(['node-1']), {
      pods: [
        pod('web-1', {
          nodeName: 'node-1',
          phase: 'Running',
          ready: true,
          restartPolicy: policy,
          containerStatuses: [status],
        }),
      ],
    });
    setRuntime(state, KEY, {
      node: 'node-1',
      uid: 'uid-web-1',
      containers: {
        app: {
          machine: exitCode === 0 ? 'Completed' : 'Error',
          exitCode,
          startedAt: 1_000,
          finishedAt,
          ...backoff,
        },
      },
    });
    return state;
  }

  it.each([
    { name: 'Always, exit 1', input: { policy: 'Always' as const, exitCode: 1 } },
    { name: 'Always, exit 0', input: { policy: 'Always' as const, exitCode: 0 } },
    { name: 'OnFailure, exit 1', input: { policy: 'OnFailure' as const, exitCode: 1 } },
  ])('restarts at once the first time: $name', ({ input }) => {
    const state = exited(input.policy, input.exitCode);
    const { ctx, wakes } = context(20_000);
    const intents = kubelet.reconcile(state, KEY, ctx);
    expect(summary(intents)).toEqual([
      'runtime: containers advanced',
      `update Pod ${KEY}: kubelet status update`,
    ]);
    expect(wakes).toEqual([{ key: KEY, delayMs: 1_000, periodic: false }]);
    const after = applyTo(state, intents, 20_000).state;
    expect(runtimeAt(after, KEY)?.containers.app).toEqual({
      machine: 'ContainerCreating',
      stage: 'starting',
      until: 21_000,
      exitCode: input.exitCode,
      startedAt: 1_000,
      finishedAt: 20_000,
      backoffMs: 10_000,
      backoffUpdatedAt: 20_000,
    });
    const p = podAt(after, KEY);
    expect(p?.status.phase).toBe('Running');
    expect(p?.status.containerStatuses[0]).toMatchObject({
      restartCount: 1,
      state: { waiting: { reason: 'ContainerCreating' } },
      lastState: {
        terminated: {
          exitCode: input.exitCode,
          reason: input.exitCode === 0 ? 'Completed' : 'Error',
          startedAt: 1_000,
          finishedAt: 20_000,
        },
      },
    });
  });

  it.each([
    {
      name: 'OnFailure, exit 0: Succeeded',
      input: { policy: 'OnFailure' as const, exitCode: 0 },
      want: 'Succeeded',
    },
    { name: 'Never, exit 0: Succeeded', input: { policy: 'Never' as const, exitCode: 0 }, want: 'Succeeded' },
    { name: 'Never, exit 1: Failed', input: { policy: 'Never' as const, exitCode: 1 }, want: 'Failed' },
  ])('does not restart: $name', ({ input, want }) => {
    const state = exited(input.policy, input.exitCode);
    const { ctx, wakes } = context(20_000);
    const intents = kubelet.reconcile(state, KEY, ctx);
    expect(summary(intents)).toEqual([`update Pod ${KEY}: kubelet status update`]);
    expect(wakes).toEqual([]);
    const after = applyTo(state, intents, 20_000).state;
    expect(runtimeAt(after, KEY)?.containers.app?.machine).toBe(input.exitCode === 0 ? 'Completed' : 'Error');
    const p = podAt(after, KEY);
    expect(p?.status.phase).toBe(want);
    expect(p?.status.containerStatuses[0]?.restartCount).toBe(0);
    expect(p?.status.conditions.find((c) => c.type === 'Ready')).toMatchObject({ status: 'False' });
  });

  it('a second exit within the back-off: CrashLoopBackOff, a BackOff event and a wake-up at its end', () => {
    const state = exited('Always', 1, { backoffMs: 10_000, backoffUpdatedAt: 20_000 }, 25_000);
    const { ctx, wakes } = context(25_000);
    const intents = kubelet.reconcile(state, KEY, ctx);
    expect(summary(intents)).toEqual([
      'event Pod web-1 Warning BackOff: Back-off restarting failed container app in pod web-1_default(uid-web-1)',
      'runtime: containers advanced',
      `update Pod ${KEY}: kubelet status update`,
    ]);
    expect(wakes).toEqual([{ key: KEY, delayMs: 10_000, periodic: false }]);
    const after = applyTo(state, intents, 25_000).state;
    expect(runtimeAt(after, KEY)?.containers.app?.machine).toBe('CrashLoopBackOff');
    expect(podAt(after, KEY)?.status.containerStatuses[0]?.state).toEqual({
      waiting: {
        reason: 'CrashLoopBackOff',
        message: 'back-off 10s restarting failed container=app pod=web-1_default(uid-web-1)',
      },
    });
  });

  it('after the back-off the container restarts with the next, doubled back-off', () => {
    const state = exited(
      'Always',
      1,
      { machine: 'CrashLoopBackOff', backoffMs: 10_000, backoffUpdatedAt: 20_000 },
      25_000,
    );
    const { ctx, wakes } = context(35_000);
    const intents = kubelet.reconcile(state, KEY, ctx);
    expect(wakes).toEqual([{ key: KEY, delayMs: 1_000, periodic: false }]);
    expect(runtimeAt(applyTo(state, intents, 35_000).state, KEY)?.containers.app).toMatchObject({
      machine: 'ContainerCreating',
      backoffMs: 20_000,
      backoffUpdatedAt: 35_000,
      until: 36_000,
    });
  });

  it('a node that is down runs no kubelet', () => {
    const state = exited('Always', 1);
    const rt = state.nodeRuntime['node-1'];
    if (rt) rt.up = false;
    const { ctx, wakes } = context(20_000);
    expect(kubelet.reconcile(state, KEY, ctx)).toEqual([]);
    expect(wakes).toEqual([]);
  });
});
