import { describe, expect, it } from 'vitest';
import { errorsOf, FILE, load, warningsOf, web } from './helpers';

// Each bad input gives a located error (file:line:col: field.path: message) and no project.
describe('bad input', () => {
  it.each([
    [
      'a bad port string',
      web('ports:\n  - "80:80:80:80"'),
      `${FILE}:5:9: services.web.ports[0]: invalid port "80:80:80:80" (expected a port mapping such as "8080:80", "127.0.0.1:8080:80/udp", "8000-8010:80" or "80")`,
    ],
    [
      'a port out of range',
      web('ports: ["70000:80"]'),
      `${FILE}:4:13: services.web.ports[0]: invalid port "70000:80" (expected a port mapping such as "8080:80", "127.0.0.1:8080:80/udp", "8000-8010:80" or "80")`,
    ],
    [
      'an unknown protocol',
      web('ports: ["80/sctp"]'),
      `${FILE}:4:13: services.web.ports[0]: unsupported protocol "sctp" (expected tcp or udp)`,
    ],
    [
      'a long port without target',
      web('ports: [{ published: 80 }]'),
      `${FILE}:4:13: services.web.ports[0].target: missing required field "target"`,
    ],
    [
      'ports as a map',
      web('ports: { a: 1 }'),
      `${FILE}:4:12: services.web.ports: expected a list, got a map`,
    ],
    [
      'a bad restart policy',
      web('restart: sometimes'),
      `${FILE}:4:14: services.web.restart: invalid restart policy "sometimes" (expected no, always, on-failure, on-failure:N or unless-stopped)`,
    ],
    [
      'a bad duration',
      web('healthcheck:\n  test: ["CMD", "true"]\n  interval: 10'),
      `${FILE}:6:17: services.web.healthcheck.interval: invalid duration number 10 (expected a duration such as 1m30s, 10s or 500ms)`,
    ],
    [
      'a bad test list',
      web('healthcheck:\n  test: ["curl", "-f"]'),
      `${FILE}:5:13: services.web.healthcheck.test: a test list must start with NONE, CMD or CMD-SHELL, got "curl"`,
    ],
    [
      'a bad memory size',
      web('deploy:\n  resources:\n    limits: { memory: lots }'),
      `${FILE}:6:27: services.web.deploy.resources.limits.memory: invalid size string "lots" (expected a size such as 512m, 1g, 1.5G or a number of bytes)`,
    ],
    [
      'replicas not a number',
      web('deploy: { replicas: many }'),
      `${FILE}:4:25: services.web.deploy.replicas: expected an integer, got string "many"`,
    ],
    [
      'a bad deploy mode',
      web('deploy: { mode: everywhere }'),
      `${FILE}:4:21: services.web.deploy.mode: invalid value "everywhere" (expected one of: replicated, global)`,
    ],
    [
      'scale and replicas disagree',
      web('scale: 2\ndeploy: { replicas: 3 }'),
      `${FILE}:4:12: services.web.scale: scale 2 differs from deploy.replicas 3 (expected one of them, or equal values)`,
    ],
    [
      'environment as a string',
      web('environment: A=1'),
      `${FILE}:4:18: services.web.environment: expected a map or a list of KEY=value, got string "A=1"`,
    ],
    [
      'a bad condition',
      'services:\n  db: { image: d }\n  web:\n    image: w\n    depends_on: { db: { condition: service_ready } }\n',
      `${FILE}:5:36: services.web.depends_on.db.condition: invalid condition "service_ready" (expected one of: service_started, service_healthy, service_completed_successfully)`,
    ],
    [
      'an undefined named volume',
      web('volumes: ["data:/data"]'),
      `${FILE}:4:15: services.web.volumes[0]: undefined volume "data": declare it under the top-level volumes:`,
    ],
    [
      'an undefined network',
      web('networks: [back]'),
      `${FILE}:4:16: services.web.networks[0]: undefined network "back": declare it under the top-level networks:`,
    ],
    [
      'no image and no build',
      'services:\n  web:\n    ports: ["80"]\n',
      `${FILE}:3:5: services.web: service "web" has neither an image nor a build context (expected image: or build:)`,
    ],
    ['services missing', 'name: x\n', `${FILE}:1:1: services: missing required field "services"`],
    ['a file that is a list', '- a\n- b\n', `${FILE}:1:1: expected a map with services:, got a list`],
    [
      'a bad project name',
      'name: My App\nservices: { a: { image: a } }\n',
      `${FILE}:1:7: name: invalid project name "My App" (expected lower-case letters, digits, "-" and "_", starting with a letter or digit)`,
    ],
    [
      'a required variable',
      'services:\n  a: { image: "a:${TAG:?set TAG}" }\n',
      `${FILE}:2:15: services.a.image: required variable TAG is missing a value: set TAG`,
    ],
  ])('%s', (_what, yaml, want) => {
    expect(errorsOf(yaml)).toEqual([want]);
  });

  it('depends_on an unknown service names the entry and the services there are', () => {
    expect(
      errorsOf(
        'services:\n  db: { image: mysql }\n  web:\n    image: nginx\n    depends_on:\n      - db\n      - cache\n',
      ),
    ).toEqual([
      `${FILE}:7:9: services.web.depends_on[1]: depends on undefined service "cache" (expected one of: db, web)`,
    ]);
  });

  it('depends_on a service whose profile is off is an error unless required: false', () => {
    expect(
      errorsOf(
        'services:\n  web:\n    image: nginx\n    depends_on: [dbg]\n  dbg: { image: b, profiles: [debug] }\n',
      ),
    ).toEqual([
      `${FILE}:4:18: services.web.depends_on[0]: depends on service "dbg" is not active (its profiles are not enabled) (expected one of: web)`,
    ]);
    // With the profile on, the same file is valid.
    expect(
      load(
        'services:\n  web:\n    image: nginx\n    depends_on: [dbg]\n  dbg: { image: b, profiles: [debug] }\n',
        { activeProfiles: ['debug'] },
      ).errors,
    ).toEqual([]);
  });

  it('a dependency cycle is an error naming the cycle', () => {
    expect(
      errorsOf(`services:
  a: { image: a, depends_on: [b] }
  b: { image: b, depends_on: { c: { condition: service_healthy } } }
  c: { image: c, depends_on: [a] }
`),
    ).toEqual([`${FILE}:2:30: services.a.depends_on: dependency cycle: a -> b -> c -> a`]);
  });

  it('a YAML syntax error is located', () => {
    expect(errorsOf('services:\n  web:\n    image: "nginx\n')).toEqual([
      `${FILE}:4:1: Missing closing "quote`,
    ]);
    expect(errorsOf('services:\n  web:\n    image: a\n    image: b\n')).toEqual([
      `${FILE}:4:5: Map keys must be unique`,
    ]);
  });

  it('reports every error, sorted by position', () => {
    const errors = errorsOf(web('ports: ["x"]\nrestart: sometimes\ndeploy: { replicas: -1 }'));
    expect(errors.map((e) => e.split(': ')[0])).toEqual([`${FILE}:4:13`, `${FILE}:5:14`, `${FILE}:6:25`]);
  });
});

