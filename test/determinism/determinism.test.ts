/**
 * Determinism: the same scenario and seed give byte-identical output; the story of node-dies does
 * not hang on the seed; seeking backward and forward lands on exactly the state a straight run has
 * at that time.
 */
import { describe, expect, it } from 'vitest';
import type { TraceRecord } from '../../src/engine/trace';
import { runScenario } from '../../src/scenario';
import { cli } from '../cli/runCli';
import { assignedNode, eventsOf, loadFile, scenarioFiles } from '../scenarios/scenarioFiles';
import { podsIn } from '../scenarios/pods';

const FILES = scenarioFiles();
const NODE_DIES = FILES.find((f) => f.endsWith('/node-dies.yaml')) as string;

/** NDJSON lines as records (trace records, then expectation and result records). */
type Line = TraceRecord & Record<string, unknown>;
const parseLines = (ndjson: string): Line[] =>
  ndjson
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Line);

describe.each(FILES)('%s', (file) => {
  it('gives byte-equal NDJSON on two runs', async () => {
    const a = await cli(['run', file, '--json']);
    const b = await cli(['run', file, '--json']);
    expect(a.code).toBe(0);
    expect(a.out.length).toBeGreaterThan(1000);
    expect(b.out).toBe(a.out);
    expect(b.err).toBe(a.err);
  });

  it('gives the same trace and state with the journal off (seek bookkeeping changes nothing)', () => {
    const scenario = loadFile(file);
    const journaled = runScenario(scenario);
    const plain = runScenario(scenario, { journal: false });
    expect(JSON.stringify(plain.sim.trace)).toBe(JSON.stringify(journaled.sim.trace));
    expect(JSON.stringify(plain.sim.state)).toBe(JSON.stringify(journaled.sim.state));
  });
});

describe('seeds', () => {
  it('node-dies passes with other seeds (7, 9) too, with other generated pod names', async () => {
    const base = await cli(['run', NODE_DIES, '--json']);
    const names = (out: string) =>
      [...new Set(eventsOf(parseLines(out), 'Scheduled').map((e) => e.object))].sort();
    for (const seed of ['7', '9']) {
      const other = await cli(['run', NODE_DIES, '--json', '--seed', seed]);
      expect(other.code).toBe(0);
      const result = parseLines(other.out).at(-1);
      expect(result).toMatchObject({ type: 'result', seed: Number(seed), passed: 5, failed: 0 });
      expect(names(other.out)).not.toEqual(names(base.out));
      // The same story, apart from names: the same event reasons at the same times.
      const shape = (out: string) =>
        parseLines(out)
          .filter((r) => r.type === 'event')
          .map((r) => `${r.t} ${String(r.reason)} ${String(r.object).replace(/-[a-z0-9]{5}$/, '')}`);
      expect(shape(other.out)).toEqual(shape(base.out));
    }
  });

  /**
   * node-dies does not pin Tooling to node-1: at t=0 both nodes score the same, so kube-scheduler's
   * selectHost breaks the tie at random (seeded). Whatever the seed, the engine's story must follow
   * from where Tooling lands: on node-1 it is evicted and replaced on node-2, on node-2 the failure
   * does not touch it. (Reported: with seeds 3, 4, 6, 8, 10 the scenario's own expectations fail.)
   */
  it.each([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11])(
    'node-dies with seed %i tells the story that follows from the placement',
    (seed) => {
      const run = runScenario(loadFile(NODE_DIES), { seed });
      const trace = run.sim.trace;
      const first = eventsOf(trace, 'Scheduled', 'pod/tooling').find((e) => e.t === 0);
      const home = first === undefined ? undefined : assignedNode(first);
      const evictions = eventsOf(trace, 'TaintManagerEviction', 'pod/tooling');
      const live = podsIn(run.sim.state).filter(
        (p) => p.metadata.labels?.app === 'tooling' && p.metadata.deletionTimestamp === undefined,
      );
      expect(live.map((p) => [p.spec.nodeName, p.status.phase])).toEqual([['node-2', 'Running']]);
      if (home === 'node-1') {
        expect(run.outcomes.every((o) => o.pass)).toBe(true);
        expect(evictions.map((e) => e.t)).toEqual([415_000]);
      } else {
        expect(home).toBe('node-2');
        expect(evictions).toEqual([]);
        expect(live[0]?.metadata.name).toBe(first?.object.replace('pod/', ''));
        // Exactly the expectations that assume Tooling started on node-1 fail.
        expect(run.outcomes.map((o) => o.pass)).toEqual([false, true, false, true, false]);
      }
    },
  );
});
