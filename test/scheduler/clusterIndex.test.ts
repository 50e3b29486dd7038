import { describe, expect, it } from 'vitest';
import type { Pod } from '../../src/model/objects';
import { makeNodeInfo, withPod } from '../../src/scheduler/nodeInfo';
import { NodeTable } from '../../src/scheduler/nodeTable';
import { topologyCounts } from '../../src/scheduler/plugins/clusterIndex';
import { makeNode, runningPod } from './fixtures';

/*
 * The topology counts kept beside a node table (plugins/clusterIndex.ts) must equal a count over
 * the table's pods whatever happened before: updates, and the eviction of counts nobody asked for
 * lately (a rollout's pod-template-hash makes new selectors all the time).
 */

const ZONE = 'topology.kubernetes.io/zone';
const nodes = ['z1', 'z1', 'z2'].map((zone, i) =>
  makeNode(`n${i}`, { cpu: '8', memory: '16Gi' }, { labels: { [ZONE]: zone } }),
);
const pod = (name: string, node: string, rev: string) =>
  runningPod(name, node, { cpu: '100m' }, { labels: { app: 'web', rev } });

/** The pods with label rev=`rev`, per zone, counted from scratch. */
function expected(table: NodeTable, rev: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const info of table.infos) {
    const zone = info.node.metadata.labels?.[ZONE] as string;
    const n = info.pods.filter((p) => p.metadata.labels?.rev === rev).length;
    if (n > 0) out.set(zone, (out.get(zone) ?? 0) + n);
  }
  return out;
}

const revCounts = (table: NodeTable, rev: string) =>
  countsOf(table, `rev ${rev}`, { matchLabels: { rev } }, ZONE, (p: Pod) => p.metadata.labels?.rev === rev);

/** topologyCounts' map, after checking its per-node view agrees with it. */
function countsOf(...args: Parameters<typeof topologyCounts>): ReadonlyMap<string, number> {
  const [table, , , key] = args;
  const counts = topologyCounts(...args);
  const perNode = Array.from(counts.perNode());
  expect(perNode).toEqual(
    table.infos.map((info) => counts.values.get(info.node.metadata.labels?.[key] as string) ?? 0),
  );
  return counts.values;
}

describe('topologyCounts', () => {
  it('follows binds, and a count evicted among hundreds of selectors comes back right', () => {
    const table = new NodeTable(nodes.map((n) => makeNodeInfo(n, [])));
    const bind = (i: number, p: Pod) => table.set(i, withPod(table.infos[i]!, p));
    bind(0, pod('a', 'n0', 'r0'));
    bind(2, pod('b', 'n2', 'r0'));
    expect(new Map(revCounts(table, 'r0'))).toEqual(expected(table, 'r0'));
    bind(1, pod('c', 'n1', 'r0'));
    expect(new Map(revCounts(table, 'r0'))).toEqual(
      new Map([
        ['z1', 2],
        ['z2', 1],
      ]),
    );
    // 300 other selectors push r0 out (at most 256 are kept); binds go on meanwhile.
    for (let r = 1; r <= 300; r++) {
      bind(r % 3, pod(`p${r}`, `n${r % 3}`, `r${r}`));
      expect(new Map(revCounts(table, `r${r}`))).toEqual(expected(table, `r${r}`));
    }
    bind(2, pod('d', 'n2', 'r0'));
    expect(new Map(revCounts(table, 'r0'))).toEqual(
      new Map([
        ['z1', 2],
        ['z2', 2],
      ]),
    );
    expect(new Map(revCounts(table, 'r1'))).toEqual(expected(table, 'r1'));
  });
});
