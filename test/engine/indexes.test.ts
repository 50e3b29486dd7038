/**
 * The derived indexes (src/model/indexes.ts) must always equal a from-scratch scan of the state,
 * through random creates, moves, phase changes and deletes run in real immer producers (so buckets
 * are frozen and the per-bucket memo is exercised), including rewinding to older states.
 */
import { produce } from 'immer';
import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/engine/rng';
import { podsControlledBy, podsOnNode, runtimesOnNode } from '../../src/model/indexes';
import type { Pod } from '../../src/model/objects';
import { byKey, deleteIn, entriesIn, getIn, keysIn, setIn, sizeOf } from '../../src/model/sharded';
import type { ClusterState } from '../../src/model/state';
import { makePod, makeState } from '../scheduler/fixtures';

const NODES = ['n1', 'n2', 'n3'];
const OWNERS = ['uid-a', 'uid-b'];

function scan<T>(entries: [string, T][], pick: (v: T) => string | undefined, group: string): [string, T][] {
  return entries.filter(([, v]) => pick(v) === group).sort(byKey);
}

function check(state: ClusterState): void {
  const pods = entriesIn(state.pods);
  for (const n of [...NODES, 'nowhere']) {
    expect(podsOnNode(state, n)).toEqual(scan(pods, (p) => p.spec.nodeName, n));
    expect(runtimesOnNode(state, n)).toEqual(scan(entriesIn(state.podRuntime), (r) => r.node, n));
  }
  for (const uid of [...OWNERS, 'none'])
    expect(podsControlledBy(state, uid)).toEqual(
      scan(pods, (p) => p.metadata.ownerReferences?.find((o) => o.controller)?.uid, uid),
    );
  expect(sizeOf(state.pods)).toBe(keysIn(state.pods).length);
}

function step(state: ClusterState, rng: Rng, i: number): ClusterState {
  return produce(state, (d) => {
    const keys = keysIn(d.pods);
    const key = keys[rng.int(keys.length)];
    switch (rng.int(6)) {
      case 0:
      case 1: {
        const pod = makePod(`p-${i}`, { cpu: '10m' });
        const owner = OWNERS[rng.int(OWNERS.length + 1)];
        if (owner !== undefined)
          pod.metadata.ownerReferences = [
            { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: owner, uid: owner, controller: true },
          ];
        setIn(d.pods, `default/p-${i}`, pod);
        break;
      }
      case 2:
        if (key !== undefined)
          (getIn(d.pods, key) as Pod).spec.nodeName = NODES[rng.int(NODES.length)] as string;
        break;
      case 3:
        if (key !== undefined) {
          deleteIn(d.pods, key);
          deleteIn(d.podRuntime, key);
        }
        break;
      case 4:
        if (key !== undefined)
          setIn(d.podRuntime, key, {
            node: NODES[rng.int(NODES.length)] as string,
            uid: key,
            containers: {},
          });
        break;
      case 5:
        if (key !== undefined) (getIn(d.pods, key) as Pod).status.phase = 'Succeeded';
        break;
    }
  });
}

describe('derived indexes equal a from-scratch rebuild', () => {
  it.each([1, 7, 42, 2024])('seed %i: 400 random operations, then rewinds', (seed) => {
    const rng = new Rng(seed);
    let state = produce(makeState([], []), () => {});
    const history: ClusterState[] = [];
    for (let i = 0; i < 400; i++) {
      state = step(state, rng, i);
      history.push(state);
      check(state);
    }
    // Going back to older states (as seek does) must not see stale groups.
    for (let i = 0; i < 20; i++) check(history[rng.int(history.length)] as ClusterState);
  });

  it('regroups buckets that are not frozen (states built by hand)', () => {
    const state = makeState([], [makePod('a', {}, { nodeName: 'n1' })]);
    expect(podsOnNode(state, 'n1').map(([k]) => k)).toEqual(['default/a']);
    (getIn(state.pods, 'default/a') as Pod).spec.nodeName = 'n2';
    expect(podsOnNode(state, 'n1')).toEqual([]);
    expect(podsOnNode(state, 'n2').map(([k]) => k)).toEqual(['default/a']);
  });
});
