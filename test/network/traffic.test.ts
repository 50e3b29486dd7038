import { describe, expect, it } from 'vitest';
import { runScenario } from '../../src/scenario/run';
import { parseTarget } from '../../src/network/url';
import { APP, errorsOf, load, scenarioText } from './helpers';

const CLIENT = `
  - apiVersion: v1
    kind: Pod
    metadata: { name: client, labels: { app: client } }
    spec:
      nodeName: node-1
      containers: [{ name: c, image: "curl:8" }]
`;

describe('traffic', () => {
  it('a request record shows the DNS answer, the chosen endpoint, the nodes crossed and the policy verdict', () => {
    const text = scenarioText(
      `
traffic:
  - { name: calls, from: app=client, to: "http://web:80/", rate: 50/s, sample: 3 }
`,
      APP + CLIENT,
    );
    const run = runScenario(load(text), { until: 20_000 });
    const records = run.sim.trace.filter((r) => r.type === 'request' && r.t === 20_000);
    expect(records).toHaveLength(3);
    const r = records[0] as Record<string, unknown>;
    const clusterIP = run.sim.state.services?.['default/web']?.spec.clusterIP;
    expect(r).toMatchObject({
      flow: 'calls',
      client: 'default/client',
      dns: { query: 'web', answer: [clusterIP], tried: 1 },
      service: 'default/web',
      policy: { verdict: 'allowed' },
      outcome: 'success',
    });
    const ep = r.endpoint as { ip: string; port: number; node: string; pod: string };
    expect(ep.port).toBe(8080);
    expect(r.nodes).toEqual(ep.node === 'node-1' ? ['node-1'] : ['node-1', ep.node]);
    expect(r.crossNode).toBe(ep.node !== 'node-1');
    const agg = run.sim.trace.filter((x) => x.type === 'traffic' && x.t === 20_000)[0] as Record<
      string,
      unknown
    >;
    expect(agg).toMatchObject({ flow: 'calls', requests: 50, successes: 50, clients: 1 });
    expect(Object.values(agg.backends as Record<string, number>).reduce((a, b) => a + b, 0)).toBe(50);
    expect(agg.p99 as number).toBeGreaterThanOrEqual(agg.p50 as number);
    const total = run.sim.trace
      .filter((x) => x.type === 'traffic')
      .reduce((n, x) => n + ((x as Record<string, unknown>).requests as number), 0);
    // Requests start once the client pod runs (its image is pulled first).
    expect(run.sim.state.network?.stats.calls?.requests).toBe(total);
    expect(total).toBeGreaterThanOrEqual(50 * 10);
  });

  it('a cross-node hop costs more than a same-node one (configurable)', () => {
    const text = (cross: string) =>
      scenarioText(
        `
network: { proxyMode: ipvs, crossNodeLatency: ${cross}, sameNodeLatency: 0.05ms, serviceTime: 1ms }
traffic:
  - { name: calls, from: app=client, to: "http://web:80/", rate: 30/s, sample: 30 }
`,
        APP + CLIENT,
      );
    const latency = (cross: string, crossing: boolean) => {
      const recs = runScenario(load(text(cross)), { until: 20_000 }).sim.trace.filter(
        (r) => r.type === 'request' && r.t === 20_000 && r.crossNode === crossing,
      );
      return Math.min(...recs.map((r) => (r as Record<string, unknown>).latencyMs as number));
    };
    // A round trip crosses the overlay twice: 2 x (5 - 0.05) ms more, give or take the service-time jitter.
    const extra = latency('5ms', true) - latency('5ms', false);
    expect(extra).toBeGreaterThan(9.9 - 1);
    expect(extra).toBeLessThan(9.9 + 1);
  });

  it('fails by cause: NXDOMAIN, no endpoints, refused after a crash', () => {
    const text = scenarioText(
      `
traffic:
  - { name: calls, from: app=client, to: "http://web:80/", rate: 10/s }
  - { name: headless, from: app=client, to: "web-headless:8080", rate: 10/s }
timeline:
  - { at: 20s, action: scale, deployment: web, replicas: 0 }
`,
      APP + CLIENT,
    );
    const run = runScenario(load(text), { until: 40_000 });
    const stats = run.sim.state.network?.stats;
    expect(stats?.calls?.failures.noEndpoints).toBeGreaterThan(0);
    expect(stats?.headless?.failures.noEndpoints).toBeGreaterThan(0);
    expect(stats?.calls?.successes).toBeGreaterThan(0);
  });

  it('a flow expectation checks the success rate over a window', () => {
    const text = scenarioText(
      `
traffic:
  - { name: calls, from: app=client, to: "http://web:80/", rate: 10/s }
expect:
  - { at: 30s, flow: { name: calls, successRate: { min: 0.99 }, requests: { min: 100 } } }
  - { at: 30s, flow: { name: calls, successRate: { max: 0.5 } } }
`,
      APP + CLIENT,
    );
    const outcomes = runScenario(load(text)).outcomes;
    expect(outcomes.map((o) => o.pass)).toEqual([true, false]);
    expect(outcomes[1]?.detail).toContain('found 100 requests, 100 succeeded (100%)');
  });
});

