/**
 * The replicated and global orchestrators (swarmkit manager/orchestrator/replicated, global):
 * compare each service's desired tasks with its active ones and create or shut down tasks.
 *
 * - Replicated: one task per slot 1..replicas. A slot whose task stopped or whose node is down is
 *   handed to the restart supervisor (restart.ts); a slot the policy will not restart stays dead
 *   but still counts. Scaling up fills the lowest free slots; scaling down shuts down the highest
 *   slots, those not running first.
 * - Global: one task per node that is ready, active and meets the constraints; a node that goes
 *   down, is drained or stops matching loses its task; a node that joins or comes back gets one.
 */
import type { SwarmService, SwarmTask } from '../../model';
import { sortedNodes } from './dispatcher';
import { restartTask } from './restart';
import { meetsConstraints } from './constraints';
import { createTask, isActive, isTerminal, swarmEvent, tasksOf, type Work } from './work';

/** Whether an active task must be replaced: it stopped, or its node is down or drained. */
function needsRestart(w: Work, t: SwarmTask): 'stopped' | 'nodeDown' | 'drained' | undefined {
  if (!isActive(t)) return undefined;
  if (isTerminal(t)) return 'stopped';
  if (t.node === undefined) return undefined;
  const n = w.sw.nodes[t.node];
  if (n === undefined || n.status === 'down') return 'nodeDown';
  if (n.availability === 'drain') return 'drained';
  return undefined;
}

function reconcileReplicated(w: Work, svc: SwarmService): void {
  const tasks = tasksOf(w.sw, svc.id);
  for (const t of tasks) {
    const why = needsRestart(w, t);
    if (why === undefined) continue;
    const next = restartTask(w, svc, t, why === 'drained');
    if (why !== 'stopped' && next !== undefined)
      swarmEvent(
        w,
        { kind: 'Service', name: svc.name },
        'Normal',
        'TaskRescheduled',
        `task ${svc.name}.${t.slot} on ${t.node} (node ${why === 'drained' ? 'drained' : 'down'}) replaced by task ${next.id}`,
        'orchestrator',
      );
  }
  // Slots: those with an active task, plus dead ones (their last task may not be restarted).
  const all = tasksOf(w.sw, svc.id);
  const active = new Map<number, SwarmTask>();
  const dead = new Set<number>();
  for (const t of all) {
    if (t.slot === undefined) continue;
    if (isActive(t)) active.set(t.slot, t);
    else if (t.noRestart === true) dead.add(t.slot);
  }
  for (const s of active.keys()) dead.delete(s);
  const occupied = [...new Set([...active.keys(), ...dead])].sort((a, b) => a - b);
  if (occupied.length < svc.replicas) {
    let slot = 1;
    for (let missing = svc.replicas - occupied.length; missing > 0; slot++) {
      if (occupied.includes(slot)) continue;
      createTask(w, svc, { slot }, 'running');
      missing -= 1;
    }
  } else if (occupied.length > svc.replicas) {
    // Dead slots go first, then tasks not running, then the highest slots.
    const rank = (s: number) => (dead.has(s) ? 0 : active.get(s)?.state === 'running' ? 2 : 1);
    const victims = [...occupied]
      .sort((a, b) => rank(a) - rank(b) || b - a)
      .slice(0, occupied.length - svc.replicas);
    for (const s of victims) {
      const t = active.get(s);
      if (t !== undefined) t.desiredState = 'shutdown';
      for (const d of all) if (d.slot === s) delete d.noRestart;
    }
  }
}

function reconcileGlobal(w: Work, svc: SwarmService): void {
  const tasks = tasksOf(w.sw, svc.id);
  for (const n of sortedNodes(w)) {
    const mine = tasks.filter((t) => t.node === n.hostname);
    const eligible =
      n.status !== 'down' &&
      n.availability !== 'drain' &&
      meetsConstraints(n, svc.spec.deploy.placement.constraints);
    const activeTasks = mine.filter(isActive);
    if (!eligible) {
      for (const t of activeTasks) t.desiredState = 'shutdown';
      continue;
    }
    for (const t of activeTasks) if (isTerminal(t)) restartTask(w, svc, t, false);
    // Again from the store: a restart just created this node's new task.
    const now = tasksOf(w.sw, svc.id).filter((t) => t.node === n.hostname);
    const stillActive = now.filter(isActive);
    const dead = now.some((t) => t.noRestart === true);
    if (stillActive.length === 0 && !dead && n.status === 'ready')
      createTask(w, svc, { node: n.hostname }, 'running');
  }
}

export function runOrchestrators(w: Work): void {
  for (const svc of Object.values(w.sw.services).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    if (svc.mode === 'replicated') reconcileReplicated(w, svc);
    else reconcileGlobal(w, svc);
  }
}
