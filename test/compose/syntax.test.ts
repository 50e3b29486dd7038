import { describe, expect, it } from 'vitest';
import { parseBytes, parseDurationMs, projectNameFrom } from '../../src/compose';
import { FILE, load, service, warningsOf, web } from './helpers';

describe('ports', () => {
  it.each([
    ['"80"', [{ target: 80, protocol: 'tcp', mode: 'ingress' }]],
    ['80', [{ target: 80, protocol: 'tcp', mode: 'ingress' }]],
    ['"5000:80"', [{ target: 80, published: 5000, protocol: 'tcp', mode: 'ingress' }]],
    ['5000:80', [{ target: 80, published: 5000, protocol: 'tcp', mode: 'ingress' }]],
    ['"53:53/udp"', [{ target: 53, published: 53, protocol: 'udp', mode: 'ingress' }]],
    [
      '"127.0.0.1:9229:9229"',
      [{ target: 9229, published: 9229, hostIp: '127.0.0.1', protocol: 'tcp', mode: 'ingress' }],
    ],
    ['"127.0.0.1::80"', [{ target: 80, hostIp: '127.0.0.1', protocol: 'tcp', mode: 'ingress' }]],
    [
      '"[::1]:6000:6001"',
      [{ target: 6001, published: 6000, hostIp: '::1', protocol: 'tcp', mode: 'ingress' }],
    ],
    [
      '"8000-8010:80"',
      [{ target: 80, published: 8000, publishedEnd: 8010, protocol: 'tcp', mode: 'ingress' }],
    ],
    [
      '"3000-3001"',
      [
        { target: 3000, protocol: 'tcp', mode: 'ingress' },
        { target: 3001, protocol: 'tcp', mode: 'ingress' },
      ],
    ],
    [
      '"9090-9091:8080-8081/udp"',
      [
        { target: 8080, published: 9090, protocol: 'udp', mode: 'ingress' },
        { target: 8081, published: 9091, protocol: 'udp', mode: 'ingress' },
      ],
    ],
    [
      '{ target: 80, published: "8080", protocol: udp, mode: host, name: web }',
      [{ target: 80, published: 8080, protocol: 'udp', mode: 'host', name: 'web' }],
    ],
    [
      '{ target: 80, published: 8000-8002, host_ip: 0.0.0.0 }',
      [
        {
          target: 80,
          published: 8000,
          publishedEnd: 8002,
          hostIp: '0.0.0.0',
          protocol: 'tcp',
          mode: 'ingress',
        },
      ],
    ],
  ])('%s', (entry, want) => {
    expect(service(web(`ports:\n  - ${entry}`)).ports).toEqual(want);
  });

  it('expose lists container ports only', () => {
    expect(service(web('expose: [3306, "33060", "8000-8001/tcp"]')).expose).toEqual([
      3306, 33060, 8000, 8001,
    ]);
  });
});

describe('environment', () => {
  it('as a list: KEY=value, KEY= (empty), KEY (from the variables, else left out with a warning)', () => {
    const yaml = web('environment:\n  - A=1\n  - B=\n  - C=x=y\n  - HOME\n  - MISSING');
    const r = load(yaml, { variables: { HOME: '/root' } });
    expect(r.project?.services[0]?.environment).toEqual({ A: '1', B: '', C: 'x=y', HOME: '/root' });
    expect(r.warnings.map(String)).toEqual([
      `${FILE}:9:9: warning: services.web.environment[4]: MISSING has no value and is not set in the environment: left out of the container`,
    ]);
  });

  it('as a map: numbers and booleans become strings, null means unset', () => {
    const svc = service(web('environment:\n  PORT: 80\n  DEBUG: true\n  EMPTY: ""\n  UNSET:'), undefined, {
      variables: { UNSET: 'v' },
    });
    expect(svc.environment).toEqual({ PORT: '80', DEBUG: 'true', EMPTY: '', UNSET: 'v' });
  });

  it('env_file is reported, not read, without a reader', () => {
    const r = load(web('env_file: .env\nenvironment: [A=1]'));
    expect(r.project?.services[0]?.envFiles).toEqual(['.env']);
    expect(r.project?.services[0]?.environment).toEqual({ A: '1' });
    expect(r.warnings.map(String)).toEqual([
      `${FILE}:4:15: warning: services.web.env_file: env file ".env" not read: its variables are missing from the container`,
    ]);
  });

  it('env_file is read through the reader, and environment wins over it', () => {
    const files: Record<string, string> = {
      'db.env': '# comment\nexport USER=app\nPASS="s3 cret"\nA=from-file # note\n',
    };
    const r = load(web('env_file: [db.env, { path: opt.env, required: false }]\nenvironment: { A: "1" }'), {
      readFile: (p) => files[p],
    });
    expect(r.warnings).toEqual([]);
    expect(r.project?.services[0]?.environment).toEqual({ USER: 'app', PASS: 's3 cret', A: '1' });
    expect(r.project?.services[0]?.envFiles).toEqual(['db.env', 'opt.env']);
  });
});