describe('bad input: a located error, and nothing runs', () => {
  it.each([
    [
      'a malformed URL',
      `traffic:\n  - { name: a, from: app=client, to: "http://web:80x/", rate: 1/s }\n`,
      'net.yaml:51:38: traffic[0].to: malformed URL "http://web:80x/": port "80x" is not a number',
    ],
    [
      'a port out of range',
      `traffic:\n  - { name: a, from: app=client, to: "web:70000", rate: 1/s }\n`,
      'traffic[0].to: port 70000 out of range in "web:70000": must be between 1 and 65535, inclusive',
    ],
    [
      'an unknown service',
      `traffic:\n  - { name: a, from: app=client, to: "wbe:80", rate: 1/s }\n`,
      'traffic[0].to: unknown service "wbe": from namespace "default" it resolves to no Service',
    ],
    [
      'a service port that does not exist',
      `traffic:\n  - { name: a, from: app=client, to: "web:8081", rate: 1/s }\n`,
      'traffic[0].to: service default/web has no port 8081 (expected one of: 80)',
    ],
    [
      'a service in another namespace by its bare name',
      `traffic:\n  - { name: a, from: app=probe, namespace: other, to: "web:80", rate: 1/s }\n`,
      'unknown service "web": from namespace "other"',
    ],
    [
      'an external client naming a Service',
      `traffic:\n  - { name: a, from: external, to: "http://web:80", rate: 1/s }\n`,
      'a client outside the cluster cannot resolve "web"',
    ],
    [
      'a NodePort no Service declares',
      `traffic:\n  - { name: a, from: external, to: "http://node-1:30999", rate: 1/s }\n`,
      'no Service declares nodePort 30999',
    ],
    [
      'a bad rate',
      `traffic:\n  - { name: a, from: app=client, to: "web:80", rate: fast }\n`,
      'traffic[0].rate',
    ],
    [
      'an unknown flow in an expectation',
      `traffic:\n  - { name: a, from: app=client, to: "web:80", rate: 1/s }\nexpect:\n  - { at: 10s, flow: { name: b, successRate: { min: 1 } } }\n`,
      'expect[0].flow.name: unknown flow "b" (expected one of: a)',
    ],
  ])('%s', (_name, extra, message) => {
    const errors = errorsOf(scenarioText(extra, APP + CLIENT));
    expect(errors.join('\n')).toContain(message);
  });

  it.each([
    [
      'an invalid CIDR',
      `ipBlock: { cidr: "10.0.0.0/33" }`,
      'spec.ingress[0].from[0].ipBlock.cidr: Invalid value: "10.0.0.0/33": invalid CIDR "10.0.0.0/33": prefix length must be 0 to 32',
    ],
    ['host bits set', `ipBlock: { cidr: "10.0.0.1/8" }`, 'host bits are set (did you mean 10.0.0.0/8?)'],
    [
      'an except outside the cidr',
      `ipBlock: { cidr: "10.0.0.0/16", except: ["10.1.0.0/24"] }`,
      'must be a strict subset of `cidr` 10.0.0.0/16',
    ],
    [
      'ipBlock with another peer',
      `ipBlock: { cidr: "10.0.0.0/16" }, podSelector: {}`,
      'may not specify both ipBlock and another peer',
    ],
  ])('NetworkPolicy: %s', (_name, peer, message) => {
    const np = `
  - apiVersion: networking.k8s.io/v1
    kind: NetworkPolicy
    metadata: { name: p }
    spec:
      podSelector: {}
      ingress: [{ from: [{ ${peer} }] }]
`;
    expect(errorsOf(scenarioText('', APP + np)).join('\n')).toContain(message);
  });

  it.each([
    [
      'a nodePort out of range',
      `type: NodePort, ports: [{ port: 80, nodePort: 8080 }]`,
      'spec.ports[0].nodePort: Invalid value: 8080: provided port is not in the valid range. The range of valid ports is 30000-32767',
    ],
    [
      'a port out of range',
      `ports: [{ port: 0 }]`,
      'spec.ports[0].port: Invalid value: 0: must be between 1 and 65535, inclusive',
    ],
    [
      'a clusterIP outside the service CIDR',
      `clusterIP: 10.0.0.5, ports: [{ port: 80 }]`,
      'the provided IP (10.0.0.5) is not in the valid range. The range of valid IPs is 10.96.0.0/12',
    ],
    [
      'a nodePort on a ClusterIP Service',
      `ports: [{ port: 80, nodePort: 30001 }]`,
      "Forbidden: may not be used when `type` is 'ClusterIP'",
    ],
    [
      'two ports without names',
      `ports: [{ port: 80 }, { port: 81 }]`,
      'name is required when a service has more than one port',
    ],
    [
      'a bad targetPort name',
      `ports: [{ port: 80, targetPort: "Not_A_Name" }]`,
      'spec.ports[0].targetPort: Invalid value: "Not_A_Name"',
    ],
  ])('Service: %s', (_name, spec, message) => {
    const svc = `
  - apiVersion: v1
    kind: Service
    metadata: { name: s }
    spec: { ${spec} }
`;
    expect(errorsOf(scenarioText('', APP + svc)).join('\n')).toContain(message);
  });

  it('parses targets', () => {
    expect(parseTarget('http://web.default.svc.cluster.local')).toEqual({
      scheme: 'http',
      host: 'web.default.svc.cluster.local',
      port: 80,
      path: '/',
    });
    expect(parseTarget('mysql:3306')).toMatchObject({ scheme: 'tcp', host: 'mysql', port: 3306 });
    expect(parseTarget('mysql')).toEqual({
      error: 'malformed URL "mysql": a tcp target needs a port, like mysql:3306',
    });
    expect(parseTarget('ftp://x:1')).toMatchObject({
      error: expect.stringContaining('unsupported scheme "ftp"'),
    });
  });
});
