/** The scheduler driven by the real engine: keys, wakes, backoff and flushes end to end. */
import { getIn, keysIn, valuesIn } from '../../src/model/sharded';
import { describe, expect, it } from 'vitest';
import { Simulation } from '../../src/engine/simulation';
import type { EventRecord } from '../../src/engine/trace';
import { update } from '../../src/model/intents';
import type { Pod } from '../../src/model/objects';
import { schedulerController } from '../../src/scheduler';
import { makeNode, makePod, makeState } from './fixtures';

function events(sim: Simulation) {
  return sim.trace
    .filter((r): r is EventRecord => r.type === 'event')
    .map((r) => `${r.t} ${r.reason} ${r.object}`);
}

describe('scheduler in the engine', () => {
  it('binds what fits, retries the rest when resources are freed', () => {
    const state = makeState(
      [makeNode('node-1', { cpu: '1', memory: '1Gi' })],
      [makePod('a', { cpu: '600m' }), makePod('b', { cpu: '600m' })],
    );
    const sim = new Simulation(state, { controllers: [schedulerController] });
    expect(getIn(sim.state.pods, 'default/a')?.spec.nodeName).toBe('node-1');
    expect(getIn(sim.state.pods, 'default/b')?.spec.nodeName).toBeUndefined();
    expect(getIn(sim.state.schedulingQueue, 'default/b')).toEqual({
      attempts: 1,
      queue: 'unschedulable',
      backoffUntil: 1000,
      unschedulableSince: 0,
    });
    // Nothing but the 5-minute leftover flush is pending: the run has settled.
    expect(sim.runUntilSettled(60_000)).toBe(0);

    sim.runUntil(5000);
    sim.execute(() => [{ op: 'delete', kind: 'Pod', key: 'default/a', why: 'test deletes a' }]);
    sim.runUntil(6000);
    expect(getIn(sim.state.pods, 'default/b')?.spec.nodeName).toBe('node-1');
    expect(keysIn(sim.state.schedulingQueue)).toEqual([]);
    expect(events(sim)).toEqual(['0 Scheduled pod/a', '0 FailedScheduling pod/b', '5000 Scheduled pod/b']);
  });

  it('waits out the backoff when the cluster changes right after a failure', () => {
    const state = makeState(
      [makeNode('node-1', { cpu: '1', memory: '1Gi' })],
      [makePod('big', { cpu: '2' })],
    );
    const sim = new Simulation(state, { controllers: [schedulerController] });
    sim.runUntil(300);
    sim.execute(() => [
      update('Node', 'node-1', 'the node is resized', (node) => {
        node.status.allocatable.cpu = 4000;
      }),
    ]);
    sim.runUntil(999);
    expect(getIn(sim.state.pods, 'default/big')?.spec.nodeName).toBeUndefined();
    expect(getIn(sim.state.schedulingQueue, 'default/big')?.queue).toBe('backoff');
    sim.runUntil(1000);
    expect(getIn(sim.state.pods, 'default/big')?.spec.nodeName).toBe('node-1');
    expect(events(sim)).toEqual(['0 FailedScheduling pod/big', '1000 Scheduled pod/big']);
  });

  it('retries a stuck pod every 5 minutes, aggregating the FailedScheduling event', () => {
    const state = makeState(
      [makeNode('node-1', { cpu: '1', memory: '1Gi' })],
      [makePod('big', { cpu: '2' })],
    );
    const sim = new Simulation(state, { controllers: [schedulerController] });
    sim.runUntil(600_000);
    const failed = valuesIn(sim.state.events).filter((e) => e.reason === 'FailedScheduling');
    expect(failed.map((e) => [e.count, e.firstTimestamp, e.lastTimestamp])).toEqual([[3, 0, 600_000]]);
    expect(getIn(sim.state.schedulingQueue, 'default/big')?.attempts).toBe(3);
  });

  it('gives the same placements for the same seed', () => {
    const run = (seed: number) => {
      const nodes = ['n1', 'n2', 'n3'].map((n) => makeNode(n, { cpu: '4', memory: '8Gi' }));
      const pods = Array.from({ length: 6 }, (_, i) => makePod(`p${i}`, { cpu: '100m', memory: '64Mi' }));
      const sim = new Simulation(makeState(nodes, pods, { seed }), { controllers: [schedulerController] });
      return valuesIn(sim.state.pods).map((p: Pod) => `${p.metadata.name}:${p.spec.nodeName}`);
    };
    expect(run(11)).toEqual(run(11));
    const distinct = new Set([1, 2, 3, 4, 5, 6, 7, 8].map((s) => run(s).join(',')));
    expect(distinct.size).toBeGreaterThan(1);
  });
});
