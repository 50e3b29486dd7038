import { describe, expect, it } from 'vitest';
import { cli } from '../cli/runCli';
import { loadFile } from '../scenarios/scenarioFiles';
import { runScenario } from '../../src/scenario';

const K8S = 'scenarios/compose-vs-swarm-vs-kubernetes/kubernetes.yaml';

describe('flotilla compare', () => {
  it('prints one column per scenario, its rows and the footnotes', async () => {
    const r = await cli(['compare', 'scenarios/node-dies.yaml', 'scenarios/tooling-mysql.yaml']);
    expect(r.code).toBe(0);
    const lines = r.out.split('\n');
    expect(lines[0]).toMatch(/^scenario\s+node-dies\s+tooling-mysql$/);
    expect(lines[2]).toMatch(/^orchestrator\s+kubernetes\s+kubernetes$/);
    expect(r.out).toMatch(/failure\s+failNode node-1 at 1m\s+failNode node-1 at 1m/);
    expect(r.out).toMatch(/app answers again after ¹\s+n\/a \(no traffic flow\)\s+6m1s \(1m → 7m1s\)/);
    expect(r.out).toMatch(/containers lost ³\s+0 of 2\s+0 of 2/);
    expect(r.out).toMatch(/a person had to act ⁵\s+no\s+no/);
    expect(r.out).toContain('¹ From the first second with a failed request');
  });

  it('--json gives the same figures, stable', async () => {
    const a = await cli(['compare', K8S, '--json']);
    const b = await cli(['compare', K8S, '--json']);
    expect(a.code).toBe(0);
    expect(a.out).toBe(b.out);
    const { scenarios } = JSON.parse(a.out) as { scenarios: Record<string, unknown>[] };
    expect(Object.keys(scenarios[0] ?? {})).toEqual([
      'file',
      'scenario',
      'title',
      'orchestrator',
      'failure',
      'flow',
      'recovery',
      'requests',
      'containers',
      'data',
      'person',
    ]);
    expect(scenarios[0]).toMatchObject({
      orchestrator: 'kubernetes',
      data: { survived: 'yes' },
      person: { needed: false },
    });
  });

  it.each([
    ['a missing file', 'test/export/fixtures/nope.yaml', /: no such file \(expected a scenario file/],
    ['a directory', 'scenarios/compose-vs-swarm-vs-kubernetes', /: is a directory/],
    [
      'a Compose file',
      'test/fixtures/compose/tooling/compose.yaml',
      /is a Compose file, not a scenario; compare runs scenarios: write one with orchestrator: compose/,
    ],
    [
      'a Kubernetes manifest',
      'test/export/fixtures/pod.yaml',
      /is a Kubernetes manifest, not a scenario; compare runs scenarios/,
    ],
    [
      'a scenario with errors',
      'test/export/fixtures/broken-scenario.yaml',
      /:7:40: timeline\[0\]\.node: unknown node "node-9"[^]*is not a valid scenario \(see the errors above\): nothing was run/,
    ],
  ])('names %s among valid ones, and runs none of them', async (_what, file, message) => {
    const r = await cli(['compare', K8S, file]);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toContain(`flotilla compare: ${file}: `);
    expect(r.err).toMatch(message);
    expect(r.err).not.toContain(K8S);
  });

  it('refuses invalid input before running anything', async () => {
    expect((await cli(['compare'])).code).toBe(2);
    const r = await cli(['compare', K8S, 'scenarios/nope.yaml']);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
  });
});

describe('scenarios/compose-vs-swarm-vs-kubernetes/kubernetes.yaml', () => {
  // test/scenarios runs scenarios/*.yaml only; this one lives in a subfolder.
  it('meets its expectations', () => {
    const run = runScenario(loadFile(K8S));
    expect(run.outcomes.filter((o) => !o.pass).map((o) => o.detail)).toEqual([]);
    expect(run.sim.trace.filter((r) => r.type === 'actionSkipped')).toEqual([]);
  });
});
