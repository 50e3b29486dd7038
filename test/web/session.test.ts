import { describe, expect, it } from 'vitest';
import {
  commandEntry,
  decodeCommand,
  decodeSession,
  describeCommand,
  encodeCommand,
  encodeSession,
  type LabCommand,
} from '../../web/session';

const commands: LabCommand[] = [
  { at: 10_000, verb: 'crash', pod: 'default/tooling-6fbb99c99-9mxfj', container: 'tooling' },
  { at: 20_000, verb: 'deletePod', pod: 'shop/web.v2-abc' },
  { at: 25_000, verb: 'crash', pod: 'default/tooling_web.1.j1i8m1vjyv', container: 'web' },
  { at: 30_000, verb: 'failNode', node: 'node-1' },
  { at: 40_000, verb: 'recoverNode', node: 'node-1' },
  { at: 50_000, verb: 'cordon', node: 'node-2' },
  { at: 60_000, verb: 'uncordon', node: 'node-2' },
  { at: 70_000, verb: 'drain', node: 'node-2' },
  { at: 80_000, verb: 'scale', deployment: 'default/tooling', replicas: 3 },
];

describe('session URL', () => {
  it.each(commands)('round-trips $verb', (c) => {
    expect(decodeCommand(encodeCommand(c))).toEqual(c);
  });

  it('encodes a readable hash and decodes it back', () => {
    const session = { scenario: 'node-dies-fast', seed: 9, t: 45_000, commands };
    const hash = encodeSession(session);
    expect(hash).toMatch(
      /^node-dies-fast\?seed=9&t=45000&do=10000~crash~default\/tooling-6fbb99c99-9mxfj~tooling&/,
    );
    expect(decodeSession(`#${hash}`)).toEqual({ session, problems: [] });
  });

  it('reads the old form (just a scenario name) and leaves out defaults', () => {
    expect(decodeSession('#node-dies')).toEqual({
      session: { scenario: 'node-dies', t: 0, commands: [] },
      problems: [],
    });
    expect(encodeSession({ scenario: 'node-dies', t: 0, commands: [] })).toBe('node-dies');
  });

  it('reports bad parts and keeps the good ones, commands in time order', () => {
    const { session, problems } = decodeSession(
      '#cordon-drain?seed=x&t=-5&do=9~cordon~node-1&do=5~explode~node-1&do=1~failNode~node-2&do=3~scale~default/web~many&do=2~crash~nopod~c',
    );
    expect(session).toEqual({
      scenario: 'cordon-drain',
      t: 0,
      commands: [
        { at: 1, verb: 'failNode', node: 'node-2' },
        { at: 9, verb: 'cordon', node: 'node-1' },
      ],
    });
    expect(problems).toEqual([
      'seed "x" is not a whole number from 0 to 4294967295',
      't "-5" is not whole milliseconds',
      'command "5~explode~node-1": unknown verb "explode"',
      'command "3~scale~default/web~many": scale needs a deployment and a replica count',
      'command "2~crash~nopod~c": "nopod" is not namespace/name',
    ]);
  });

  it('rejects names that are not Kubernetes names (no markup gets through)', () => {
    expect(() => decodeCommand('1~failNode~<img src=x>')).toThrow(/not a valid name/);
    expect(() => decodeCommand('1~failNode~node-1~extra')).toThrow(/too many fields/);
  });
});

describe('commands as timeline entries', () => {
  it('turns each command into the timeline entry a scenario file would hold', () => {
    expect(commandEntry(commands[0] as LabCommand, 0, 2)).toEqual({
      at: 10_000,
      index: 2,
      source: { file: 'lab', line: 1, column: 1 },
      action: 'crashContainer',
      namespace: 'default',
      target: { by: 'name', name: 'tooling-6fbb99c99-9mxfj' },
      container: 'tooling',
      exitCode: 1,
    });
    expect(commandEntry(commands[8] as LabCommand, 1, 0)).toMatchObject({
      action: 'scale',
      namespace: 'default',
      deployment: 'tooling',
      replicas: 3,
      index: 1,
    });
    expect(commandEntry(commands[3] as LabCommand, 0, 0)).toMatchObject({
      action: 'failNode',
      node: 'node-1',
    });
  });

  it('describes commands as kubectl would say them', () => {
    expect(commands.map((c) => describeCommand(c))).toEqual([
      'kill container tooling of pod tooling-6fbb99c99-9mxfj',
      'kubectl delete pod shop/web.v2-abc',
      'kill container web of pod tooling_web.1.j1i8m1vjyv',
      'node-1 loses power',
      'node-1 boots again',
      'kubectl cordon node-2',
      'kubectl uncordon node-2',
      'kubectl drain node-2',
      'kubectl scale deployment tooling --replicas=3',
    ]);
  });

  it('describes them as docker would under compose and swarm', () => {
    const node = (verb: 'cordon' | 'uncordon' | 'drain') => ({ at: 0, verb, node: 'host-2' }) as LabCommand;
    expect(describeCommand({ at: 0, verb: 'deletePod', pod: 'default/tooling-db-1' }, 'compose')).toBe(
      'docker stop tooling-db-1, then docker rm tooling-db-1',
    );
    expect(['cordon', 'uncordon', 'drain'].map((v) => describeCommand(node(v as 'cordon'), 'swarm'))).toEqual(
      [
        'docker node update --availability pause host-2',
        'docker node update --availability active host-2',
        'docker node update --availability drain host-2',
      ],
    );
  });
});

describe('a session as a scenario file', () => {
  it('appends the commands to the timeline, and the run replays them the same way', async () => {
    const { readFileSync } = await import('node:fs');
    const { scenarioWithCommands } = await import('../../web/scenarioExport');
    const { prepareRun } = await import('../../web/labRun');
    const path = 'scenarios/node-dies-fast.yaml';
    const text = readFileSync(path, 'utf8');
    const base = prepareRun(text, path);
    if (!base.ok) throw new Error(base.error);
    const pod = String(
      (base.run.trace.find((r) => r.type === 'schedule') as { pod?: string } | undefined)?.pod,
    );
    const cmds: LabCommand[] = [
      { at: 12_000, verb: 'cordon', node: 'node-2' },
      { at: 10_000, verb: 'crash', pod, container: pod.includes('mysql') ? 'mysql' : 'tooling' },
    ].sort((a, b) => a.at - b.at) as LabCommand[];
    const exported = scenarioWithCommands(text, 7, cmds);
    expect(exported).toContain('# yaml-language-server');
    expect(exported).toMatch(/seed: 7\n/);
    expect(exported).toContain('{ at: 12000ms, action: cordon, node: node-2 }');
    const lab = prepareRun(text, path, { seed: 7, commands: cmds });
    expect(lab.ok && lab.run.trace.some((r) => r.type === 'actionSkipped')).toBe(false);
    const file = prepareRun(exported, path);
    if (!lab.ok || !file.ok) throw new Error('did not run');
    expect(JSON.stringify(file.run.trace)).toBe(JSON.stringify(lab.run.trace));
  });
});
