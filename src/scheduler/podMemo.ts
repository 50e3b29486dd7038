/**
 * What the scheduler derives from a pod and reads again and again (its parsed requests, its label
 * keys, its affinity terms), kept in one WeakMap entry per pod. The engine freezes its state and
 * replaces a pod when it changes, so a frozen pod's derivations cannot go stale; a pod that is not
 * frozen gets a fresh, unkept memo on every call. One entry per pod instead of one per cache: a
 * WeakMap insertion was 2% of the scheduler benchmark's time, per cache.
 */
import type { Pod } from '../model/objects';
import type { ResourceList } from '../model/quantity';

export interface PodMemo {
  requests?: { readonly requests: ResourceList; readonly nonZero: ResourceList };
  labelKeys?: readonly string[];
  /** Set by clusterIndex (its ExistingTerm type stays there). */
  terms?: readonly unknown[];
}

const memos = new WeakMap<Pod, PodMemo>();

/**
 * The last frozen pod asked about and its memo: a cycle asks about its pod many times (its
 * requests, its PreFilters, the bind, the indexes), and a lookup in a WeakMap of every pod missed
 * the cache each time (2% of the scheduler benchmark). Holds on to one pod past its life at most.
 */
let lastPod: Pod | undefined;
let lastMemo: PodMemo = {};

/** The memo of `pod`: kept while the pod lives if it is frozen, else a fresh one. */
export function podMemo(pod: Pod): PodMemo {
  if (pod === lastPod) return lastMemo;
  let memo = memos.get(pod);
  if (memo === undefined) {
    memo = {};
    if (!Object.isFrozen(pod) || !Object.isFrozen(pod.spec) || !Object.isFrozen(pod.metadata)) return memo;
    memos.set(pod, memo);
  }
  lastPod = pod;
  lastMemo = memo;
  return memo;
}
