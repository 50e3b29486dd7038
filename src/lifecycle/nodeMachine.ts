/**
 * A node's Ready condition as the control plane sees it (W concepts/architecture/nodes.md):
 * Ready, NotReady (the kubelet reports not ready) and Unknown (no heartbeat within the grace
 * period). Any fresh Ready report brings it back.
 */
import { setup } from 'xstate';

export type NodeEvent =
  { type: 'KUBELET_READY' } | { type: 'KUBELET_NOT_READY' } | { type: 'GRACE_PERIOD_EXCEEDED' };

export const nodeMachine = setup({ types: { events: {} as NodeEvent } }).createMachine({
  id: 'node',
  initial: 'Ready',
  states: {
    Ready: { on: { KUBELET_NOT_READY: 'NotReady', GRACE_PERIOD_EXCEEDED: 'Unknown' } },
    NotReady: { on: { KUBELET_READY: 'Ready', GRACE_PERIOD_EXCEEDED: 'Unknown' } },
    Unknown: { on: { KUBELET_READY: 'Ready', KUBELET_NOT_READY: 'NotReady' } },
  },
});
