/**
 * What a step changed, as the controllers see it: the objects its intents touched (before and
 * after), and the controller keys those changes make pending (each controller's `keysFor`).
 */
import {
  byKey,
  type ClusterState,
  COLLECTION_OF_KIND,
  type Controller,
  getObject,
  type Intent,
  type Kind,
  type ObjectChange,
  objectEntries,
} from '../model';

/** Controller name → the keys it has to reconcile in this step. */
export type Pending = Map<string, Set<string>>;

/** Adds `key` to what `controller` has to reconcile. */
export function markPending(pending: Pending, controller: string, key: string): void {
  let set = pending.get(controller);
  if (!set) pending.set(controller, (set = new Set()));
  set.add(key);
}

/** Marks the keys every controller maps the changes to. */
export function markChanges(
  controllers: readonly Controller[],
  pending: Pending,
  changes: readonly ObjectChange[],
  state: ClusterState,
): void {
  for (const change of changes)
    for (const c of controllers)
      for (const key of c.keysFor(change, state)) markPending(pending, c.name, key);
}

/** The objects the intents created, updated or deleted that differ from `before` to `after`, once each. */
export function changedObjects(
  intents: readonly Intent[],
  before: ClusterState,
  after: ClusterState,
): ObjectChange[] {
  const changes: ObjectChange[] = [];
  const seen = new Set<string>();
  for (const intent of intents) {
    let kind: Kind;
    let key: string;
    if (intent.op === 'create') {
      kind = intent.object.kind;
      key = intent.object.metadata.namespace
        ? `${intent.object.metadata.namespace}/${intent.object.metadata.name}`
        : intent.object.metadata.name;
    } else if (intent.op === 'update' || intent.op === 'delete') {
      kind = intent.kind;
      key = intent.key;
    } else continue;
    const id = `${kind}/${key}`;
    if (seen.has(id)) continue;
    seen.add(id);
    const b = getObject(before, kind, key);
    const a = getObject(after, kind, key);
    if (a !== b) changes.push({ kind, key, before: b, after: a });
  }
  return changes;
}

/** Every stored object as a creation: what the controllers see at step zero. */
export function allObjectsAsChanges(state: ClusterState): ObjectChange[] {
  const out: ObjectChange[] = [];
  // Every stored kind but Events (no controller watches them), listed by key as an informer's
  // initial list (etcd key order) would.
  const kinds = (Object.keys(COLLECTION_OF_KIND) as Kind[]).filter(
    (k): k is Exclude<Kind, 'Event'> => k !== 'Event',
  );
  for (const kind of kinds) {
    const entries = objectEntries(state, kind).sort(byKey);
    for (const [key, obj] of entries) out.push({ kind, key, before: undefined, after: obj });
  }
  return out;
}
