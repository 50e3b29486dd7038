import { readFileSync, writeFileSync } from 'node:fs';
import { parseAllDocuments } from 'yaml';
import { describe, expect, it } from 'vitest';
import { loadManifests } from '../../src/manifests/loadManifests';
import { validateKubernetesObject } from '../../src/manifests/validateSchema';
import { cli } from '../cli/runCli';

// `flotilla convert` on the course's Tooling app and two public compose files, compared with the
// expected output next to them (UPDATE_GOLDEN=1 rewrites it), then read back as Kubernetes objects
// by Flotilla's manifest loader and checked against Kubernetes' published schema.
const DIR = 'test/fixtures/compose';
const CASES = [
  {
    input: `${DIR}/tooling/compose.yaml`,
    expected: `${DIR}/tooling/expected.yaml`,
    kinds: ['Service', 'Service', 'Deployment', 'PersistentVolumeClaim', 'Deployment'],
  },
  {
    input: `${DIR}/wordpress-mysql/compose.yaml`,
    expected: `${DIR}/wordpress-mysql/expected.yaml`,
    kinds: ['Service', 'Service', 'Deployment', 'PersistentVolumeClaim', 'Deployment'],
  },
  {
    input: `${DIR}/example-voting-app/docker-compose.yaml`,
    expected: `${DIR}/example-voting-app/expected.yaml`,
    kinds: [
      'Service',
      'Service',
      'Deployment',
      'PersistentVolumeClaim',
      'PersistentVolumeClaim',
      'Deployment',
      'PersistentVolumeClaim',
      'Deployment',
      'PersistentVolumeClaim',
      'Deployment',
      'PersistentVolumeClaim',
      'Deployment',
    ],
  },
];

describe.each(CASES)('flotilla convert $input', ({ input, expected, kinds }) => {
  it('prints the expected manifests (golden)', async () => {
    const r = await cli(['convert', input]);
    expect(r.code, r.err).toBe(0);
    if (process.env.UPDATE_GOLDEN === '1') writeFileSync(expected, r.out);
    expect(r.out).toBe(readFileSync(expected, 'utf8'));
  });

  it('reads back as Kubernetes objects and validates against the published schema', () => {
    const text = readFileSync(expected, 'utf8');
    const docs = parseAllDocuments(text).map((d) => d.toJS() as Record<string, unknown>);
    expect(docs.map((d) => d.kind)).toEqual(kinds);
    for (const d of docs)
      expect(validateKubernetesObject(d), `${String(d.kind)} ${JSON.stringify(d.metadata)}`).toEqual([]);
    const loaded = loadManifests(text, expected);
    expect(loaded.errors.map(String)).toEqual([]);
    // PersistentVolumeClaims are built-in kinds the simulator does not model: ignored with a warning.
    expect(loaded.objects.length + loaded.ignored.length).toBe(docs.length);
    expect(loaded.ignored.every((o) => o.kind === 'PersistentVolumeClaim')).toBe(true);
  });
});

describe('the Tooling conversion tells the course story', () => {
  const text = readFileSync(`${DIR}/tooling/expected.yaml`, 'utf8');
  const docs = parseAllDocuments(text).map((d) => d.toJS());
  it('db keeps its data in a claim and its healthcheck as a liveness probe', () => {
    const db = docs.find((d) => d.kind === 'Deployment' && d.metadata.name === 'db');
    expect(db.spec.strategy).toEqual({ type: 'Recreate' });
    const c = db.spec.template.spec.containers[0];
    expect(c.livenessProbe).toEqual({
      exec: { command: ['mysqladmin', 'ping', '-h', 'localhost'] },
      periodSeconds: 10,
      timeoutSeconds: 5,
      failureThreshold: 5,
      initialDelaySeconds: 30,
    });
    expect(c.volumeMounts).toEqual([{ mountPath: '/var/lib/mysql', name: 'db-data' }]);
    expect(c.name).toBe('tooling-db');
  });
  it('the web Service maps published 5000 to container port 80', () => {
    const svc = docs.find((d) => d.kind === 'Service' && d.metadata.name === 'tooling');
    expect(svc.spec.ports).toEqual([{ name: '5000', port: 5000, targetPort: 80 }]);
    expect(svc.spec.selector).toEqual({ 'io.kompose.service': 'tooling' });
  });
  it('comments say what was not carried: depends_on, container_name, the published port', () => {
    expect(text).toContain('#   depends_on: db (service_healthy): Kubernetes starts every workload at once');
    expect(text).toContain('#   container_name: names the container only');
    expect(text).toContain('#   ports: 5000:80: the Service is a ClusterIP');
  });
});