describe('interpolation', () => {
  it.each([
    ['${TAG}', { TAG: '1.2' }, 'nginx:1.2'],
    ['$TAG', { TAG: '1.2' }, 'nginx:1.2'],
    ['${TAG:-latest}', {}, 'nginx:latest'],
    ['${TAG:-latest}', { TAG: '' }, 'nginx:latest'],
    ['${TAG-latest}', { TAG: '' }, 'nginx:'],
    ['${TAG:+set}', { TAG: 'x' }, 'nginx:set'],
    ['${TAG:-${ALT:-alpine}}', {}, 'nginx:alpine'],
  ])('nginx:%s with %j', (expr, variables, want) => {
    expect(service(`services:\n  web:\n    image: "nginx:${expr}"\n`, undefined, { variables }).image).toBe(
      want,
    );
  });

  it('$$ is a literal dollar', () => {
    expect(service(web("command: ['sh', '-c', 'echo $$HOME']")).command).toEqual(['sh', '-c', 'echo $HOME']);
  });

  it('an unset variable becomes blank with one warning per variable', () => {
    const w = warningsOf('services:\n  web:\n    image: "nginx:${TAG}"\n    environment: ["T=${TAG}"]\n');
    expect(w).toEqual([
      `${FILE}:3:12: warning: services.web.image: the "TAG" variable is not set: defaulting to a blank string (as Compose does)`,
    ]);
  });
});

describe('anchors, merge keys and extensions', () => {
  const yaml = `x-common: &common
  restart: always
  environment: { A: "1" }
x-ignored-too: 42
services:
  web:
    <<: *common
    image: nginx
    x-note: ignored silently
  api:
    <<: *common
    image: api
    restart: "no"
`;
  it('merges the anchored map and lets the service override it; x- keys are silent', () => {
    const r = load(yaml);
    expect(r.errors).toEqual([]);
    expect(r.warnings).toEqual([]);
    const [w, a] = r.project?.services ?? [];
    expect(w?.restart).toEqual({ policy: 'always', explicit: true });
    expect(w?.environment).toEqual({ A: '1' });
    expect(a?.restart).toEqual({ policy: 'no', explicit: true });
  });
});

describe('profiles', () => {
  const yaml = `services:
  web: { image: nginx }
  seed: { image: seed, profiles: [seed] }
  debug: { image: busybox, profiles: [debug, dev] }
`;
  it.each([
    [[], ['web']],
    [['seed'], ['web', 'seed']],
    [['dev'], ['web', 'debug']],
    [['*'], ['web', 'seed', 'debug']],
  ])('active %j gives %j', (activeProfiles, want) => {
    expect(load(yaml, { activeProfiles }).project?.services.map((s) => s.name)).toEqual(want);
  });
});

describe('build without image', () => {
  it('gets the placeholder image <project>-<service> and a located warning', () => {
    const r = load('name: shop\nservices:\n  api:\n    build: ./api\n');
    expect(r.project?.services[0]).toMatchObject({ image: 'shop-api', built: true });
    expect(r.warnings.map(String)).toEqual([
      `${FILE}:4:12: warning: services.api.build: Flotilla does not build images: using the placeholder image "shop-api"`,
    ]);
  });
  it('an image next to build: is used as is', () => {
    expect(service('services:\n  api:\n    build: { context: . }\n    image: me/api:1\n')).toMatchObject({
      image: 'me/api:1',
      built: false,
    });
  });
});

describe('depends_on', () => {
  it('short form: service_started, required, no restart', () => {
    const svc = service(
      'services:\n  db: { image: mysql }\n  web:\n    image: nginx\n    depends_on: [db]\n',
      'web',
    );
    expect(svc.dependsOn).toEqual([
      { service: 'db', condition: 'service_started', restart: false, required: true },
    ]);
  });
  it('long form with conditions', () => {
    const svc = service(
      `services:
  db: { image: mysql }
  migrate: { image: m }
  web:
    image: nginx
    depends_on:
      db: { condition: service_healthy, restart: true }
      migrate: { condition: service_completed_successfully, required: false }
`,
      'web',
    );
    expect(svc.dependsOn).toEqual([
      { service: 'db', condition: 'service_healthy', restart: true, required: true },
      { service: 'migrate', condition: 'service_completed_successfully', restart: false, required: false },
    ]);
  });
  it('a dependency that is optional and inactive is dropped with a warning', () => {
    const r = load(
      'services:\n  web:\n    image: nginx\n    depends_on: { dbg: { required: false } }\n  dbg: { image: b, profiles: [debug] }\n',
    );
    expect(r.project?.services[0]?.dependsOn).toEqual([]);
    expect(r.warnings.map(String)).toEqual([
      `${FILE}:4:24: warning: services.web.depends_on.dbg: depends on service "dbg" is not active (its profiles are not enabled): skipped (required: false)`,
    ]);
  });
});

