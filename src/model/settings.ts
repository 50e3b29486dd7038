/**
 * Timings and policies of the simulated cluster, with Kubernetes' defaults. A scenario's `settings:`
 * block overrides them (durations there are strings like `40s`; here everything is milliseconds).
 */
export interface Settings {
  /** kubelet --node-status-update-frequency: 10 s (W reference/command-line-tools-reference/kubelet). */
  nodeStatusUpdateFrequency: number;
  /** kube-controller-manager --node-monitor-period: 5 s. */
  nodeMonitorPeriod: number;
  /**
   * kube-controller-manager --node-monitor-grace-period: 50 s since v1.32 (was 40 s)
   * (K cmd/kube-controller-manager/app/options/nodelifecyclecontroller.go).
   */
  nodeMonitorGracePeriod: number;
  /** DefaultTolerationSeconds admission plugin: 300 s for not-ready and unreachable. */
  defaultTolerationSeconds: number;
  /** How long pulling an image takes when the node does not have it yet (a simulator knob). */
  imagePullTime: number;
  /** How long creating and starting a container takes (a simulator knob). */
  containerStartTime: number;
  /** How long a container takes to exit after SIGTERM (a simulator knob; capped by the grace period). */
  containerStopTime: number;
  /** Kubelet restart back-off: 10 s doubling to 300 s (K pkg/kubelet/kubelet.go backOffPeriod, MaxContainerBackOff). */
  crashLoopBackOffInitial: number;
  crashLoopBackOffMax: number;
  /** Scheduler backoff: podInitialBackoffSeconds 1, podMaxBackoffSeconds 10 (K pkg/scheduler/apis/config/v1/defaults.go). */
  podInitialBackoff: number;
  podMaxBackoff: number;
  /** Unschedulable pods are flushed back to the queue after 5 min (podMaxInUnschedulablePodsDuration). */
  podMaxInUnschedulablePodsDuration: number;
  /** kube-apiserver --event-ttl: 1 h. Older events are garbage-collected. */
  eventTTL: number;
}

export const DEFAULT_SETTINGS: Settings = {
  nodeStatusUpdateFrequency: 10_000,
  nodeMonitorPeriod: 5_000,
  nodeMonitorGracePeriod: 50_000,
  defaultTolerationSeconds: 300,
  imagePullTime: 5_000,
  containerStartTime: 1_000,
  containerStopTime: 1_000,
  crashLoopBackOffInitial: 10_000,
  crashLoopBackOffMax: 300_000,
  podInitialBackoff: 1_000,
  podMaxBackoff: 10_000,
  podMaxInUnschedulablePodsDuration: 300_000,
  eventTTL: 3_600_000,
};
