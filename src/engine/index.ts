/**
 * The deterministic engine: virtual clock, event queue, seeded RNG, steps with journal and seek,
 * and the commands (timeline actions, kubectl verbs, UI clicks) that change a cluster atomically.
 */
export { CommandError, Simulation, type SimulationOptions, type TimelineHandler } from './simulation';
export { Rng, nextRandom, seedState } from './rng';
export { heapPeek, heapPop, heapPush } from '../model/eventQueue';
export { applyIntents, nextUid } from './applyIntents';
export { admitPod } from './admission';
export type { ActionRecord, EventRecord, GenericRecord, NarrationRecord, TraceRecord } from './trace';
export * from './commands';