describe('healthcheck', () => {
  it('fills in Docker defaults (30s, 30s, 3, 0s, 5s)', () => {
    expect(
      service(web('healthcheck:\n  test: ["CMD", "curl", "-f", "http://localhost"]')).healthcheck,
    ).toEqual({
      test: ['CMD', 'curl', '-f', 'http://localhost'],
      intervalMs: 30_000,
      timeoutMs: 30_000,
      retries: 3,
      startPeriodMs: 0,
      startIntervalMs: 5_000,
      disabled: false,
    });
  });
  it('a string test is CMD-SHELL; durations 1m30s, 500ms, 2s', () => {
    const hc = service(
      web(
        'healthcheck:\n  test: mysqladmin ping\n  interval: 1m30s\n  timeout: 500ms\n  start_period: 2s\n  start_interval: 1s\n  retries: 5',
      ),
    ).healthcheck;
    expect(hc).toEqual({
      test: ['CMD-SHELL', 'mysqladmin ping'],
      intervalMs: 90_000,
      timeoutMs: 500,
      retries: 5,
      startPeriodMs: 2_000,
      startIntervalMs: 1_000,
      disabled: false,
    });
  });
  it.each([['disable: true'], ['test: ["NONE"]']])('%s disables it', (body) => {
    expect(service(web(`healthcheck:\n  ${body}`)).healthcheck?.disabled).toBe(true);
  });
});

describe('durations and sizes', () => {
  it.each([
    ['10s', 10_000],
    ['1m30s', 90_000],
    ['500ms', 500],
    ['1h', 3_600_000],
    ['1.5s', 1_500],
    ['0', 0],
    ['10', undefined],
    ['10 s', undefined],
    ['s', undefined],
  ])('duration %s = %s ms', (text, want) => expect(parseDurationMs(text)).toBe(want));
  it.each([
    ['512M', 512 * 1024 ** 2],
    ['512m', 512 * 1024 ** 2],
    ['1g', 1024 ** 3],
    ['1.5G', 1.5 * 1024 ** 3],
    ['50M', 52_428_800],
    ['1024k', 1024 ** 2],
    ['1gb', 1024 ** 3],
    ['100', 100],
    [2048, 2048],
    ['12x', undefined],
  ] as const)('size %s = %s bytes', (text, want) => expect(parseBytes(text)).toBe(want));
});

describe('restart', () => {
  it.each([
    ['no', { policy: 'no', explicit: true }],
    ['"no"', { policy: 'no', explicit: true }],
    ['always', { policy: 'always', explicit: true }],
    ['unless-stopped', { policy: 'unless-stopped', explicit: true }],
    ['on-failure', { policy: 'on-failure', explicit: true }],
    ['on-failure:3', { policy: 'on-failure', explicit: true, maxRetries: 3 }],
  ])('restart: %s', (value, want) => expect(service(web(`restart: ${value}`)).restart).toEqual(want));
  it('defaults to no (not written)', () => expect(service(web('')).restart).toEqual({ policy: 'no' }));
});

describe('deploy', () => {
  it('defaults: one replica, swarm restart and update defaults', () => {
    const d = service(web('')).deploy;
    expect(d).toMatchObject({
      mode: 'replicated',
      replicas: 1,
      present: false,
      restartPolicy: { condition: 'any', delayMs: 5_000, maxAttempts: 0, windowMs: 0 },
      updateConfig: {
        parallelism: 1,
        delayMs: 0,
        failureAction: 'pause',
        monitorMs: 5_000,
        maxFailureRatio: 0,
        order: 'stop-first',
      },
    });
  });
  it('reads mode, replicas, resources in Docker units, restart_policy, placement, update_config, labels', () => {
    const d = service(
      web(`deploy:
  mode: replicated
  replicas: 3
  resources:
    limits: { cpus: '0.5', memory: 512M }
    reservations: { cpus: 0.25, memory: 1g }
  restart_policy: { condition: on-failure, delay: 10s, max_attempts: 3, window: 2m }
  placement:
    constraints: [node.role == worker, node.labels.zone != b]
    preferences: [{ spread: node.labels.zone }]
    max_replicas_per_node: 2
  update_config: { parallelism: 2, delay: 10s, failure_action: rollback, monitor: 30s, max_failure_ratio: 0.3, order: start-first }
  labels: [com.example=web]`),
    ).deploy;
    expect(d).toEqual({
      mode: 'replicated',
      replicas: 3,
      resources: {
        limits: { cpus: '0.5', memoryBytes: 536_870_912 },
        reservations: { cpus: '0.25', memoryBytes: 1_073_741_824 },
      },
      restartPolicy: { condition: 'on-failure', delayMs: 10_000, maxAttempts: 3, windowMs: 120_000 },
      placement: {
        constraints: ['node.role == worker', 'node.labels.zone != b'],
        preferences: ['node.labels.zone'],
        maxReplicasPerNode: 2,
      },
      updateConfig: {
        parallelism: 2,
        delayMs: 10_000,
        failureAction: 'rollback',
        monitorMs: 30_000,
        maxFailureRatio: 0.3,
        order: 'start-first',
      },
      labels: { 'com.example': 'web' },
      present: true,
    });
  });
  it('scale: folds into replicas; legacy cpus/mem_limit into resources', () => {
    const d = service(web('scale: 4\ncpus: 1.5\nmem_limit: 256m\nmem_reservation: 128m')).deploy;
    expect(d.replicas).toBe(4);
    expect(d.resources).toEqual({
      limits: { cpus: '1.5', memoryBytes: 268_435_456 },
      reservations: { memoryBytes: 134_217_728 },
    });
  });
  it('global mode', () => expect(service(web('deploy: { mode: global }')).deploy.mode).toBe('global'));
});

