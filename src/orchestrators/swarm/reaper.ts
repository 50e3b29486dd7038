/**
 * The task reaper (swarmkit manager/orchestrator/taskreaper): keeps at most `TASK_HISTORY_LIMIT`
 * tasks per slot (per node for a global service), removing the oldest tasks that are shut down
 * and whose container is gone.
 */
import { getIn } from '../../model/sharded';
import { TASK_HISTORY_LIMIT } from './timings';
import { byAge, type Work } from './work';

export function reapTasks(w: Work): void {
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
