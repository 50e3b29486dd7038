/**
 * A segment tree of minima over a fixed number of slots: set one slot, ask the minimum of a range,
 * both in O(log n). The node table keeps one per resource (each node's free amount) so a filter can
 * tell in a few steps that every node of a chunk has room for the pod, instead of checking each.
 */
export class MinTree {
  private readonly size: number;
  /** Leaves at [size, 2 size); node j holds min(2j, 2j + 1). */
  private readonly tree: Float64Array;

  constructor(values: ArrayLike<number>) {
    this.size = values.length;
    this.tree = new Float64Array(2 * Math.max(1, this.size)).fill(Infinity);
    for (let i = 0; i < this.size; i++) this.tree[this.size + i] = values[i] as number;
    for (let j = this.size - 1; j > 0; j--)
      this.tree[j] = Math.min(this.tree[2 * j] as number, this.tree[2 * j + 1] as number);
  }

  set(i: number, value: number): void {
    let j = this.size + i;
    if (this.tree[j] === value) return;
    this.tree[j] = value;
    for (j >>= 1; j > 0; j >>= 1) {
      const min = Math.min(this.tree[2 * j] as number, this.tree[2 * j + 1] as number);
      if (this.tree[j] === min) return;
      this.tree[j] = min;
    }
  }

  /** The minimum over slots [lo, hi); Infinity for an empty range. */
  min(lo: number, hi: number): number {
    let min = Infinity;
    for (let l = lo + this.size, h = hi + this.size; l < h; l >>= 1, h >>= 1) {
      if ((l & 1) === 1) min = Math.min(min, this.tree[l++] as number);
      if ((h & 1) === 1) min = Math.min(min, this.tree[--h] as number);
    }
    return min;
  }
}
