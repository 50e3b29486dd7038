import { describe, expect, it } from 'vitest';
import { shardedFrom } from '../../src/model/sharded';
import { defaultPod } from '../../src/manifests/defaults';
import { parseSelector } from '../../src/model/labels';
import type { KubeEvent, Node, Pod } from '../../src/model/objects';
import { DEFAULT_SETTINGS } from '../../src/model/settings';
import type { ClusterState } from '../../src/model/state';
import { evaluateExpectation } from '../../src/scenario/expectations';
import type { Expectation, PodsExpectation } from '../../src/scenario/scenario';

const source = { file: 's.yaml', line: 1, column: 1 };

function pod(
  name: string,
  opts: {
    node?: string;
    phase?: Pod['status']['phase'];
    ready?: boolean;
    deleting?: boolean;
    restarts?: number;
    app?: string;
  },
): Pod {
  const p = defaultPod(
    { name, namespace: 'default', uid: name, creationTimestamp: 0, labels: { app: opts.app ?? 'tooling' } },
    { containers: [{ name: 'main', image: 'busybox' }] },
  );
  if (opts.node !== undefined) p.spec.nodeName = opts.node;
  if (opts.deleting === true) p.metadata.deletionTimestamp = 1000;
  p.status.phase = opts.phase ?? 'Running';
  p.status.conditions = [
    { type: 'Ready', status: opts.ready === false ? 'False' : 'True', lastTransitionTime: 0 },
  ];
  p.status.containerStatuses = [
    {
      name: 'main',
      image: 'busybox',
      state: {},
      lastState: {},
      ready: opts.ready !== false,
      started: true,
      restartCount: opts.restarts ?? 0,
    },
  ];
  return p;
}

function node(name: string, ready: 'True' | 'False' | 'Unknown'): Node {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name, uid: name, creationTimestamp: 0 },
    spec: {},
    status: {
      capacity: {},
      allocatable: {},
      conditions: [
        {
          type: 'Ready',
          status: ready,
          lastHeartbeatTime: 0,
          lastTransitionTime: 0,
          reason: ready === 'True' ? 'KubeletReady' : 'NodeStatusUnknown',
          message: '',
        },
      ],
      addresses: [],
    },
  };
}

function state(pods: Pod[], nodes: Node[] = [], events: KubeEvent[] = []): ClusterState {
  return {
    time: 0,
    seq: 0,
    rng: 1,
    nextUid: 1,
    queue: [],
    settings: DEFAULT_SETTINGS,
    namespaces: {},
    nodes: Object.fromEntries(nodes.map((n) => [n.metadata.name, n])),
    pods: shardedFrom(pods.map((p): [string, Pod] => [`default/${p.metadata.name}`, p])),
    replicaSets: {},
    deployments: {},
    events: shardedFrom(events.map((e): [string, KubeEvent] => [e.metadata.name, e])),
    nodeRuntime: {},
    podRuntime: {},
    schedulingQueue: {},
  } as ClusterState;
}

function podsExp(extra: Partial<PodsExpectation>): PodsExpectation {
  return {
    check: 'pods',
    selector: parseSelector('app=tooling'),
    selectorText: 'app=tooling',
    namespace: 'default',
    window: { kind: 'within', within: 1 },
    index: 0,
    source,
    ...extra,
  };
}

