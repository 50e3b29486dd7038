/**
 * Event garbage collection: the API server stores Events with a lease of --event-ttl (1 h by
 * default, W reference/command-line-tools-reference/kube-apiserver), so an Event disappears an hour
 * after it was last updated. A sweep every minute removes the expired ones; the run's trace keeps
 * every event regardless.
 */
import type { Controller, Intent } from '../model/intents';
import { deleteIn, entriesIn } from '../model/sharded';

export const EVENT_TTL_CONTROLLER = 'event-ttl';
export const SWEEP_KEY = 'sweep';
/** How often expired events are removed (a simulator choice: etcd expires each lease on its own). */
export const EVENT_SWEEP_PERIOD = 60_000;

export const eventTTLController: Controller = {
  name: EVENT_TTL_CONTROLLER,
  keysFor: () => [],
  reconcile(state, key, ctx) {
    if (key !== SWEEP_KEY) return [];
    const ttl = state.settings.eventTTL;
    const expired = entriesIn(state.events)
      .filter(([, e]) => e.lastTimestamp + ttl <= ctx.now)
      .map(([k]) => k);
    ctx.requeueAfter(SWEEP_KEY, EVENT_SWEEP_PERIOD, true);
    if (expired.length === 0) return [];
    const intents: Intent[] = [
      {
        op: 'runtime',
        why: `${expired.length} events older than the event TTL`,
        mutate: (d) => {
          for (const k of expired) deleteIn(d.events, k);
        },
      },
    ];
    return intents;
  },
};
