/**
 * One rule, every path (issue 20): a resource score plugin's node-table path (scoreBytes through
 * the score cache) applies the very rule its NodeInfo `score` applies. A plugin built with an
 * arbitrary rule, unlike any real formula, must give that rule's values on both paths, cycle after
 * cycle as pods bind and the cache is brought up to date: a fast path with its own copy of a
 * formula would give the formula's values instead.
 */
import { freeze } from 'immer';
import { describe, expect, it } from 'vitest';
import { Rng, seedState } from '../../src/engine/rng';
import type { NodeInfo, Profile, ScorePlugin } from '../../src/scheduler/framework';
import { makeNodeInfo, withPod } from '../../src/scheduler/nodeInfo';
import { NodeTable } from '../../src/scheduler/nodeTable';
import { nodeResourcesFitFilter } from '../../src/scheduler/plugins';
import {
  allocatableAndRequested,
  type ResourceRule,
  type ResourceSpec,
  resourceScorePlugin,
} from '../../src/scheduler/plugins/resourceAllocation';
import { makeCycle, schedulePod } from '../../src/scheduler/scheduleOne';
import { makeNode, makePod, makeState } from './fixtures';

const RESOURCES: readonly ResourceSpec[] = [
  { name: 'cpu', weight: 2 },
  { name: 'memory', weight: 1 },
];

/** Rules no real strategy computes: each mixes the amounts its own way, within 0..100. */
const RULES: readonly [string, ResourceRule][] = [
  ['requested cpu in tenths, mod 101', (req) => Math.trunc((req[0] ?? 0) / 10) % 101],
  [
    'free memory share reversed, squared',
    (req, alloc) => {
      const free = (alloc[1] ?? 0) === 0 ? 0 : ((alloc[1] ?? 0) - (req[1] ?? 0)) / (alloc[1] ?? 1);
      return Math.trunc(100 * (1 - Math.max(0, free)) ** 2);
    },
  ],
  ['parity of the sum', (req, alloc) => (((req[0] ?? 0) + (alloc[1] ?? 0)) % 2 === 0 ? 100 : 3)],
];

function nodes(): NodeInfo[] {
  return Array.from({ length: 240 }, (_, i) =>
    makeNodeInfo(
      freeze(
        makeNode(`n-${String(i).padStart(3, '0')}`, {
          cpu: `${2 + (i % 5)}`,
          memory: `${4 + (i % 3) * 4}Gi`,
        }),
        true,
      ),
      [],
    ),
  );
}

describe.each(RULES)('a resource score plugin with the rule "%s"', (_name, rule) => {
  for (const useRequested of [false, true]) {
    it(`scores every feasible node by that rule on both paths (${useRequested ? 'requests' : 'non-zero requests'})`, () => {
      const plugin: ScorePlugin = resourceScorePlugin('Custom', 1, RESOURCES, useRequested, rule, (c) =>
        useRequested ? c.podRequests : c.podNonZeroRequests,
      );
      const profile: Profile = {
        schedulerName: 'custom',
        filters: [nodeResourcesFitFilter],
        scorers: [plugin],
      };
      const table = new NodeTable(nodes());
      const state = freeze(makeState([]), true);
      const rng = new Rng(seedState(3));
      let start = 0;
      let checked = 0;
      for (let p = 0; p < 400; p++) {
        const pod = freeze(
          makePod(`p${p}`, { cpu: `${100 + (p % 4) * 150}m`, memory: `${256 + (p % 3) * 128}Mi` }),
          true,
        );
        const fast = schedulePod(makeCycle(state, pod, table.infos, table), profile, () => rng.next(), {
          startIndex: start,
        });
        const slow = schedulePod(makeCycle(state, pod, table.infos), profile, () => 0.5, {
          startIndex: start,
          fastPaths: false,
        });
        // Every feasible node's recorded score is the rule on that node's amounts.
        const cycle = makeCycle(state, pod, table.infos);
        const request = useRequested ? cycle.podRequests : cycle.podNonZeroRequests;
        for (const node of fast.result.nodes.filter((r) => r.feasible && 'Custom' in r.scores)) {
          const info = table.infos.find((n) => n.name === node.name) as NodeInfo;
          const { requested, allocatable } = allocatableAndRequested(info, request, RESOURCES, useRequested);
          expect(node.scores['Custom'], `${node.name} for ${pod.metadata.name}`).toBe(
            rule(requested, allocatable),
          );
          checked++;
        }
        expect(JSON.stringify(fast.result.nodes)).toBe(JSON.stringify(slow.result.nodes));
        start = fast.nextStartIndex;
        if (fast.selectedIndex >= 0)
          table.set(
            fast.selectedIndex,
            withPod(table.infos[fast.selectedIndex] as NodeInfo, pod, table.memo),
            pod,
          );
      }
      expect(checked).toBeGreaterThan(10_000);
    });
  }
});
