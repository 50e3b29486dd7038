/**
 * Probes and behaviour in scenario files: located errors for the setBehaviour entry, the
 * flotilla.dev/behaviour annotation and the probe fields, and nothing runs when one is wrong.
 */
import { describe, expect, it } from 'vitest';
import { loadScenarioText } from '../../src/scenario/loadScenario';

const noFiles = (p: string): string => {
  throw new Error(`ENOENT: ${p}`);
};

function scenario(container: string, annotations = '', timeline = ''): string {
  return `name: x
nodes:
  - { name: node-1, capacity: { cpu: "2", memory: 4Gi } }
apply:
  - apiVersion: apps/v1
    kind: Deployment
    metadata: { name: web }
    spec:
      replicas: 1
      selector: { matchLabels: { app: web } }
      template:
        metadata:
          labels: { app: web }${annotations}
        spec:
          containers:
            - ${container}
timeline:
${timeline || '  - { at: 10s, say: hi }'}
expect:
  - { within: 1m, pods: { selector: app=web }, ready: true }
`;
}

const errorsOf = (text: string) => {
  const r = loadScenarioText(text, 'scenarios/x.yaml', noFiles);
  return r.ok ? [] : r.errors.map((e) => e.toString());
};

describe('setBehaviour entries', () => {
  it('loads every behaviour', () => {
    const r = loadScenarioText(
      scenario(
        '{ name: web, image: web:1 }',
        '',
        `  - { at: 10s, action: setBehaviour, pod: web, behaviour: hang, for: 30s }
  - { at: 20s, action: setBehaviour, selector: app=web, container: web, behaviour: unready }
  - { at: 30s, action: setBehaviour, pod: web, behaviour: slowStart, startupDelay: 1m }
  - { at: 40s, action: setBehaviour, pod: web, behaviour: healthy }`,
      ),
      'scenarios/x.yaml',
      noFiles,
    );
    expect(r.ok ? [] : r.errors.map(String)).toEqual([]);
    if (!r.ok) return;
    expect(
      r.scenario.timeline.map((e) =>
        e.action === 'setBehaviour' ? [e.behaviour, e.for, e.startupDelay] : [],
      ),
    ).toEqual([
      ['hang', 30_000, undefined],
      ['unready', undefined, undefined],
      ['slowStart', undefined, 60_000],
      ['healthy', undefined, undefined],
    ]);
  });

  it.each([
    {
      entry: '{ at: 10s, action: setBehaviour, pod: web, behaviour: healthy, for: 30s }',
      want: 'scenarios/x.yaml:18:68: timeline[0].for: "for" applies to hang and unready, not to healthy',
    },
    {
      entry: '{ at: 10s, action: setBehaviour, pod: web, behaviour: slowStart }',
      want: 'scenarios/x.yaml:18:48: timeline[0].behaviour: slowStart needs "startupDelay" (expected startupDelay: 20s)',
    },
    {
      entry: '{ at: 10s, action: setBehaviour, pod: web, behaviour: hang, startupDelay: 5s }',
      want: 'scenarios/x.yaml:18:65: timeline[0].startupDelay: "startupDelay" applies to slowStart, not to hang',
    },
  ])('$want', ({ entry, want }) => {
    expect(errorsOf(scenario('{ name: web, image: web:1 }', '', `  - ${entry}`))).toEqual([want]);
  });

  it('refuses an unknown behaviour', () => {
    const errors = errorsOf(
      scenario(
        '{ name: web, image: web:1 }',
        '',
        '  - { at: 10s, action: setBehaviour, pod: web, behaviour: sleepy }',
      ),
    );
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(
      /^scenarios\/x\.yaml:18:\d+: timeline\[0\]\.behaviour: .*hang.*unready.*healthy.*slowStart/,
    );
  });
});

describe('the flotilla.dev/behaviour annotation', () => {
  it.each([
    {
      value: `'{"startupDelay": 20}'`,
      want: /^scenarios\/x\.yaml:\d+:\d+: spec\.template\.metadata\.annotations\[flotilla\.dev\/behaviour\]: Deployment web: startupDelay: invalid duration 20 \(seconds or milliseconds\? write "20s"\)/,
    },
    {
      value: `'{"db": {"hangAfter": "5s"}}'`,
      want: /annotations\[flotilla\.dev\/behaviour\]: Deployment web: db: unknown field "db" \(expected one of startupDelay, hangAfter, crashAfter, exitCode, or a container name \(web\)\)$/,
    },
    { value: `'not json'`, want: /Deployment web: not valid JSON/ },
  ])('$value', ({ value, want }) => {
    const errors = errorsOf(
      scenario(
        '{ name: web, image: web:1 }',
        `\n          annotations: { flotilla.dev/behaviour: ${value} }`,
      ),
    );
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(want);
  });
});

