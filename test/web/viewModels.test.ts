import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { TraceRecord } from '../../src/engine/trace';
import type { Pod } from '../../src/model/objects';
import { loadScenario } from '../../src/scenario';
import {
  clusterModel,
  kindCounts,
  podKind,
  replacementLinks,
  type NodeCard,
  type PodItem,
  type PodKind,
} from '../../web/clusterModel';
import { explainTable, type ScheduleRecord } from '../../web/explainModel';
import { prepareRun, refusal } from '../../web/labRun';
import { timelineMarkers } from '../../web/markers';
import { OKABE_ITO, POD_COLOURS, POD_ICONS, POD_SHAPES, POD_WORDS } from '../../web/palette';
import { mapGrid } from '../../web/podMap';
import { decodeRunFile, encodeRunFile, firstDifference } from '../../web/runFile';
import { indexAt, snapshotTimes, stateAt } from '../../web/snapshots';
import { flowLabel } from '../../web/trafficModel';

const KINDS: PodKind[] = ['running', 'starting', 'pending', 'failing', 'terminating', 'unknown', 'done'];

describe('colour and icon mapping', () => {
  it('gives every pod class a colour, an icon and a word, icons all different', () => {
    for (const k of KINDS) {
      expect(POD_COLOURS[k]).toMatch(/^#[0-9a-f]{6}$/);
      expect(POD_ICONS[k]).not.toBe('');
      expect(POD_WORDS[k]).not.toBe('');
    }
    expect(new Set(KINDS.map((k) => POD_ICONS[k])).size).toBe(KINDS.length);
  });

  it('uses only Okabe–Ito colours (and white for an outline)', () => {
    const allowed = new Set<string>([...Object.values(OKABE_ITO), '#ffffff']);
    for (const k of KINDS) expect(allowed.has(POD_COLOURS[k])).toBe(true);
  });

  it('tells the classes that share a hue family apart by shape in the compact map', () => {
    // Failing and terminating are both drawn as crosses: their colours (vermillion, orange) and
    // the card's text counts tell them apart; running is the only filled square.
    expect(KINDS.filter((k) => POD_SHAPES[k] === 'square')).toEqual(['running']);
    expect(POD_SHAPES.pending).toBe('hollow');
  });

  const pod = (phase: string, nodeName?: string) =>
    ({ spec: { containers: [], ...(nodeName ? { nodeName } : {}) }, status: { phase } }) as unknown as Pod;
  it.each([
    { status: 'Running', ready: '1/1', p: pod('Running', 'n'), want: 'running' },
    { status: 'Running', ready: '0/1', p: pod('Running', 'n'), want: 'starting' },
    { status: 'ContainerCreating', ready: '0/1', p: pod('Pending', 'n'), want: 'starting' },
    { status: 'Pending', ready: '0/1', p: pod('Pending'), want: 'pending' },
    { status: 'CrashLoopBackOff', ready: '0/1', p: pod('Running', 'n'), want: 'failing' },
    { status: 'OOMKilled', ready: '0/1', p: pod('Running', 'n'), want: 'failing' },
    { status: 'Terminating', ready: '1/1', p: pod('Running', 'n'), want: 'terminating' },
    { status: 'Unknown', ready: '1/1', p: pod('Running', 'n'), want: 'unknown' },
    { status: 'Completed', ready: '0/1', p: pod('Succeeded', 'n'), want: 'done' },
  ])('$status $ready is $want', ({ status, ready, p, want }) => {
    expect(podKind(p, status, ready)).toBe(want);
  });
});

const item = (over: Partial<PodItem> & { id: string }): PodItem => ({
  key: `default/${over.id}`,
  name: over.id,
  restarts: 0,
  status: 'Running',
  ready: '1/1',
  kind: 'running',
  createdAt: 0,
  ...over,
});
const card = (id: string, pods: PodItem[]): NodeCard => ({
  id,
  name: id,
  isNode: true,
  readiness: 'Ready',
  cordoned: false,
  taints: [],
  machineDown: false,
  usage: [],
  pods,
});

describe('layout helpers', () => {
  it('links a pod being deleted to the replacement its controller made, on another node', () => {
    const cards = [
      card('node-1', [
        item({ id: 'old', owner: 'rs', deletedAt: 50_000, kind: 'terminating' }),
        item({ id: 'other', owner: 'rs2', createdAt: 60_000 }),
      ]),
      card('node-2', [
        item({ id: 'before', owner: 'rs', createdAt: 10_000 }),
        item({ id: 'new', owner: 'rs', createdAt: 50_000 }),
      ]),
    ];
    expect(replacementLinks(cards)).toEqual([
      { id: 'old>new', from: 'old', to: 'new', fromNode: 'node-1', toNode: 'node-2' },
    ]);
  });

  it('counts pods per class in legend order', () => {
    const pods = [item({ id: 'a', kind: 'failing' }), item({ id: 'b' }), item({ id: 'c' })];
    expect(kindCounts(pods)).toEqual([
      { kind: 'running', count: 2 },
      { kind: 'failing', count: 1 },
    ]);
  });

  it.each([
    { n: 30, width: 200, want: { columns: 22, rows: 2 } },
    { n: 0, width: 200, want: { columns: 22, rows: 0 } },
    { n: 5, width: 3, want: { columns: 1, rows: 5 } },
  ])('puts $n pods in a $width px map as $want', ({ n, width, want }) => {
    expect(mapGrid(n, width)).toEqual(want);
  });

  it('keeps a snapshot at 0, each second, each record and the end, and finds the one for a time', () => {
    const trace = [
      { t: 1500, type: 'say' },
      { t: 2000, type: 'x' },
    ] as TraceRecord[];
    const times = snapshotTimes(trace, 3200);
    expect(times).toEqual([0, 1000, 1500, 2000, 3000, 3200]);
    expect([0, 999, 1000, 1499, 1500, 2999, 5000].map((t) => indexAt(times, t))).toEqual([
      0, 0, 1, 1, 2, 3, 5,
    ]);
  });
});

describe('explanation table', () => {
  const record: ScheduleRecord = {
    t: 55_000,
    type: 'schedule',
    pod: 'default/web-1',
    time: 55_000,
    selected: 'node-2',
    nodes: [
      {
        name: 'node-1',
        feasible: false,
        filters: [
          { plugin: 'NodeUnschedulable', code: 'Success' },
          { plugin: 'TaintToleration', code: 'UnschedulableAndUnresolvable', reason: 'untolerated taint' },
        ],
        scores: {},
        total: 0,
      },
      {
        name: 'node-2',
        feasible: true,
        filters: [
          { plugin: 'NodeUnschedulable', code: 'Success' },
          { plugin: 'TaintToleration', code: 'Success' },
          { plugin: 'NodeResourcesFit', code: 'Success' },
        ],
        scores: { NodeResourcesFit: 80, TaintToleration: 100 },
        total: 380,
      },
      {
        name: 'node-3',
        feasible: true,
        filters: [
          { plugin: 'NodeUnschedulable', code: 'Success' },
          { plugin: 'TaintToleration', code: 'Success' },
          { plugin: 'NodeResourcesFit', code: 'Success' },
        ],
        scores: { NodeResourcesFit: 50, TaintToleration: 100 },
        total: 350,
      },
    ],
  } as ScheduleRecord;

  it('has a column per plugin, the winner, and the filter that excluded each loser', () => {
    const trace = [{ ...record, t: 1000, selected: null }, record] as unknown as TraceRecord[];
    const t = explainTable(trace, 'default/web-1', 60_000, (p) => (p === 'TaintToleration' ? 3 : 1));
    expect(t).toMatchObject({
      attempt: 2,
      selected: 'node-2',
      filters: ['NodeUnschedulable', 'TaintToleration', 'NodeResourcesFit'],
      scorers: [
        { name: 'NodeResourcesFit', weight: 1 },
        { name: 'TaintToleration', weight: 3 },
      ],
      tied: [],
    });
    expect(t?.rows.map((r) => [r.node, r.selected, r.verdicts, r.excludedBy, r.scores, r.total])).toEqual([
      [
        'node-1',
        false,
        ['pass', 'fail', 'not run'],
        'TaintToleration: untolerated taint',
        [undefined, undefined],
        undefined,
      ],
      ['node-2', true, ['pass', 'pass', 'pass'], undefined, [80, 100], 380],
      ['node-3', false, ['pass', 'pass', 'pass'], undefined, [50, 100], 350],
    ]);
  });

  it('shows the attempt at the viewed time, or none before it', () => {
    const trace = [record] as unknown as TraceRecord[];
    expect(explainTable(trace, 'default/web-1', 54_999, () => 1)).toBeUndefined();
    expect(explainTable(trace, 'default/other', 60_000, () => 1)).toBeUndefined();
  });
});

describe('timeline markers, saved runs, traffic labels', () => {
  it('marks narration, actions (the user’s apart) and Warning events, one per second', () => {
    const trace = [
      { t: 0, type: 'action', action: 'apply', object: 'deployment/web' },
      { t: 20_000, type: 'say', text: 'node-1 loses power.' },
      { t: 20_000, type: 'action', action: 'failNode', node: 'node-1' },
      { t: 30_000, type: 'action', action: 'crashContainer', pod: 'default/web-1' },
      { t: 45_100, type: 'event', eventType: 'Warning', reason: 'NodeNotReady', object: 'pod/a' },
      { t: 45_900, type: 'event', eventType: 'Warning', reason: 'NodeNotReady', object: 'pod/b' },
      { t: 46_000, type: 'event', eventType: 'Normal', reason: 'Scheduled', object: 'pod/c' },
    ] as TraceRecord[];
    expect(timelineMarkers(trace, new Set([30_000])).map((m) => [m.t, m.kind, m.label])).toEqual([
      [20_000, 'action', 'node fails node-1'],
      [20_000, 'say', 'node-1 loses power.'],
      [30_000, 'command', 'container crashes default/web-1'],
      [45_000, 'warning', 'Warning: NodeNotReady pod/a, NodeNotReady pod/b'],
    ]);
  });

  it('writes and reads a saved run, and finds where two traces differ', () => {
    const trace = [
      { t: 0, type: 'say', text: 'hi' },
      { t: 5, type: 'x' },
    ] as TraceRecord[];
    const text = encodeRunFile(
      {
        path: 'scenarios/a.yaml',
        seed: 3,
        commands: [{ at: 5, verb: 'cordon', node: 'node-1' }],
        text: 'name: a\n',
      },
      trace,
    );
    const run = decodeRunFile(text);
    expect(run).toMatchObject({ path: 'scenarios/a.yaml', seed: 3, text: 'name: a\n' });
    expect(run.commands).toEqual([{ at: 5, verb: 'cordon', node: 'node-1' }]);
    expect(firstDifference(run.trace, trace)).toBeUndefined();
    expect(firstDifference(run.trace, [trace[0] as TraceRecord])).toBe(3);
    expect(() => decodeRunFile('{"type":"other"}')).toThrow(/line 1: type must be "flotilla-lab-run"/);
    expect(() => decodeRunFile(`${text.split('\n')[0]}\nnot json\n`)).toThrow(/line 2: not JSON/);
  });

  it('labels a flow’s second with words and symbols', () => {
    const f = { flow: 'visitors', client: 'external', requests: 20, successes: 15, p99: 3, backends: {} };
    expect(flowLabel({ ...f, failures: [{ cause: 'timeout', count: 5 }] })).toBe(
      'visitors: 20/s ✓ 75% ✗ 5 timeout',
    );
    expect(flowLabel({ ...f, successes: 20, failures: [] })).toBe('visitors: 20/s ✓ 100%');
  });
});

describe('a lab run with the user’s commands (node-dies-fast)', () => {
  const read = (p: string) => readFileSync(p, 'utf8');
  const path = 'scenarios/node-dies-fast.yaml';
  const text = read(path);
  const loaded = loadScenario(path, read);

  it('finds the replacement link mid-story, the pod on node-2 at the end', () => {
    const result = prepareRun(text, path);
    if (!result.ok) throw new Error(result.error);
    const { run } = result;
    const mid = clusterModel(stateAt(run.snapshots, 60_000));
    const links = replacementLinks(mid);
    expect(links).toHaveLength(1);
    expect(links[0]).toMatchObject({ fromNode: 'node-1', toNode: 'node-2' });
    const end = clusterModel(stateAt(run.snapshots, run.end));
    expect(end.find((c) => c.id === 'node-2')?.pods.map((p) => p.name)).toEqual(
      expect.arrayContaining([expect.stringMatching(/^tooling-/)]),
    );
  });

  it('replays the same commands to the same trace, and refuses what cannot apply', () => {
    expect(loaded.ok).toBe(true);
    const first = prepareRun(text, path);
    if (!first.ok) throw new Error(first.error);
    const pod = clusterModel(stateAt(first.run.snapshots, 10_000))
      .flatMap((c) => c.pods)
      .find((p) => p.name.startsWith('tooling-'));
    if (pod === undefined) throw new Error('no tooling pod');
    const commands = [{ at: 10_000, verb: 'crash' as const, pod: pod.key, container: 'tooling' }];
    const a = prepareRun(text, path, { commands });
    const b = prepareRun(text, path, { commands });
    if (!a.ok || !b.ok) throw new Error('run failed');
    expect(JSON.stringify(a.run.trace)).toBe(JSON.stringify(b.run.trace));
    expect(a.run.trace.some((r) => r.type === 'action' && r['action'] === 'crashContainer')).toBe(true);
    expect(refusal(stateAt(a.run.snapshots, 10_000), { ...commands[0], at: 10_000 } as never)).toMatch(
      /is not running, so it cannot crash/,
    );
    expect(
      refusal(stateAt(a.run.snapshots, 10_000), { at: 10_000, verb: 'recoverNode', node: 'node-1' }),
    ).toBe('node node-1 is not down');
  });
});
