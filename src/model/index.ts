/**
 * Kubernetes object shapes, resource quantities, labels and selectors, taints and tolerations,
 * node affinity, the state tree and the controller contract.
 */
export type {
  ConditionStatus,
  Container,
  ContainerPort,
  ContainerState,
  ContainerStatus,
  Deployment,
  KubeEvent,
  Namespace,
  Node,
  NodeCondition,
  ObjectMeta,
  OwnerReference,
  Pod,
  PodAffinityTerm,
  PodCondition,
  PodPhase,
  PodSpec,
  PodTemplateSpec,
  Probe,
  ReplicaSet,
  RestartPolicy,
  RollingUpdateStrategy,
  Taint,
  Toleration,
  TopologySpreadConstraint,
  WeightedPodAffinityTerm,
} from './objects';
export {
  emptyNetworkRuntime,
  type Endpoint,
  type EndpointPort,
  type EndpointSlice,
  type FailureCause,
  type FlowStats,
  type IPBlock,
  type NetworkConfig,
  type NetworkPolicy,
  type NetworkPolicyEgressRule,
  type NetworkPolicyIngressRule,
  type NetworkPolicyPeer,
  type NetworkPolicyPort,
  type NetworkRuntime,
  type Protocol,
  type ProxyMode,
  RECENT_SECONDS,
  type Service,
  type ServicePort,
  type ServiceType,
  type TrafficFlow,
  type TrafficSecond,
} from './network';
export { canonicalAmount, formatAmount, parseQuantity, type ResourceList, toCanonical } from './quantity';
export {
  type LabelSelector,
  type LabelSelectorRequirement,
  parseSelector,
  selectorMatches,
  SelectorSyntaxError,
} from './labels';
export {
  findUntoleratedTaint,
  formatTaint,
  TAINT_NOT_READY,
  TAINT_UNREACHABLE,
  TAINT_UNSCHEDULABLE,
  toleratesTaint,
  tolerationsTolerate,
} from './taints';
export { addResources, podRequests, podRequestsBoth } from './resources';
export { DEFAULT_SETTINGS, type Settings } from './settings';
export {
  type ClusterState,
  COLLECTION_OF_KIND,
  type ContainerRuntime,
  getObject,
  objectEntries,
  objectKey,
  type PodRuntime,
  type ProbeWorkers,
  type ProbeWorkerState,
  putObject,
  type QueuedPodInfo,
  removeObject,
} from './state';
export type { QueueEntry, SimEvent, WakeEvent } from './queue';
export {
  type Controller,
  type EventIntent,
  type Intent,
  type ObjectChange,
  type ReconcileContext,
  type TraceIntent,
  update,
} from './intents';
export { derivedKey, type DerivedKey, Memo, slotKey } from './memo';
export { fnv32a, seedState } from './hash';
export {
  bucketsWithout,
  byKey,
  deleteIn,
  entriesIn,
  getIn,
  groupedIndex,
  hasIn,
  replaceBuckets,
  setIn,
  type Sharded,
  toRecord,
  valuesIn,
} from './sharded';
export { podsControlledBy, podsOnNode, runtimesOnNode } from './indexes';
export {
  type FieldPath,
  formatLocatedErrors,
  formatPath,
  LocatedError,
  type Severity,
  sortLocated,
  type SourceLocation,
} from './located';
export { lastHeartbeat } from './heartbeat';
export {
  type AppFailureCause,
  BEHAVIOUR_ANNOTATION,
  BEHAVIOUR_FIELDS,
  behaviourDefaults,
  type BehaviourDefaults,
  causeAt,
  failureWindows,
  firstFailingTick,
  parseBehaviour,
} from './containerBehaviour';
export type { Kind, KubeObject } from './kubeObject';
export type {
  ComposeNetwork,
  ComposeProject,
  ComposeRestartPolicy,
  ComposeService,
  ComposeVolume,
  DependsOn,
  Deploy,
  Healthcheck,
  PortMapping,
  ResourceSpec,
  VolumeMount,
} from './compose';
export {
  type ComposeProjectRun,
  type DockerContainer,
  type DockerHealth,
  LABEL_NUMBER,
  LABEL_ONEOFF,
  LABEL_PROJECT,
  LABEL_SERVICE,
} from './docker';
export { heapPeek, heapPop, heapPush } from './eventQueue';
export {
  stateAfter,
  type SwarmNode,
  type SwarmPort,
  type SwarmService,
  type SwarmState,
  type SwarmTask,
} from './swarm';
export { nodeSelectorTermMatches, podMatchesNodeSelectorAndAffinity } from './nodeAffinity';
