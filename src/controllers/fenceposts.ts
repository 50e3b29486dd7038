/**
 * maxSurge and maxUnavailable of a rolling update, resolved against the replica count
 * (K pkg/controller/deployment/util/deployment_util.go ResolveFenceposts). The Deployment
 * controller and its status both read them.
 */
import type { Deployment } from '../model';

/** An int-or-percent against `total`: percentages round up for surge and down for unavailable. */
export function resolveIntOrPercent(
  v: number | string | undefined,
  total: number,
  roundUp: boolean,
  fallback: string,
): number {
  const value = v ?? fallback;
  if (typeof value === 'number') return value;
  const m = /^(\d+)%$/.exec(value);
  if (!m) return Number.parseInt(value, 10) || 0;
  const exact = (Number(m[1]) * total) / 100;
  return roundUp ? Math.ceil(exact) : Math.floor(exact);
}

/** maxSurge and maxUnavailable resolved (deployment_util.ResolveFenceposts). */
export function fenceposts(d: Deployment): { maxSurge: number; maxUnavailable: number } {
  const ru = d.spec.strategy.rollingUpdate ?? {};
  const maxSurge = resolveIntOrPercent(ru.maxSurge, d.spec.replicas, true, '25%');
  let maxUnavailable = resolveIntOrPercent(ru.maxUnavailable, d.spec.replicas, false, '25%');
  if (maxSurge === 0 && maxUnavailable === 0) maxUnavailable = 1;
  return { maxSurge, maxUnavailable };
}
