/**
 * What kubectl would print for a simulated cluster: `kubectl get` tables, `kubectl describe`, and
 * the time and column formatting they share. Pure functions of a ClusterState and a "now" in ms.
 */
export * from './printCommon';
export * from './printTable';
export * from './printPods';
export * from './printNodes';
export * from './printWorkloads';
export * from './printServices';
export * from './printEvents';
export * from './printDescribe';
export { SIMULATION_EPOCH, toRFC3339, toRFC1123Z, humanDuration, age } from './timeFormat';
