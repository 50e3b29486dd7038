/** `flotilla services`, `service-ps` and `nodes` print Docker's tables for a swarm scenario. */
import { describe, expect, it } from 'vitest';
import { currentState, humanDuration, tabwrite } from '../../src/cli/swarm';
import type { SwarmTask } from '../../src/model/swarm';
import { cli } from '../cli/runCli';

describe('swarm tables', () => {
  it('docker service ls', async () => {
    const r = await cli(['services', 'scenarios/swarm-node-dies.yaml', '--at', '100s']);
    expect(r.code).toBe(0);
    const lines = r.out.trimEnd().split('\n');
    expect(lines[0]).toBe('ID             NAME          MODE         REPLICAS   IMAGE            PORTS');
    expect(lines[1]).toMatch(/^[0-9a-z]{12} {3}tooling_db {4}replicated {3}1\/1 {8}mysql:5\.7$/);
    expect(lines[2]).toMatch(/ {3}tooling_web {3}replicated {3}2\/2 {8}tooling:latest {3}\*:5000->80\/tcp$/);
  });

  it('docker service ps: the replaced task under its slot', async () => {
    const r = await cli(['service-ps', 'scenarios/swarm-node-dies.yaml', 'web', '--at', '100s']);
    expect(r.code).toBe(0);
    const lines = r.out.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^ID +NAME +IMAGE +NODE +DESIRED STATE +CURRENT STATE +ERROR +PORTS$/);
    expect(lines[2]).toMatch(/ tooling_web\.2 +tooling:latest +node-2 +Running +Running \d+ seconds ago$/);
    expect(lines[3]).toMatch(
      / {2}\\_ tooling_web\.2 +tooling:latest +node-3 +Shutdown +Running about a minute ago$/,
    );
  });

  it.each(['nodes', 'services'])("%s without a leader answers Docker's error", async (table) => {
    // swarm-quorum-loss: node-2 and node-3 die at 60 s, one manager of three is left.
    const r = await cli([table, 'scenarios/swarm-quorum-loss.yaml', '--at', '2m']);
    expect(r.code).toBe(1);
    expect(r.out).toBe('');
    expect(r.err).toMatch(/^Error response from daemon: rpc error: .*The swarm does not have a leader/);
  });

  it('docker node ls at the end of the quorum story', async () => {
    const r = await cli(['nodes', 'scenarios/swarm-quorum-loss.yaml']);
    expect(r.code).toBe(0);
    const lines = r.out.trimEnd().split('\n');
    expect(lines[0]).toBe(
      'ID                            HOSTNAME   STATUS    AVAILABILITY   MANAGER STATUS   ENGINE VERSION',
    );
    expect(lines.slice(1).map((l) => l.replace(/^[0-9a-z]{25}( \*)? +/, ''))).toEqual([
      'node-1     Ready     Active         Leader           27.5.1',
      'node-2     Ready     Active         Reachable        27.5.1',
      'node-3     Down      Active         Unreachable      27.5.1',
    ]);
  });

  it('refuses a scenario that is not a swarm', async () => {
    const r = await cli(['services', 'scenarios/node-dies.yaml']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/not a swarm/);
  });

  it.each([
    [500, 'Less than a second'],
    [1000, '1 second'],
    [59_000, '59 seconds'],
    [60_000, 'About a minute'],
    [119_000, 'About a minute'],
    [120_000, '2 minutes'],
    [3_600_000, 'About an hour'],
    [7_200_000, '2 hours'],
  ])('HumanDuration(%i ms) = %s', (ms, want) => {
    expect(humanDuration(ms)).toBe(want);
  });

  it('CURRENT STATE and the tabwriter', () => {
    const t = { state: 'running', since: 0 } as SwarmTask;
    expect(currentState(t, 150_000)).toBe('Running 2 minutes ago');
    expect(
      tabwrite([
        ['A', 'B'],
        ['longer-cell', 'x'],
      ]),
    ).toBe(`A${' '.repeat(13)}B\nlonger-cell   x`);
  });
});
