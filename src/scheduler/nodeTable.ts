/**
 * The snapshot's nodes as columns (a struct of arrays), for the scheduling cycle's hot loop.
 * kube-scheduler walks NodeInfo objects with 16 goroutines; Flotilla is single-threaded, and at
 * 5,000 nodes a cycle touching each NodeInfo, its Node, its labels and its resource maps spent most
 * of its time waiting on memory. The table keeps what the filters and scores read on every node
 * (allocatable and requested amounts, pod counts, cordon and taint flags, label values) in typed
 * arrays indexed like the node list, kept up to date one node at a time as the snapshot changes.
 * It derives everything from the NodeInfos: the plugins' NodeInfo methods remain the definition,
 * and the table paths must agree with them (test/scheduler/nodeTable.test.ts checks the columns,
 * test/scheduler/fastPaths.property.test.ts the decisions).
 */
import { derivedKey, Memo } from '../model';
import type { Node, Pod } from '../model';
import type { NodeInfo } from './nodeInfo';
import { MinTree } from './minTree';

/** Data kept beside a table (an index, a cache), made from the table on first use. */
export interface TableKey<V> {
  readonly name: string;
  readonly make: (table: NodeTable) => V;
}

/** Declares data kept beside tables. Call at module level; the key itself holds nothing. */
export function tableKey<V>(name: string, make: (table: NodeTable) => V): TableKey<V> {
  return Object.freeze({ name, make });
}

/** What an index kept beside a table hears on each change of a node (see NodeTable.set). */
export type TableListener = (i: number, before: NodeInfo, after: NodeInfo, added: Pod | undefined) => void;

/** One resource's amounts per node. */
export interface ResourceColumn {
  /** Allocatable (`pods` defaults to 110, as in NodeInfo). */
  readonly alloc: Float64Array;
  /** Sum of the pods' requests (K NodeInfo.Requested). */
  readonly requested: Float64Array;
  /** Same with the 100m / 200Mi scoring defaults (K NodeInfo.NonZeroRequested); cpu and memory only. */
  readonly nonZero: Float64Array;
}

const HARD_TAINTS = 1;
const SOFT_TAINTS = 2;

export class NodeTable {
  /** The NodeInfos, in the snapshot's order (name order); updated in place by set(). */
  readonly infos: NodeInfo[];
  /** Node names by index; fixed for the table's life. */
  readonly names: readonly string[];
  /** The Node of each NodeInfo, by index (tells a changed Node from a bind without the old NodeInfo). */
  private readonly nodes: Node[];
  readonly size: number;
  /** Pods counted on each node (K len(NodeInfo.Pods)). */
  readonly podCount: Int32Array;
  /** spec.unschedulable (cordoned). */
  readonly unschedulable: Uint8Array;
  /** Bit 1: a NoSchedule or NoExecute taint; bit 2: a PreferNoSchedule taint. */
  private readonly taintFlags: Uint8Array;
  private readonly columns = new Map<string, ResourceColumn>();
  /** The columns again, as lists: fill() walks them on every set(), without a Map iterator. */
  private readonly columnNames: string[] = [];
  private readonly columnList: ResourceColumn[] = [];
  private readonly labelColumns = new Map<string, (string | undefined)[]>();
  /** Bumped whenever a Node (not just its pods) changes: lets derived data about nodes be cached. */
  nodeVersion = 0;
  /** How many times set() has refilled a row: the clock of changedSince. */
  get changes(): number {
    return this.refills;
  }
  private refills = 0;
  /** The node of each refill, the last `size` of them, by refill count modulo size. */
  private readonly changeLog: Int32Array;
  /** Called on every set() that changes a node, for the indexes kept beside the table. */
  private readonly listeners: TableListener[] = [];
  /** What attached() made for this table, by key. */
  private readonly attachments = new Map<TableKey<unknown>, unknown>();

  /**
   * @param memo the simulation's memory, which the indexes kept beside the table use for what they
   * derive from pods (a table built outside a simulation gets its own).
   */
  constructor(
    infos: readonly NodeInfo[],
    readonly memo: Memo = new Memo(),
  ) {
    this.infos = [...infos];
    this.names = infos.map((i) => i.name);
    this.nodes = infos.map((i) => i.node);
    this.size = infos.length;
    this.podCount = new Int32Array(this.size);
    this.unschedulable = new Uint8Array(this.size);
    this.taintFlags = new Uint8Array(this.size);
    this.changeLog = new Int32Array(Math.max(1, this.size));
    for (let i = 0; i < this.size; i++) this.fill(i, this.infos[i] as NodeInfo, true);
    this.refills = 0;
  }

