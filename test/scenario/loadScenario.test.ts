import { describe, expect, it } from 'vitest';
import { loadScenario, type LoadScenarioResult } from '../../src/scenario/loadScenario';
import type { Scenario } from '../../src/scenario/scenario';

/** An in-memory file tree for the injected reader. */
function reader(files: Record<string, string>) {
  return (p: string): string => {
    const text = files[p];
    if (text === undefined) throw new Error(`ENOENT: no such file or directory, open '${p}'`);
    return text;
  };
}

const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: tooling
spec:
  replicas: 2
  selector:
    matchLabels: { app: tooling }
  template:
    metadata:
      labels: { app: tooling }
    spec:
      containers:
        - name: tool
          image: busybox:1.36
          resources:
            requests: { cpu: 100m, memory: 64Mi }
`;

const GOOD = `name: node-failure
title: A node dies and its workload comes back on another node
seed: 42
orchestrator: kubernetes
nodes:
  - { name: node-1, capacity: { cpu: "2", memory: 4Gi }, labels: { zone: a } }
  - { name: node-2, capacity: { cpu: 2, memory: 4Gi, nvidia.com/gpu: 1 }, allocatable: { cpu: 1900m }, taints: [{ key: gpu, effect: NoSchedule }] }
settings: { nodeMonitorGracePeriod: 40s, defaultTolerationSeconds: 300 }
scheduler: { profiles: [] }
apply:
  - file: manifests/tooling.yaml
  - apiVersion: v1
    kind: Pod
    metadata: { name: solo }
    spec:
      containers: [{ name: main, image: nginx }]
timeline:
  - { at: 30s, action: failNode, node: node-1, say: "node-1 loses power" }
  - { at: 10s, say: "watch the pods" }
  - { at: 1m, action: crashContainer, pod: tooling, container: tool }
  - { at: 1m, action: deletePod, selector: app=tooling }
  - { at: 2m, action: scale, deployment: tooling, replicas: 3 }
  - { at: 3m, action: apply, object: { apiVersion: v1, kind: Namespace, metadata: { name: extra } } }
expect:
  - { within: 7m, pods: { selector: app=tooling }, phase: Running, node: node-2, count: 1 }
  - { at: 2m, node: { name: node-1, ready: Unknown } }
  - { within: 6m, event: { reason: TaintManagerEviction, object: pod/tooling } }
  - { at: 1m, pods: { selector: app=tooling }, restartCount: { min: 1 } }
`;

function load(text: string, extra: Record<string, string> = {}): LoadScenarioResult {
  return loadScenario('scenarios/x.yaml', reader({ 'scenarios/x.yaml': text, ...extra }));
}

function errorsOf(text: string, extra: Record<string, string> = {}): string[] {
  const r = load(text, extra);
  if (r.ok) throw new Error('expected the scenario to be refused');
  return r.errors.map((e) => e.toString());
}

function okScenario(text: string, extra: Record<string, string> = {}): Scenario {
  const r = load(text, extra);
  if (!r.ok) throw new Error(r.errors.map(String).join('\n'));
  return r.scenario;
}

const MINIMAL = `name: t
nodes:
  - { name: node-1, capacity: { cpu: "1", memory: 1Gi } }
  - { name: node-2, capacity: { cpu: "1", memory: 1Gi } }
