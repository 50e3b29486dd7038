import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { explainJson, findAttempts } from '../../src/cli/explain';
import { Rng, seedState } from '../../src/engine/rng';
import { DEFAULT_PROFILE } from '../../src/scheduler/profile';
import { scheduleOne } from '../../src/scheduler/scheduleOne';
import { makeNode, makePod, makeState, runningPod } from './fixtures';

const seeded = (seed: number) => {
  const rng = new Rng(seedState(seed));
  return () => rng.next();
};

describe('explain', () => {
  const state = makeState(
    [
      makeNode('node-1', { cpu: '1', memory: '2Gi' }),
      makeNode('node-2', { cpu: '2', memory: '4Gi' }),
      makeNode('node-3', { cpu: '2', memory: '4Gi' }, { taints: [{ key: 'gpu', effect: 'NoSchedule' }] }),
    ],
    [
      runningPod('busy', 'node-1', { cpu: '900m', memory: '1Gi' }),
      makePod('web-abc12', { cpu: '500m', memory: '512Mi' }),
    ],
  );

  it('JSON has exactly the contract fields; --all-nodes scores the infeasible nodes too', () => {
    const plain = scheduleOne(state, 'default/web-abc12', DEFAULT_PROFILE, seeded(1));
    const all = scheduleOne(state, 'default/web-abc12', DEFAULT_PROFILE, seeded(1), { scoreAllNodes: true });
    expect(all.selected).toBe(plain.selected);
    const json = JSON.parse(explainJson(all));
    expect(Object.keys(json)).toEqual(['pod', 'time', 'selected', 'nodes']);
    expect(Object.keys(json.nodes[0])).toEqual(['name', 'feasible', 'filters', 'scores', 'total']);
    const infeasible = json.nodes.filter((n: { feasible: boolean }) => !n.feasible);
    expect(infeasible.map((n: { name: string }) => n.name)).toEqual(['node-1', 'node-3']);
    for (const n of infeasible) expect(Object.keys(n.scores).length).toBeGreaterThan(0);
    expect(plain.nodes.filter((n) => !n.feasible).every((n) => Object.keys(n.scores).length === 0)).toBe(
      true,
    );
  });

  it('finds a pod by name or by its workload prefix', () => {
    const rec = (pod: string) => ({
      t: 0,
      type: 'schedule' as const,
      pod,
      time: 0,
      selected: null,
      nodes: [],
    });
    const records = [
      rec('default/web-7d9-aaaaa'),
      rec('default/web-7d9-bbbbb'),
      rec('default/db-0'),
      rec('default/web-7d9-aaaaa'),
    ];
    expect(findAttempts(records, 'default', 'db-0')?.attempts).toHaveLength(1);
    const web = findAttempts(records, 'default', 'web');
    expect(web?.key).toBe('default/web-7d9-aaaaa');
    expect(web?.attempts).toHaveLength(2);
    expect(web?.others).toEqual(['default/web-7d9-bbbbb']);
    expect(findAttempts(records, 'default', 'nope')).toBeUndefined();
  });

  it('breaks ties the same way for the same seed', () => {
    const tie = makeState(
      [
        makeNode('a', { cpu: '2', memory: '4Gi' }),
        makeNode('b', { cpu: '2', memory: '4Gi' }),
        makeNode('c', { cpu: '2', memory: '4Gi' }),
      ],
      [makePod('p', { cpu: '100m', memory: '100Mi' })],
    );
    const picks = (seed: number) => scheduleOne(tie, 'default/p', DEFAULT_PROFILE, seeded(seed)).selected;
    for (const seed of [1, 2, 3, 4, 5]) expect(picks(seed)).toBe(picks(seed));
    expect(new Set([1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map(picks)).size).toBeGreaterThan(1);
  });
});

describe('property (seed 20240603): the chosen node passes every filter and has the top total', () => {
  it('holds on random clusters', () => {
    const nodeArb = fc.record({
      cpu: fc.integer({ min: 1, max: 8 }),
      mem: fc.integer({ min: 1, max: 16 }),
      taint: fc.boolean(),
      zone: fc.integer({ min: 0, max: 2 }),
    });
    const podArb = fc.record({
      cpu: fc.integer({ min: 50, max: 3000 }),
      mem: fc.integer({ min: 64, max: 4096 }),
      node: fc.nat(),
      app: fc.integer({ min: 0, max: 2 }),
    });
    fc.assert(
      fc.property(
        fc.array(nodeArb, { minLength: 1, maxLength: 6 }),
        fc.array(podArb, { maxLength: 12 }),
        fc.integer({ min: 50, max: 3000 }),
        fc.nat(),
        (nodes, existing, cpu, seed) => {
          const ns = nodes.map((n, i) =>
            makeNode(
              `n${i}`,
              { cpu: String(n.cpu), memory: `${n.mem}Gi` },
              {
                labels: { 'topology.kubernetes.io/zone': `z${n.zone}` },
                ...(n.taint ? { taints: [{ key: 'soft', effect: 'PreferNoSchedule' as const }] } : {}),
              },
            ),
          );
          const pods = existing.map((p, i) =>
            runningPod(
              `e${i}`,
              `n${p.node % nodes.length}`,
              { cpu: `${p.cpu}m`, memory: `${p.mem}Mi` },
              { labels: { app: `a${p.app}` } },
            ),
          );
          const state = makeState(ns, [
            ...pods,
            makePod('new', { cpu: `${cpu}m`, memory: '256Mi' }, { labels: { app: 'a0' } }),
          ]);
          const r = scheduleOne(state, 'default/new', DEFAULT_PROFILE, seeded(seed));
          if (r.selected === null) return r.nodes.every((n) => !n.feasible);
          const chosen = r.nodes.find((n) => n.name === r.selected)!;
          const top = Math.max(...r.nodes.filter((n) => n.feasible).map((n) => n.total));
          return (
            chosen.feasible &&
            chosen.filters.every((f) => f.code === 'Success' || f.code === 'Skip') &&
            chosen.total === top
          );
        },
      ),
      { seed: 20240603, numRuns: 200 },
    );
  });
});
