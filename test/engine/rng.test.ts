import { describe, expect, it } from 'vitest';
import { nextRandom, Rng, seedState } from '../../src/engine/rng';

/** Reference mulberry32 (Tommy Ettinger's public-domain original), for comparison. */
function mulberry32(a: number): () => number {
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function take(rng: Rng, n: number): number[] {
  return Array.from({ length: n }, () => rng.next());
}

describe('seedState', () => {
  it.each([
    { name: 'seed 0', input: 0, want: 0x9e3779b9 },
    { name: 'seed 1', input: 1, want: 0x9e3779b8 },
    { name: 'seed 42', input: 42, want: (42 ^ 0x9e3779b9) >>> 0 },
    { name: 'fractions are truncated', input: 1.9, want: 0x9e3779b8 },
    { name: 'negative seeds map to uint32', input: -1, want: (-1 ^ 0x9e3779b9) >>> 0 },
  ])('$name', ({ input, want }) => {
    expect(seedState(input)).toBe(want);
  });
});

describe('Rng', () => {
  it.each([0, 1, 42, 123456789])(
    'seed %i: the same seed gives the same sequence, equal to mulberry32',
    (seed) => {
      const a = take(new Rng(seedState(seed)), 200);
      const b = take(new Rng(seedState(seed)), 200);
      expect(a).toEqual(b);
      const ref = mulberry32(seedState(seed));
      expect(a).toEqual(Array.from({ length: 200 }, () => ref()));
    },
  );

  it('different seeds give different sequences', () => {
    expect(take(new Rng(seedState(1)), 10)).not.toEqual(take(new Rng(seedState(2)), 10));
  });

  it('nextRandom is pure and advances the state by the golden-ratio increment', () => {
    const s = seedState(7);
    expect(nextRandom(s)).toEqual(nextRandom(s));
    expect(nextRandom(s)[0]).toBe((s + 0x6d2b79f5) >>> 0);
    const rng = new Rng(s);
    const v = rng.next();
    expect([rng.state, v]).toEqual(nextRandom(s));
  });

  it('the state wraps around 2^32', () => {
    const [next] = nextRandom(0xffffffff);
    expect(next).toBe(0x6d2b79f4);
  });

  it('values are in [0, 1) and spread over the interval (seed 3)', () => {
    const values = take(new Rng(seedState(3)), 10_000);
    expect(values.every((v) => v >= 0 && v < 1)).toBe(true);
    const deciles = new Array<number>(10).fill(0);
    for (const v of values) deciles[Math.floor(v * 10)] = (deciles[Math.floor(v * 10)] ?? 0) + 1;
    for (const d of deciles) expect(d).toBeGreaterThan(900);
  });

  it.each([
    { name: 'n = 1 always 0', input: 1, want: [0] },
    { name: 'n = 2', input: 2, want: [0, 1] },
    { name: 'n = 6 (a die)', input: 6, want: [0, 1, 2, 3, 4, 5] },
    { name: 'n = 27 (the safe alphabet)', input: 27, want: Array.from({ length: 27 }, (_, i) => i) },
  ])('int($input): integers in [0, n), every value drawn (seed 5)', ({ input, want }) => {
    const rng = new Rng(seedState(5));
    const seen = new Set<number>();
    for (let i = 0; i < 2000; i++) {
      const k = rng.int(input);
      expect(Number.isInteger(k)).toBe(true);
      seen.add(k);
    }
    expect([...seen].sort((a, b) => a - b)).toEqual(want);
  });

  it('int(n) is floor(next() * n) of the same stream', () => {
    const a = new Rng(seedState(9));
    const b = new Rng(seedState(9));
    for (let i = 0; i < 50; i++) expect(a.int(10)).toBe(Math.floor(b.next() * 10));
  });
});
