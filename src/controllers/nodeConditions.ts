/**
 * The conditions a healthy kubelet reports for its node (K pkg/kubelet/nodestatus/setters.go).
 */
import type { NodeCondition } from '../model';

const HEALTHY: readonly [NodeCondition['type'], NodeCondition['status'], string, string][] = [
  ['MemoryPressure', 'False', 'KubeletHasSufficientMemory', 'kubelet has sufficient memory available'],
  ['DiskPressure', 'False', 'KubeletHasNoDiskPressure', 'kubelet has no disk pressure'],
  ['PIDPressure', 'False', 'KubeletHasSufficientPID', 'kubelet has sufficient PID available'],
  ['Ready', 'True', 'KubeletReady', 'kubelet is posting ready status'],
];

/** Conditions of a node whose kubelet just reported healthy at `now`, keeping transition times that did not change. */
export function healthyNodeConditions(now: number, previous: readonly NodeCondition[] = []): NodeCondition[] {
  return HEALTHY.map(([type, status, reason, message]) => {
    const old = previous.find((c) => c.type === type);
    const lastTransitionTime = old !== undefined && old.status === status ? old.lastTransitionTime : now;
    return { type, status, reason, message, lastHeartbeatTime: now, lastTransitionTime };
  });
}
