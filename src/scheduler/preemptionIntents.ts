/**
 * What the scheduler does once DefaultPreemption picked a node (K preemption.go prepareCandidate
 * and the scheduler's status update): the preemptor gets status.nominatedNodeName; each victim gets
 * the DisruptionTarget condition (reason PreemptionByScheduler), is deleted gracefully, and a Normal
 * `Preempted` event says `Preempted by pod <uid> on node <node>` (reason and message as in
 * preemption.go since v1.30).
 */
import { type ClusterState, type Intent, objectKey, update } from '../model';
import type { Pod } from '../model';
import type { PostFilterResult } from './framework';

/** K preemption.go: the DisruptionTarget condition's message. */
function preemptionConditionMessage(schedulerName: string): string {
  return `${schedulerName}: preempting to accommodate a higher priority pod`;
}

/** The intents that carry out a preemption decision (none when nothing was decided). */
export function preemptionIntents(
  _state: ClusterState,
  preemptor: Pod,
  key: string,
  decision: PostFilterResult | undefined,
  schedulerName: string,
  now: number,
): Intent[] {
  const node = decision?.nominatedNode;
  if (decision === undefined || node === undefined) return [];
  const intents: Intent[] = [
    update('Pod', key, `${schedulerName} nominated ${node} for the pod`, (draft) => {
      draft.status.nominatedNodeName = node;
    }),
  ];
  for (const victim of decision.victims) {
    const vkey = objectKey(victim.metadata);
    const grace = victim.spec.terminationGracePeriodSeconds;
    intents.push(
      update('Pod', vkey, `${schedulerName} preempted the pod for ${key}`, (draft) => {
        draft.status.conditions = draft.status.conditions.filter((c) => c.type !== 'DisruptionTarget');
        draft.status.conditions.push({
          type: 'DisruptionTarget',
          status: 'True',
          lastTransitionTime: now,
          reason: 'PreemptionByScheduler',
          message: preemptionConditionMessage(schedulerName),
        });
        if (draft.metadata.deletionTimestamp === undefined) {
          draft.metadata.deletionTimestamp = now + grace * 1000;
          draft.metadata.deletionGracePeriodSeconds = grace;
        }
      }),
      {
        op: 'event',
        object: {
          kind: 'Pod',
          name: victim.metadata.name,
          uid: victim.metadata.uid,
          ...(victim.metadata.namespace === undefined ? {} : { namespace: victim.metadata.namespace }),
        },
        type: 'Normal',
        reason: 'Preempted',
        message: `Preempted by pod ${preemptor.metadata.uid} on node ${node}`,
        source: { component: schedulerName },
      },
    );
  }
  return intents;
}
