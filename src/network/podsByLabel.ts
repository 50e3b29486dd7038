/**
 * An index of pods by namespace and label pair (`ns`, `app=web`), memoised per bucket of the sharded
 * pod collection like src/model/indexes.ts: the endpoints controller and traffic look up the pods a
 * selector picks without scanning every pod of the cluster.
 */
import { byKey, derivedKey, type Memo, type Pod, type Sharded } from '../model';

/** A bucket's pods grouped by `ns\0` and `ns\0key=value`. */
const GROUPS = derivedKey<Record<string, Pod>, Map<string, [string, Pod][]>>('network.podsByLabel');

function groupsOf(
  cache: WeakMap<Record<string, Pod>, Map<string, [string, Pod][]>>,
  shard: Record<string, Pod>,
): Map<string, [string, Pod][]> {
  const cached = cache.get(shard);
  if (cached !== undefined) return cached;
  const groups = new Map<string, [string, Pod][]>();
  const add = (g: string, e: [string, Pod]) => {
    const list = groups.get(g);
    if (list === undefined) groups.set(g, [e]);
    else list.push(e);
  };
  for (const key in shard) {
    const pod = shard[key] as Pod;
    const ns = pod.metadata.namespace ?? 'default';
    add(`${ns}\u0000`, [key, pod]);
    const labels = pod.metadata.labels ?? {};
    for (const k in labels) add(`${ns}\u0000${k}=${labels[k]}`, [key, pod]);
  }
  if (Object.isFrozen(shard)) cache.set(shard, groups);
  return groups;
}

/**
 * [key, pod] of the pods in `namespace` whose labels include every pair of `selector` (a map, as a
 * Service selector); with an empty selector, every pod of the namespace. Sorted by key.
 */
export function podsMatching(
  memo: Memo,
  pods: Sharded<Pod>,
  namespace: string,
  selector: Record<string, string>,
): [string, Pod][] {
  const pairs = Object.entries(selector).sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const first = pairs[0];
  const group = first === undefined ? `${namespace}\u0000` : `${namespace}\u0000${first[0]}=${first[1]}`;
  const out: [string, Pod][] = [];
  const cache = memo.table(GROUPS);
  for (const s in pods) {
    const list = groupsOf(cache, pods[s] as Record<string, Pod>).get(group);
    if (list === undefined) continue;
    for (const e of list) {
      const labels = e[1].metadata.labels ?? {};
      if (pairs.every(([k, v]) => labels[k] === v)) out.push(e);
    }
  }
  return out.sort(byKey);
}
