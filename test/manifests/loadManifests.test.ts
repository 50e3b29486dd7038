import { describe, expect, it } from 'vitest';
import { loadManifests } from '../../src/manifests/loadManifests';

const errors = (text: string) => loadManifests(text, 'm.yaml').errors.map(String);

const DEPLOY = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
        - name: web
          image: nginx:1.27
          resources:
            limits: { cpu: 500m, memory: 128Mi }
`;

describe('loadManifests: defaulting', () => {
  it('defaults a Deployment as the apiserver does', () => {
    const r = loadManifests(DEPLOY, 'm.yaml');
    expect(r.errors).toEqual([]);
    const d = r.objects[0]?.object;
    if (d?.kind !== 'Deployment') throw new Error('expected a Deployment');
    expect(d.metadata).toEqual({ name: 'web', namespace: 'default', uid: '', creationTimestamp: 0 });
    expect(d.spec).toMatchObject({
      replicas: 1,
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } },
      revisionHistoryLimit: 10,
      progressDeadlineSeconds: 600,
      minReadySeconds: 0,
    });
    expect(d.spec.template.spec).toMatchObject({
      restartPolicy: 'Always',
      terminationGracePeriodSeconds: 30,
      schedulerName: 'default-scheduler',
      dnsPolicy: 'ClusterFirst',
    });
    expect(d.spec.template.spec.containers[0]).toMatchObject({ imagePullPolicy: 'IfNotPresent' });
    expect(r.objects[0]?.source).toEqual({ file: 'm.yaml', line: 1, column: 1 });
  });

  it('defaults a Pod: status Pending, requests from limits, pull policy for :latest, TCP ports', () => {
    const r = loadManifests(
      `apiVersion: v1\nkind: Pod\nmetadata: { name: p, namespace: team }\nspec:\n  containers:\n    - name: a\n      image: nginx\n      ports: [{ containerPort: 80 }]\n      resources: { limits: { cpu: 1, memory: 1Gi }, requests: { cpu: 0.5 } }\n`,
      'p.yaml',
    );
    const p = r.objects[0]?.object;
    if (p?.kind !== 'Pod') throw new Error('expected a Pod');
    expect(p.metadata.namespace).toBe('team');
    expect(p.status).toEqual({ phase: 'Pending', conditions: [], containerStatuses: [] });
    expect(p.spec.containers[0]).toMatchObject({
      imagePullPolicy: 'Always',
      ports: [{ containerPort: 80, protocol: 'TCP' }],
      resources: { limits: { cpu: '1', memory: '1Gi' }, requests: { cpu: '0.5', memory: '1Gi' } },
    });
  });

  it('skips empty documents, unpacks Lists and defaults ReplicaSets and Namespaces', () => {
    const text = `---\n# only a comment\n---\napiVersion: v1\nkind: List\nitems:\n  - apiVersion: v1\n    kind: Namespace\n    metadata: { name: shop, namespace: ignored }\n  - apiVersion: apps/v1\n    kind: ReplicaSet\n    metadata: { name: rs, namespace: shop }\n    spec:\n      replicas: 0\n      selector: { matchExpressions: [{ key: app, operator: In, values: [rs] }] }\n      template:\n        metadata: { labels: { app: rs } }\n        spec: { containers: [{ name: c, image: busybox }] }\n---\n`;
    const r = loadManifests(text, 'l.yaml');
    expect(r.errors.map(String)).toEqual([]);
    expect(r.objects.map((o) => [o.object.kind, o.object.metadata.namespace, o.source.line])).toEqual([
      ['Namespace', undefined, 7],
      ['ReplicaSet', 'shop', 10],
    ]);
    const ns = r.objects[0]?.object;
    expect(ns?.kind === 'Namespace' && ns.status.phase).toBe('Active');
    const rs = r.objects[1]?.object;
    expect(rs?.kind === 'ReplicaSet' && rs.spec.replicas).toBe(0);
  });
});

