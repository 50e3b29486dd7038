/**
 * Node heartbeats. The kubelet renews its Lease every nodeStatusUpdateFrequency (10 s) while it runs;
 * rather than queue an event per node every 10 s, the time of the last renewal is computed from the
 * boot time (an exact equivalent that keeps long runs cheap).
 */
import type { NodeRuntime } from './state';

export function lastHeartbeat(rt: NodeRuntime, now: number, frequency: number): number {
  if (!rt.up) return rt.lastHeartbeat;
  if (now < rt.heartbeatPhase) return rt.lastHeartbeat;
  return rt.heartbeatPhase + Math.floor((now - rt.heartbeatPhase) / frequency) * frequency;
}