`;

describe('loadScenario: a valid file', () => {
  const s = okScenario(GOOD, { 'scenarios/manifests/tooling.yaml': DEPLOYMENT });

  it('normalises the top level', () => {
    expect(s).toMatchObject({
      file: 'scenarios/x.yaml',
      name: 'node-failure',
      seed: 42,
      orchestrator: 'kubernetes',
    });
    expect(s.settings.nodeMonitorGracePeriod).toBe(40_000);
    expect(s.settings.defaultTolerationSeconds).toBe(300);
    expect(s.settings.nodeMonitorPeriod).toBe(5_000);
    expect(s.scheduler).toEqual({ profiles: [] });
    expect(s.duration).toBeUndefined();
  });

  it('has nodes with canonical resources, default pods and allocatable', () => {
    expect(s.nodes[0]).toMatchObject({
      name: 'node-1',
      capacity: { cpu: 2000, memory: 4 * 2 ** 30, pods: 110 },
      allocatable: { cpu: 2000, memory: 4 * 2 ** 30, pods: 110 },
      labels: { zone: 'a', 'kubernetes.io/hostname': 'node-1' },
      taints: [],
      source: { file: 'scenarios/x.yaml', line: 6, column: 5 },
    });
    expect(s.nodes[1]?.allocatable).toEqual({
      cpu: 1900,
      memory: 4 * 2 ** 30,
      pods: 110,
      'nvidia.com/gpu': 1,
    });
    expect(s.nodes[1]?.taints).toEqual([{ key: 'gpu', effect: 'NoSchedule' }]);
  });

  it('loads objects from files and inline, defaulted, with their source', () => {
    expect(s.objects.map((o) => `${o.object.kind}/${o.object.metadata.name}`)).toEqual([
      'Deployment/tooling',
      'Pod/solo',
    ]);
    expect(s.objects[0]?.source).toEqual({ file: 'scenarios/manifests/tooling.yaml', line: 1, column: 1 });
    expect(s.objects[1]?.source).toEqual({ file: 'scenarios/x.yaml', line: 12, column: 5 });
    const pod = s.objects[1]?.object;
    expect(pod?.kind === 'Pod' && pod.spec.restartPolicy).toBe('Always');
  });

  it('sorts the timeline by time, keeping file order for ties', () => {
    expect(s.timeline.map((e) => [e.at, e.action])).toEqual([
      [10_000, 'say'],
      [30_000, 'failNode'],
      [60_000, 'crashContainer'],
      [60_000, 'deletePod'],
      [120_000, 'scale'],
      [180_000, 'apply'],
    ]);
    expect(s.timeline[1]).toMatchObject({
      action: 'failNode',
      node: 'node-1',
      say: 'node-1 loses power',
      index: 0,
    });
    expect(s.timeline[2]).toMatchObject({
      target: { by: 'name', name: 'tooling' },
      exitCode: 1,
      namespace: 'default',
      container: 'tool',
    });
    expect(s.timeline[3]).toMatchObject({
      target: { by: 'selector', selector: { matchLabels: { app: 'tooling' } } },
    });
    const apply = s.timeline[5];
    expect(apply?.action === 'apply' && apply.objects[0]?.object.kind).toBe('Namespace');
  });

  it('types the expectations', () => {
    expect(s.expectations[0]).toMatchObject({
      check: 'pods',
      window: { kind: 'within', within: 420_000 },
      count: 1,
      node: 'node-2',
    });
    expect(s.expectations[1]).toMatchObject({
      check: 'node',
      node: 'node-1',
      ready: 'Unknown',
      window: { kind: 'at', at: 120_000 },
    });
    expect(s.expectations[2]).toMatchObject({
      check: 'event',
      reason: 'TaintManagerEviction',
      object: 'pod/tooling',
    });
    expect(s.expectations[3]).toMatchObject({ restartCount: { min: 1 } });
  });
});

describe('loadScenario: located errors', () => {
  it('reports malformed YAML with the parser line:col', () => {
    expect(errorsOf('name: t\nname: u\n')).toEqual(['scenarios/x.yaml:2:1: Map keys must be unique']);
    expect(errorsOf('name: t\nnodes:\n  - name: a\n   capacity: 1\n')).toEqual([
      'scenarios/x.yaml:4:1: Sequence item without - indicator',
    ]);
  });

  it('reports an unknown field at its key, with a suggestion', () => {
    expect(errorsOf(`${MINIMAL}sed: 4\n`)).toEqual([
      'scenarios/x.yaml:5:1: sed: unknown field "sed" (expected "seed")',
    ]);
    expect(errorsOf(MINIMAL.replace('capacity:', 'capacty:'))).toEqual([
      'scenarios/x.yaml:3:5: nodes[0].capacity: missing required field "capacity"',
      'scenarios/x.yaml:3:21: nodes[0].capacty: unknown field "capacty" (expected "capacity")',
    ]);
  });

  it('reports a missing required field at the parent', () => {
    expect(errorsOf('nodes:\n  - { name: node-1, capacity: { cpu: 1 } }\n')).toEqual([
      'scenarios/x.yaml:1:1: name: missing required field "name"',
    ]);
  });

  it('reports negative replicas in a scale action', () => {
    const text = `${MINIMAL}apply: [{ file: d.yaml }]\ntimeline:\n  - at: 1m\n    action: scale\n    deployment: tooling\n    replicas: -1\n`;
    expect(errorsOf(text, { 'scenarios/d.yaml': DEPLOYMENT })).toEqual([
      'scenarios/x.yaml:10:15: timeline[0].replicas: invalid value number -1: must be greater than or equal to 0',
    ]);
  });

  it('reports negative replicas in a manifest with the apiserver text', () => {
    const errs = errorsOf(`${MINIMAL}apply: [{ file: d.yaml }]\n`, {
      'scenarios/d.yaml': DEPLOYMENT.replace('replicas: 2', 'replicas: -1'),
    });
    expect(errs).toEqual([
      'scenarios/d.yaml:6:13: spec.replicas: Invalid value: -1: must be greater than or equal to 0',
    ]);
  });

  it('reports an invalid quantity in a node and in a container', () => {
    expect(
      errorsOf(
        MINIMAL.replace(
          'cpu: "1", memory: 1Gi } }\n  - { name: node-2',
          'cpu: "abc", memory: 1Gi } }\n  - { name: node-2',
        ),
      ),
    ).toEqual([
      'scenarios/x.yaml:3:38: nodes[0].capacity.cpu: invalid quantity "abc" (expected a quantity such as 500m, 2, 512Mi or 1Gi)',
    ]);
    const errs = errorsOf(`${MINIMAL}apply: [{ file: d.yaml }]\n`, {
      'scenarios/d.yaml': DEPLOYMENT.replace('cpu: 100m', 'cpu: abc'),
    });
    expect(errs).toEqual([
      'scenarios/d.yaml:17:30: spec.template.spec.containers[0].resources.requests.cpu: invalid quantity "abc" (expected a quantity such as 500m, 2, 512Mi or 1Gi)',
    ]);
  });

  it('reports an unknown node with the known ones', () => {
    const text = `${MINIMAL}timeline:\n  - at: 30s\n    action: failNode\n    node: node-9\n`;
    expect(errorsOf(text)).toEqual([
      'scenarios/x.yaml:8:11: timeline[0].node: unknown node "node-9" (expected one of: node-1, node-2)',
    ]);
  });

  it('reports an unknown kind, and ignores unmodelled built-in kinds with a warning', () => {
    const inline = `${MINIMAL}apply:\n  - apiVersion: apps/v1\n    kind: Deploymnet\n    metadata: { name: x }\n`;
    expect(errorsOf(inline)).toEqual([
      'scenarios/x.yaml:7:11: apply[0].kind: unsupported kind "Deploymnet" (Flotilla models: Pod, Deployment, ReplicaSet, Namespace, Service, NetworkPolicy) (expected "Deployment")',
    ]);
    const r = load(
      `${MINIMAL}apply:\n  - apiVersion: apps/v1\n    kind: StatefulSet\n    metadata: { name: db }\n`,
    );
    expect(r.ok).toBe(true);
    expect(r.warnings.map(String)).toEqual([
      'scenarios/x.yaml:7:11: warning: apply[0].kind: unsupported kind "StatefulSet" (Flotilla models: Pod, Deployment, ReplicaSet, Namespace, Service, NetworkPolicy); StatefulSet/db is ignored',
    ]);
    expect(r.ok && r.scenario.ignored).toMatchObject([{ kind: 'StatefulSet', name: 'db' }]);
  });

  it('reports an unknown action with the list of actions', () => {
    const errs = errorsOf(`${MINIMAL}timeline:\n  - { at: 1s, action: failnode, node: node-1 }\n`);
    expect(errs).toEqual([
      'scenarios/x.yaml:6:23: timeline[0].action: unknown action "failnode" (expected "failNode")',
    ]);
  });

  it('reports an unknown field in a timeline entry', () => {
    const errs = errorsOf(`${MINIMAL}timeline:\n  - { at: 1s, action: failNode, node: node-1, nodes: x }\n`);
    expect(errs).toEqual([
      'scenarios/x.yaml:6:47: timeline[0].nodes: unknown field "nodes" (expected "node")',
    ]);
  });

  it('reports invalid and negative durations', () => {
    expect(errorsOf(`${MINIMAL}timeline:\n  - { at: 5x, say: hi }\n  - { at: -5s, say: hi }\n`)).toEqual([
      'scenarios/x.yaml:6:11: timeline[0].at: invalid duration "5x" (expected 30s, 5m, 1h30m, 250ms or 1.5s)',
      'scenarios/x.yaml:7:11: timeline[1].at: negative duration "-5s" (durations count from the start) (expected 30s, 5m, 1h30m, 250ms or 1.5s)',
    ]);
  });

  it('reports a file that does not exist at its key', () => {
    expect(errorsOf(`${MINIMAL}apply:\n  - file: nope.yaml\n`)).toEqual([
      'scenarios/x.yaml:6:5: apply[0].file: cannot read "nope.yaml" (looked for scenarios/nope.yaml) (expected a YAML file path relative to the scenario file)',
    ]);
  });

  it('reports duplicate nodes, unknown deployments and pods, all at once', () => {
    const text = `name: t
