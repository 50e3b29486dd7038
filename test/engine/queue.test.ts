import { describe, expect, it } from 'vitest';
import { heapPeek, heapPop, heapPush } from '../../src/model/eventQueue';
import { Rng, seedState } from '../../src/engine/rng';
import type { QueueEntry } from '../../src/model/queue';

function entry(at: number, seq: number): QueueEntry {
  return { at, seq, event: { type: 'timeline', index: seq } };
}

function drain(heap: QueueEntry[]): [number, number][] {
  const out: [number, number][] = [];
  for (let e = heapPop(heap); e !== undefined; e = heapPop(heap)) out.push([e.at, e.seq]);
  return out;
}

describe('event queue ordering by (at, seq)', () => {
  it.each<{ name: string; input: [number, number][]; want: [number, number][] }>([
    { name: 'empty', input: [], want: [] },
    { name: 'one', input: [[5, 0]], want: [[5, 0]] },
    {
      name: 'by time',
      input: [
        [30, 0],
        [10, 1],
        [20, 2],
      ],
      want: [
        [10, 1],
        [20, 2],
        [30, 0],
      ],
    },
    {
      name: 'equal times in insertion (seq) order',
      input: [
        [10, 0],
        [10, 1],
        [10, 2],
        [10, 3],
        [10, 4],
      ],
      want: [
        [10, 0],
        [10, 1],
        [10, 2],
        [10, 3],
        [10, 4],
      ],
    },
    {
      name: 'equal times pushed out of seq order',
      input: [
        [10, 4],
        [10, 2],
        [10, 3],
        [10, 0],
        [10, 1],
      ],
      want: [
        [10, 0],
        [10, 1],
        [10, 2],
        [10, 3],
        [10, 4],
      ],
    },
    {
      name: 'time before seq',
      input: [
        [20, 0],
        [10, 5],
        [20, 1],
        [10, 3],
        [0, 9],
      ],
      want: [
        [0, 9],
        [10, 3],
        [10, 5],
        [20, 0],
        [20, 1],
      ],
    },
  ])('$name', ({ input, want }) => {
    const heap: QueueEntry[] = [];
    for (const [at, seq] of input) heapPush(heap, entry(at, seq));
    expect(heap.length).toBe(input.length);
    expect(heapPeek(heap) === undefined ? undefined : [heapPeek(heap)?.at, heapPeek(heap)?.seq]).toEqual(
      want[0],
    );
    expect(drain(heap)).toEqual(want);
    expect(heap).toEqual([]);
  });

  it('pop and peek on an empty heap give undefined', () => {
    const heap: QueueEntry[] = [];
    expect(heapPeek(heap)).toBeUndefined();
    expect(heapPop(heap)).toBeUndefined();
    expect(heap).toEqual([]);
  });

  it('peek does not remove', () => {
    const heap: QueueEntry[] = [];
    heapPush(heap, entry(2, 1));
    heapPush(heap, entry(1, 2));
    expect(heapPeek(heap)?.at).toBe(1);
    expect(heap.length).toBe(2);
  });

  it.each([1, 7, 42, 2024])('random pushes and pops agree with a sorted reference (seed %i)', (seed) => {
    const rng = new Rng(seedState(seed));
    const heap: QueueEntry[] = [];
    let reference: QueueEntry[] = [];
    let seq = 0;
    const popped: QueueEntry[] = [];
    const expected: QueueEntry[] = [];
    for (let step = 0; step < 2000; step++) {
      if (rng.next() < 0.6 || reference.length === 0) {
        // Few distinct times, so that ties on `at` are frequent.
        const e = entry(rng.int(50), seq++);
        heapPush(heap, e);
        reference.push(e);
        reference = reference.sort((a, b) => a.at - b.at || a.seq - b.seq);
      } else {
        const got = heapPop(heap);
        const want = reference.shift();
        if (got !== undefined) popped.push(got);
        if (want !== undefined) expected.push(want);
      }
      expect(heap.length).toBe(reference.length);
    }
    for (let e = heapPop(heap); e !== undefined; e = heapPop(heap)) popped.push(e);
    expected.push(...reference);
    expect(popped.map((e) => [e.at, e.seq])).toEqual(expected.map((e) => [e.at, e.seq]));
    expect(popped.length).toBe(seq);
  });
});
