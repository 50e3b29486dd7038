/**
 * The cluster network: IP allocation, Services and their EndpointSlices, cluster DNS, the service
 * proxy's backend choice, NetworkPolicy, and simulated traffic.
 */
export * from './ipam';
export * from './services';
export * from './endpointsController';
export * from './dns';
export * from './proxy';
export * from './networkPolicy';
export * from './traffic';
export * from './trafficController';
export * from './url';
export * from './netpolMatrix';
export { podsMatching } from './podsByLabel';
export { labelSelector } from './selectors';
