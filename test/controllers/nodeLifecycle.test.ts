import { describe, expect, it } from 'vitest';
import { MONITOR_KEY, nodeLifecycleController } from '../../src/controllers/nodeLifecycle';
import type { Taint } from '../../src/model/objects';
import type { ClusterState } from '../../src/model/state';
import { TAINT_NOT_READY, TAINT_UNREACHABLE } from '../../src/model/taints';
import { applyTo, cluster, context, eventsOf, pod, podAt, summary, withObjects } from './fixtures';

/** node-1 went down after its heartbeat at 10 s; node-2 is up. Pods with Ready=True on both. */
function downCluster(): ClusterState {
  const state = withObjects(cluster(), {
    pods: [
      pod('web-1', { nodeName: 'node-1', ready: true }),
      pod('web-2', { nodeName: 'node-2', ready: true }),
    ],
  });
  const rt = state.nodeRuntime['node-1'];
  if (rt) Object.assign(rt, { up: false, lastHeartbeat: 10_000 });
  return state;
}

describe('nodeLifecycleController (monitor)', () => {
  it('after the grace period (50 s) without a heartbeat: Unknown, unreachable taints, NodeNotReady events', () => {
    const state = downCluster();
    const now = 10_000 + 50_001;
    const { ctx, wakes } = context(now);
    const intents = nodeLifecycleController.reconcile(state, MONITOR_KEY, ctx);
    expect(summary(intents)).toEqual([
      'update Node node-1: no heartbeat within the grace period',
      'event Node node-1 Normal NodeNotReady: Node node-1 status is now: NodeNotReady',
      'runtime: node machine',
      'update Pod default/web-1: node not ready',
      'event Pod web-1 Warning NodeNotReady: Node is not ready',
    ]);
    expect(eventsOf(intents).map((e) => e.source)).toEqual([
      { component: 'node-controller' },
      { component: 'node-controller' },
    ]);
    expect(wakes).toEqual([{ key: MONITOR_KEY, delayMs: 5_000, periodic: true }]);

    const after = applyTo(state, intents, now).state;
    const node = after.nodes['node-1'];
    expect(
      node?.status.conditions.map((c) => [c.type, c.status, c.reason, c.message, c.lastTransitionTime]),
    ).toEqual([
      ['MemoryPressure', 'Unknown', 'NodeStatusUnknown', 'Kubelet stopped posting node status.', now],
      ['DiskPressure', 'Unknown', 'NodeStatusUnknown', 'Kubelet stopped posting node status.', now],
      ['PIDPressure', 'Unknown', 'NodeStatusUnknown', 'Kubelet stopped posting node status.', now],
      ['Ready', 'Unknown', 'NodeStatusUnknown', 'Kubelet stopped posting node status.', now],
    ]);
    expect(node?.spec.taints).toEqual([
      { key: TAINT_UNREACHABLE, effect: 'NoSchedule', timeAdded: now },
      { key: TAINT_UNREACHABLE, effect: 'NoExecute', timeAdded: now },
    ]);
    expect(after.nodeRuntime['node-1']?.machine).toBe('Unknown');
    expect(podAt(after, 'default/web-1')?.status.conditions).toEqual([
      { type: 'Ready', status: 'False', lastTransitionTime: now },
    ]);
    expect(podAt(after, 'default/web-2')?.status.conditions).toEqual([
      { type: 'Ready', status: 'True', lastTransitionTime: 0 },
    ]);
    expect(after.nodes['node-2']).toEqual(state.nodes['node-2']);
  });

  it.each([
    { name: 'exactly at the grace period', input: 60_000 },
    { name: 'well within it', input: 30_000 },
  ])('does nothing yet: $name', ({ input }) => {
    const { ctx, wakes } = context(input);
    expect(nodeLifecycleController.reconcile(downCluster(), MONITOR_KEY, ctx)).toEqual([]);
    expect(wakes).toEqual([{ key: MONITOR_KEY, delayMs: 5_000, periodic: true }]);
  });

  it('nodes that keep heartbeating are left alone, however late it is', () => {
    const { ctx } = context(3_600_000);
    expect(nodeLifecycleController.reconcile(cluster(), MONITOR_KEY, ctx)).toEqual([]);
  });

  it('a node already Unknown is not marked again', () => {
    const state = downCluster();
    const intents = nodeLifecycleController.reconcile(state, MONITOR_KEY, context(70_000).ctx);
    const after = applyTo(state, intents, 70_000).state;
    expect(nodeLifecycleController.reconcile(after, MONITOR_KEY, context(200_000).ctx)).toEqual([]);
  });

  it('a Ready node loses the unreachable and not-ready taints, keeping the others', () => {
    const state = cluster();
    const other: Taint = { key: 'dedicated', value: 'gpu', effect: 'NoSchedule' };
    const node = state.nodes['node-1'];
    if (node)
      node.spec.taints = [
        other,
        { key: TAINT_UNREACHABLE, effect: 'NoSchedule', timeAdded: 1 },
        { key: TAINT_UNREACHABLE, effect: 'NoExecute', timeAdded: 1 },
      ];
    const intents = nodeLifecycleController.reconcile(state, MONITOR_KEY, context(100_000).ctx);
    expect(summary(intents)).toEqual(['update Node node-1: node is Ready again']);
    expect(applyTo(state, intents).state.nodes['node-1']?.spec.taints).toEqual([other]);
  });

  it('a node whose kubelet reports Ready=False gets the not-ready taints', () => {
    const state = cluster();
    const ready = state.nodes['node-1']?.status.conditions.find((c) => c.type === 'Ready');
    if (ready) ready.status = 'False';
    const intents = nodeLifecycleController.reconcile(state, MONITOR_KEY, context(20_000).ctx);
    expect(summary(intents)).toEqual(['update Node node-1: kubelet reports NotReady']);
    expect(applyTo(state, intents).state.nodes['node-1']?.spec.taints).toEqual([
      { key: TAINT_NOT_READY, effect: 'NoSchedule', timeAdded: 20_000 },
      { key: TAINT_NOT_READY, effect: 'NoExecute', timeAdded: 20_000 },
    ]);
  });

  it('ignores other keys and does not requeue for them', () => {
    const { ctx, wakes } = context(100_000);
    expect(nodeLifecycleController.reconcile(downCluster(), 'node-1', ctx)).toEqual([]);
    expect(wakes).toEqual([]);
  });
});
