/** The incremental snapshot must always equal a from-scratch rebuild (seeded random edits). */
import { deleteIn, getIn, keysIn, setIn } from '../../src/model/sharded';
import { freeze, produce } from 'immer';
import { describe, expect, it } from 'vitest';
import { Rng, seedState } from '../../src/engine/rng';
import type { ClusterState } from '../../src/model/state';
import { buildNodeInfos } from '../../src/scheduler/nodeInfo';
import { DEFAULT_PROFILE } from '../../src/scheduler/profile';
import { makeCycle, schedulePod } from '../../src/scheduler/scheduleOne';
import { snapshotNodeInfos } from '../../src/scheduler/snapshot';
import { Memo } from '../../src/model/memo';
import { makeNode, makePod, makeState, runningPod } from './fixtures';

const NODES = ['n1', 'n2', 'n3', 'n4'];

function edit(state: ClusterState, rng: Rng, step: number): ClusterState {
  return produce(state, (d) => {
    const keys = keysIn(d.pods);
    const key = keys[rng.int(keys.length)];
    const pod = key === undefined ? undefined : getIn(d.pods, key);
    switch (rng.int(7)) {
      case 0:
        setIn(d.pods, `default/new-${step}`, makePod(`new-${step}`, { cpu: `${1 + rng.int(500)}m` }));
        break;
      case 1:
        if (pod) pod.spec.nodeName = NODES[rng.int(NODES.length)] as string;
        break;
      case 2:
        if (key) deleteIn(d.pods, key);
        break;
      case 3:
        if (pod) pod.status.phase = rng.int(2) === 0 ? 'Succeeded' : 'Running';
        break;
      case 4:
        if (pod)
          pod.spec.containers[0] = {
            name: 'c0',
            image: 'x',
            resources: { requests: { memory: `${rng.int(64)}Mi` } },
          };
        break;
      case 5: {
        const node = d.nodes[NODES[rng.int(NODES.length)] as string];
        if (node) node.status.allocatable.cpu = 1000 + rng.int(4000);
        break;
      }
      default:
        break; // no change: the snapshot is returned as is
    }
  });
}

describe('snapshotNodeInfos', () => {
  it.each([1, 2, 3, 42])('matches buildNodeInfos over 300 random edits and rewinds (seed %i)', (seed) => {
    const rng = new Rng(seedState(seed));
    const memo = new Memo();
    const start = freeze(
      makeState(
        NODES.map((n) => makeNode(n, { cpu: '4', memory: '8Gi' })),
        Array.from({ length: 12 }, (_, i) => makePod(`p${i}`, { cpu: '100m' })),
      ),
      true,
    );
    const history: ClusterState[] = [start];
    let state = start;
    for (let step = 0; step < 300; step++) {
      // Now and then jump back to an earlier state, as seeking does.
      state = rng.int(10) === 0 ? (history[rng.int(history.length)] as ClusterState) : edit(state, rng, step);
      history.push(state);
      expect(snapshotNodeInfos(state, memo)).toEqual(buildNodeInfos(state));
    }
  });

  it('builds from scratch for states that are not frozen', () => {
    const state = makeState(
      [makeNode('n1', { cpu: '1', memory: '1Gi' })],
      [makePod('a', { cpu: '100m' }, { nodeName: 'n1', phase: 'Running' })],
    );
    const memo = new Memo();
    expect(snapshotNodeInfos(state, memo)[0]?.requested).toEqual({ cpu: 100 });
    (getIn(state.pods, 'default/a') as { status: { phase: string } }).status.phase = 'Succeeded';
    expect(snapshotNodeInfos(state, memo)[0]?.requested).toEqual({});
  });
});

describe('a cycle made before the snapshot moves on', () => {
  it('is scheduled on the nodes it was made with, not on the snapshot table that followed later states', () => {
    const nodes = [makeNode('n1', { cpu: '1', memory: '8Gi' }), makeNode('n2', { cpu: '1', memory: '8Gi' })];
    const web = makePod('web', { cpu: '600m' });
    const before = freeze(makeState(nodes, [runningPod('hog', 'n1', { cpu: '600m' }), web]), true);
    const after = freeze(makeState(nodes, [runningPod('hog', 'n2', { cpu: '600m' }), web]), true);
    const memo = new Memo();
    const cycle = makeCycle(before, web, undefined, undefined, memo);
    snapshotNodeInfos(after, memo);
    for (const fastPaths of [true, false])
      expect(schedulePod(cycle, DEFAULT_PROFILE, () => 0.5, { fastPaths }).result.selected).toBe('n2');
  });
});
