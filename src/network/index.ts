/**
 * The cluster network: IP allocation, Services and their EndpointSlices, cluster DNS, the service
 * proxy's backend choice, NetworkPolicy, and simulated traffic.
 */
export {
  cidrError,
  inCidr,
  KUBERNETES_SERVICE_IP,
  NODE_PORT_MAX,
  NODE_PORT_MIN,
  parseCidr,
  parseIPv4,
  SERVICE_CIDR,
} from './ipam';
export { allocateServiceAddresses, keepAllocations } from './services';
export { endpointSliceController } from './endpointsController';
export { candidates, CLUSTER_DOMAIN } from './dns';
export {
  TRAFFIC_CONTROLLER,
  TRAFFIC_TICK_KEY,
  TRAFFIC_TICK_MS,
  trafficController,
} from './trafficController';
export { parseTarget, type Target } from './url';
export { formatNetpolMatrix, netpolMatrix } from './netpolMatrix';
