/**
 * Go's `omitempty` for the API's JSON: the plain-JSON form of an object without its unset and
 * empty optional fields, as k8s.io/api's struct tags print it.
 */

/** A JSON value. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
/** A JSON object (an API object once serialised). */
export type JsonObject = { [key: string]: JsonValue };

/**
 * Struct-typed fields the API always prints, even empty (they have no `omitempty` in k8s.io/api):
 * `resources: {}` on a container, `state: {}`/`lastState: {}` on a container status, ...
 */
const KEEP_EMPTY: ReadonlySet<string> = new Set([
  'resources',
  'securityContext',
  'state',
  'lastState',
  'status',
  'emptyDir',
  'spec',
  'podSelector',
  'loadBalancer',
]);

/** Stands for "an element of a list" in {@link compact}'s `key` (no JSON key is empty and unusual). */
const LIST_ITEM = Symbol('list item');

/**
 * A plain-JSON copy of `value` without undefined fields, empty arrays and empty objects (unless
 * the key is one of the always-printed structs). Functions and symbols are dropped.
 *
 * An empty object inside a list is kept: `omitempty` applies to struct fields, never to slice
 * elements, and an element can mean something by being empty: a NetworkPolicy's `ingress: [{}]`
 * is one rule that allows all traffic, while no rule at all denies it
 * (https://kubernetes.io/docs/concepts/services-networking/network-policies/#allow-all-ingress-traffic).
 */
export function compact(value: unknown, key: string | typeof LIST_ITEM = ''): JsonValue | undefined {
  if (value === null) return null;
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value;
    case 'number':
      return Number.isFinite(value) ? value : undefined;
    case 'object': {
      if (Array.isArray(value)) {
        const items = value.map((v) => compact(v, LIST_ITEM)).filter((v): v is JsonValue => v !== undefined);
        return items.length === 0 ? undefined : items;
      }
      const out: JsonObject = {};
      for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
        const c = compact(v, k);
        if (c !== undefined) out[k] = c;
      }
      const keep = key === LIST_ITEM || KEEP_EMPTY.has(key);
      return Object.keys(out).length === 0 && !keep ? undefined : out;
    }
    default:
      return undefined;
  }
}