nodes:
  - { name: node-1, capacity: { cpu: 1 } }
  - { name: node-1, capacity: { cpu: 1 } }
apply: [{ file: d.yaml }]
timeline:
  - { at: 1s, action: scale, deployment: web, replicas: 1 }
  - { at: 2s, action: deletePod, pod: web-1 }
  - { at: 3s, action: deletePod, pod: tooling-abc }
  - { at: 4s, action: crashContainer, pod: tooling, container: nope }
expect:
  - { at: 1m, pods: { selector: app=x }, node: node-3 }
`;
    expect(errorsOf(text, { 'scenarios/d.yaml': DEPLOYMENT })).toEqual([
      'scenarios/x.yaml:4:13: nodes[1].name: duplicate node name "node-1" (first at scenarios/x.yaml:3:5)',
      'scenarios/x.yaml:7:42: timeline[0].deployment: unknown deployment "web" in namespace "default" (expected one of: tooling)',
      'scenarios/x.yaml:8:39: timeline[1].pod: no pod "web-1" can exist in namespace "default": it is neither an applied Pod nor named after an applied Deployment or ReplicaSet (expected one of: tooling)',
      'scenarios/x.yaml:10:64: timeline[3].container: pod "tooling" has no container "nope" (expected one of: tool)',
      'scenarios/x.yaml:12:48: expect[0].node: unknown node "node-3" (expected one of: node-1)',
    ]);
  });

  it('refuses swarm without a stack to deploy', () => {
    expect(errorsOf(`${MINIMAL}orchestrator: swarm\n`)).toEqual([
      'scenarios/x.yaml:5:15: orchestrator: orchestrator swarm deploys one stack: give one compose: block (expected compose: { file: compose.yaml })',
    ]);
  });

  it('reports a bad selector at the offending character', () => {
    expect(errorsOf(`${MINIMAL}expect:\n  - { at: 1m, pods: { selector: "app=(x" } }\n`)).toEqual([
      'scenarios/x.yaml:6:38: expect[0].pods.selector: invalid selector "app=(x": expected "," but found "(" (expected a selector such as app=web or app in (a,b),tier!=db)',
    ]);
  });

  it.each([
    [
      '  - { at: 1m, pods: { selector: app=x }, phase: Runing }',
      'scenarios/x.yaml:6:49: expect[0].phase: invalid value "Runing" (expected one of: Pending, Running, Succeeded, Failed, Unknown)',
    ],
    [
      '  - { within: 1m, pods: { selector: app=x }, colour: red }',
      'scenarios/x.yaml:6:46: expect[0].colour: unknown field "colour" (expected one of: at, within, description, pods, count, phase, ready, node, restartCount, terminating)',
    ],
    [
      '  - { within: 1m, node: { name: node-1, redy: true } }',
      'scenarios/x.yaml:6:25: expect[0].node.ready: missing required field "ready"',
    ],
    [
      '  - { at: 1m, event: { reason: X }, pod: y }',
      'scenarios/x.yaml:6:37: expect[0].pod: unknown field "pod" (expected one of: at, within, description, event)',
    ],
    [
      '  - { node: { name: node-1, ready: true } }',
      'scenarios/x.yaml:6:5: expect[0]: missing "at" or "within" (expected at: 5m (check then) or within: 5m (by then))',
    ],
  ])('reports the expectation problem in %s', (line, error) => {
    expect(errorsOf(`${MINIMAL}expect:\n${line}\n`)[0]).toBe(error);
  });

  it('reports settings of the wrong kind', () => {
    expect(
      errorsOf(`${MINIMAL}settings: { nodeMonitorGracePeriod: 40, defaultTolerationSeconds: 5m }\n`),
    ).toEqual([
      'scenarios/x.yaml:5:37: settings.nodeMonitorGracePeriod: a bare number is ambiguous here: write "40s" or "40ms" (expected 30s, 5m, 1h30m, 250ms or 1.5s)',
      'scenarios/x.yaml:5:67: settings.defaultTolerationSeconds: expected a number, got string "5m"',
    ]);
  });

  it('reports a missing namespace with the apiserver message', () => {
    const errs = errorsOf(
      `${MINIMAL}apply:\n  - { apiVersion: v1, kind: Pod, metadata: { name: p, namespace: n8n }, spec: { containers: [{ name: a, image: b }] } }\n`,
    );
    expect(errs).toEqual([
      'scenarios/x.yaml:6:5: metadata.namespace: namespaces "n8n" not found (expected a Namespace named "n8n" in apply)',
    ]);
  });

  it('refuses an unreadable scenario file and an empty one', () => {
    expect(loadScenario('missing.yaml', reader({}))).toMatchObject({ ok: false });
    expect(errorsOf('# nothing\n')[0]).toMatch(/^scenarios\/x\.yaml:1:1: the scenario file is empty/);
  });
});
