/** `flotilla ps`: docker compose ps's table, Docker's status words and go-units durations. */
import { describe, expect, it } from 'vitest';
import { ellipsis, humanDuration } from '../../src/orchestrators/compose/ps';
import { cli } from '../cli/runCli';

describe('humanDuration (go-units)', () => {
  it.each([
    [500, 'Less than a second'],
    [1_000, '1 second'],
    [59_999, '59 seconds'],
    [60_000, 'About a minute'],
    [119_999, 'About a minute'],
    [120_000, '2 minutes'],
    [59 * 60_000, '59 minutes'],
    [60 * 60_000, 'About an hour'],
    [89 * 60_000, 'About an hour'],
    [90 * 60_000, '2 hours'],
    [47 * 3_600_000, '47 hours'],
    [48 * 3_600_000, '2 days'],
    [14 * 24 * 3_600_000, '2 weeks'],
    [60 * 24 * 3_600_000, '2 months'],
    [730 * 24 * 3_600_000, '2 years'],
  ])('%i ms: %s', (ms, want) => {
    expect(humanDuration(ms)).toBe(want);
  });
});

it('ellipsis cuts to 20 characters with …', () => {
  expect(ellipsis('docker-entrypoint.sh mysqld', 20)).toBe('docker-entrypoint.s…');
  expect(ellipsis('nginx', 20)).toBe('nginx');
});

describe('flotilla ps', () => {
  const file = 'scenarios/compose-host-dies.yaml';

  it('prints the project as docker compose ps does', async () => {
    const r = await cli(['ps', file, '--at', '1m']);
    expect(r.code).toBe(0);
    expect(r.out).toBe(
      [
        'NAME            IMAGE            COMMAND                  SERVICE   CREATED          STATUS                    PORTS',
        'tooling-db-1    mysql:5.7        "docker-entrypoint.s…"   db        55 seconds ago   Up 54 seconds (healthy)   3306/tcp',
        'tooling-web-1   tooling:latest   ""                       web       55 seconds ago   Up 33 seconds             0.0.0.0:5000->80/tcp',
        '',
      ].join('\n'),
    );
  });

  it('cannot reach the daemon of a host that is down', async () => {
    const r = await cli(['ps', file, '--at', '4m']);
    expect(r.out).toBe(
      'Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?\n',
    );
  });

  it('shows the containers the daemon started again at boot, health starting', async () => {
    const r = await cli(['ps', file, '--at', '5m']);
    expect(r.out.split('\n').map((l) => l.replace(/ {2,}/g, ' | '))).toEqual([
      'NAME | IMAGE | COMMAND | SERVICE | CREATED | STATUS | PORTS',
      'tooling-db-1 | mysql:5.7 | "docker-entrypoint.s…" | db | 4 minutes ago | Up 9 seconds (health: starting) | 3306/tcp',
      'tooling-web-1 | tooling:latest | "" | web | 4 minutes ago | Up 9 seconds | 0.0.0.0:5000->80/tcp',
      '',
    ]);
  });

  it('heads each host when there are several projects', async () => {
    const r = await cli(['ps', 'scenarios/compose-two-hosts.yaml']);
    expect(r.out).toContain('host-1 · docker compose -p tooling-web ps\n');
    expect(r.out).toContain('host-2 · docker compose -p tooling-db ps\n');
    expect(r.out).toContain('0.0.0.0:3306->3306/tcp');
  });

  it('refuses a Kubernetes scenario', async () => {
    const r = await cli(['ps', 'scenarios/node-dies.yaml']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/not a compose scenario/);
  });
});
