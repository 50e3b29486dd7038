/** The compose scenarios give byte-identical NDJSON on every run, and seeking lands on a fresh run's state. */
import { describe, expect, it } from 'vitest';
import { runScenario, startScenario } from '../../src/scenario';
import { cli } from '../cli/runCli';
import { loadFile } from '../scenarios/scenarioFiles';

const FILES = ['scenarios/compose-host-dies.yaml', 'scenarios/compose-two-hosts.yaml'];

describe.each(FILES)('%s', (file) => {
  it('gives byte-equal NDJSON on two runs', async () => {
    const a = await cli(['run', file, '--json']);
    const b = await cli(['run', file, '--json']);
    expect(a.code).toBe(0);
    expect(b.out).toBe(a.out);
  });

  it('seeks back to the state a fresh run has at that time', () => {
    const scenario = loadFile(file);
    const run = runScenario(scenario);
    for (const t of [20_000, 90_000, 250_000]) {
      if (t > run.end) continue;
      run.sim.seek(t);
      const fresh = startScenario(scenario);
      fresh.runUntil(t);
      expect(JSON.stringify(run.sim.state.docker)).toBe(JSON.stringify(fresh.state.docker));
      expect(JSON.stringify(run.sim.state.pods)).toBe(JSON.stringify(fresh.state.pods));
    }
  });
});
