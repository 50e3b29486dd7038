/** compareMetrics on synthetic traces (the recovery rule) and on real runs (containers, data, person). */
import { describe, expect, it } from 'vitest';
import type { TraceRecord } from '../../src/engine/trace';
import { bootCluster } from '../../src/orchestrators';
import { compareMetrics, STABLE_MS } from '../../src/scenario/compare';
import { compareScenario } from '../../src/scenario/compareRun';
import type { TimelineEntry } from '../../src/scenario';
import { loadFile } from '../scenarios/scenarioFiles';
import { node } from '../helpers/cluster';

const state = bootCluster([node('node-1')], 1);
const failNode = {
  at: 5000,
  action: 'failNode',
  node: 'node-1',
  index: 0,
  source: { file: 'x', line: 1, column: 1 },
} as TimelineEntry;
const recover = { ...failNode, at: 30_000, action: 'recoverNode' } as TimelineEntry;

/** One traffic record per second from 1 s: `shape[i]` is the second's [requests, successes]. */
function trace(shape: [number, number][]): TraceRecord[] {
  return shape.map(([requests, successes], i) => ({
    t: (i + 1) * 1000,
    type: 'traffic',
    flow: 'web',
    requests,
    successes,
  }));
}
const ok: [number, number] = [10, 10];
const down: [number, number] = [10, 0];
const metrics = (
  shape: [number, number][],
  timeline: TimelineEntry[] = [failNode],
  endTime = shape.length * 1000,
) =>
  compareMetrics({
    scenario: {
      name: 's',
      file: 's.yaml',
      orchestrator: 'kubernetes',
      timeline,
      network: {
        flows: [
          {
            name: 'web',
            from: { kind: 'external' },
            to: 'http://x',
            rate: 10,
            calls: [],
            start: 0,
            sample: 0,
          },
        ],
      },
    },
    trace: trace(shape),
    atFailure: state,
    beforePerson: state,
    end: state,
    endTime,
  });

describe('compareMetrics: time until the app answers again', () => {
  it.each([
    {
      name: 'down from the first failed second to the first of 10 clean seconds',
      shape: [...Array(5).fill(ok), ...Array(7).fill(down), ...Array(12).fill(ok)],
      want: { status: 'recovered', firstFailedAt: 6000, recoveredAt: 13000, downMs: 7000 },
    },
    {
      name: 'a clean second inside the outage does not end it',
      shape: [...Array(5).fill(ok), down, down, ok, down, ...Array(12).fill(ok)],
      want: { status: 'recovered', firstFailedAt: 6000, recoveredAt: 10000, downMs: 4000 },
    },
    {
      name: 'a second with nothing sent is not answering',
      shape: [...Array(5).fill(ok), [0, 0], [0, 0], ...Array(12).fill(ok)],
      want: { status: 'recovered', firstFailedAt: 6000, recoveredAt: 8000, downMs: 2000 },
    },
    {
      name: 'never, when it fails to the end',
      shape: [...Array(5).fill(ok), ...Array(10).fill(down)],
      want: { status: 'never', firstFailedAt: 6000, recoveredAt: null, downMs: null },
    },
    {
      name: 'no interruption',
      shape: Array(20).fill(ok),
      want: { status: 'noInterruption', firstFailedAt: null, recoveredAt: null, downMs: null },
    },
  ] as { name: string; shape: [number, number][]; want: object }[])('$name', ({ shape, want }) => {
    expect(metrics(shape).recovery).toEqual(want);
  });

  it('ten clean seconds are enough, even when the flow stops before the run ends', () => {
    const shape = [...Array(5).fill(ok), ...Array(7).fill(down), ...Array(10).fill(ok)];
    expect(metrics(shape, [failNode], 30_000).recovery).toEqual({
      status: 'recovered',
      firstFailedAt: 6000,
      recoveredAt: 13000,
      downMs: 7000,
    });
    const nine = [...Array(5).fill(ok), ...Array(7).fill(down), ...Array(9).fill(ok)];
    expect(metrics(nine, [failNode], 30_000).recovery.status).toBe('never');
  });

  it('counts failed requests from the failure to the end', () => {
    const m = metrics([down, ...Array(4).fill(ok), ...Array(5).fill(down), ...Array(10).fill(ok)]);
    expect(m.requests).toEqual({ sent: 160, failed: 50, percentFailed: 31.3, from: 5000, to: 20000 });
    expect(STABLE_MS).toBe(10_000);
  });

  it('a person acting while the app is down had to act; after it recovered, did not', () => {
    const shape = [...Array(5).fill(ok), ...Array(30).fill(down), ...Array(12).fill(ok)];
    const m = metrics(shape, [failNode, recover]);
    expect(m.person).toEqual({
      acted: true,
      needed: true,
      actions: [{ at: 30000, action: 'recoverNode', target: 'node-1' }],
    });
    const early = [...Array(5).fill(ok), down, ...Array(40).fill(ok)];
    expect(metrics(early, [failNode, recover]).person.needed).toBe(false);
  });

  it('without a failure in the timeline every row is n/a', () => {
    const m = metrics(Array(5).fill(ok), []);
    expect(m.recovery.status).toBe('noFailure');
    expect(m.data.survived).toBe('n/a');
    expect(m.containers.runningAtFailure).toBe(0);
  });
});

describe('compareScenario on the course scenarios', () => {
  it('kubernetes: node-1 dies, MySQL comes back on node-2 with its claim, nobody acts', () => {
    const m = compareScenario(loadFile('scenarios/compose-vs-swarm-vs-kubernetes/kubernetes.yaml'));
    expect(m.failure).toEqual({ at: 60000, action: 'failNode', target: 'node-1' });
    expect(m.flow).toBe('visitors');
    expect(m.recovery.status).toBe('recovered');
    expect(m.recovery.firstFailedAt).toBe(60000);
    // 50 s grace + 300 s toleration, then the image pull and start of MySQL on node-2.
    expect(m.recovery.downMs).toBeGreaterThan(350_000);
    expect(m.recovery.downMs).toBeLessThan(420_000);
    expect(m.containers).toMatchObject({
      runningAtFailure: 3,
      lost: 0,
      workloads: [
        { workload: 'deployment/mysql', atFailure: 1, back: 1 },
        { workload: 'deployment/tooling', atFailure: 2, back: 2 },
      ],
    });
    expect(m.data.survived).toBe('yes');
    expect(m.data.volumes).toMatchObject([
      { workload: 'deployment/mysql', volume: 'pvc/mysql-data', scope: 'claim', kept: true },
    ]);
    expect(m.person).toEqual({ acted: false, needed: false, actions: [] });
  });

  it('a crash loop that never ends loses the container', () => {
    const m = compareScenario(loadFile('scenarios/container-dies.yaml'));
    expect(m.containers.lost).toBe(1);
    expect(m.recovery.status).toBe('noTraffic');
  });
});