describe('probe fields (K pkg/apis/core/validation validateProbe)', () => {
  it.each([
    {
      probe: 'livenessProbe: { httpGet: { port: 80 }, periodSeconds: -1 }',
      want: 'livenessProbe.periodSeconds: Invalid value: -1: must be greater than or equal to 0',
    },
    {
      probe: 'livenessProbe: { httpGet: { port: 80 }, successThreshold: 2 }',
      want: 'livenessProbe.successThreshold: Invalid value: 2: must be 1',
    },
    {
      probe: 'startupProbe: { tcpSocket: { port: 80 }, successThreshold: 3 }',
      want: 'startupProbe.successThreshold: Invalid value: 3: must be 1',
    },
    {
      probe: 'readinessProbe: { exec: { command: [cat, /ready] }, terminationGracePeriodSeconds: 5 }',
      want: 'readinessProbe.terminationGracePeriodSeconds: Invalid value: must not be set for readinessProbes',
    },
    {
      probe: 'readinessProbe: { periodSeconds: 5 }',
      want: 'readinessProbe: Required value: must specify a handler type (expected one of: exec, httpGet, tcpSocket, grpc)',
    },
    {
      probe: 'readinessProbe: { httpGet: { port: 80 }, tcpSocket: { port: 80 } }',
      want: 'readinessProbe.tcpSocket: Forbidden: may not specify more than 1 handler type',
    },
    {
      probe: 'livenessProbe: { tcpSocket: { port: 70000 } }',
      want: 'livenessProbe.tcpSocket.port: Invalid value: 70000: must be between 1 and 65535, inclusive',
    },
    {
      probe: 'livenessProbe: { httpGet: { port: 80, scheme: FTP } }',
      want: 'livenessProbe.httpGet.scheme: Unsupported value: "FTP" (expected one of: HTTP, HTTPS)',
    },
    {
      probe: 'livenessProbe: { grpc: { port: grpc } }',
      want: 'livenessProbe.grpc.port: expected a port number, got string "grpc"',
    },
    {
      probe: 'livenessProbe: { exec: { command: [] } }',
      want: 'livenessProbe.exec.command: Required value: a list of strings (expected ["cat", "/tmp/healthy"])',
    },
  ])('$want', ({ probe, want }) => {
    const errors = errorsOf(scenario(`{ name: web, image: web:1, ${probe} }`));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(
      /^scenarios\/x\.yaml:16:\d+: apply\[0\]\.spec\.template\.spec\.containers\[0\]\./,
    );
    expect(errors[0]?.replace(/^.*containers\[0\]\./, '')).toBe(want);
  });

  it('fills in the API defaults', () => {
    const r = loadScenarioText(
      scenario('{ name: web, image: web:1, livenessProbe: { httpGet: { port: 80 } } }'),
      'scenarios/x.yaml',
      noFiles,
    );
    if (!r.ok) throw new Error(r.errors.join('\n'));
    const d = r.scenario.objects[0]?.object;
    const probe = d?.kind === 'Deployment' ? d.spec.template.spec.containers[0]?.livenessProbe : undefined;
    expect(probe).toEqual({
      httpGet: { port: 80, path: '/', scheme: 'HTTP' },
      timeoutSeconds: 1,
      periodSeconds: 10,
      successThreshold: 1,
      failureThreshold: 3,
    });
  });

  it('warns about a named port the container does not have', () => {
    const r = loadScenarioText(
      scenario('{ name: web, image: web:1, readinessProbe: { httpGet: { port: web } } }'),
      'scenarios/x.yaml',
      noFiles,
    );
    expect(r.ok).toBe(true);
    expect(r.warnings.map(String)).toEqual([
      expect.stringMatching(
        /readinessProbe\.httpGet\.port: warning|warning: .*readinessProbe\.httpGet\.port: no container port is named "web"/,
      ),
    ]);
  });
});
