/**
 * Applies controller intents to a draft of the state. Runs inside an immer producer, so a throw
 * discards every change of the batch.
 */
import {
  type ClusterState,
  deleteIn,
  fnv32a,
  getIn,
  getObject,
  heapPush,
  type Intent,
  type KubeEvent,
  objectKey,
  putObject,
  removeObject,
  setIn,
} from '../model';
import { allocateServiceAddresses } from '../network';
import { admitPodPriority } from '../scheduler';
import { admitPod } from './admission';
import type { TraceRecord } from './trace';

/** Deterministic, UUID-shaped uids from a counter: readable in output and stable across runs. */
export function nextUid(draft: ClusterState): string {
  draft.nextUid += 1;
  return `00000000-0000-4000-8000-${draft.nextUid.toString(16).padStart(12, '0')}`;
}

export function applyIntents(draft: ClusterState, intents: readonly Intent[], trace: TraceRecord[]): void {
  for (const intent of intents) applyIntent(draft, intent, trace);
}

function applyIntent(draft: ClusterState, intent: Intent, trace: TraceRecord[]): void {
  const now = draft.time;
  switch (intent.op) {
    case 'create': {
      const obj = intent.object;
      const key = objectKey(obj.metadata);
      if (getObject(draft, obj.kind, key) !== undefined) throw new Error(`${obj.kind} ${key} already exists`);
      obj.metadata.uid = obj.metadata.uid || nextUid(draft);
      obj.metadata.creationTimestamp = now;
      if (obj.kind === 'Pod') {
        admitPod(obj, draft.settings.defaultTolerationSeconds);
        admitPodPriority(obj, draft.priorityClasses);
      }
      if (obj.kind === 'Service') allocateServiceAddresses(draft, obj);
      putObject(draft, obj.kind, key, obj);
      return;
    }
    case 'update': {
      const obj = getObject(draft, intent.kind, intent.key);
      if (obj !== undefined) (intent.mutate as (o: unknown) => void)(obj);
      return;
    }
    case 'delete': {
      removeObject(draft, intent.kind, intent.key);
      if (intent.kind === 'Pod') {
        deleteIn(draft.podRuntime, intent.key);
        deleteIn(draft.schedulingQueue, intent.key);
      }
      return;
    }
    case 'runtime':
      intent.mutate(draft);
      return;
    case 'trace':
      trace.push({ t: now, ...intent.record });
      return;
    case 'event':
      recordEvent(draft, intent, trace);
      return;
    case 'wake':
      heapPush(draft.queue, {
        at: now + Math.max(0, intent.afterMs),
        seq: draft.seq++,
        event: { type: 'wake', controller: intent.controller, key: intent.key },
      });
      return;
  }
}

function recordEvent(
  draft: ClusterState,
  intent: Extract<Intent, { op: 'event' }>,
  trace: TraceRecord[],
): void {
  const now = draft.time;
  const o = intent.object;
  const namespace = o.namespace ?? 'default';
  // The recorder aggregates identical events on one object into one Event with a count
  // (client-go tools/record events_cache.go); its name here is derived from that identity.
  const identity = [
    o.uid,
    o.fieldPath ?? '',
    intent.type,
    intent.reason,
    intent.message,
    intent.source.component,
  ].join('\u0000');
  const name = `${o.name}.${fnv32a(identity).toString(16).padStart(8, '0')}${fnv32a(identity, 0x2545f491).toString(16).padStart(8, '0')}`;
  const key = `${namespace}/${name}`;
  const existing = getIn(draft.events, key);
  let count = 1;
  if (existing) {
    existing.count += 1;
    existing.lastTimestamp = now;
    count = existing.count;
  } else {
    const ev: KubeEvent = {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name, namespace, uid: nextUid(draft), creationTimestamp: now },
      involvedObject: {
        kind: o.kind,
        name: o.name,
        uid: o.uid,
        ...(o.namespace !== undefined ? { namespace: o.namespace } : {}),
        ...(o.fieldPath !== undefined ? { fieldPath: o.fieldPath } : {}),
      },
      reason: intent.reason,
      message: intent.message,
      type: intent.type,
      source: intent.source,
      firstTimestamp: now,
      lastTimestamp: now,
      count: 1,
    };
    setIn(draft.events, key, ev);
  }
  trace.push({
    t: now,
    type: 'event',
    eventType: intent.type,
    reason: intent.reason,
    object: `${o.kind.toLowerCase()}/${o.name}`,
    ...(o.namespace !== undefined ? { namespace: o.namespace } : {}),
    message: intent.message,
    source: intent.source.component,
    count,
  });
}
