/** A cycle for calling a plugin's normalize in tests (the in-tree normalizers read no cycle data but PodTopologySpread's). */
import type { Cycle } from '../../src/scheduler/framework';
import { makeCycle } from '../../src/scheduler/scheduleOne';
import { makePod, makeState } from './fixtures';

export function normCycle(): Cycle {
  const pod = makePod('normalized');
  return makeCycle(makeState([], [pod]), pod, []);
}
