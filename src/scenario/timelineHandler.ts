/**
 * Turns a scenario's timeline entries into engine commands. A command that cannot apply at run
 * time (the pod named is not running any more, the node is already down) does not stop the run:
 * it is skipped and the trace says why, so a student sees what happened.
 */
import {
  applyObjects,
  CommandError,
  cordon,
  crashContainer,
  deletePod,
  drain,
  type PodTarget as EnginePodTarget,
  failNode,
  recoverNode,
  scaleDeployment,
  setBehaviour,
  type TimelineHandler,
  uncordon,
} from '../engine';
import type { ClusterState, Intent } from '../model';
import { scaleService, setAvailability, updateServiceImage } from '../orchestrators';
import type { PodTarget, TimelineEntry } from './scenario';

function podTarget(namespace: string, t: PodTarget): EnginePodTarget {
  return t.by === 'name' ? { namespace, pod: t.name } : { namespace, selector: t.selector };
}

function commandFor(state: ClusterState, e: TimelineEntry, now: number): Intent[] {
  switch (e.action) {
    case 'say':
      return [];
    case 'crashContainer':
      return crashContainer(
        state,
        {
          ...podTarget(e.namespace, e.target),
          exitCode: e.exitCode,
          ...(e.container !== undefined ? { container: e.container } : {}),
          ...(e.crashLoop !== undefined ? { crashLoopAfterMs: e.crashLoop } : {}),
        },
        now,
      );
    case 'deletePod':
      return deletePod(state, podTarget(e.namespace, e.target), now);
    case 'setBehaviour':
      return setBehaviour(
        state,
        {
          ...podTarget(e.namespace, e.target),
          behaviour: e.behaviour,
          ...(e.container !== undefined ? { container: e.container } : {}),
          ...(e.for !== undefined ? { forMs: e.for } : {}),
          ...(e.startupDelay !== undefined ? { startupDelayMs: e.startupDelay } : {}),
        },
        now,
      );
    case 'failNode':
      return failNode(state, e.node, now);
    case 'recoverNode':
      return recoverNode(state, e.node, now);
    case 'cordon':
      // Under swarm: docker node update --availability pause / active / drain.
      return state.swarm ? setAvailability(state, e.node, 'pause') : cordon(state, e.node, now);
    case 'uncordon':
      return state.swarm ? setAvailability(state, e.node, 'active') : uncordon(state, e.node);
    case 'drain':
      return state.swarm ? setAvailability(state, e.node, 'drain') : drain(state, e.node, now);
    case 'scale':
      if ('service' in e) return scaleService(state, e.service, e.replicas, now);
      return scaleDeployment(state, e.deployment, e.replicas, e.namespace);
    case 'updateService':
      return updateServiceImage(state, e.service, e.image, now);
    case 'apply':
      return applyObjects(
        state,
        e.objects.map((o) => o.object),
      );
  }
}

/** The engine's timeline handler for these entries (indexed as queued by the runner). */
export function timelineHandler(entries: readonly TimelineEntry[]): TimelineHandler {
  return (state, index, ctx) => {
    const e = entries[index];
    if (e === undefined) return [];
    const say: Intent[] = e.say !== undefined ? [{ op: 'trace', record: { type: 'say', text: e.say } }] : [];
    try {
      return [...say, ...commandFor(state, e, ctx.now)];
    } catch (err) {
      if (!(err instanceof CommandError)) throw err;
      const where = `${e.source.file}:${e.source.line}:${e.source.column}`;
      return [
        ...say,
        {
          op: 'trace',
          record: { type: 'actionSkipped', action: e.action, reason: err.message, source: where },
        },
      ];
    }
  };
}