describe('names, networks, volumes', () => {
  it('container_name and hostname', () => {
    expect(service(web('container_name: my-web\nhostname: web1'))).toMatchObject({
      containerName: 'my-web',
      hostname: 'web1',
    });
  });
  it('networks as a list or a map; default when absent; top-level networks', () => {
    const r = load(`services:
  a: { image: a, networks: [front, back] }
  b: { image: b, networks: { back: { aliases: [bee] } } }
  c: { image: c }
networks:
  front:
  back: { driver: overlay, external: true }
`);
    expect(r.project?.services.map((s) => s.networks)).toEqual([['front', 'back'], ['back'], ['default']]);
    expect(r.project?.networks).toEqual([
      { name: 'default', external: false },
      { name: 'front', external: false },
      { name: 'back', driver: 'overlay', external: true },
    ]);
    expect(r.warnings.map(String)).toEqual([
      `${FILE}:3:38: warning: services.b.networks.back.aliases: not modelled by Flotilla: ignored`,
    ]);
  });
  it('volumes: named, bind, anonymous, read-only, long form, tmpfs', () => {
    const r = load(`services:
  db:
    image: mysql
    volumes:
      - db-data:/var/lib/mysql
      - ./conf:/etc/mysql/conf.d:ro
      - ~/backup:/backup:rw,z
      - /var/log/mysql
      - type: bind
        source: /etc/localtime
        target: /etc/localtime
        read_only: true
      - { type: volume, source: db-data, target: /snap }
    tmpfs: [/run]
volumes:
  db-data: { driver: local }
`);
    expect(r.errors).toEqual([]);
    expect(r.project?.services[0]?.volumes).toEqual([
      { type: 'volume', source: 'db-data', target: '/var/lib/mysql', readOnly: false },
      { type: 'bind', source: './conf', target: '/etc/mysql/conf.d', readOnly: true },
      { type: 'bind', source: '~/backup', target: '/backup', readOnly: false },
      { type: 'volume', target: '/var/log/mysql', readOnly: false },
      { type: 'bind', source: '/etc/localtime', target: '/etc/localtime', readOnly: true },
      { type: 'volume', source: 'db-data', target: '/snap', readOnly: false },
      { type: 'tmpfs', target: '/run', readOnly: false },
    ]);
    expect(r.project?.volumes).toEqual([{ name: 'db-data', driver: 'local', external: false }]);
  });
});

describe('project name', () => {
  it('name: wins', () =>
    expect(load('name: shop\nservices: { a: { image: a } }').project?.name).toBe('shop'));
  it('else the directory of the file, sanitised like Compose', () => {
    expect(load('services: { a: { image: a } }').project?.name).toBe('tooling');
    expect(load('services: { a: { image: a } }', { directory: '_My App.v2' }).project?.name).toBe('myappv2');
  });
  it.each([
    ['Tooling', 'tooling'],
    ['my_app-1', 'my_app-1'],
    ['--x', 'x'],
    ['!!!', 'default'],
  ])('%s → %s', (dir, want) => expect(projectNameFrom(dir)).toBe(want));
});

describe('given', () => {
  it('lists the fields written, deploy keys included, x- keys excluded', () => {
    expect(
      service(web('restart: always\nx-a: 1\ndeploy: { replicas: 2, update_config: { order: start-first } }'))
        .given,
    ).toEqual(['image', 'restart', 'deploy', 'deploy.replicas', 'deploy.update_config']);
  });
});
