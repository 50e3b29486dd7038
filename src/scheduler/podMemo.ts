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

/** The memo of `pod`: kept while the pod lives if it is frozen, else a fresh one. */
export function podMemo(pod: Pod): PodMemo {
  let memo = memos.get(pod);
  if (memo === undefined) {
    memo = {};
    if (Object.isFrozen(pod) && Object.isFrozen(pod.spec) && Object.isFrozen(pod.metadata))
      memos.set(pod, memo);
  }
  return memo;
}
