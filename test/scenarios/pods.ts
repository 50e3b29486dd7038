/**
 * Reading pods from a state whatever the layout of `state.pods`: a record keyed `namespace/name`, or
 * that record split into hash buckets (the engine's performance work shards big collections). The
 * tests only need "every pod" and "the pod with this key".
 */
import type { Pod } from '../../src/model/objects';
import type { ClusterState } from '../../src/model/state';

const isPod = (v: unknown): v is Pod => typeof v === 'object' && v !== null && (v as { kind?: unknown }).kind === 'Pod';

/** Every pod in the state, in storage order. */
export function podsIn(state: ClusterState): Pod[] {
  const out: Pod[] = [];
  for (const v of Object.values(state.pods as unknown as Record<string, unknown>)) {
    if (isPod(v)) out.push(v);
    else for (const p of Object.values(v as Record<string, unknown>)) if (isPod(p)) out.push(p);
  }
  return out;
}

/** The pod stored under `namespace/name`. */
export function podIn(state: ClusterState, key: string): Pod | undefined {
  return podsIn(state).find((p) => `${p.metadata.namespace ?? 'default'}/${p.metadata.name}` === key);
}
