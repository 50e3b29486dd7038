/** Commands on pods: crash a container, delete a pod. */
import { KUBELET } from '../../controllers/kubelet';
import { deletePodIntents } from '../../controllers/podDeletion';
import { advance, containerMachine } from '../../lifecycle';
import type { Intent } from '../../model/intents';
import { getIn } from '../../model/sharded';
import { type ClusterState, objectKey } from '../../model/state';
import { CommandError } from '../simulation';
import { type PodTarget, resolvePods } from './targets';

export interface CrashOptions extends PodTarget {
  container?: string;
  exitCode?: number;
  /** Keep crashing this long after every restart (a crash loop), in ms. */
  crashLoopAfterMs?: number;
}

/** The container's process exits (exit code 1 by default; 137 is shown as OOMKilled). */
export function crashContainer(state: ClusterState, opts: CrashOptions, now: number): Intent[] {
  const intents: Intent[] = [];
  for (const pod of resolvePods(state, opts)) {
    const key = objectKey(pod.metadata);
    const rt = getIn(state.podRuntime, key);
    const name = opts.container ?? pod.spec.containers[0]?.name ?? '';
    const c = rt?.containers[name];
    if (!pod.spec.containers.some((x) => x.name === name)) {
      throw new CommandError(`pod ${pod.metadata.name} has no container "${name}" (containers: ${pod.spec.containers.map((x) => x.name).join(', ')})`);
    }
    if (rt === undefined || c === undefined || c.machine !== 'Running' || state.nodeRuntime[rt.node]?.up !== true) {
      throw new CommandError(`container ${name} of pod ${pod.metadata.name} is not running, so it cannot crash`);
    }
    const exitCode = opts.exitCode ?? 1;
    const event = exitCode === 137 ? { type: 'OOM_KILLED' as const } : { type: 'EXITED' as const, exitCode };
    const machine = advance(containerMachine, c.machine, event);
    intents.push(
      {
        op: 'runtime',
        why: `container ${name} crashed`,
        mutate: (d) => {
          const x = getIn(d.podRuntime, key)?.containers[name];
          if (!x) return;
          x.machine = machine;
          x.exitCode = exitCode;
          x.finishedAt = now;
          delete x.reason;
          if (opts.crashLoopAfterMs !== undefined) {
            x.crashAfterMs = opts.crashLoopAfterMs;
            x.crashExitCode = exitCode;
          }
        },
      },
      { op: 'trace', record: { type: 'action', action: 'crashContainer', pod: key, container: name, exitCode } },
      { op: 'wake', controller: KUBELET, key, afterMs: 0 },
    );
  }
  return intents;
}

/** `kubectl delete pod`: graceful deletion; the pod's controller (if any) replaces it. */
export function deletePod(state: ClusterState, target: PodTarget, now: number): Intent[] {
  return resolvePods(state, target).flatMap((pod) => [
    { op: 'trace', record: { type: 'action', action: 'deletePod', pod: objectKey(pod.metadata) } } as Intent,
    ...deletePodIntents(pod, now, 'kubectl delete pod'),
  ]);
}
