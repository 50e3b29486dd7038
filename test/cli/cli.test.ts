/**
 * The `flotilla` command, in-process: exit codes (0 passed, 1 an expectation failed, 2 invalid
 * input), located error messages, and kubectl-like output of get/describe.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runScenario } from '../../src/scenario';
import { loadFile, scenarioFiles } from '../scenarios/scenarioFiles';
import { cli, locate } from './runCli';
import { podsIn } from '../scenarios/pods';

const FILES = scenarioFiles();
const NODE_DIES = FILES.find((f) => f.endsWith('/node-dies.yaml')) as string;
const fixture = (name: string) =>
  relative(process.cwd(), join(fileURLToPath(new URL('./fixtures/', import.meta.url)), name));

/** Splits a kubectl table into rows of cells (columns are separated by two or more spaces). */
const table = (text: string) =>
  text
    .trimEnd()
    .split('\n')
    .map((l) => l.trim().split(/\s{2,}/));

describe('flotilla run', () => {
  it.each(FILES)('%s exits 0 and reports every expectation passed', async (file) => {
    const n = loadFile(file).expectations.length;
    const r = await cli(['run', file]);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toContain(`${n} passed, 0 failed`);
    expect(r.out.match(/^ {2}PASS /gm)).toHaveLength(n);
    expect(r.out).not.toMatch(/^ {2}FAIL /m);
  });

  it('exits 1 when an expectation fails, naming it and where it is written', async () => {
    const file = fixture('failing-expectation.yaml');
    const text = readFileSync(file, 'utf8');
    const r = await cli(['run', file]);
    expect(r.code).toBe(1);
    expect(r.out).toContain('1 passed, 1 failed');
    expect(r.out).toMatch(/^ {2}FAIL {2}at 40s {2}three pods \(there are only two\)$/m);
    // Located at the expectation's list item (the loader's position, checked against the text).
    const { line, column } = loadFile(file).expectations[1]?.source ?? { line: 0, column: 0 };
    expect(text.split('\n')[line - 1]?.slice(column - 1)).toMatch(/^\{/);
    expect(text.split('\n')[line]).toContain('at: 40s');
    expect(r.out).toContain(`expected 3 pods app=web Running, found 2 (at 40s)  (${file}:${line}:${column})`);
    const json = await cli(['run', file, '--json']);
    expect(json.code).toBe(1);
    const lines = json.out
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.filter((l) => l.type === 'expectation').map((l) => l.pass)).toEqual([true, false]);
    expect(lines.at(-1)).toMatchObject({
      type: 'result',
      scenario: 'failing-expectation',
      passed: 1,
      failed: 1,
    });
  });

  it('exits 0 for a passing fixture of its own', async () => {
    const r = await cli(['run', fixture('base-ok.yaml')]);
    expect(r.code).toBe(0);
    expect(r.out).toContain('1 passed, 0 failed');
  });

  it('exits 1 when --until stops the run before the expectations are decided', async () => {
    const r = await cli(['run', NODE_DIES, '--until', '30s']);
    expect(r.code).toBe(1);
    expect(r.out).toContain('not checked: the run stopped at 30s, before its window');
  });

  it('--json prints NDJSON: every line parses and has a numeric t and a type, times never decrease in the trace', async () => {
    for (const file of FILES) {
      const r = await cli(['run', file, '--json']);
      expect(r.code).toBe(0);
      const lines = r.out.trim().split('\n');
      expect(lines.length).toBeGreaterThan(10);
      const records = lines.map((l) => JSON.parse(l) as { t: unknown; type: unknown });
      for (const rec of records) {
        expect(typeof rec.t).toBe('number');
        expect(typeof rec.type).toBe('string');
      }
      const trace = records
        .filter((x) => x.type !== 'expectation' && x.type !== 'result')
        .map((x) => x.t as number);
      expect(trace).toEqual([...trace].sort((a, b) => a - b));
      expect(records.at(-1)).toMatchObject({ type: 'result', failed: 0 });
      expect(records.filter((x) => x.type === 'expectation')).toHaveLength(
        loadFile(file).expectations.length,
      );
    }
  });
});

