/**
 * Pod phases (W concepts/workloads/pods/pod-lifecycle.md#pod-phase). The kubelet computes the
 * phase from its containers (getPhase in K pkg/kubelet/kubelet_pods.go); this machine guards which
 * phase changes are legal: a pod never leaves Succeeded or Failed.
 */
import { setup } from 'xstate';

export type PodPhaseEvent =
  | { type: 'Running' }
  | { type: 'Succeeded' }
  | { type: 'Failed' }
  | { type: 'Pending' }
  | { type: 'Unknown' };

export const podMachine = setup({ types: { events: {} as PodPhaseEvent } }).createMachine({
  id: 'pod',
  initial: 'Pending',
  states: {
    Pending: { on: { Running: 'Running', Succeeded: 'Succeeded', Failed: 'Failed', Unknown: 'Unknown' } },
    Running: { on: { Succeeded: 'Succeeded', Failed: 'Failed', Unknown: 'Unknown' } },
    Unknown: { on: { Running: 'Running', Succeeded: 'Succeeded', Failed: 'Failed' } },
    Succeeded: { type: 'final' },
    Failed: { type: 'final' },
  },
});
