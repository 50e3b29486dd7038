import { parseAllDocuments } from 'yaml';
import { describe, expect, it } from 'vitest';
import { validateKubernetesObject } from '../../src/manifests/validateSchema';
import { cli } from '../cli/runCli';

// Parsed manifests are read field by field below; `any` keeps those look-ups short.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Doc = Record<string, any>;
const docs = (text: string) => parseAllDocuments(text).map((d) => d.toJS() as Doc);
const find = (objects: Doc[], kind: string, name: string) =>
  objects.find((o) => o.kind === kind && o.metadata.name === name);

describe('flotilla export', () => {
  it('prints clean multi-document YAML of the user objects, each valid against the schema', async () => {
    const r = await cli(['export', 'scenarios/tooling-mysql.yaml', '--at', '30s']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^# Exported by flotilla from scenarios\/tooling-mysql.yaml at 30s \(seed 42\):/);
    expect(r.out).toContain('\n---\n');
    for (const noise of [
      'status:',
      'uid:',
      'creationTimestamp',
      'resourceVersion',
      'generation',
      'clusterIP',
      'terminationMessagePath',
      'dnsPolicy',
      'schedulerName',
      'imagePullPolicy',
      'revisionHistoryLimit',
    ])
      expect(r.out, noise).not.toContain(noise);
    const objects = docs(r.out);
    expect(objects.map((o) => `${o.kind}/${o.metadata.name}`)).toEqual([
      'Service/mysql',
      'Service/tooling',
      'Deployment/mysql',
      'Deployment/tooling',
    ]);
    for (const o of objects) expect(validateKubernetesObject(o)).toEqual([]);
    // The NodePort the person chose stays; the default namespace is left to kubectl.
    expect(find(objects, 'Service', 'tooling')?.spec.ports[0]).toEqual({
      name: 'http',
      port: 80,
      targetPort: 'http',
      nodePort: 30080,
    });
    expect(find(objects, 'Deployment', 'tooling')?.metadata).toEqual({
      name: 'tooling',
      labels: { app: 'tooling' },
    });
    // Manifests naming the simulated nodes get a note.
    expect(r.out).toContain('# note: Deployment/mysql names the simulated node node-2');
  });

  it('follows what a person changed through commands (apply, scale)', async () => {
    const before = docs((await cli(['export', 'scenarios/no-capacity.yaml', '--at', '10s'])).out);
    expect(before.map((o) => `${o.kind}/${o.metadata.name}`)).toEqual(['Deployment/batch']);
    expect(find(before, 'Deployment', 'batch')?.spec.replicas).toBe(2);
    const after = docs((await cli(['export', 'scenarios/no-capacity.yaml'])).out);
    expect(find(after, 'Deployment', 'batch')?.spec.replicas).toBe(1);
    // The standalone pod applied at 20 s, without what the scheduler and admission added.
    expect(find(after, 'Pod', 'report')?.spec).toEqual({
      containers: [
        { name: 'report', image: 'python:3.12', resources: { requests: { cpu: '800m', memory: '512Mi' } } },
      ],
    });
  });

  it('leaves out simulator-only annotations', async () => {
    const r = await cli(['export', 'scenarios/readiness.yaml', '--at', '1s']);
    expect(r.code).toBe(0);
    expect(r.out).not.toContain('flotilla.dev');
  });

  it('adds a stand-in for a PersistentVolumeClaim the pods mount, with a note', async () => {
    const r = await cli([
      'export',
      'scenarios/compose-vs-swarm-vs-kubernetes/kubernetes.yaml',
      '--at',
      '30s',
    ]);
    expect(r.code).toBe(0);
    expect(r.out).toContain('# note: PersistentVolumeClaim mysql-data is a stand-in');
    const claim = find(docs(r.out), 'PersistentVolumeClaim', 'mysql-data');
    expect(claim?.spec).toEqual({
      accessModes: ['ReadWriteOnce'],
      resources: { requests: { storage: '1Gi' } },
    });
    expect(validateKubernetesObject(claim)).toEqual([]);
  });

  it('-o json prints a v1 List kubectl apply reads', async () => {
    const r = await cli(['export', 'scenarios/secure-db.yaml', '-o', 'json']);
    expect(r.code).toBe(0);
    const list = JSON.parse(r.out) as { kind: string; items: { kind: string; metadata: { name: string } }[] };
    expect(list.kind).toBe('List');
    expect(list.items.filter((o) => o.kind === 'NetworkPolicy').length).toBeGreaterThanOrEqual(2);
    expect(list.items.some((o) => o.kind === 'Pod' && o.metadata.name === 'rogue')).toBe(true);
  });

  it.each([
    ['a missing file', 'test/export/fixtures/nope.yaml', /: no such file \(expected a scenario file/],
    ['a directory', 'test/export/fixtures', /fixtures: is a directory \(expected a scenario file/],
    [
      'a Compose file',
      'test/fixtures/compose/tooling/compose.yaml',
      /is a Compose file, not a scenario; to get Kubernetes manifests from it, run: flotilla convert test\/fixtures\/compose\/tooling\/compose.yaml/,
    ],
    [
      'a Kubernetes manifest',
      'test/export/fixtures/pod.yaml',
      /is a Kubernetes manifest, not a scenario; .*apply: \[\{file: test\/export\/fixtures\/pod.yaml\}\]/,
    ],
  ])('says what is wrong with %s in one line, and runs nothing', async (_what, file, message) => {
    const r = await cli(['export', file]);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toMatch(new RegExp(`^flotilla export: ${file}: `));
    expect(r.err).toMatch(message);
    expect(r.err.trim().split('\n')).toHaveLength(1);
  });

  it('reports a scenario with errors located, then says nothing ran', async () => {
    const file = 'test/export/fixtures/broken-scenario.yaml';
    const r = await cli(['export', file]);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toContain(
      `${file}:7:40: timeline[0].node: unknown node "node-9" (expected one of: node-1)`,
    );
    expect(r.err).toContain(`flotilla export: ${file}: is not a valid scenario (see the errors above)`);
    expect(r.err).not.toMatch(/\n\s+at /);
  });

  it('refuses bad flags and files, and runs nothing', async () => {
    expect((await cli(['export', 'scenarios/secure-db.yaml', '-o', 'wide'])).code).toBe(2);
    expect((await cli(['export'])).code).toBe(2);
    const missing = await cli(['export', 'scenarios/nope.yaml']);
    expect(missing.code).toBe(2);
    expect(missing.out).toBe('');
  });
});
