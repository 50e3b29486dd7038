/** Loading swarm scenarios: located errors for what a swarm cannot do, warnings for what a stack ignores. */
import { describe, expect, it } from 'vitest';
import { loadScenarioText } from '../../src/scenario/loadScenario';

const head = `name: s
orchestrator: swarm
nodes:
  - { name: node-1, role: manager, capacity: { cpu: "2", memory: 4Gi } }
  - { name: node-2, capacity: { cpu: "2", memory: 4Gi } }
`;
const compose = (svc: string) => `compose:
  inline:
    name: st
    services:
      web:
${svc}`;
const noFile = () => {
  throw new Error('no files here');
};
const load = (text: string) => loadScenarioText(text, 'x.yaml', noFile);
const messages = (text: string) => {
  const r = load(text);
  return [...(r.ok ? [] : r.errors), ...r.warnings].map((e) => e.toString());
};

describe('swarm scenario loading', () => {
  it('loads a stack; a node role and scale service: are accepted', () => {
    const r = load(
      `${head}${compose('        image: web:1\n        deploy: { replicas: 2 }\n')}timeline:\n  - { at: 10s, action: scale, service: web, replicas: 3 }\n  - { at: 20s, action: updateService, service: st_web, image: web:2 }\nexpect:\n  - { within: 1m, pods: { selector: com.docker.swarm.service.name=st_web }, count: 3, phase: Running }\n`,
    );
    expect(r.ok ? [] : r.errors.map(String)).toEqual([]);
    expect(r.ok).toBe(true);
  });

  it('refuses a bad constraint, an unknown service, host: and Kubernetes-only actions', () => {
    const text = `${head}compose:\n  host: node-1\n  inline:\n    name: st\n    services:\n      web:\n        image: web:1\n        deploy: { placement: { constraints: ["node.colour == red"] } }\ntimeline:\n  - { at: 10s, action: scale, service: api, replicas: 3 }\n  - { at: 10s, action: apply, object: { apiVersion: v1, kind: Namespace, metadata: { name: x } } }\nexpect:\n  - { within: 1m, event: { reason: NodeDown } }\n`;
    const m = messages(text);
    expect(m.some((x) => x.includes('compose.host: a stack is deployed over the whole swarm'))).toBe(true);
    expect(m.some((x) => x.includes('unknown key "node.colour"'))).toBe(true);
    expect(m.some((x) => x.includes('"apply" does not exist on a swarm'))).toBe(true);
  });

  it('a role outside swarm is an error', () => {
    const m = messages(
      head.replace('orchestrator: swarm', 'orchestrator: kubernetes') +
        'expect:\n  - { within: 1m, event: { reason: X } }\n',
    );
    expect(m.some((x) => x.includes('nodes[0].role: role: needs orchestrator: swarm'))).toBe(true);
  });

  it('warns about compose options a stack ignores', () => {
    const r = load(
      `${head}${compose('        image: web:1\n        restart: always\n')}expect:\n  - { within: 1m, event: { reason: X } }\n`,
    );
    expect(r.warnings.map(String).some((w) => w.includes('Ignoring unsupported options: restart'))).toBe(
      true,
    );
  });
});

describe('swarm timeline', () => {
  it('scale names a service under swarm', () => {
    const r = loadScenarioText(
      `${head}compose:\n  inline:\n    name: st\n    services:\n      web:\n        image: web:1\ntimeline:\n  - { at: 10s, action: scale, deployment: web, replicas: 3 }\nexpect:\n  - { within: 1m, event: { reason: X } }\n`,
      'x.yaml',
      () => '',
    );
    expect(r.ok ? [] : r.errors.map(String)).toEqual([
      'x.yaml:13:5: timeline[0]: under swarm, scale names a service (expected service: web)',
    ]);
  });
});
