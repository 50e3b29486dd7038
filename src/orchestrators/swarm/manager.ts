/**
 * The swarm manager as one controller: Raft, the leader's dispatcher, orchestrators, restart
 * supervisor, updater and scheduler, then the agents on the nodes. It works on a copy of
 * `state.swarm` (small: services, tasks, nodes) and writes it back whole when it changed. It wakes
 * on every task pod and Node change, at the times it asked for (restart delays, grace periods,
 * elections, update batches), and every second to notice machines that stopped heartbeating.
 */
import type { Controller, Intent, Pod } from '../../model';
import { reportTaskStates, runAgents } from './agent';
import { markNodesUnknown, runDispatcher } from './dispatcher';
import { runOrchestrators } from './orchestrator';
import { runRaft } from './raft';
import { startDelayed } from './restart';
import { runScheduler } from './scheduler';
import { LABEL_TASK_ID } from './taskPod';
import { MANAGER_TICK_MS } from './timings';
import { runUpdater } from './updater';
import { reapTasks } from './reaper';
import type { Work } from './work';

export const SWARM_MANAGER = 'swarm-manager';
export const SWARM_KEY = 'swarm';
export const SWARM_TICK_KEY = 'tick';

export const swarmManager: Controller = {
  name: SWARM_MANAGER,
  // The tick and the change key may run in one round: the second must see the first's writes.
  sequential: true,
  keysFor(change) {
    if (change.kind === 'Node') return [SWARM_KEY];
    if (change.kind !== 'Pod') return [];
    const pod = (change.after ?? change.before) as Pod;
    return pod.metadata.labels?.[LABEL_TASK_ID] === undefined ? [] : [SWARM_KEY];
  },
  reconcile(state, key, ctx) {
    if (key === SWARM_TICK_KEY) ctx.requeueAfter(SWARM_TICK_KEY, MANAGER_TICK_MS, true);
    if (state.swarm === undefined) return [];
    const before = JSON.stringify(state.swarm);
    const w: Work = {
      state,
      sw: structuredClone(state.swarm),
      now: ctx.now,
      ctx,
      intents: [],
      wakeAt: Number.POSITIVE_INFINITY,
    };
    const hadLeader = state.swarm.raft.leader !== undefined;
    reportTaskStates(w);
    if (runRaft(w)) {
      if (!hadLeader) markNodesUnknown(w);
      runDispatcher(w);
      runOrchestrators(w);
      runUpdater(w);
      startDelayed(w);
      runScheduler(w);
      reapTasks(w);
    }
    runAgents(w);
    // Queue each timer once, however often the manager reconciles before it fires.
    if (w.wakeAt !== Number.POSITIVE_INFINITY && w.sw.wakeAt !== w.wakeAt) {
      w.sw.wakeAt = w.wakeAt;
      ctx.requeueAfter(SWARM_KEY, w.wakeAt - ctx.now);
    }
    const intents: Intent[] = [];
    if (JSON.stringify(w.sw) !== before) {
      const next = w.sw;
      intents.push({ op: 'runtime', why: 'swarm manager', mutate: (d) => void (d.swarm = next) });
    }
    return [...intents, ...w.intents];
  },
};
