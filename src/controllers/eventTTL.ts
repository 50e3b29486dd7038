/**
 * Event garbage collection: the API server stores Events with a lease of --event-ttl (1 h by
 * default, W reference/command-line-tools-reference/kube-apiserver), so an Event disappears an hour
 * after it was last updated. A sweep every minute removes the expired ones; the run's trace keeps
 * every event regardless.
 */
import { bucketsWithout, type Controller, type Intent, replaceBuckets } from '../model';

export const EVENT_TTL_CONTROLLER = 'event-ttl';
export const SWEEP_KEY = 'sweep';
/** How often expired events are removed (a simulator choice: etcd expires each lease on its own). */
export const EVENT_SWEEP_PERIOD = 60_000;

export const eventTTLController: Controller = {
  name: EVENT_TTL_CONTROLLER,
  keysFor: () => [],
  reconcile(state, key, ctx) {
    if (key !== SWEEP_KEY) return [];
    ctx.requeueAfter(SWEEP_KEY, EVENT_SWEEP_PERIOD, true);
    const ttl = state.settings.eventTTL;
    // Rebuild only the buckets holding an expired event, each in one go: cheaper than deleting
    // thousands of keys one by one from a draft after a busy hour.
    const buckets = bucketsWithout(state.events, (e) => e.lastTimestamp + ttl <= ctx.now);
    if (buckets.size === 0) return [];
    const intents: Intent[] = [
      {
        op: 'runtime',
        why: 'events older than the event TTL',
        mutate: (d) => replaceBuckets(d.events, buckets),
      },
    ];
    return intents;
  },
};