describe('loadManifests: located errors', () => {
  it.each([
    [
      'negative replicas',
      DEPLOY.replace('spec:\n  selector', 'spec:\n  replicas: -1\n  selector'),
      'm.yaml:6:13: spec.replicas: Invalid value: -1: must be greater than or equal to 0',
    ],
    [
      'invalid quantity',
      DEPLOY.replace('cpu: 500m', 'cpu: abc'),
      'm.yaml:18:28: spec.template.spec.containers[0].resources.limits.cpu: invalid quantity "abc" (expected a quantity such as 500m, 2, 512Mi or 1Gi)',
    ],
    [
      'selector not matching the template',
      DEPLOY.replace('app: web\n  template', 'app: api\n  template'),
      'm.yaml:12:9: spec.template.metadata.labels: Invalid value: selector does not match template labels (expected labels that the selector {"matchLabels":{"app":"api"}} selects)',
    ],
    [
      'missing image',
      DEPLOY.replace('          image: nginx:1.27\n', ''),
      'm.yaml:15:11: spec.template.spec.containers[0].image: missing required field "image"',
    ],
    [
      'no containers',
      DEPLOY.replace(/containers:[\s\S]*$/, 'containers: []\n'),
      'm.yaml:14:19: spec.template.spec.containers: Required value: a pod needs at least one container',
    ],
    [
      'missing selector',
      DEPLOY.replace('  selector:\n    matchLabels:\n      app: web\n', ''),
      'm.yaml:6:3: spec.selector: missing required field "selector"',
    ],
    [
      'bad selector operator',
      DEPLOY.replace(
        'matchLabels:\n      app: web',
        'matchExpressions: [{ key: app, operator: Equals, values: [web] }]',
      ),
      'm.yaml:7:46: spec.selector.matchExpressions[0].operator: Unsupported value: "Equals" (expected one of: In, NotIn, Exists, DoesNotExist)',
    ],
    [
      'restartPolicy Never in a Deployment',
      DEPLOY.replace(
        '    spec:\n      containers',
        '    spec:\n      restartPolicy: Never\n      containers',
      ),
      'm.yaml:14:22: spec.template.spec.restartPolicy: Unsupported value: "Never" (expected one of: Always)',
    ],
    [
      'a typo in the spec',
      DEPLOY.replace('spec:\n  selector', 'spec:\n  replcas: 3\n  selector'),
      'm.yaml:6:3: spec.replcas: unknown field "spec.replcas" (expected "replicas")',
    ],
    [
      'an unknown kind',
      'apiVersion: v1\nkind: Deploymnet\nmetadata: { name: x }\n',
      'm.yaml:2:7: kind: unsupported kind "Deploymnet" (Flotilla models: Pod, Deployment, ReplicaSet, Namespace, Service, NetworkPolicy) (expected "Deployment")',
    ],
    [
      'an old apiVersion',
      DEPLOY.replace('apps/v1', 'extensions/v1beta1'),
      'm.yaml:1:13: apiVersion: no matches for kind "Deployment" in version "extensions/v1beta1" (expected apiVersion: apps/v1)',
    ],
    [
      'a bad name',
      DEPLOY.replace('name: web\nspec', 'name: Web_1\nspec'),
      `m.yaml:4:9: metadata.name: Invalid value: "Web_1": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character`,
    ],
    [
      'request above limit',
      DEPLOY.replace(
        'limits: { cpu: 500m, memory: 128Mi }',
        'limits: { cpu: 500m }\n            requests: { cpu: "1" }',
      ),
      'm.yaml:19:30: spec.template.spec.containers[0].resources.requests.cpu: Invalid value: "1": must be less than or equal to cpu limit of 500m',
    ],
    ['a YAML syntax error', 'apiVersion: v1\nkind: Pod\nkind: Pod\n', 'm.yaml:3:1: Map keys must be unique'],
    [
      'a non-object document',
      '- a\n- b\n',
      'm.yaml:1:1: expected a Kubernetes object (a map with apiVersion, kind and metadata), got a list',
    ],
    [
      'a preferred pod affinity weight out of 1-100',
      DEPLOY.replace(
        '    spec:\n      containers:',
        '    spec:\n      affinity:\n        podAntiAffinity:\n          preferredDuringSchedulingIgnoredDuringExecution:\n            - weight: 0\n              podAffinityTerm: { topologyKey: kubernetes.io/hostname }\n      containers:',
      ),
      'm.yaml:17:23: spec.template.spec.affinity.podAntiAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].weight: Invalid value: 0: must be greater than or equal to 1',
    ],
    [
      'a node affinity weight over 100',
      DEPLOY.replace(
        '    spec:\n      containers:',
        '    spec:\n      affinity:\n        nodeAffinity:\n          preferredDuringSchedulingIgnoredDuringExecution:\n            - weight: 150\n              preference: { matchExpressions: [] }\n      containers:',
      ),
      'm.yaml:17:23: spec.template.spec.affinity.nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].weight: Invalid value: 150: must be in the range 1-100',
    ],
  ])('%s', (_name, text, error) => {
    expect(errors(text)).toEqual([error]);
  });

  it('ignores unmodelled built-in kinds with a warning, or refuses them when strict', () => {
    const svc = 'apiVersion: v1\nkind: ConfigMap\nmetadata: { name: web }\ndata: { a: b }\n';
    const r = loadManifests(svc, 's.yaml');
    expect(r.errors).toEqual([]);
    expect(r.ignored).toEqual([
      { apiVersion: 'v1', kind: 'ConfigMap', name: 'web', source: { file: 's.yaml', line: 1, column: 1 } },
    ]);
    expect(r.warnings.map(String)).toEqual([
      's.yaml:2:7: warning: kind: unsupported kind "ConfigMap" (Flotilla models: Pod, Deployment, ReplicaSet, Namespace, Service, NetworkPolicy); ConfigMap/web is ignored',
    ]);
    expect(loadManifests(svc, 's.yaml', { strictKinds: true }).errors).toHaveLength(1);
  });

  it('reports every error of a file, not just the first', () => {
    const text = `${DEPLOY.replace('cpu: 500m', 'cpu: abc')}---\n${DEPLOY.replace('name: web\nspec', 'name: Web\nspec')}`;
    expect(errors(text)).toHaveLength(2);
  });
});
