/**
 * Taint-based eviction (K pkg/controller/tainteviction/taint_eviction.go): a pod on a node with a
 * NoExecute taint it does not tolerate is deleted at once; one it tolerates for
 * `tolerationSeconds` is deleted that long after the taint appeared; a toleration without seconds
 * keeps it forever. Every pod has 300 s tolerations for not-ready and unreachable
 * (DefaultTolerationSeconds admission), hence the classic 5-minute wait after a node dies.
 */
import {
  type Controller,
  getIn,
  type Intent,
  type Node,
  objectKey,
  type Pod,
  podsOnNode,
  type Taint,
  toleratesTaint,
  update,
} from '../model';
import { deletePodIntents } from './podDeletion';
import { setCondition } from './podStatus';

const TAINT_EVICTION_CONTROLLER = 'taint-eviction-controller';

/**
 * When the pod must be evicted: a time, or undefined when its tolerations keep it. As
 * GetMatchingTolerations and getMinTolerationTime do, each NoExecute taint is matched by the
 * pod's first toleration of it, and the smallest tolerationSeconds among those wins.
 */
export function evictionTime(pod: Pod, taints: readonly Taint[]): number | undefined {
  const noExecute = taints.filter((t) => t.effect === 'NoExecute');
  if (noExecute.length === 0) return undefined;
  let seconds = Number.POSITIVE_INFINITY;
  let since = 0;
  for (const taint of noExecute) {
    const used = (pod.spec.tolerations ?? []).find((t) => toleratesTaint(t, taint));
    if (used === undefined) return taint.timeAdded ?? 0; // not tolerated: evict now
    since = Math.max(since, taint.timeAdded ?? 0);
    if (used.tolerationSeconds !== undefined)
      seconds = Math.min(seconds, Math.max(0, used.tolerationSeconds));
  }
  return seconds === Number.POSITIVE_INFINITY ? undefined : since + seconds * 1000;
}

const taintsChanged = (a: Node | undefined, b: Node | undefined) =>
  JSON.stringify(a?.spec.taints ?? []) !== JSON.stringify(b?.spec.taints ?? []);

export const taintEvictionController: Controller = {
  name: TAINT_EVICTION_CONTROLLER,
  keysFor(change, state) {
    if (change.kind === 'Pod') {
      const p = change.after as Pod | undefined;
      return p?.spec.nodeName !== undefined && p.metadata.deletionTimestamp === undefined ? [change.key] : [];
    }
    if (change.kind === 'Node' && taintsChanged(change.before as Node, change.after as Node)) {
      const name = ((change.after ?? change.before) as Node).metadata.name;
      return podsOnNode(state, name).map(([k]) => k);
    }
    return [];
  },
  reconcile(state, key, ctx) {
    const pod = getIn(state.pods, key);
    if (pod?.spec.nodeName === undefined || pod.metadata.deletionTimestamp !== undefined) return [];
    const node = state.nodes[pod.spec.nodeName];
    if (node === undefined) return [];
    const at = evictionTime(pod, node.spec.taints ?? []);
    if (at === undefined) return [];
    if (at > ctx.now) {
      ctx.requeueAfter(key, at - ctx.now);
      return [];
    }
    const intents: Intent[] = [
      update('Pod', objectKey(pod.metadata), 'NoExecute taint', (p) =>
        setCondition(
          p.status.conditions,
          'DisruptionTarget',
          'True',
          ctx.now,
          'DeletionByTaintManager',
          'Taint manager: deleting due to NoExecute taint',
        ),
      ),
      {
        op: 'event',
        object: {
          kind: 'Pod',
          namespace: pod.metadata.namespace ?? 'default',
          name: pod.metadata.name,
          uid: pod.metadata.uid,
        },
        type: 'Normal',
        reason: 'TaintManagerEviction',
        message: `Marking for deletion Pod ${objectKey(pod.metadata)}`,
        source: { component: TAINT_EVICTION_CONTROLLER },
      },
      ...deletePodIntents(pod, ctx.now, 'taint-based eviction'),
    ];
    return intents;
  },
};
