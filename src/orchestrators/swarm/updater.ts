/**
 * Rolling updates (swarmkit manager/orchestrator/update/updater.go). When a service's spec
 * changes (a new image), its tasks are replaced `parallelism` at a time: with `stop-first` (the
 * default) the old task is shut down and the new one starts once it has stopped; with
 * `start-first` the new one starts first and the old one is shut down once the new one runs. Each
 * new task is watched for `monitor` (5 s) after it runs; if one fails, `failure_action` decides:
 * pause (the default: "update paused due to failure or early termination of task <id>"),
 * continue, or rollback (the previous image, rolled out the same way). After a batch, the updater
 * waits `delay` before the next one.
 *
 * Simplification: max_failure_ratio is taken as 0 (any failure triggers the failure action).
 */
import type { SwarmService, SwarmTask } from '../../model';
import { createTask, isActive, isTerminal, swarmEvent, tasksOf, type Work, wakeAt } from './work';

/** Active tasks of the service by slot (or node), the newest per slot. */
function activeBySlot(w: Work, svc: SwarmService): Map<string, SwarmTask> {
  const out = new Map<string, SwarmTask>();
  for (const t of tasksOf(w.sw, svc.id)) if (isActive(t)) out.set(String(t.slot ?? t.node), t);
  return out;
}

function finish(
  w: Work,
  svc: SwarmService,
  state: 'completed' | 'rollback_completed',
  message: string,
): void {
  const u = svc.updateStatus;
  if (u === undefined) return;
  u.state = state;
  u.message = message;
  u.completedAt = w.now;
  delete u.batch;
  delete u.nextBatchAt;
  swarmEvent(
    w,
    { kind: 'Service', name: svc.name },
    'Normal',
    'UpdateCompleted',
    `${svc.name}: ${message}`,
    'updater',
  );
}

function onFailure(w: Work, svc: SwarmService, failed: SwarmTask): void {
  const u = svc.updateStatus;
  if (u === undefined) return;
  const action = svc.spec.deploy.updateConfig.failureAction;
  const why = `failure or early termination of task ${failed.id}`;
  if (action === 'continue' || u.state === 'rollback_started') {
    u.batch = (u.batch ?? []).filter((id) => id !== failed.id);
    return;
  }
  if (action === 'pause') {
    u.state = 'paused';
    u.message = `update paused due to ${why}`;
    delete u.batch;
  } else {
    u.state = 'rollback_started';
    u.message = `update rolled back due to ${why}`;
    delete u.batch;
    svc.image = u.previousImage ?? svc.image;
    svc.specVersion += 1;
  }
  swarmEvent(
    w,
    { kind: 'Service', name: svc.name },
    'Warning',
    'UpdateFailed',
    `${svc.name}: ${u.message}`,
    'updater',
  );
}

/** Checks the current batch: failed, still monitoring, or done. Returns whether it is done. */
function batchDone(w: Work, svc: SwarmService): boolean {
  const u = svc.updateStatus;
  const batch = u?.batch ?? [];
  const monitor = svc.spec.deploy.updateConfig.monitorMs;
  let done = true;
  for (const id of batch) {
    const t = w.sw.tasks[id];
    if (t === undefined) continue;
    if (t.state === 'failed' || t.state === 'rejected' || (isTerminal(t) && t.state !== 'complete')) {
      onFailure(w, svc, t);
      return false;
    }
    if (t.state !== 'running' || t.since + monitor > w.now) {
      done = false;
      if (t.state === 'running') wakeAt(w, t.since + monitor);
    }
    // start-first: the old task goes once the new one runs.
    if (t.state === 'running' && t.replaces !== undefined) {
      const old = w.sw.tasks[t.replaces];
      if (old !== undefined) old.desiredState = 'shutdown';
      delete t.replaces;
    }
  }
  return done;
}

function updateService(w: Work, svc: SwarmService): void {
  const u = svc.updateStatus;
  if (u === undefined || (u.state !== 'updating' && u.state !== 'rollback_started')) return;
  if (u.batch !== undefined && u.batch.length > 0) {
    if (!batchDone(w, svc)) return;
    delete u.batch;
    u.nextBatchAt = w.now + svc.spec.deploy.updateConfig.delayMs;
  }
  if (u.state !== 'updating' && u.state !== 'rollback_started') return;
  if ((u.nextBatchAt ?? 0) > w.now) {
    wakeAt(w, u.nextBatchAt ?? 0);
    return;
  }
  const dirty = [...activeBySlot(w, svc).values()].filter(
    (t) => t.specVersion !== svc.specVersion && t.replaces === undefined,
  );
  if (dirty.length === 0) {
    if (u.state === 'rollback_started') finish(w, svc, 'rollback_completed', 'rollback completed');
    else finish(w, svc, 'completed', 'update completed');
    return;
  }
  const { parallelism, order } = svc.spec.deploy.updateConfig;
  const batch = parallelism === 0 ? dirty : dirty.slice(0, parallelism);
  u.batch = [];
  for (const old of batch) {
    const where = old.slot !== undefined ? { slot: old.slot } : { node: old.node as string };
    if (order === 'start-first') {
      const next = createTask(w, svc, where, 'running');
      next.replaces = old.id;
      u.batch.push(next.id);
    } else {
      old.desiredState = 'shutdown';
      const next = createTask(w, svc, where, 'ready');
      next.afterTask = old.id;
      u.batch.push(next.id);
    }
  }
}

export function runUpdater(w: Work): void {
  for (const svc of Object.values(w.sw.services).sort((a, b) => (a.name < b.name ? -1 : 1)))
    updateService(w, svc);
}
