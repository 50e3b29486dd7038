import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MinTree } from '../../src/scheduler/minTree';

describe('MinTree', () => {
  it('gives the least value of every range after any sequence of sets', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -50, max: 50 }), { minLength: 1, maxLength: 40 }),
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: -50, max: 50 })), { maxLength: 30 }),
        (initial, sets) => {
          const values = [...initial];
          const tree = new MinTree(values);
          for (const [at, value] of sets) {
            values[at % values.length] = value;
            tree.set(at % values.length, value);
          }
          for (let lo = 0; lo <= values.length; lo++)
            for (let hi = lo; hi <= values.length; hi++)
              expect(tree.min(lo, hi)).toBe(hi > lo ? Math.min(...values.slice(lo, hi)) : Infinity);
        },
      ),
      { seed: 11, numRuns: 300 },
    );
  });

  it('holds an empty list', () => {
    expect(new MinTree([]).min(0, 0)).toBe(Infinity);
  });
});
