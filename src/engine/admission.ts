/**
 * What the API server does to a pod on create before storing it: the DefaultTolerationSeconds
 * admission plugin (K plugin/pkg/admission/defaulttolerationseconds) adds NoExecute tolerations for
 * `node.kubernetes.io/not-ready` and `node.kubernetes.io/unreachable` with tolerationSeconds 300,
 * unless the pod already tolerates those taints.
 */
import { type Pod, TAINT_NOT_READY, TAINT_UNREACHABLE, type Toleration } from '../model';

export function admitPod(pod: Pod, defaultTolerationSeconds: number): void {
  const tolerations: Toleration[] = pod.spec.tolerations ?? [];
  for (const key of [TAINT_NOT_READY, TAINT_UNREACHABLE]) {
    const covered = tolerations.some(
      (t) =>
        (t.effect === undefined || t.effect === 'NoExecute') &&
        ((t.operator === 'Exists' && (t.key === undefined || t.key === '')) || t.key === key),
    );
    if (!covered)
      tolerations.push({
        key,
        operator: 'Exists',
        effect: 'NoExecute',
        tolerationSeconds: defaultTolerationSeconds,
      });
  }
  pod.spec.tolerations = tolerations;
}
