import { describe, expect, it } from 'vitest';
import { cli } from './runCli';

/** `flotilla explain`: the student's table and the JSON contract of issue 3. */
describe('flotilla explain', () => {
  it('prints filters in plugin order, the excluded nodes with their filter, scores with weights and the winner', async () => {
    const r = await cli(['explain', 'scenarios/bin-packing.yaml', '--pod', 'packed', '--all-nodes']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^Pod default\/packed-\S+: attempt 1 of 1, at 0s: scheduled on node-b\d/m);
    expect(r.out).toMatch(
      /NODE\s+NodeUnschedulable\s+NodeName\s+TaintToleration\s+NodeAffinity\s+NodePorts\s+NodeResourcesFit\s+PodTopologySpread\s+InterPodAffinity/,
    );
    expect(r.out).toMatch(/node-a1\s+NodeAffinity: node\(s\) didn't match Pod's node affinity\/selector/);
    // --all-nodes: what-if scores of infeasible nodes in parentheses; the winner is marked.
    expect(r.out).toMatch(/node-a1\s+\(\d+\)/);
    expect(r.out).toMatch(/node-b\d \*.*<- selected/);
    expect(r.out).toContain('NodeResourcesFit x5');
  });

  it('prints the decision record as the JSON contract', async () => {
    const r = await cli(['explain', 'scenarios/bin-packing.yaml', '--pod', 'packed', '--json']);
    expect(r.code).toBe(0);
    const record = JSON.parse(r.out) as {
      pod: string;
      time: number;
      selected: string | null;
      nodes: {
        name: string;
        feasible: boolean;
        filters: { plugin: string; code: string }[];
        scores: Record<string, number>;
        total: number;
      }[];
    };
    expect(record.pod).toMatch(/^default\/packed-/);
    expect(record.time).toBe(0);
    const selected = record.nodes.find((n) => n.name === record.selected);
    expect(selected?.feasible).toBe(true);
    const best = Math.max(...record.nodes.filter((n) => n.feasible).map((n) => n.total));
    expect(selected?.total).toBe(best);
    // Skipped plugins are left out of scores (NodeAffinity and InterPodAffinity have nothing to say here).
    expect(Object.keys(selected?.scores ?? {})).not.toContain('InterPodAffinity');
    for (const n of record.nodes.filter((x) => !x.feasible)) {
      expect(n.filters.at(-1)?.code).toMatch(/Unschedulable/);
      expect(n.scores).toEqual({});
    }
  });

  it.each([
    [
      'scenarios/compose-host-dies.yaml',
      'tooling-db-1',
      /orchestrator compose, which has no scheduler.*flotilla ps/,
    ],
    ['scenarios/swarm-node-dies.yaml', 'tooling_web', /orchestrator swarm.*flotilla service-ps/],
  ])('says where placements show for %s', async (file, pod, message) => {
    const r = await cli(['explain', file, '--pod', pod]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
  });

  it('names a pod it never saw scheduled', async () => {
    const r = await cli(['explain', 'scenarios/bin-packing.yaml', '--pod', 'nope']);
    expect(r.code).not.toBe(0);
    expect(r.err).toContain('no scheduling attempt for pod "nope"');
  });
});
