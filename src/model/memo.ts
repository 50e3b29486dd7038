/**
 * Per-simulation memory: values derived from frozen state objects, and reusable buffers.
 *
 * The core keeps no module-level mutable state (eslint.config.js forbids top-level `let` and
 * module-level Map/Set/WeakMap instances under src/), so that several simulations can run
 * interleaved in one thread: the lab's compare view, sweeps, grading, a Web Worker running two
 * runs. Each Simulation owns one Memo and hands it to controllers as `ReconcileContext.memo`; code
 * that runs outside a simulation (printers, the CLI's explain, tests) makes its own with
 * `new Memo()`, which only costs the caching it does not get.
 *
 * A module declares what it keeps with a module-level key (immutable: a name and, for a slot, how
 * to make its value), and reads and writes it through the Memo it is given.
 */

/** A table of values derived from objects of type K (weakly held, so they die with their key). */
export interface DerivedKey<K extends object, V> {
  readonly name: string;
  /** Type carrier only; never set. */
  readonly types?: (key: K) => V;
}

/** One value per Memo (a workspace, a slab, a cache keyed by something other than an object). */
export interface SlotKey<V> {
  readonly name: string;
  readonly make: () => V;
}

/** Declares a derived-value table. Call at module level; the key itself holds nothing. */
export function derivedKey<K extends object, V>(name: string): DerivedKey<K, V> {
  return Object.freeze({ name });
}

/** Declares a slot made on first use in each Memo. */
export function slotKey<V>(name: string, make: () => V): SlotKey<V> {
  return Object.freeze({ name, make });
}

export class Memo {
  readonly #tables = new Map<DerivedKey<object, unknown>, WeakMap<object, unknown>>();
  readonly #slots = new Map<SlotKey<unknown>, unknown>();

  /**
   * The table behind `key`, for hot paths that look up many objects in a row. Only store values
   * derived from frozen objects (or objects owned by this Memo's simulation), or a later change to
   * the object would leave a stale value.
   */
  table<K extends object, V>(key: DerivedKey<K, V>): WeakMap<K, V> {
    let table = this.#tables.get(key as DerivedKey<object, unknown>);
    if (table === undefined) {
      table = new WeakMap();
      this.#tables.set(key as DerivedKey<object, unknown>, table);
    }
    return table as WeakMap<K, V>;
  }

  /**
   * `compute(object)`, remembered while `object` lives when it is frozen (the engine's state is:
   * immer freezes it); a mutable object is computed afresh each time.
   */
  derive<K extends object, V>(key: DerivedKey<K, V>, object: K, compute: (object: K) => V): V {
    const table = this.table(key);
    const got = table.get(object);
    if (got !== undefined || table.has(object)) return got as V;
    const value = compute(object);
    if (Object.isFrozen(object)) table.set(object, value);
    return value;
  }

  /** The slot's value in this Memo, made on first use. */
  slot<V>(key: SlotKey<V>): V {
    if (this.#slots.has(key as SlotKey<unknown>)) return this.#slots.get(key as SlotKey<unknown>) as V;
    const value = key.make();
    this.#slots.set(key as SlotKey<unknown>, value);
    return value;
  }
}
