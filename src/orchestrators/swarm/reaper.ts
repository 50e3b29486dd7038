/**
 * The task reaper (swarmkit manager/orchestrator/taskreaper): keeps at most `TASK_HISTORY_LIMIT`
 * tasks per slot (per node for a global service), removing the oldest tasks that are shut down
 * and whose container is gone; and forgets task failures older than the scheduler looks back.
 */
import { getIn } from '../../model';
import { MONITOR_FAILURES_MS } from './scheduler';
import { TASK_HISTORY_LIMIT } from './timings';
import { byAge, type Work } from './work';

export function reapTasks(w: Work): void {
  // Failures older than the scheduler's lookback no longer matter.
  for (const [k, times] of Object.entries(w.sw.failures ?? {})) {
    const recent = times.filter((at) => at > w.now - MONITOR_FAILURES_MS);
    if (w.sw.failures === undefined || recent.length === times.length) continue;
    if (recent.length === 0) delete w.sw.failures[k];
    else w.sw.failures[k] = recent;
  }
  const bySlot = new Map<string, string[]>();
  const ordered = Object.values(w.sw.tasks).sort(byAge);
  for (const t of ordered) {
    const k = `${t.serviceId}/${t.slot ?? t.node ?? ''}`;
    bySlot.set(k, [...(bySlot.get(k) ?? []), t.id]);
  }
  for (const ids of bySlot.values()) {
    let extra = ids.length - TASK_HISTORY_LIMIT;
    for (const id of ids) {
      if (extra <= 0) break;
      const t = w.sw.tasks[id];
      if (t === undefined || t.desiredState !== 'shutdown') continue;
      if (t.pod !== undefined && getIn(w.state.pods, t.pod) !== undefined) continue;
      if (t.noRestart === true) continue;
      delete w.sw.tasks[id];
      extra -= 1;
    }
  }
}
