/**
 * The restart supervisor (swarmkit manager/orchestrator/restart/restart.go): a task that stopped
 * (complete, failed, rejected) or whose node is down or drained is shut down (desired state
 * shutdown) and, if `deploy.restart_policy` allows, replaced by a new task in the same slot (or on
 * the same node for a global service). The new task waits `delay` (default 5 s) in desired state
 * ready before it may start. `max_attempts` counts the restarts of a slot under the current spec,
 * within `window` when one is set.
 */
import type { SwarmService, SwarmTask } from '../../model';
import { createTask, isTerminal, type Work, wakeAt } from './work';

const historyKey = (svc: SwarmService, t: SwarmTask) => `${t.slot ?? t.node ?? ''}@${svc.specVersion}`;

function shouldRestart(w: Work, svc: SwarmService, t: SwarmTask): boolean {
  const p = svc.spec.deploy.restartPolicy;
  if (p.condition === 'none') return false;
  if (p.condition === 'on-failure' && t.state === 'complete') return false;
  if (p.maxAttempts === 0) return true;
  const history = svc.restarts[historyKey(svc, t)] ?? [];
  const counted = p.windowMs > 0 ? history.filter((at) => at > w.now - p.windowMs) : history;
  return counted.length < p.maxAttempts;
}

/** Shuts `t` down and, under the restart policy, creates its replacement. */
export function restartTask(
  w: Work,
  svc: SwarmService,
  t: SwarmTask,
  /** The task is moved off a drained node (no restart delay then, restart.go). */
  drained: boolean,
): SwarmTask | undefined {
  t.desiredState = 'shutdown';
  if (!shouldRestart(w, svc, t)) {
    t.noRestart = true;
    return undefined;
  }
  const where = t.slot !== undefined ? { slot: t.slot } : { node: t.node as string };
  const next = createTask(w, svc, where, 'ready');
  next.startAt = w.now + (drained ? 0 : svc.spec.deploy.restartPolicy.delayMs);
  wakeAt(w, next.startAt);
  if (svc.spec.deploy.restartPolicy.maxAttempts > 0) {
    const k = historyKey(svc, t);
    svc.restarts[k] = [...(svc.restarts[k] ?? []), w.now];
  }
  return next;
}

/** Moves delayed tasks from desired ready to running once their delay is over (DelayStart). */
export function startDelayed(w: Work): void {
  for (const t of Object.values(w.sw.tasks)) {
    if (t.desiredState !== 'ready') continue;
    if (t.afterTask !== undefined) {
      // Rolling update, stop-first: the new task starts once the old one has stopped.
      const old = w.sw.tasks[t.afterTask];
      const oldNodeDown = old?.node !== undefined && w.sw.nodes[old.node]?.status === 'down';
      if (old !== undefined && !isTerminal(old) && !oldNodeDown) continue;
    }
    if ((t.startAt ?? 0) > w.now) {
      wakeAt(w, t.startAt ?? 0);
      continue;
    }
    t.desiredState = 'running';
    delete t.startAt;
    delete t.afterTask;
  }
}
