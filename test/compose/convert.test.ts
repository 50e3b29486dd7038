import { describe, expect, it } from 'vitest';
import { type Conversion, composeToKubernetes, kubeName } from '../../src/compose';
import type { JsonObject } from '../../src/manifests/serialize';
import { validateKubernetesObject } from '../../src/manifests/validateSchema';
import { cli } from '../cli/runCli';
import { load } from './helpers';

function convert(yaml: string): Conversion {
  const r = load(yaml);
  expect(r.errors.map(String)).toEqual([]);
  if (r.project === undefined) throw new Error('no project');
  const c = composeToKubernetes(r.project);
  expect(c.errors.map(String)).toEqual([]);
  for (const o of c.objects) expect(validateKubernetesObject(o), JSON.stringify(o)).toEqual([]);
  return c;
}
const kinds = (c: Conversion) =>
  c.objects.map((o) => `${String(o.kind)}/${String((o.metadata as JsonObject).name)}`);
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const podSpecOf = (o: any) => (o.kind === 'Pod' ? o.spec : o.spec.template.spec);
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const first = (c: Conversion, kind: string): any => c.objects.find((o) => o.kind === kind);

describe('controller kind follows kompose', () => {
  it.each([
    ['', 'Deployment/web', 'Always'],
    ['restart: always', 'Deployment/web', 'Always'],
    ['restart: unless-stopped', 'Deployment/web', 'Always'],
    ['restart: "no"', 'Pod/web', 'Never'],
    ['restart: on-failure', 'Pod/web', 'OnFailure'],
    ['restart: on-failure:3', 'Pod/web', 'OnFailure'],
    ['deploy: { restart_policy: { condition: none } }', 'Pod/web', 'Never'],
    ['deploy: { restart_policy: { condition: any } }', 'Deployment/web', 'Always'],
    ['deploy: { mode: global }', 'DaemonSet/web', 'Always'],
  ])('%s → %s with restartPolicy %s', (body, want, policy) => {
    const c = convert(`services:\n  web:\n    image: nginx\n    ${body}\n`);
    expect(kinds(c)).toEqual([want]);
    expect(podSpecOf(c.objects[0]).restartPolicy).toBe(policy);
  });
});

