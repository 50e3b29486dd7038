/**
 * A hung app behind a Service: the process runs (no probes here, so the pod stays Ready and its
 * endpoint stays in the Service) but answers nothing, so calls routed to it time out.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadScenarioText, runScenario } from '../../src/scenario';

const scenario = `
name: hang-traffic
seed: 4
nodes:
  - { name: node-1, capacity: { cpu: "4", memory: 8Gi } }
apply:
  - file: scenarios/manifests/web-lb.yaml
traffic:
  - { name: calls, from: app=client, to: "http://web:80/", rate: 30/s, start: 15s, sample: 0 }
timeline:
  - { at: 40s, action: setBehaviour, pod: web, behaviour: hang }
duration: 60s
`;

describe('traffic to a hung app', () => {
  it('times out the calls its endpoint receives, while the others succeed', () => {
    const loaded = loadScenarioText(scenario, 'hang-traffic.yaml', (p) => readFileSync(p, 'utf8'));
    if (!loaded.ok) throw new Error(loaded.errors.map(String).join('\n'));
    const run = runScenario(loaded.scenario);
    const perSecond = run.sim.trace.filter((r) => r.type === 'traffic') as unknown as {
      t: number;
      requests: number;
      successes: number;
      failures: Record<string, number>;
    }[];
    const before = perSecond.filter((r) => r.t > 20_000 && r.t < 40_000);
    const after = perSecond.filter((r) => r.t > 42_000);
    expect(before.every((r) => r.successes === r.requests)).toBe(true);
    const timeouts = after.reduce((n, r) => n + (r.failures.timeout ?? 0), 0);
    const successes = after.reduce((n, r) => n + r.successes, 0);
    expect(timeouts).toBeGreaterThan(0);
    expect(successes).toBeGreaterThan(0);
  });
});
