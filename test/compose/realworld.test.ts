import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { composeToKubernetes, loadCompose } from '../../src/compose';
import { validateKubernetesObject } from '../../src/manifests/validateSchema';

// Public compose files (docker/awesome-compose, dockersamples, kompose's fixtures, n8n, temporal).
// They live outside the repository, so CI skips this when they are absent.
const DIR = '/work/shared/realworld/compose';
const files = existsSync(DIR) ? readdirSync(DIR).filter((f) => /\.ya?ml$/.test(f)) : [];
const read = (f: string) => loadCompose(readFileSync(`${DIR}/${f}`, 'utf8'), f);

// kompose keeps this one among its "unused" fixtures: `vote` depends on `redis`, which the file
// never defines. Compose refuses it too ("depends on undefined service"), so it must fail.
const INVALID = 'kubernetes__kompose__script__test__fixtures__unused__v3__docker-compose-deploy.yaml';

describe.skipIf(files.length === 0)('real-world compose files', () => {
  it.each(files.filter((f) => f !== INVALID))('%s loads without errors; every warning is located', (f) => {
    const r = read(f);
    expect(r.errors.map(String)).toEqual([]);
    expect(r.project?.services.length).toBeGreaterThan(0);
    for (const w of r.warnings)
      expect(String(w)).toMatch(new RegExp(`^${f.replace(/\./g, '\\.')}:\\d+:\\d+: warning: `));
  });

  it('the kompose deploy fixture is refused for its undefined dependency, and only for that', () => {
    expect(read(INVALID).errors.map(String)).toEqual([
      `${INVALID}:5:9: services.vote.depends_on[0]: depends on undefined service "redis" (expected one of: vote, db, foo)`,
    ]);
  });

  it('voting app: profiles leave seed out; build-only services get placeholders and warnings', () => {
    const r = read('dockersamples__example-voting-app__docker-compose.yaml');
    expect(r.project?.services.map((s) => s.name)).toEqual(['vote', 'result', 'worker', 'redis', 'db']);
    expect(r.project?.services.find((s) => s.name === 'vote')).toMatchObject({
      image: 'default-vote',
      built: true,
    });
    expect(r.warnings.filter((w) => w.path.endsWith('.build'))).toHaveLength(4);
    const result = r.project?.services.find((s) => s.name === 'result');
    expect(result?.entrypoint).toEqual(['nodemon', '--inspect=0.0.0.0', 'server.js']);
    expect(result?.ports).toContainEqual({
      target: 9229,
      published: 9229,
      hostIp: '127.0.0.1',
      protocol: 'tcp',
      mode: 'ingress',
    });
    expect(result?.dependsOn).toEqual([
      { service: 'db', condition: 'service_healthy', restart: false, required: true },
    ]);
    const withSeed = loadCompose(
      readFileSync(`${DIR}/dockersamples__example-voting-app__docker-compose.yaml`, 'utf8'),
      'v.yaml',
      {
        activeProfiles: ['seed'],
      },
    );
    expect(withSeed.project?.services.find((s) => s.name === 'seed')?.restart).toEqual({
      policy: 'no',
      explicit: true,
    });
  });

  it('n8n: merge keys from x- anchors carry image, restart, environment and depends_on', () => {
    const r = read('n8n-io__n8n-hosting__docker-compose__withPostgresAndWorker__docker-compose.yaml');
    const worker = r.project?.services.find((s) => s.name === 'n8n-worker');
    expect(worker).toMatchObject({
      image: 'docker.n8n.io/n8nio/n8n:',
      restart: { policy: 'always', explicit: true },
      command: ['worker'],
    });
    expect(worker?.environment.EXECUTIONS_MODE).toBe('queue');
    // The service's own depends_on replaces the anchored one (a merge key never deep-merges).
    expect(worker?.dependsOn.map((d) => d.service)).toEqual(['n8n']);
    expect(r.warnings.map((w) => w.message)).toContain(
      'the "N8N_VERSION" variable is not set: defaulting to a blank string (as Compose does)',
    );
  });

  it('minecraft: memory 1.5G in Docker units; stack file: replicas', () => {
    expect(
      read('docker__awesome-compose__minecraft__compose.yaml').project?.services[0]?.deploy.resources.limits,
    ).toEqual({
      memoryBytes: 1_610_612_736,
    });
    const stack = read('dockersamples__example-voting-app__docker-stack.yaml').project;
    expect(stack?.services.map((s) => [s.name, s.deploy.replicas])).toEqual([
      ['redis', 1],
      ['db', 1],
      ['vote', 2],
      ['result', 1],
      ['worker', 2],
    ]);
  });

  it('kompose memcpu fixture: 50M = 52428800 bytes, cpus 0.01', () => {
    expect(
      read('kubernetes__kompose__script__test__fixtures__unused__v3__docker-compose-memcpu.yaml').project
        ?.services[0]?.deploy.resources,
    ).toEqual({
      limits: { cpus: '0.01', memoryBytes: 52_428_800 },
      reservations: { cpus: '0.001', memoryBytes: 20_971_520 },
    });
  });

  it.each(files.filter((f) => f !== INVALID))(
    '%s converts to objects that validate against the schema',
    (f) => {
      const project = read(f).project;
      if (project === undefined) throw new Error('no project');
      const { objects, errors } = composeToKubernetes(project);
      expect(errors.map(String)).toEqual([]);
      expect(objects.length).toBeGreaterThanOrEqual(project.services.length);
      for (const o of objects) expect(validateKubernetesObject(o), JSON.stringify(o.metadata)).toEqual([]);
    },
  );
});
