/**
 * The kubelet's container restart back-off: client-go's flowcontrol.Backoff as used by
 * K pkg/kubelet/kuberuntime/kuberuntime_manager.go doBackOff. The first restart happens at once;
 * after that the container waits 10 s, 20 s, 40 s ... up to 300 s since it last exited. An entry
 * that has not been bumped for 2 x max (10 min) expires, so a container that ran cleanly for
 * 10 minutes starts over at 10 s.
 */
import type { ContainerRuntime } from '../model';

export interface BackoffSettings {
  crashLoopBackOffInitial: number;
  crashLoopBackOffMax: number;
}

function expired(rt: ContainerRuntime, eventTime: number, s: BackoffSettings): boolean {
  return rt.backoffUpdatedAt === undefined || eventTime - rt.backoffUpdatedAt > 2 * s.crashLoopBackOffMax;
}

/**
 * Whether a container that exited at `finishedAt` must still wait at `now`; if so, until when.
 * (flowcontrol.Backoff.IsInBackOffSince)
 */
export function backoffUntil(
  rt: ContainerRuntime,
  finishedAt: number,
  now: number,
  s: BackoffSettings,
): number | undefined {
  if (rt.backoffMs === undefined || expired(rt, finishedAt, s)) return undefined;
  const until = finishedAt + rt.backoffMs;
  return now < until ? until : undefined;
}

/** The entry after a restart is allowed (flowcontrol.Backoff.Next): initial, or doubled up to max. */
export function nextBackoff(
  rt: ContainerRuntime,
  finishedAt: number,
  now: number,
  s: BackoffSettings,
): { backoffMs: number; backoffUpdatedAt: number } {
  const backoffMs =
    rt.backoffMs === undefined || expired(rt, finishedAt, s)
      ? s.crashLoopBackOffInitial
      : Math.min(rt.backoffMs * 2, s.crashLoopBackOffMax);
  return { backoffMs, backoffUpdatedAt: now };
}
