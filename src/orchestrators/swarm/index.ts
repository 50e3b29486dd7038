export { bootSwarm, SWARM_CONTROLLERS, type SwarmNodeInput } from './boot';
export { findService, joinSwarm, scaleService, setAvailability, updateServiceImage } from './commands';
export * from './timings';
export { parseConstraint } from './constraints';