describe('evaluateExpectation: pods', () => {
  it('fails with a detail naming what was found instead', () => {
    const s = state([pod('tooling-1', { node: 'node-1', deleting: true })]);
    expect(evaluateExpectation(podsExp({ count: 1, phase: 'Running', node: 'node-2' }), s)).toEqual({
      pass: false,
      detail: 'expected 1 pod app=tooling Running on node-2, found 0 (1 Terminating on node-1)',
    });
  });

  it('passes once the replacement runs on the other node, not counting the terminating pod', () => {
    const s = state([
      pod('tooling-1', { node: 'node-1', deleting: true }),
      pod('tooling-2', { node: 'node-2' }),
    ]);
    expect(evaluateExpectation(podsExp({ count: 1, phase: 'Running', node: 'node-2' }), s)).toEqual({
      pass: true,
      detail: 'expected 1 pod app=tooling Running on node-2, found 1 (1 Terminating on node-1)',
    });
  });

  it('counts terminating pods only when asked', () => {
    const s = state([
      pod('tooling-1', { node: 'node-1', deleting: true }),
      pod('tooling-2', { node: 'node-2' }),
    ]);
    expect(evaluateExpectation(podsExp({ count: 1, terminating: true, node: 'node-1' }), s).pass).toBe(true);
    expect(evaluateExpectation(podsExp({ count: 2 }), s).pass).toBe(false);
  });

  it.each<[string, Partial<PodsExpectation>, boolean]>([
    ['every selected pod ready', { ready: true }, false],
    ['every selected pod Running', { phase: 'Running' }, true],
    ['2 ready', { count: 2, ready: true }, true],
    ['restartCount at least 3', { restartCount: { min: 3 } }, false],
    ['restartCount 0..5', { restartCount: { min: 0, max: 5 } }, true],
    ['one with exactly 4 restarts', { count: 1, restartCount: { min: 4, max: 4 } }, true],
    ['other selector', { selector: parseSelector('app=web'), selectorText: 'app=web' }, false],
    ['zero pending', { count: 0, phase: 'Pending' }, true],
  ])('%s', (_name, extra, pass) => {
    const s = state([
      pod('tooling-1', { node: 'node-1' }),
      pod('tooling-2', { node: 'node-2', restarts: 4 }),
      pod('tooling-3', { node: 'node-2', ready: false }),
    ]);
    expect(evaluateExpectation(podsExp(extra), s).pass).toBe(pass);
  });

  it('describes unscheduled and not-ready pods', () => {
    const s = state([
      pod('tooling-1', { phase: 'Pending', ready: false }),
      pod('tooling-2', { node: 'node-1', ready: false }),
    ]);
    expect(evaluateExpectation(podsExp({ ready: true }), s).detail).toBe(
      'expected every pod app=tooling ready (at least one), found 0 (1 Pending unscheduled, 1 Running not ready on node-1)',
    );
  });

  it('an expectation without count fails when nothing is selected', () => {
    expect(evaluateExpectation(podsExp({ phase: 'Running' }), state([])).pass).toBe(false);
  });
});

describe('evaluateExpectation: node', () => {
  const exp = (ready: 'True' | 'False' | 'Unknown'): Expectation => ({
    check: 'node',
    node: 'node-1',
    ready,
    window: { kind: 'at', at: 0 },
    index: 0,
    source,
  });
  it.each<['True' | 'False' | 'Unknown', 'True' | 'False' | 'Unknown', boolean]>([
    ['Unknown', 'Unknown', true],
    ['True', 'Unknown', false],
    ['True', 'True', true],
    ['False', 'True', false],
  ])('node Ready=%s, expected %s', (actual, want, pass) => {
    expect(evaluateExpectation(exp(want), state([], [node('node-1', actual)])).pass).toBe(pass);
  });
  it('says what it found', () => {
    expect(evaluateExpectation(exp('Unknown'), state([], [node('node-1', 'True')])).detail).toBe(
      'expected node node-1 Ready=Unknown, found Ready=True (KubeletReady)',
    );
    expect(evaluateExpectation(exp('True'), state([])).pass).toBe(false);
  });
});

describe('evaluateExpectation: event', () => {
  const exp = (extra: object = {}): Expectation => ({
    check: 'event',
    reason: 'TaintManagerEviction',
    window: { kind: 'within', within: 0 },
    index: 0,
    source,
    ...extra,
  });
  const seen = [{ reason: 'Scheduled', object: 'Pod/tooling-abc-1', eventType: 'Normal' as const }];
  it('fails with the reasons that were seen', () => {
    expect(evaluateExpectation(exp(), state([]), seen)).toEqual({
      pass: false,
      detail: 'expected event TaintManagerEviction, found none (seen: Scheduled)',
    });
  });
  it('matches reason, object kind/name prefix and type', () => {
    const more = [
      ...seen,
      { reason: 'TaintManagerEviction', object: 'Pod/tooling-abc-1', eventType: 'Normal' as const },
    ];
    expect(evaluateExpectation(exp({ object: 'pod/tooling' }), state([]), more).pass).toBe(true);
    expect(evaluateExpectation(exp({ object: 'pod/web' }), state([]), more).pass).toBe(false);
    expect(evaluateExpectation(exp({ type: 'Warning' }), state([]), more).pass).toBe(false);
  });
  it('also finds events still in the state', () => {
    const ev: KubeEvent = {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name: 'e1', namespace: 'default', uid: 'e1', creationTimestamp: 0 },
      involvedObject: { kind: 'Pod', name: 'tooling-1', namespace: 'default', uid: 'x' },
      reason: 'TaintManagerEviction',
      message: 'Marking for deletion Pod default/tooling-1',
      type: 'Normal',
      source: { component: 'taint-eviction-controller' },
      firstTimestamp: 0,
      lastTimestamp: 0,
      count: 1,
    };
    expect(evaluateExpectation(exp({ object: 'Pod/tooling-1' }), state([], [], [ev])).pass).toBe(true);
  });
});
