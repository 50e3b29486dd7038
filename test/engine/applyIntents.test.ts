import { describe, expect, it } from 'vitest';
import { applyIntents, nextUid } from '../../src/engine/applyIntents';
import type { TraceRecord } from '../../src/engine/trace';
import { type EventIntent, type Intent, update } from '../../src/model/intents';
import { TAINT_NOT_READY, TAINT_UNREACHABLE } from '../../src/model/taints';
import { getIn, setIn } from '../../src/model/sharded';
import { cluster, eventEntries, pod, podAt, podKeys, runtimeAt, setRuntime } from '../controllers/fixtures';

function run(intents: Intent[], time = 7_000) {
  const state = cluster(['node-1'], time);
  const trace: TraceRecord[] = [];
  applyIntents(state, intents, trace);
  return { state, trace };
}

function ev(message: string, reason = 'Pulling', extra: Partial<EventIntent['object']> = {}): EventIntent {
  return {
    op: 'event',
    object: { kind: 'Pod', namespace: 'default', name: 'web-1', uid: 'uid-web-1', ...extra },
    type: 'Normal',
    reason,
    message,
    source: { component: 'kubelet', host: 'node-1' },
  };
}

describe('applyIntents', () => {
  it('nextUid counts up in a UUID-shaped string', () => {
    const state = cluster([]);
    expect(state.nextUid).toBe(4); // the four namespaces
    expect(nextUid(state)).toBe('00000000-0000-4000-8000-000000000005');
    expect(nextUid(state)).toBe('00000000-0000-4000-8000-000000000006');
    expect(state.nextUid).toBe(6);
  });

  it('create fills in uid and creationTimestamp and runs pod admission', () => {
    const p = pod('web-1', { uid: '' });
    const { state } = run([{ op: 'create', object: p, why: 'test' }]);
    const stored = podAt(state, 'default/web-1');
    // bootCluster used 5 uids (4 namespaces + 1 node).
    expect(stored?.metadata.uid).toBe('00000000-0000-4000-8000-000000000006');
    expect(stored?.metadata.creationTimestamp).toBe(7_000);
    expect(stored?.spec.tolerations).toEqual([
      { key: TAINT_NOT_READY, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
      { key: TAINT_UNREACHABLE, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
    ]);
    expect(state.nextUid).toBe(6);
  });

  it('create keeps a uid that is already set', () => {
    const { state } = run([
      { op: 'create', object: pod('web-1', { uid: 'given', createdAt: 99 }), why: 'test' },
    ]);
    expect(podAt(state, 'default/web-1')?.metadata.uid).toBe('given');
    expect(podAt(state, 'default/web-1')?.metadata.creationTimestamp).toBe(7_000);
    expect(state.nextUid).toBe(5);
  });

  it('create of a cluster-scoped object uses its bare name as the key', () => {
    const { state } = run([
      {
        op: 'create',
        object: {
          apiVersion: 'v1',
          kind: 'Namespace',
          metadata: { name: 'team-a', uid: '', creationTimestamp: 0 },
          spec: { finalizers: ['kubernetes'] },
          status: { phase: 'Active' },
        },
        why: 'test',
      },
    ]);
    expect(state.namespaces['team-a']?.metadata.uid).toBe('00000000-0000-4000-8000-000000000006');
  });

  it('a duplicate create throws', () => {
    expect(() =>
      run([
        { op: 'create', object: pod('web-1'), why: 'first' },
        { op: 'create', object: pod('web-1'), why: 'second' },
      ]),
    ).toThrow('Pod default/web-1 already exists');
  });

  it('update mutates the stored object; an update of a missing one is a no-op', () => {
    const state = cluster(['node-1'], 1_000);
    setIn(state.pods, 'default/web-1', pod('web-1'));
    applyIntents(
      state,
      [
        update('Pod', 'default/web-1', 'label', (p) => void (p.metadata.labels = { app: 'web' })),
        update('Pod', 'default/missing', 'nothing', (p) => void (p.metadata.labels = { app: 'x' })),
      ],
      [],
    );
    expect(podAt(state, 'default/web-1')?.metadata.labels).toEqual({ app: 'web' });
    expect(podKeys(state)).toEqual(['default/web-1']);
  });

  it('delete removes the object, and a pod also loses its runtime and scheduling-queue records', () => {
    const state = cluster(['node-1']);
    setIn(state.pods, 'default/web-1', pod('web-1', { nodeName: 'node-1' }));
    setIn(state.pods, 'default/web-2', pod('web-2', { nodeName: 'node-1' }));
    setRuntime(state, 'default/web-1', { node: 'node-1', uid: 'uid-web-1', containers: {} });
    setIn(state.schedulingQueue, 'default/web-1', { attempts: 1, queue: 'active', backoffUntil: 0 });
    applyIntents(state, [{ op: 'delete', kind: 'Pod', key: 'default/web-1', why: 'test' }], []);
    expect(podKeys(state)).toEqual(['default/web-2']);
    expect(runtimeAt(state, 'default/web-1')).toBeUndefined();
    expect(getIn(state.schedulingQueue, 'default/web-1')).toBeUndefined();
    applyIntents(state, [{ op: 'delete', kind: 'Node', key: 'node-1', why: 'test' }], []);
    expect(state.nodes).toEqual({});
  });

  it('runtime and trace intents', () => {
    const { state, trace } = run([
      {
        op: 'runtime',
        why: 'test',
        mutate: (d) => void (d.nodeRuntime['node-1'] && (d.nodeRuntime['node-1'].up = false)),
      },
      { op: 'trace', record: { type: 'schedule', pod: 'default/web-1' } },
    ]);
    expect(state.nodeRuntime['node-1']?.up).toBe(false);
    expect(trace).toEqual([{ t: 7_000, type: 'schedule', pod: 'default/web-1' }]);
  });

  it('an event creates a core/v1 Event and a trace record', () => {
    const { state, trace } = run([
      ev('Pulling image "web:1.0"', 'Pulling', { fieldPath: 'spec.containers{app}' }),
    ]);
    const events = eventEntries(state);
    expect(events).toHaveLength(1);
    const [key, e] = events[0] ?? [];
    expect(e?.metadata.name).toMatch(/^web-1\.[0-9a-f]{16}$/);
    expect(key).toBe(`default/${e?.metadata.name}`);
    expect(e).toEqual({
      apiVersion: 'v1',
      kind: 'Event',
      metadata: {
        name: e?.metadata.name,
        namespace: 'default',
        uid: '00000000-0000-4000-8000-000000000006',
        creationTimestamp: 7_000,
      },
      involvedObject: {
        kind: 'Pod',
        namespace: 'default',
        name: 'web-1',
        uid: 'uid-web-1',
        fieldPath: 'spec.containers{app}',
      },
      reason: 'Pulling',
      message: 'Pulling image "web:1.0"',
      type: 'Normal',
      source: { component: 'kubelet', host: 'node-1' },
      firstTimestamp: 7_000,
      lastTimestamp: 7_000,
      count: 1,
    });
    expect(trace).toEqual([
      {
        t: 7_000,
        type: 'event',
        eventType: 'Normal',
        reason: 'Pulling',
        object: 'pod/web-1',
        namespace: 'default',
        message: 'Pulling image "web:1.0"',
        source: 'kubelet',
        count: 1,
      },
    ]);
  });

  it('equal events aggregate: count goes up, firstTimestamp stays, lastTimestamp moves', () => {
    const state = cluster(['node-1'], 1_000);
    const trace: TraceRecord[] = [];
    applyIntents(state, [ev('Back-off', 'BackOff')], trace);
    state.time = 11_000;
    applyIntents(state, [ev('Back-off', 'BackOff')], trace);
    state.time = 31_000;
    applyIntents(state, [ev('Back-off', 'BackOff'), ev('Something else', 'BackOff')], trace);
    const events = eventEntries(state).map(([, e]) => [
      e.message,
      e.count,
      e.firstTimestamp,
      e.lastTimestamp,
    ]);
    expect(events.sort()).toEqual([
      ['Back-off', 3, 1_000, 31_000],
      ['Something else', 1, 31_000, 31_000],
    ]);
    expect(trace.map((r) => [r.t, (r as { count: number }).count])).toEqual([
      [1_000, 1],
      [11_000, 2],
      [31_000, 3],
      [31_000, 1],
    ]);
  });

  it('events differing in type, reason, source or object are not aggregated', () => {
    const base = ev('m');
    const { state } = run([
      base,
      { ...base, type: 'Warning' },
      { ...base, reason: 'Other' },
      { ...base, source: { component: 'scheduler' } },
      { ...base, object: { ...base.object, uid: 'uid-other' } },
    ]);
    expect(eventEntries(state)).toHaveLength(5);
  });

  it('an event without a namespace is stored in default and has none in involvedObject', () => {
    const { state } = run([
      {
        op: 'event',
        object: { kind: 'Node', name: 'node-1', uid: 'uid-node-1' },
        type: 'Normal',
        reason: 'NodeNotReady',
        message: 'x',
        source: { component: 'node-controller' },
      },
    ]);
    const [[key, e] = []] = eventEntries(state);
    expect(key?.startsWith('default/node-1.')).toBe(true);
    expect(e?.involvedObject).toEqual({ kind: 'Node', name: 'node-1', uid: 'uid-node-1' });
  });

  it.each([
    { name: 'a delay', input: 500, want: { at: 7_500, seq: 5 } },
    { name: 'no delay', input: 0, want: { at: 7_000, seq: 5 } },
    { name: 'a negative delay is clamped to now', input: -100, want: { at: 7_000, seq: 5 } },
  ])('wake pushes a queue entry: $name', ({ input, want }) => {
    const state = cluster(['node-1'], 7_000);
    state.seq = 5;
    state.queue = [];
    applyIntents(state, [{ op: 'wake', controller: 'kubelet', key: 'default/web-1', afterMs: input }], []);
    expect(state.queue).toEqual([
      { ...want, event: { type: 'wake', controller: 'kubelet', key: 'default/web-1' } },
    ]);
    expect(state.seq).toBe(6);
  });

  it('wakes keep heap order with the existing entries', () => {
    const state = cluster(['node-1'], 0);
    // bootCluster queued the node monitor at 5 s (seq 0) and the event TTL sweep at 60 s (seq 1);
    // state.seq is 2.
    applyIntents(
      state,
      [
        { op: 'wake', controller: 'a', key: 'k', afterMs: 9_000 },
        { op: 'wake', controller: 'b', key: 'k', afterMs: 1_000 },
        { op: 'wake', controller: 'c', key: 'k', afterMs: 5_000 },
      ],
      [],
    );
    expect(state.queue[0]).toEqual({ at: 1_000, seq: 3, event: { type: 'wake', controller: 'b', key: 'k' } });
    expect(
      state.queue
        .map((e) => [e.at, e.seq])
        .sort((x, y) => (x[0] ?? 0) - (y[0] ?? 0) || (x[1] ?? 0) - (y[1] ?? 0)),
    ).toEqual([
      [1_000, 3],
      [5_000, 0],
      [5_000, 4],
      [9_000, 2],
      [60_000, 1],
    ]);
  });
});
