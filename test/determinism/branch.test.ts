/**
 * A command after a seek branches exactly as a fresh run stopped at that time would.
 */
import { describe, expect, it } from 'vitest';
import { loadFile, scenarioFiles } from '../scenarios/scenarioFiles';
import { runScenario } from '../../src/scenario';
import { canonical, freshAt } from './seekHelpers';
import { deletePod } from '../../src/engine/commands';
import type { Simulation } from '../../src/engine/simulation';
import { eventsOf } from '../scenarios/scenarioFiles';
import { podsIn } from '../scenarios/pods';

const FILES = scenarioFiles();

describe.each(FILES)('branching in %s', (file) => {
  it('branches from a seeked time exactly as a fresh run would: delete every live pod, run on', () => {
    const scenario = loadFile(file);
    const end = runScenario(scenario).end;
    const deleteAll: Parameters<Simulation['execute']>[0] = (s, ctx) =>
      podsIn(s)
        .filter((p) => p.metadata.deletionTimestamp === undefined)
        .sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : 1))
        .flatMap((p) => deletePod(s, { pod: p.metadata.name }, ctx.now));
    for (const t of [Math.round(end / 3), Math.round(end / 2)]) {
      const run = runScenario(scenario);
      run.sim.seek(t);
      run.sim.execute(deleteAll);
      run.sim.runUntil(end);
      const fresh = freshAt(scenario, t);
      // Only a machine that is up can stop a container (a Compose host that is down cannot).
      const onUpMachines = podsIn(fresh.state).filter(
        (p) =>
          p.metadata.deletionTimestamp === undefined &&
          fresh.state.nodeRuntime[p.spec.nodeName ?? '']?.up === true &&
          p.status.phase === 'Running',
      ).length;
      fresh.execute(deleteAll);
      fresh.runUntil(end);
      // Docker words it `kill` (docker stop's SIGTERM), the kubelet `Killing`.
      const stopping = scenario.orchestrator === 'compose' ? 'kill' : 'Killing';
      const stops = eventsOf(fresh.trace, stopping).filter((e) => e.t === t).length;
      if (onUpMachines > 0) expect(stops).toBeGreaterThan(0);
      else expect(stops).toBe(0);
      expect(JSON.stringify(run.sim.trace), `branch at ${t}`).toBe(JSON.stringify(fresh.trace));
      expect(canonical(run.sim.state), `branch at ${t}`).toBe(canonical(fresh.state));
    }
  });
});
