/**
 * The agents on the nodes (swarmkit agent/ and agent/exec/dockerapi): an agent starts the
 * container of each task assigned to its node with desired state running, reports the task's
 * state as the container goes (preparing while the image is pulled, starting, running, then
 * complete or failed with Docker's "task: non-zero exit (N)"), and stops the container of a task
 * whose desired state became shutdown. Containers are Pods run by the kubelet model (pull, start,
 * stop timing, scripted crashes and hangs); a node whose machine is down does nothing, so the
 * manager's view of its tasks goes stale until the node is marked down.
 */
import { deletePodIntents, isPodReady } from '../../controllers';
import { getIn, stateAfter, type SwarmTask, update } from '../../model';
import { taskPod } from './taskPod';
import { isActive, setState, type Work } from './work';

/** The task state a pod shows, or undefined while nothing is known yet. */
function stateOfPod(
  w: Work,
  t: SwarmTask,
): { state: SwarmTask['state']; message: string; err?: string } | undefined {
  const pod = t.pod === undefined ? undefined : getIn(w.state.pods, t.pod);
  if (pod === undefined) return undefined;
  const cs = pod.status.containerStatuses[0];
  if (pod.status.phase === 'Succeeded') return { state: 'complete', message: 'finished' };
  if (pod.status.phase === 'Failed') {
    const code = cs?.state.terminated?.exitCode;
    if (code === undefined)
      return { state: 'rejected', message: 'rejected', err: pod.status.message ?? 'rejected by the node' };
    return { state: 'failed', message: 'started', err: `task: non-zero exit (${code})` };
  }
  if (cs?.state.running !== undefined)
    return cs.ready || pod.spec.containers[0]?.readinessProbe === undefined
      ? { state: 'running', message: 'started' }
      : { state: 'starting', message: 'starting' };
  const rt = getIn(w.state.podRuntime, t.pod as string);
  const c = rt === undefined ? undefined : Object.values(rt.containers)[0];
  if (c?.stage === 'pulling') return { state: 'preparing', message: 'preparing' };
  if (c !== undefined) return { state: 'starting', message: 'starting' };
  return undefined;
}

/** A failure of the task on its node, for the scheduler's faulty-node rule (scheduler.ts). */
function recordFailure(w: Work, t: SwarmTask): void {
  const k = `${t.node}|${t.serviceId}@${t.specVersion}`;
  const failures = (w.sw.failures ??= {});
  failures[k] = [...(failures[k] ?? []), w.now];
}

/** Agents report their tasks' states (the manager reads them before it orchestrates). */
export function reportTaskStates(w: Work): void {
  for (const id of Object.keys(w.sw.tasks).sort()) {
    const t = w.sw.tasks[id] as SwarmTask;
    if (t.node === undefined || t.pod === undefined) continue;
    const pod = getIn(w.state.pods, t.pod);
    if (pod === undefined) {
      // The container is gone (stopped on shutdown): a task that was still live is now shut down.
      if (t.state !== 'complete' && t.state !== 'failed' && t.state !== 'rejected')
        setState(w, t, 'shutdown', 'shutdown');
      continue;
    }
    // A node whose machine is down reports nothing: the manager's view stays as it was.
    if (w.state.nodeRuntime[t.node]?.up !== true) continue;
    const s = stateOfPod(w, t);
    if (s === undefined || (t.state === 'shutdown' && t.desiredState === 'shutdown')) continue;
    const term = pod.status.containerStatuses[0]?.state.terminated;
    if (s.state === 'failed' && term !== undefined) t.exitCode = term.exitCode;
    // Task states only move forward (swarmkit refuses a transition backwards).
    if (!stateAfter(s.state, t.state)) continue;
    setState(w, t, s.state, s.message, s.err);
    if (s.state === 'failed' || s.state === 'rejected') recordFailure(w, t);
  }
}

/** Agents act on their assignments: start the containers of new tasks, stop those shut down. */
export function runAgents(w: Work): void {
  for (const id of Object.keys(w.sw.tasks).sort()) {
    const t = w.sw.tasks[id] as SwarmTask;
    const svc = w.sw.services[t.serviceId];
    if (svc === undefined || t.node === undefined) continue;
    const node = w.sw.nodes[t.node];
    const up = w.state.nodeRuntime[t.node]?.up === true;
    const pod = t.pod === undefined ? undefined : getIn(w.state.pods, t.pod);
    if (t.pod !== undefined) {
      if (pod !== undefined && t.desiredState === 'shutdown') {
        w.intents.push(...deletePodIntents(pod, w.now, `swarm task ${t.id} desired state shutdown`));
        // On a node that is down nobody stops the container until the node returns (the pod stays
        // Terminating, as on an unreachable Kubernetes node); the manager drops it from the
        // service's load balancing at once.
        if (!up && isPodReady(pod))
          w.intents.push(
            update('Pod', t.pod, `swarm task ${t.id} shut down on a node that is down`, (p) => {
              for (const c of p.status.conditions)
                if (c.type === 'Ready' || c.type === 'ContainersReady') {
                  c.status = 'False';
                  c.reason = 'TaskShutdown';
                  c.lastTransitionTime = w.now;
                }
            }),
          );
      }
      continue;
    }
    // No container yet: start one when the task should run and its agent is up.
    if (t.desiredState === 'shutdown') {
      if (t.state === 'new' || t.state === 'pending' || t.state === 'assigned')
        setState(w, t, 'shutdown', 'shutdown');
      continue;
    }
    if (!isActive(t) || t.desiredState !== 'running' || t.state !== 'assigned' || !up || node === undefined)
      continue;
    const p = taskPod(svc, t, node);
    t.pod = `default/${p.metadata.name}`;
    setState(w, t, 'accepted', 'accepted');
    w.intents.push({ op: 'create', object: p, why: `swarm agent on ${t.node} starts task ${t.id}` });
  }
}