describe('warnings, never crashes', () => {
  it('an unknown key gets a hint; a valid unmodelled key says it is ignored; x- keys are silent', () => {
    expect(warningsOf(web('restrat: always\ncap_add: [NET_ADMIN]\nx-team: web'))).toEqual([
      `${FILE}:4:5: warning: services.web.restrat: unknown field "restrat": ignored (expected "restart")`,
      `${FILE}:5:5: warning: services.web.cap_add: not modelled by Flotilla: ignored`,
    ]);
  });
  it('top level: version is obsolete, secrets are not modelled, unknown keys warned', () => {
    expect(
      warningsOf(
        'version: "3.8"\nservices: { a: { image: a } }\nsecrets: { s: { file: s.txt } }\nservice: {}\n',
      ),
    ).toEqual([
      `${FILE}:1:1: warning: version: the attribute \`version\` is obsolete, it will be ignored`,
      `${FILE}:3:1: warning: secrets: not modelled by Flotilla: ignored`,
      `${FILE}:4:1: warning: service: unknown field "service": ignored (expected "services")`,
    ]);
  });
  it('container_name with several replicas is a warning (Compose refuses it, swarm ignores the name)', () => {
    expect(warningsOf(web('container_name: w\ndeploy: { replicas: 2 }'))).toEqual([
      `${FILE}:4:21: warning: services.web.container_name: a container name must be unique: Compose refuses it with 2 replicas`,
    ]);
  });
  it.each([
    ['null'],
    ['42'],
    ['"text"'],
    ['[1, 2]'],
    ['{}'],
    ['services: 3'],
    ['services: { a: 3 }'],
    ['services: { a: { image: [x] } }'],
  ])('odd input %s gives located errors, not an exception', (yaml) => {
    const r = load(yaml);
    expect(r.project).toBeUndefined();
    for (const e of r.errors) expect(String(e)).toMatch(/^tooling\/compose\.yaml:\d+:\d+: /);
  });
});