describe('mapping', () => {
  it('names are sanitised to DNS-1123; the label io.kompose.service ties objects together', () => {
    const c = convert('services:\n  My_App.web:\n    image: nginx\n    ports: ["80"]\n');
    expect(kinds(c)).toEqual(['Service/my-app-web', 'Deployment/my-app-web']);
    expect(first(c, 'Service').spec.selector).toEqual({ 'io.kompose.service': 'my-app-web' });
    expect(first(c, 'Deployment').spec.template.metadata.labels).toEqual({
      'io.kompose.service': 'my-app-web',
    });
    expect(kubeName('__x__')).toBe('x');
  });
  it('replicas, resources in Kubernetes units, command/entrypoint, env sorted, labels as annotations', () => {
    const c = convert(`services:
  web:
    image: nginx
    entrypoint: ["/docker-entrypoint.sh"]
    command: nginx -g "daemon off;"
    environment: { Z: "1", A: "2" }
    labels: { team: web }
    deploy:
      replicas: 3
      labels: { tier: front }
      resources:
        limits: { cpus: "0.5", memory: 512M }
        reservations: { cpus: "2", memory: 1000000 }
`);
    const d = first(c, 'Deployment');
    expect(d.spec.replicas).toBe(3);
    expect(d.metadata.labels).toEqual({ 'io.kompose.service': 'web', tier: 'front' });
    expect(d.metadata.annotations).toEqual({ team: 'web' });
    const ctr = d.spec.template.spec.containers[0];
    expect(ctr.command).toEqual(['/docker-entrypoint.sh']);
    expect(ctr.args).toEqual(['nginx', '-g', 'daemon off;']);
    expect(ctr.env).toEqual([
      { name: 'A', value: '2' },
      { name: 'Z', value: '1' },
    ]);
    expect(ctr.resources).toEqual({
      limits: { cpu: '500m', memory: '512Mi' },
      requests: { cpu: '2', memory: '1000000' },
    });
  });
  it('ports: Service port = published, named after it, UDP twin named <port>-udp; mode host → hostPort', () => {
    const c = convert(
      web([
        'ports:',
        '  - "5000:80"',
        '  - "53:53/tcp"',
        '  - "53:53/udp"',
        '  - { target: 8080, published: 8080, mode: host }',
      ]),
    );
    expect(first(c, 'Service').spec.ports).toEqual([
      { name: '5000', port: 5000, targetPort: 80 },
      { name: '53', port: 53, targetPort: 53 },
      { name: '53-udp', port: 53, targetPort: 53, protocol: 'UDP' },
      { name: '8080', port: 8080, targetPort: 8080 },
    ]);
    expect(first(c, 'Deployment').spec.template.spec.containers[0].ports).toEqual([
      { containerPort: 80, protocol: 'TCP' },
      { containerPort: 53, protocol: 'TCP' },
      { containerPort: 53, protocol: 'UDP' },
      { containerPort: 8080, protocol: 'TCP', hostPort: 8080 },
    ]);
  });
  it('no ports: no Service, and a note says other pods cannot reach it by name', () => {
    const c = convert('services:\n  worker:\n    image: w\n');
    expect(kinds(c)).toEqual(['Deployment/worker']);
    expect(c.notes).toContainEqual({
      service: 'worker',
      field: 'ports',
      reason: 'none: no Service is created (kompose does the same), so other pods cannot reach it by name',
    });
  });
  it('volumes: named → claim of that name, bind and anonymous → <svc>-claimN, tmpfs → emptyDir; Recreate', () => {
    const c = convert(`services:
  db:
    image: mysql
    volumes: [db_data:/var/lib/mysql, ./init:/docker-entrypoint-initdb.d:ro, /tmp/x]
    tmpfs: /run
volumes: { db_data: {} }
`);
    expect(kinds(c)).toEqual([
      'Deployment/db',
      'PersistentVolumeClaim/db-data',
      'PersistentVolumeClaim/db-claim0',
      'PersistentVolumeClaim/db-claim1',
    ]);
    const spec = first(c, 'Deployment').spec;
    expect(spec.strategy).toEqual({ type: 'Recreate' });
    expect(spec.template.spec.containers[0].volumeMounts).toEqual([
      { name: 'db-data', mountPath: '/var/lib/mysql' },
      { name: 'db-claim0', mountPath: '/docker-entrypoint-initdb.d', readOnly: true },
      { name: 'db-claim1', mountPath: '/tmp/x' },
      { name: 'db-tmpfs0', mountPath: '/run' },
    ]);
    expect(spec.template.spec.volumes.at(-1)).toEqual({ name: 'db-tmpfs0', emptyDir: { medium: 'Memory' } });
    expect(c.objects[2]?.spec).toEqual({
      accessModes: ['ReadOnlyMany'],
      resources: { requests: { storage: '100Mi' } },
    });
    expect(c.notes.map((n) => n.field)).toContain('volumes');
  });
  it('a volume shared by two services gives one claim', () => {
    const c = convert(
      'services:\n  a: { image: a, volumes: ["v:/a"] }\n  b: { image: b, volumes: ["v:/b"] }\nvolumes: { v: }\n',
    );
    expect(kinds(c)).toEqual(['Deployment/a', 'PersistentVolumeClaim/v', 'Deployment/b']);
  });
  it('healthcheck → exec livenessProbe; CMD-SHELL runs through sh -c; disabled → none', () => {
    const probe = (hc: string) =>
      first(convert(web([`healthcheck: ${hc}`])), 'Deployment').spec.template.spec.containers[0]
        .livenessProbe;
    expect(probe('{ test: "curl -f localhost || exit 1", interval: 1m30s, timeout: 500ms }')).toEqual({
      exec: { command: ['sh', '-c', 'curl -f localhost || exit 1'] },
      periodSeconds: 90,
      timeoutSeconds: 1,
      failureThreshold: 3,
    });
    expect(probe('{ test: [CMD, pg_isready], start_period: 10s }').exec).toEqual({ command: ['pg_isready'] });
    expect(probe('{ test: [CMD, pg_isready], start_period: 10s }').initialDelaySeconds).toBe(10);
    expect(probe('{ disable: true }')).toBeUndefined();
  });
  it('placement == on node labels → nodeSelector; others are notes', () => {
    const c = convert(
      web([
        'deploy:',
        '  placement:',
        '    constraints: [node.labels.zone == a, node.hostname == n1, node.role == manager]',
      ]),
    );
    expect(first(c, 'Deployment').spec.template.spec.nodeSelector).toEqual({
      zone: 'a',
      'kubernetes.io/hostname': 'n1',
    });
    expect(c.notes.map((n) => `${n.field}: ${n.reason}`)).toContain(
      'deploy.placement.constraints: "node.role == manager": no node label to select on (only == on node.labels.*, node.hostname and node.platform.* map)',
    );
  });
  it('update_config → RollingUpdate as kompose: stop-first sets maxUnavailable, start-first maxSurge', () => {
    const strategy = (order: string) =>
      first(convert(web([`deploy: { update_config: { parallelism: 2, order: ${order} } }`])), 'Deployment')
        .spec.strategy;
    expect(strategy('stop-first')).toEqual({
      type: 'RollingUpdate',
      rollingUpdate: { maxUnavailable: 2, maxSurge: 0 },
    });
    expect(strategy('start-first')).toEqual({
      type: 'RollingUpdate',
      rollingUpdate: { maxSurge: 2, maxUnavailable: 0 },
    });
  });
  it('hostname and stop_grace_period are carried; container_name names the container', () => {
    const spec = first(
      convert(web(['hostname: web1', 'stop_grace_period: 1m', 'container_name: My_Web'])),
      'Deployment',
    ).spec.template.spec;
    expect(spec.hostname).toBe('web1');
    expect(spec.terminationGracePeriodSeconds).toBe(60);
    expect(spec.containers[0].name).toBe('my-web');
  });
  it('an unmodelled key gets a note too', () => {
    expect(convert(web(['cap_add: [NET_ADMIN]'])).notes).toContainEqual({
      service: 'web',
      field: 'cap_add',
      reason: 'not modelled by Flotilla, so not converted (see the loader warning)',
    });
  });
});

