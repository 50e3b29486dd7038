/** Commands on pods: crash a container, script its behaviour (hang, unready...), delete a pod. */
import { deletePodIntents, KUBELET } from '../../controllers';
import { type ClusterState, getIn, type Intent, objectKey } from '../../model';
import { advance, containerMachine } from '../../lifecycle';
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
      throw new CommandError(
        `pod ${pod.metadata.name} has no container "${name}" (containers: ${pod.spec.containers.map((x) => x.name).join(', ')})`,
      );
    }
    if (
      rt === undefined ||
      c === undefined ||
      c.machine !== 'Running' ||
      state.nodeRuntime[rt.node]?.up !== true
    ) {
      throw new CommandError(
        `container ${name} of pod ${pod.metadata.name} is not running, so it cannot crash`,
      );
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
      {
        op: 'trace',
        record: { type: 'action', action: 'crashContainer', pod: key, container: name, exitCode },
      },
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

/** What setBehaviour scripts (see src/model/containerBehaviour.ts). */
export type BehaviourName = 'hang' | 'unready' | 'healthy' | 'slowStart';
export const BEHAVIOUR_NAMES: readonly BehaviourName[] = ['hang', 'unready', 'healthy', 'slowStart'];

export interface BehaviourOptions extends PodTarget {
  container?: string;
  behaviour: BehaviourName;
  /** hang, unready: how long it lasts (default: until `healthy`, or for a hang until a restart). */
  forMs?: number;
  /** slowStart: after every start, probes fail this long. */
  startupDelayMs?: number;
}

/**
 * Changes what a container's application does, as probes see it: `hang` (the process stays up
 * but answers nothing until it is restarted or `for` passes: liveness fails, no crash), `unready`
 * (readiness fails, liveness passes), `slowStart` (probes fail for `startupDelay` after every
 * start, this one included) and `healthy` (ends all of that, crash loops and the pod's
 * flotilla.dev/behaviour defaults).
 */
export function setBehaviour(state: ClusterState, opts: BehaviourOptions, now: number): Intent[] {
  const intents: Intent[] = [];
  for (const pod of resolvePods(state, opts)) {
    const key = objectKey(pod.metadata);
    const name = opts.container ?? pod.spec.containers[0]?.name ?? '';
    if (!pod.spec.containers.some((x) => x.name === name)) {
      throw new CommandError(
        `pod ${pod.metadata.name} has no container "${name}" (containers: ${pod.spec.containers.map((x) => x.name).join(', ')})`,
      );
    }
    const rt = getIn(state.podRuntime, key);
    const c = rt?.containers[name];
    if (rt === undefined || c === undefined || state.nodeRuntime[rt.node]?.up !== true) {
      throw new CommandError(
        `pod ${pod.metadata.name} is not running on a node yet, so its container ${name} has no behaviour to change`,
      );
    }
    if (opts.behaviour === 'hang' && (c.machine !== 'Running' || c.stage === 'stopping')) {
      throw new CommandError(
        `container ${name} of pod ${pod.metadata.name} is not running, so it cannot hang`,
      );
    }
    const until = opts.forMs === undefined ? undefined : now + opts.forMs;
    intents.push(
      {
        op: 'runtime',
        why: `container ${name}: ${opts.behaviour}`,
        mutate: (d) => {
          const x = getIn(d.podRuntime, key)?.containers[name];
          if (!x) return;
          const open = (from: number | undefined, to: number | undefined) =>
            from !== undefined && from <= now && (to === undefined || now < to);
          switch (opts.behaviour) {
            case 'hang':
            case 'unready': {
              const [from, to] =
                opts.behaviour === 'hang'
                  ? (['hangFrom', 'hangUntil'] as const)
                  : (['unreadyFrom', 'unreadyUntil'] as const);
              x[from] = now;
              if (until === undefined) delete x[to];
              else x[to] = until;
              break;
            }
            case 'slowStart':
              x.startupDelayMs = opts.startupDelayMs ?? 0;
              break;
            case 'healthy':
              // Windows close now rather than vanish, so ticks before now keep their results.
              if (open(x.hangFrom, x.hangUntil)) x.hangUntil = now;
              if (open(x.unreadyFrom, x.unreadyUntil)) x.unreadyUntil = now;
              x.startupDelayMs = 0;
              x.behaviourCleared = true;
              delete x.crashAfterMs;
              delete x.crashExitCode;
              break;
          }
        },
      },
      {
        op: 'trace',
        record: {
          type: 'action',
          action: 'setBehaviour',
          pod: key,
          container: name,
          behaviour: opts.behaviour,
          ...(opts.forMs !== undefined ? { forMs: opts.forMs } : {}),
          ...(opts.startupDelayMs !== undefined ? { startupDelayMs: opts.startupDelayMs } : {}),
        },
      },
      { op: 'wake', controller: KUBELET, key, afterMs: 0 },
    );
  }
  return intents;
}