  /**
   * Replaces node `i`'s NodeInfo (same node name) and updates every column. A caller that made
   * `info` by adding one pod to the current NodeInfo (withPod, as kube-scheduler's cache assumes a
   * bound pod) passes that pod as `added`: the indexes then take the change from it instead of
   * comparing the two pod lists.
   */
  set(i: number, info: NodeInfo, added?: Pod): void {
    const before = this.infos[i] as NodeInfo;
    if (before === info) return;
    // Checked against the table's own lists, which stay in cache, not the replaced NodeInfo.
    if (this.names[i] !== info.name)
      throw new Error(`NodeTable.set: node ${i} is ${this.names[i]}, not ${info.name}`);
    this.infos[i] = info;
    const nodeChanged = this.nodes[i] !== info.node;
    if (nodeChanged) {
      this.nodes[i] = info.node;
      this.nodeVersion++;
    }
    this.fill(i, info, nodeChanged);
    for (const listener of this.listeners) listener(i, before, info, added);
  }

  /** Calls `listener` on every set() that changes a node: lets an index kept beside the table follow it. */
  onChange(listener: TableListener): void {
    this.listeners.push(listener);
  }

  /** The data `key` keeps beside this table, made on first use (it lives and dies with the table). */
  attached<V>(key: TableKey<V>): V {
    const got = this.attachments.get(key as TableKey<unknown>);
    if (got !== undefined || this.attachments.has(key as TableKey<unknown>)) return got as V;
    const value = key.make(this);
    this.attachments.set(key as TableKey<unknown>, value);
    return value;
  }

  /** Whether node `i` has any taint. */
  isTainted(i: number): boolean {
    return this.taintFlags[i] !== 0;
  }

  /** How many nodes have a taint (none, usually: then every node has the same, empty, taint list). */
  get tainted(): number {
    return this.taintedNodes;
  }
  private taintedNodes = 0;

  /** Whether node `i` has a NoSchedule or NoExecute taint. */
  hasHardTaints(i: number): boolean {
    return ((this.taintFlags[i] as number) & HARD_TAINTS) !== 0;
  }

  /** How many nodes have a PreferNoSchedule taint (none, usually: then no node needs a look). */
  get softTainted(): number {
    return this.softTaintedNodes;
  }
  private softTaintedNodes = 0;

  /** How many nodes have a NoSchedule or NoExecute taint. */
  get hardTainted(): number {
    return this.hardTaintedNodes;
  }
  private hardTaintedNodes = 0;

  /** How many nodes are cordoned. */
  get cordoned(): number {
    return this.cordonedNodes;
  }
  private cordonedNodes = 0;

  private readonly freeTrees = new Map<string, MinTree>();
  /** The trees again, as a list, with their columns. */
  private readonly treeList: MinTree[] = [];
  private readonly treeColumns: ResourceColumn[] = [];
  private podRoom: MinTree | undefined;

  /**
   * The least free amount of `resource` (allocatable - requested) among nodes [lo, hi), built on
   * first use and kept up to date by set().
   */
  minFree(resource: string, lo: number, hi: number): number {
    return this.freeTree(resource).min(lo, hi);
  }

  /** minFree over the nodes `idx[0..count)` given in visiting order (see minOverVisit). */
  minFreeOver(resource: string, idx: Int32Array, count: number): number {
    return minOverVisit(this.freeTree(resource), this.size, idx, count);
  }

  private freeTree(resource: string): MinTree {
    let tree = this.freeTrees.get(resource);
    if (tree === undefined) {
      const col = this.column(resource);
      tree = new MinTree(col.alloc.map((a, i) => a - (col.requested[i] as number)));
      this.freeTrees.set(resource, tree);
      this.treeList.push(tree);
      this.treeColumns.push(col);
    }
    return tree;
  }

  /** The fewest pods any node of [lo, hi) still admits (allocatable pods - pods counted). */
  minPodRoom(lo: number, hi: number): number {
    return this.podRoomTree().min(lo, hi);
  }

  /** minPodRoom over the nodes `idx[0..count)` given in visiting order (see minOverVisit). */
  minPodRoomOver(idx: Int32Array, count: number): number {
    return minOverVisit(this.podRoomTree(), this.size, idx, count);
  }

