/** The swarm scenario files run and meet their expectations; the CLI tables print from them. */
import { describe, expect, it } from 'vitest';
import { runScenario } from '../../src/scenario';
import { formatNodes, formatServicePs, formatServices } from '../../src/cli/swarm';
import { findService } from '../../src/orchestrators/swarm';
import { loadFile } from '../scenarios/scenarioFiles';

describe.each(['swarm-node-dies', 'swarm-quorum-loss'])('%s', (name) => {
  it('meets its expectations', () => {
    const run = runScenario(loadFile(`scenarios/${name}.yaml`));
    const failed = run.outcomes
      .filter((o) => !o.pass)
      .map((o) => `${o.expectation.description}: ${o.detail}`);
    expect(failed).toEqual([]);
    const sw = run.sim.state.swarm;
    if (sw === undefined) throw new Error('no swarm');
    if (process.env.SHOW === '1') {
      console.log(formatServices(sw));
      console.log(formatServicePs(sw, findService(sw, 'web'), run.sim.now));
      console.log(formatNodes(sw, run.sim.state));
      for (const r of run.sim.trace)
        if (r.type === 'event' || r.type === 'action' || r.type === 'actionSkipped' || r.type === 'say')
          console.log(JSON.stringify(r));
    }
  });
});
