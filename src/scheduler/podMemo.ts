/**
 * What the scheduler derives from a pod and reads again and again (its parsed requests, its label
 * keys, its affinity terms), kept in one entry per pod in the simulation's Memo. The engine freezes
 * its state and replaces a pod when it changes, so a frozen pod's derivations cannot go stale; a pod
 * that is not frozen gets a fresh, unkept memo on every call. One entry per pod instead of one per
 * cache: a WeakMap insertion was 2% of the scheduler benchmark's time, per cache.
 */
import { type Memo, slotKey } from '../model';
import type { Pod, ResourceList } from '../model';

export interface PodMemo {
  requests?: { readonly requests: ResourceList; readonly nonZero: ResourceList };
  labelKeys?: readonly string[];
  /** Set by clusterIndex (its ExistingTerm type stays there). */
  terms?: readonly unknown[];
}

/**
 * The memos by pod, and the last frozen pod asked about with its memo: a cycle asks about its pod
 * many times (its requests, its PreFilters, the bind, the indexes), and a lookup in a WeakMap of
 * every pod missed the cache each time (2% of the scheduler benchmark). Holds on to one pod past
 * its life at most.
 */
interface PodMemos {
  readonly byPod: WeakMap<Pod, PodMemo>;
  lastPod: Pod | undefined;
  lastMemo: PodMemo;
}

const POD_MEMOS = slotKey<PodMemos>('scheduler.podMemos', () => ({
  byPod: new WeakMap(),
  lastPod: undefined,
  lastMemo: {},
}));

/** The memo of `pod`: kept in `memo` while the pod lives if it is frozen, else a fresh one. */
export function podMemo(memo: Memo, pod: Pod): PodMemo {
  const memos = memo.slot(POD_MEMOS);
  if (pod === memos.lastPod) return memos.lastMemo;
  let entry = memos.byPod.get(pod);
  if (entry === undefined) {
    entry = {};
    if (!Object.isFrozen(pod) || !Object.isFrozen(pod.spec) || !Object.isFrozen(pod.metadata)) return entry;
    memos.byPod.set(pod, entry);
  }
  memos.lastPod = pod;
  memos.lastMemo = entry;
  return entry;
}
