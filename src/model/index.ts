/**
 * Kubernetes object shapes, resource quantities, labels and selectors, taints and tolerations,
 * node affinity, the state tree and the controller contract.
 */
export * from './objects';
export * from './network';
export * from './quantity';
export * from './labels';
export * from './taints';
export * from './nodeAffinity';
export * from './resources';
export * from './settings';
export * from './state';
export * from './queue';
export * from './intents';
export * from './memo';
export { fnv32a, seedState } from './hash';
export * from './sharded';
export * from './indexes';
export * from './located';
export * from './heartbeat';
export { behaviourDefaults, BEHAVIOUR_ANNOTATION } from './containerBehaviour';
export * from './kubeObject';