  private podRoomTree(): MinTree {
    if (this.podRoom === undefined) {
      const maxPods = this.column('pods').alloc;
      this.podRoom = new MinTree(maxPods.map((m, i) => m - (this.podCount[i] as number)));
    }
    return this.podRoom;
  }

  private readonly valueIndexes = new Map<string, Map<string, number[]>>();

  /** The nodes (indices, ascending) by value of node label `key`, built on first use. */
  nodesByLabel(key: string): ReadonlyMap<string, readonly number[]> {
    let index = this.valueIndexes.get(key);
    if (index === undefined) {
      index = new Map();
      const column = this.labelColumn(key);
      for (let i = 0; i < this.size; i++) {
        const v = column[i];
        if (v === undefined) continue;
        const list = index.get(v);
        if (list === undefined) index.set(v, [i]);
        else list.push(i);
      }
      this.valueIndexes.set(key, index);
    }
    return index;
  }

  /** Whether node `i` has a PreferNoSchedule taint. */
  hasSoftTaints(i: number): boolean {
    return ((this.taintFlags[i] as number) & SOFT_TAINTS) !== 0;
  }

  /** The amounts of `resource` per node, built on first use. */
  column(resource: string): ResourceColumn {
    let col = this.columns.get(resource);
    if (col === undefined) {
      col = {
        alloc: new Float64Array(this.size),
        requested: new Float64Array(this.size),
        nonZero: new Float64Array(this.size),
      };
      this.columns.set(resource, col);
      this.columnNames.push(resource);
      this.columnList.push(col);
      for (let i = 0; i < this.size; i++) {
        const info = this.infos[i] as NodeInfo;
        col.alloc[i] = info.allocatable[resource] ?? 0;
        fillRequested(col, i, info, resource);
      }
    }
    return col;
  }

  /** The value of node label `key` per node (undefined where a node lacks it), built on first use. */
  labelColumn(key: string): readonly (string | undefined)[] {
    let col = this.labelColumns.get(key);
    if (col === undefined) {
      col = this.infos.map((info) => labelOf(info, key));
      this.labelColumns.set(key, col);
    }
    return col;
  }

  private readonly idColumns = new Map<string, BuiltIds>();

  /**
   * Node label `key` as small integers: each node's value's id (-1 where the column reads
   * undefined) and the values by id. A per-node check against a handful of values (a topology
   * key's domains) then reads a typed array instead of looking each node's string up in a map.
   * Built on first use; ids are never reused, so a relabelled node just takes its new value's id.
   */
  labelIds(key: string): LabelIds {
    let built = this.idColumns.get(key);
    if (built === undefined) {
      const column = this.labelColumn(key);
      built = { ids: new Int32Array(this.size), values: [], byValue: new Map() };
      for (let i = 0; i < this.size; i++) built.ids[i] = idOf(built, column[i]);
      this.idColumns.set(key, built);
    }
    return built;
  }

  /**
   * The nodes whose rows set() refilled since `changes` was `since` (in order, a node once per
   * refill) into `into`, and how many; -1 when that is further back than the table remembers
   * (more than `size` refills ago): a caller should then treat every node as changed.
   */
  changedSince(since: number, into: Int32Array): number {
    const count = this.refills - since;
    if (count > this.changeLog.length || count < 0) return -1;
    const log = this.changeLog;
    // One division, not one per entry: the log is read from `since`'s slot, wrapping once at most.
    let at = since % log.length;
    for (let c = 0; c < count; c++) {
      into[c] = log[at] as number;
      if (++at === log.length) at = 0;
    }
    return count;
  }