function web(lines: string[]): string {
  return `services:\n  web:\n    image: nginx\n${lines.map((l) => `    ${l}`).join('\n')}\n`;
}

describe('names Kubernetes cannot take are located errors', () => {
  const errorsOf = (yaml: string) => {
    const r = load(yaml);
    if (r.project === undefined) throw new Error(r.errors.map(String).join('\n'));
    return composeToKubernetes(r.project).errors.map(String);
  };

  it('two services that sanitise to one name', () => {
    expect(
      errorsOf(
        'services:\n  a_b:\n    image: x\n    ports: ["80"]\n  a.b:\n    image: y\n    ports: ["80"]\n',
      ),
    ).toEqual([
      'tooling/compose.yaml:2:3: services.a_b: becomes the Kubernetes name "a-b", as service "a.b" does: the objects would overwrite each other (expected service names that differ after lower-casing and turning "_" and "." into "-")',
    ]);
  });

  it('a Service name that does not start with a letter (DNS-1035); a Deployment name may', () => {
    expect(errorsOf('services:\n  1web:\n    image: x\n    ports: ["80"]\n')).toEqual([
      'tooling/compose.yaml:2:3: services[1web]: becomes the Service name "1web", which must start with a letter (a DNS-1035 label) (expected a service name starting with a letter)',
    ]);
    expect(errorsOf('services:\n  1web:\n    image: x\n')).toEqual([]);
  });

  it('the CLI prints them and no manifest', async () => {
    const r = await cli(['convert', 'test/compose/fixtures/name-clash.yaml']);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toContain('services.web_app: becomes the Kubernetes name "web-app"');
  });
});

describe('flotilla convert (CLI)', () => {
  const TOOLING = 'test/fixtures/compose/tooling/compose.yaml';
  it('-o json prints a v1 List; the notes go to stderr', async () => {
    const r = await cli(['convert', TOOLING, '-o', 'json']);
    expect(r.code).toBe(0);
    const list = JSON.parse(r.out);
    expect(list.kind).toBe('List');
    expect(list.items.map((o: JsonObject) => o.kind)).toEqual([
      'Service',
      'Service',
      'Deployment',
      'PersistentVolumeClaim',
      'Deployment',
    ]);
    expect(r.err).toContain('#   tooling.depends_on: db (service_healthy)');
  });
  it('bad input: located errors on stderr, exit 2, nothing on stdout', async () => {
    const r = await cli(['convert', 'test/fixtures/compose/broken/compose.yaml']);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toBe(
      [
        'test/fixtures/compose/broken/compose.yaml:5:9: services.web.ports[0]: invalid port "80:80:80" (expected a port mapping such as "8080:80", "127.0.0.1:8080:80/udp", "8000-8010:80" or "80")',
        'test/fixtures/compose/broken/compose.yaml:7:9: services.web.depends_on[0]: depends on undefined service "cache" (expected one of: web)',
        '2 errors',
        '',
      ].join('\n'),
    );
  });
  it.each([
    [['convert'], 'flotilla convert: expected a compose file, got none'],
    [['convert', TOOLING, '-o', 'xml'], 'flotilla convert: -o: expected yaml or json, got "xml"'],
    [['convert', 'nope.yaml'], 'flotilla: cannot read nope.yaml: '],
  ])('%j → usage error', async (args, message) => {
    const r = await cli(args);
    expect(r.code).toBe(2);
    expect(r.err.startsWith(message)).toBe(true);
  });
  it('--profile activates profiled services', async () => {
    const voting = 'test/fixtures/compose/example-voting-app/docker-compose.yaml';
    const without = await cli(['convert', voting]);
    const withSeed = await cli(['convert', voting, '--profile', 'seed']);
    expect(without.out).not.toContain('name: seed');
    expect(withSeed.out).toContain(
      'kind: Pod\nmetadata:\n  labels:\n    io.kompose.service: seed\n  name: seed',
    );
  });
});
