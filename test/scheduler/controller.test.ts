import { describe, expect, it } from 'vitest';
import { getIn, keysIn, setIn, toRecord } from '../../src/model/sharded';
import type { EventIntent, Intent, TraceIntent } from '../../src/model/intents';
import type { Pod } from '../../src/model/objects';
import type { ClusterState } from '../../src/model/state';
import { FLUSH_KEY, MOVE_KEY_PREFIX, schedulerController } from '../../src/scheduler';
import { clone, makeContext, makeNode, makePod, makeState, runningPod } from './fixtures';

const size = { cpu: '1', memory: '1Gi' };

/** Applies runtime and Pod update intents to a copy of `state`, as the engine would. */
function apply(state: ClusterState, intents: Intent[]): ClusterState {
  const next = clone(state);
  for (const i of intents) {
    if (i.op === 'runtime') i.mutate(next);
    if (i.op === 'update' && i.kind === 'Pod') (i.mutate as (p: Pod) => void)(getIn(next.pods, i.key) as Pod);
  }
  return next;
}

function summary(intents: Intent[]) {
  return intents.map((i) => {
    switch (i.op) {
      case 'update':
        return { op: i.op, kind: i.kind, key: i.key };
      case 'event':
        return { op: i.op, type: i.type, reason: i.reason, message: i.message, source: i.source.component };
      case 'trace':
        return { op: i.op, type: i.record.type };
      default:
        return { op: i.op };
    }
  });
}

