/**
 * Counts per value of a node label (a topology key), as the cluster indexes keep them, and on
 * demand the same per node: each node's value's count, in a typed array indexed like the node
 * table. A cycle that sums counts over 500 scored nodes then reads an array by node index instead
 * of looking a label value up in a string-keyed map for each node.
 */
import type { NodeTable } from '../nodeTable';

export class ValueCounts {
  /** The count per value (values counting 0 are left out). */
  readonly values = new Map<string, number>();
  private byNode: Int32Array | undefined;

  constructor(
    private readonly table: NodeTable,
    readonly topologyKey: string,
  ) {}

  /** Adds `by` to `value`'s count (nothing for a node without the key). */
  bump(value: string | undefined, by: number): void {
    if (value === undefined) return;
    const n = (this.values.get(value) ?? 0) + by;
    if (n === 0) this.values.delete(value);
    else this.values.set(value, n);
    const byNode = this.byNode;
    if (byNode === undefined) return;
    const nodes = this.table.nodesByLabel(this.topologyKey).get(value);
    if (nodes === undefined) return;
    for (let j = 0; j < nodes.length; j++) {
      const i = nodes[j] as number;
      byNode[i] = (byNode[i] as number) + by;
    }
  }

  /** Each node's value's count (0 for a node without the key): built on first use, then kept. */
  perNode(): Int32Array {
    if (this.byNode === undefined) {
      this.byNode = new Int32Array(this.table.size);
      for (let i = 0; i < this.table.size; i++) this.refreshNode(i);
    }
    return this.byNode;
  }

  /** Recomputes node `i`'s entry (after its labels changed). */
  refreshNode(i: number): void {
    if (this.byNode === undefined) return;
    const value = this.table.labelColumn(this.topologyKey)[i];
    this.byNode[i] = value === undefined ? 0 : (this.values.get(value) ?? 0);
  }
}
