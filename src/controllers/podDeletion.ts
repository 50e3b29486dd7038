/**
 * Deleting a pod through the API (K pkg/registry/core/pod/strategy.go): a pod that never reached a
 * node is removed at once; otherwise it gets deletionTimestamp = now + grace period and the kubelet
 * stops its containers (kubectl shows Terminating until the kubelet confirms).
 */
import { type Intent, objectKey, type Pod, update } from '../model';

export function deletePodIntents(pod: Pod, now: number, why: string, gracePeriodSeconds?: number): Intent[] {
  const key = objectKey(pod.metadata);
  if (pod.metadata.deletionTimestamp !== undefined) return [];
  if (pod.spec.nodeName === undefined || pod.status.phase === 'Succeeded' || pod.status.phase === 'Failed') {
    return [{ op: 'delete', kind: 'Pod', key, why }];
  }
  const grace = gracePeriodSeconds ?? pod.spec.terminationGracePeriodSeconds;
  return [
    update('Pod', key, why, (p) => {
      p.metadata.deletionTimestamp = now + grace * 1000;
      p.metadata.deletionGracePeriodSeconds = grace;
    }),
  ];
}
