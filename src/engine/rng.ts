/**
 * The seeded random generator. Its whole state is one uint32 kept in ClusterState.rng, so a run's
 * randomness is part of the journal and replays exactly. Algorithm: mulberry32 (a 32-bit
 * multiply-xorshift generator with a full 2^32 period), written with Math.imul for exact 32-bit
 * arithmetic in every JavaScript engine.
 */

/** Advances `state`, returning the next state and a uniform float in [0, 1). */
export function nextRandom(state: number): [next: number, value: number] {
  const next = (state + 0x6d2b79f5) >>> 0;
  let t = next;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return [next, ((t ^ (t >>> 14)) >>> 0) / 4294967296];
}

export { seedState } from '../model';

/** A stateful view over the generator, for one reconcile; read `.state` back when done. */
export class Rng {
  constructor(public state: number) {}
  /** Uniform float in [0, 1). */
  next(): number {
    const [s, v] = nextRandom(this.state);
    this.state = s;
    return v;
  }
  /** Uniform integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
}