/** Invalid input: exit 2, nothing printed on stdout (nothing ran), and a message at file:line:col naming the field. */
describe('invalid input', () => {
  const cases: { name: string; file: string; after: string; token: string; field: string; says: string }[] = [
    {
      name: 'an unknown top-level field',
      file: 'unknown-top-level.yaml',
      after: '\n',
      token: 'replicaz',
      field: 'replicaz',
      says: 'unknown field "replicaz"',
    },
    {
      name: 'an unknown kind',
      file: 'unknown-kind.yaml',
      after: 'kind: ',
      token: 'Widget',
      field: 'apply[0].kind',
      says: 'unsupported kind "Widget"',
    },
    {
      name: 'negative replicas',
      file: 'negative-replicas.yaml',
      after: 'replicas: ',
      token: '-1',
      field: 'apply[0].spec.replicas',
      says: 'Invalid value: -1: must be greater than or equal to 0',
    },
    {
      name: 'an invalid quantity',
      file: 'invalid-quantity.yaml',
      after: 'cpu: ',
      token: '2 cores',
      field: 'apply[0].spec.containers[0].resources.requests.cpu',
      says: 'invalid quantity "2 cores"',
    },
    {
      name: 'an action naming an unknown node',
      file: 'unknown-node.yaml',
      after: 'node: ',
      token: 'node-9',
      field: 'timeline[0].node',
      says: 'unknown node "node-9" (expected one of: node-1)',
    },
    {
      name: 'an action naming an unknown pod',
      file: 'unknown-pod.yaml',
      after: 'pod: ',
      token: 'ghost',
      field: 'timeline[0].pod',
      says: 'no pod "ghost"',
    },
    {
      name: 'an action naming an unknown deployment',
      file: 'unknown-deployment.yaml',
      after: 'deployment: ',
      token: 'ghost',
      field: 'timeline[0].deployment',
      says: 'unknown deployment "ghost"',
    },
    {
      name: 'a negative time',
      file: 'negative-time.yaml',
      after: 'at: ',
      token: '-5s',
      field: 'timeline[0].at',
      says: 'negative duration "-5s"',
    },
  ];

  it.each(cases)(
    '$name: exit 2 with file:line:col and the field',
    async ({ file, after, token, field, says }) => {
      const path = fixture(file);
      const where = `${path}:${locate(readFileSync(path, 'utf8'), after, token)}`;
      for (const command of [
        ['run', path],
        ['check', path],
        ['get', 'pods', path],
      ]) {
        const r = await cli(command);
        expect(r.code, command.join(' ')).toBe(2);
        expect(r.out).toBe('');
        const first = r.err.split('\n')[0] as string;
        expect(first.startsWith(`${where}: ${field}: `), first).toBe(true);
        expect(first).toContain(says);
      }
    },
  );

  it('malformed YAML: exit 2 with the parser position', async () => {
    // Written at run time: a malformed file in the repository would break `prettier --check .`.
    const dir = mkdtempSync(join(tmpdir(), 'flotilla-cli-'));
    const path = join(dir, 'malformed.yaml');
    writeFileSync(
      path,
      'name: malformed\nnodes:\n  - { name: node-1, capacity: { cpu: "2", memory: 4Gi }\napply: []\n',
    );
    try {
      const r = await cli(['run', path]);
      expect(r.code).toBe(2);
      expect(r.out).toBe('');
      // The flow map opened on line 3 is not closed; the parser notices at the next key.
      expect(r.err.startsWith(`${path}:4:1: `), r.err).toBe(true);
      expect(r.err).toContain('end with a }');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a missing file: exit 2 naming the file', async () => {
    const r = await cli(['run', 'scenarios/does-not-exist.yaml']);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toMatch(/^scenarios\/does-not-exist\.yaml:1:1: cannot read scenario file: ENOENT/);
  });

  it.each([
    {
      args: ['run', 'NODE_DIES', '--seed', 'abc'],
      says: 'flotilla run: --seed: expected a whole number from 0 to 4294967295, got "abc"',
    },
    { args: ['run', 'NODE_DIES', '--seed', '-1'], says: 'flotilla run:' },
    { args: ['run', 'NODE_DIES', '--seed', '4294967296'], says: '--seed: expected a whole number' },
    {
      args: ['run', 'NODE_DIES', '--until', 'later'],
      says: 'flotilla run: --until: invalid duration "later"',
    },
    { args: ['run', 'NODE_DIES', '--sed', '1'], says: "Unknown option '--sed'" },
    { args: ['run'], says: 'flotilla run: expected a scenario file, got none' },
    {
      args: ['get', 'pods', 'NODE_DIES', '--at', 'soon'],
      says: 'flotilla get: --at: invalid duration "soon"',
    },
    { args: ['get', 'pods', 'NODE_DIES', '--at=-5s'], says: 'flotilla get: --at: negative duration "-5s"' },
    {
      args: ['get', 'pods', 'NODE_DIES', '-o', 'xml'],
      says: 'flotilla get: -o: expected wide, json or yaml, got "xml"',
    },
    {
      args: ['get', 'widgets', 'NODE_DIES'],
      says: 'expected a resource (pods, nodes, deployments, replicasets, events, services, endpointslices), got "widgets"',
    },
    { args: ['describe', 'deployment', 'x', 'NODE_DIES'], says: 'expected "pod NAME" or "node NAME"' },
    { args: ['frobnicate'], says: 'flotilla: unknown command "frobnicate"' },
  ])('usage error $args: exit 2, stdout empty', async ({ args, says }) => {
    const r = await cli(args.map((a) => (a === 'NODE_DIES' ? NODE_DIES : a)));
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toContain(says);
  });
});

describe('flotilla check', () => {
  it.each(FILES)('%s: ok, with what it holds', async (file) => {
    const s = loadFile(file);
    const r = await cli(['check', file]);
    expect(r.code).toBe(0);
    expect(r.err).toBe('');
    expect(r.out.trim()).toBe(
      `${file}: ok (${s.nodes.length} nodes, ${s.objects.length} objects, ${s.timeline.length} timeline entries, ${s.expectations.length} expectations)`,
    );
  });
});

describe('flotilla get and describe', () => {
  it('get pods --at 30s prints a kubectl table with the Running pods', async () => {
    const r = await cli(['get', 'pods', NODE_DIES, '--at', '30s']);
    expect(r.code).toBe(0);
    const [header, ...rows] = table(r.out);
    expect(header).toEqual(['NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE']);
    const state = runScenario(loadFile(NODE_DIES), { until: 30_000 }).sim.state;
    const names = podsIn(state)
      .map((p) => p.metadata.name)
      .sort();
    expect(rows.map((row) => row[0])).toEqual(names);
    for (const row of rows) expect(row.slice(1)).toEqual(['1/1', 'Running', '0', '30s']);
  });

  it('get pods -o json parses as a kind List of Pods', async () => {
    const r = await cli(['get', 'pods', NODE_DIES, '--at', '30s', '-o', 'json']);
    expect(r.code).toBe(0);
    const list = JSON.parse(r.out) as {
      apiVersion: string;
      kind: string;
      items: { kind: string; spec: { nodeName: string }; status: { phase: string } }[];
    };
    expect(list.kind).toBe('List');
    expect(list.apiVersion).toBe('v1');
    expect(list.items.map((p) => [p.kind, p.status.phase])).toEqual([
      ['Pod', 'Running'],
      ['Pod', 'Running'],
    ]);
    expect(list.items.map((p) => p.spec.nodeName).sort()).toEqual(['node-1', 'node-2']);
  });

  it('get nodes --at 2m on node-dies shows node-1 NotReady and node-2 Ready', async () => {
    const r = await cli(['get', 'nodes', NODE_DIES, '--at', '2m']);
    expect(r.code).toBe(0);
    const [header, ...rows] = table(r.out);
    expect(header).toEqual(['NAME', 'STATUS', 'ROLES', 'AGE', 'VERSION']);
    expect(rows.map((row) => row.slice(0, 2))).toEqual([
      ['node-1', 'NotReady'],
      ['node-2', 'Ready'],
    ]);
    // Before the grace period has passed node-1 still looks Ready.
    const early = await cli(['get', 'nodes', NODE_DIES, '--at', '1m50s']);
    expect(table(early.out).map((row) => row[1])).toEqual(['STATUS', 'Ready', 'Ready']);
  });

  it('get events lists what happened, oldest first, with LAST SEEN as an age', async () => {
    const r = await cli(['get', 'events', NODE_DIES, '--at', '7m']);
    expect(r.code).toBe(0);
    const [header, ...rows] = table(r.out);
    expect(header).toEqual(['LAST SEEN', 'TYPE', 'REASON', 'OBJECT', 'MESSAGE']);
    const reasons = rows.map((row) => row[2]);
    expect(reasons).toContain('NodeNotReady');
    expect(reasons.indexOf('TaintManagerEviction')).toBeGreaterThan(reasons.indexOf('NodeNotReady'));
    // Evicted at 6m55s: seen 5s before 7m.
    expect(rows.find((row) => row[2] === 'TaintManagerEviction')?.slice(0, 2)).toEqual(['5s', 'Normal']);
  });

  it('describe pod shows the node, the Terminating status and the eviction event', async () => {
    const state = runScenario(loadFile(NODE_DIES), { until: 60_000 }).sim.state;
    const tooling = podsIn(state).find((p) => p.metadata.labels?.app === 'tooling');
    const name = tooling?.metadata.name as string;
    const r = await cli(['describe', 'pod', name, NODE_DIES, '--at', '7m']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(new RegExp(`^Name:\\s+${name}$`, 'm'));
    expect(r.out).toMatch(/^Node:\s+node-1\/192\.168\.0\.11$/m);
    expect(r.out).toMatch(/^Status:\s+Terminating/m);
    expect(r.out).toMatch(/^Tolerations:\s+node\.kubernetes\.io\/not-ready:NoExecute op=Exists for 300s$/m);
    expect(r.out).toMatch(
      /^\s+Normal\s+TaintManagerEviction\s+5s\s+taint-eviction-controller\s+Marking for deletion Pod default\//m,
    );
  });

  it('describe node shows the unreachable taints', async () => {
    const r = await cli(['describe', 'node', 'node-1', NODE_DIES, '--at', '7m']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^Taints:\s+node\.kubernetes\.io\/unreachable:NoExecute$/m);
    expect(r.out).toMatch(/^\s+Ready\s+Unknown\s/m);
  });

  it('get refuses an invalid scenario without printing a table', async () => {
    const r = await cli(['get', 'nodes', fixture('unknown-kind.yaml')]);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
  });
});

describe('kubectl-like streams for "not found"', () => {
  it('describe of a missing pod prints NotFound on stderr and exits 1', async () => {
    const r = await cli(['describe', 'pod', 'nope', 'scenarios/node-dies.yaml', '--at', '10s']);
    expect(r.code).toBe(1);
    expect(r.out).toBe('');
    expect(r.err).toContain('Error from server (NotFound)');
  });
  it('get of an empty namespace prints "No resources found" on stderr and exits 0', async () => {
    const r = await cli(['get', 'pods', 'scenarios/node-dies.yaml', '--at', '10s', '-n', 'kube-public']);
    expect(r.code).toBe(0);
    expect(r.out).toBe('');
    expect(r.err).toContain('No resources found in kube-public namespace.');
  });
});