describe('schedulerController.reconcile', () => {
  it('binds a pod that fits', () => {
    const state = makeState([makeNode('node-1', size)], [makePod('web-1', { cpu: '500m' })], { time: 7000 });
    const { ctx, wakes } = makeContext(7000);
    const intents = schedulerController.reconcile(state, 'default/web-1', ctx);
    expect(summary(intents)).toEqual([
      { op: 'update', kind: 'Pod', key: 'default/web-1' },
      {
        op: 'event',
        type: 'Normal',
        reason: 'Scheduled',
        message: 'Successfully assigned default/web-1 to node-1',
        source: 'default-scheduler',
      },
      { op: 'trace', type: 'schedule' },
      { op: 'runtime' },
    ]);
    expect(wakes).toEqual([]);
    const event = intents[1] as EventIntent;
    expect(event.object).toEqual({ kind: 'Pod', namespace: 'default', name: 'web-1', uid: 'uid-web-1' });
    const trace = (intents[2] as TraceIntent).record;
    expect(trace).toMatchObject({ type: 'schedule', pod: 'default/web-1', time: 7000, selected: 'node-1' });

    const withEntry = clone(state);
    setIn(withEntry.schedulingQueue, 'default/web-1', { attempts: 2, queue: 'active', backoffUntil: 3000 });
    const after = apply(withEntry, intents);
    const pod = getIn(after.pods, 'default/web-1') as Pod;
    expect(pod.spec.nodeName).toBe('node-1');
    expect(pod.status.conditions).toEqual([
      { type: 'PodScheduled', status: 'True', lastTransitionTime: 7000 },
    ]);
    expect(keysIn(after.schedulingQueue)).toEqual([]);
  });

  it('reports a pod that fits nowhere and parks it with a backoff', () => {
    const state = makeState([makeNode('node-1', size)], [makePod('web-1', { cpu: '2' })], { time: 7000 });
    const { ctx, wakes } = makeContext(7000);
    const intents = schedulerController.reconcile(state, 'default/web-1', ctx);
    const message =
      '0/1 nodes are available: 1 Insufficient cpu. preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling.';
    expect(summary(intents)).toEqual([
      { op: 'update', kind: 'Pod', key: 'default/web-1' },
      { op: 'event', type: 'Warning', reason: 'FailedScheduling', message, source: 'default-scheduler' },
      { op: 'trace', type: 'schedule' },
      { op: 'runtime' },
    ]);
    expect((intents[2] as TraceIntent).record).toMatchObject({ selected: null, message });
    expect(wakes).toEqual([{ key: 'default/web-1', delayMs: 300_000, periodic: true }]);
    const after = apply(state, intents);
    expect((getIn(after.pods, 'default/web-1') as Pod).status.conditions).toEqual([
      { type: 'PodScheduled', status: 'False', lastTransitionTime: 7000, reason: 'Unschedulable', message },
    ]);
    expect(getIn(after.schedulingQueue, 'default/web-1')).toEqual({
      attempts: 1,
      queue: 'unschedulable',
      backoffUntil: 8000,
      unschedulableSince: 7000,
    });

    // A second failure doubles the backoff and keeps the condition's transition time.
    const later = clone(after);
    later.time = 20_000;
    expect(
      schedulerController.reconcile(later, `${MOVE_KEY_PREFIX}default/unknown`, makeContext(20_000).ctx),
    ).toEqual([]);
    setIn(later.schedulingQueue, 'default/web-1', { attempts: 1, queue: 'active', backoffUntil: 8000 });
    const second = apply(
      later,
      schedulerController.reconcile(later, 'default/web-1', makeContext(20_000).ctx),
    );
    expect(getIn(second.schedulingQueue, 'default/web-1')).toMatchObject({
      attempts: 2,
      backoffUntil: 22_000,
    });
    expect((getIn(second.pods, 'default/web-1') as Pod).status.conditions[0]?.lastTransitionTime).toBe(7000);
  });

  it('leaves an unschedulable pod alone until a cluster change or the 5-minute flush', () => {
    const state = makeState([makeNode('node-1', size)], [makePod('web-1', { cpu: '500m' })], {
      time: 10_000,
    });
    setIn(state.schedulingQueue, 'default/web-1', {
      attempts: 1,
      queue: 'unschedulable',
      backoffUntil: 2000,
      unschedulableSince: 1000,
    });
    expect(schedulerController.reconcile(state, 'default/web-1', makeContext(10_000).ctx)).toEqual([]);
    const leftover = clone(state);
    leftover.time = 301_000;
    const intents = schedulerController.reconcile(leftover, 'default/web-1', makeContext(301_000).ctx);
    expect(summary(intents)[1]).toMatchObject({ reason: 'Scheduled' });
  });

  it('a flush moves unschedulable pods and wakes each when its backoff ends', () => {
    const state = makeState([makeNode('node-1', size)], [makePod('a'), makePod('b'), makePod('c')], {
      time: 5000,
    });
    setIn(state.schedulingQueue, 'default/b', {
      attempts: 3,
      queue: 'unschedulable',
      backoffUntil: 8000,
      unschedulableSince: 4000,
    });
    setIn(state.schedulingQueue, 'default/a', {
      attempts: 1,
      queue: 'unschedulable',
      backoffUntil: 2000,
      unschedulableSince: 1000,
    });
    setIn(state.schedulingQueue, 'default/c', { attempts: 1, queue: 'backoff', backoffUntil: 6000 });
    const { ctx, wakes } = makeContext(5000);
    const intents = schedulerController.reconcile(state, FLUSH_KEY, ctx);
    expect(wakes).toEqual([
      { key: 'default/a', delayMs: 0, periodic: false },
      { key: 'default/b', delayMs: 3000, periodic: false },
    ]);
    expect(intents.map((i) => i.op)).toEqual(['runtime']);
    expect(toRecord(apply(state, intents).schedulingQueue)).toEqual({
      'default/a': { attempts: 1, queue: 'active', backoffUntil: 2000 },
      'default/b': { attempts: 3, queue: 'backoff', backoffUntil: 8000 },
      'default/c': { attempts: 1, queue: 'backoff', backoffUntil: 6000 },
    });
    // Still backing off: nothing to do until the wake.
    expect(schedulerController.reconcile(apply(state, intents), 'default/b', makeContext(5000).ctx)).toEqual(
      [],
    );
  });

  it('drops the queue entry of a pod that no longer needs scheduling', () => {
    const state = makeState([makeNode('node-1', size)], [runningPod('web-1', 'node-1')]);
    setIn(state.schedulingQueue, 'default/web-1', { attempts: 1, queue: 'active', backoffUntil: 0 });
    const intents = schedulerController.reconcile(state, 'default/web-1', makeContext(0).ctx);
    expect(intents.map((i) => i.op)).toEqual(['runtime']);
    expect(toRecord(apply(state, intents).schedulingQueue)).toEqual({});
    expect(schedulerController.reconcile(state, 'default/gone', makeContext(0).ctx)).toEqual([]);
  });

  it('uses the seeded generator only to break ties', () => {
    const state = makeState(
      [makeNode('node-1', size), makeNode('node-2', size)],
      [makePod('web-1', { cpu: '100m' })],
    );
    const { ctx, rng } = makeContext(0, 3);
    const before = rng.state;
    schedulerController.reconcile(state, 'default/web-1', ctx);
    expect(rng.state).not.toBe(before);
    const lopsided = makeState(
      [makeNode('node-1', size), makeNode('node-2', { cpu: '2', memory: '2Gi' })],
      [makePod('web-1', { cpu: '100m' })],
    );
    const quiet = makeContext(0, 3);
    const start = quiet.rng.state;
    const intents = schedulerController.reconcile(lopsided, 'default/web-1', quiet.ctx);
    expect(quiet.rng.state).toBe(start);
    expect((intents[1] as EventIntent).message).toBe('Successfully assigned default/web-1 to node-2');
  });
});