  private fill(i: number, info: NodeInfo, nodeChanged: boolean): void {
    this.changeLog[this.refills % this.changeLog.length] = i;
    this.refills++;
    this.podCount[i] = info.pods.length;
    const names = this.columnNames;
    const cols = this.columnList;
    for (let c = 0; c < cols.length; c++)
      fillRequested(cols[c] as ResourceColumn, i, info, names[c] as string);
    if (nodeChanged) {
      const spec = info.node.spec;
      const cordoned = spec.unschedulable === true ? 1 : 0;
      this.cordonedNodes += cordoned - (this.unschedulable[i] as number);
      this.unschedulable[i] = cordoned;
      let flags = 0;
      for (const t of spec.taints ?? []) flags |= t.effect === 'PreferNoSchedule' ? SOFT_TAINTS : HARD_TAINTS;
      this.softTaintedNodes += ((flags & SOFT_TAINTS) !== 0 ? 1 : 0) - (this.hasSoftTaints(i) ? 1 : 0);
      this.hardTaintedNodes += ((flags & HARD_TAINTS) !== 0 ? 1 : 0) - (this.hasHardTaints(i) ? 1 : 0);
      this.taintedNodes += (flags !== 0 ? 1 : 0) - (this.isTainted(i) ? 1 : 0);
      this.taintFlags[i] = flags;
      for (let c = 0; c < cols.length; c++)
        (cols[c] as ResourceColumn).alloc[i] = info.allocatable[names[c] as string] ?? 0;
      for (const [key, col] of this.labelColumns) {
        const before = col[i];
        col[i] = labelOf(info, key);
        if (col[i] !== before) this.moveInValueIndex(key, i, before, col[i]);
      }
      for (const [key, built] of this.idColumns) built.ids[i] = idOf(built, labelOf(info, key));
    }
    const trees = this.treeList;
    for (let t = 0; t < trees.length; t++) {
      const col = this.treeColumns[t] as ResourceColumn;
      (trees[t] as MinTree).set(i, (col.alloc[i] as number) - (col.requested[i] as number));
    }
    this.podRoom?.set(i, (this.column('pods').alloc[i] as number) - (this.podCount[i] as number));
  }

  /** Moves node `i` from one label value's list to another's in `key`'s value index, if built. */
  private moveInValueIndex(key: string, i: number, from: string | undefined, to: string | undefined): void {
    const index = this.valueIndexes.get(key);
    if (index === undefined) return;
    if (from !== undefined) {
      const list = index.get(from) as number[];
      list.splice(list.indexOf(i), 1);
      if (list.length === 0) index.delete(from);
    }
    if (to !== undefined) {
      const list = index.get(to);
      if (list === undefined) index.set(to, [i]);
      else {
        let at = list.length;
        while (at > 0 && (list[at - 1] as number) > i) at--;
        list.splice(at, 0, i);
      }
    }
  }
}

/** A node label as integers (NodeTable.labelIds). */
export interface LabelIds {
  /** Each node's value's index in `values`; -1 where the label column reads undefined. */
  readonly ids: Int32Array;
  readonly values: readonly string[];
}

interface BuiltIds {
  readonly ids: Int32Array;
  readonly values: string[];
  readonly byValue: Map<string, number>;
}

function idOf(built: BuiltIds, value: string | undefined): number {
  if (value === undefined) return -1;
  let id = built.byValue.get(value);
  if (id === undefined) {
    id = built.values.length;
    built.values.push(value);
    built.byValue.set(value, id);
  }
  return id;
}

function labelOf(info: NodeInfo, key: string): string | undefined {
  const labels = info.node.metadata.labels;
  return labels !== undefined && Object.hasOwn(labels, key) ? labels[key] : undefined;
}

function fillRequested(col: ResourceColumn, i: number, info: NodeInfo, resource: string): void {
  const requested = info.requested[resource] ?? 0;
  col.requested[i] = requested;
  col.nonZero[i] =
    resource === 'cpu' || resource === 'memory' ? (info.nonZeroRequested[resource] ?? 0) : requested;
}

/**
 * The table for a node list: built once per frozen list (the engine's snapshot array is replaced
 * whenever a node or pod changes, see snapshot.ts, which keeps its own table up to date instead),
 * or per call for a list that may change in place.
 */
const TABLES = derivedKey<readonly NodeInfo[], NodeTable>('scheduler.tableFor');
export function tableFor(nodes: readonly NodeInfo[], memo: Memo): NodeTable {
  return memo.derive(TABLES, nodes, (list) => new NodeTable(list, memo));
}

/**
 * The least of `tree.min(lo, hi)` over the nodes `idx[0..count)` given in visiting order
 * (ascending indices wrapping to 0 at most once): over the one or two index ranges they span.
 */
function minOverVisit(tree: MinTree, size: number, idx: Int32Array, count: number): number {
  if (count === 0) return Infinity;
  const first = idx[0] as number;
  const last = idx[count - 1] as number;
  return last >= first ? tree.min(first, last + 1) : Math.min(tree.min(first, size), tree.min(0, last + 1));
}
