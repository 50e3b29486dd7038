/** Behaviours fixed after review, each checked against the Kubernetes source it cites. */
import { describe, expect, it } from 'vitest';
import { computePhase } from '../../src/controllers/podStatus';
import { evictionTime } from '../../src/controllers/taintEviction';
import { failNode, recoverNode } from '../../src/engine/commands';
import type { ContainerStatus } from '../../src/model/objects';
import { deployment, node, podsOf, simulate } from '../helpers/cluster';
import { pod } from './fixtures';

describe('recoverNode before the control plane noticed the outage', () => {
  it('keeps the node Ready and restarts its containers in place (no crash)', () => {
    const sim = simulate([node('node-1')], [deployment('web', 1)]);
    sim.runUntil(10_000);
    sim.execute((s, ctx) => failNode(s, 'node-1', ctx.now));
    sim.runUntil(20_000); // well within the 50 s grace period
    sim.execute((s, ctx) => recoverNode(s, 'node-1', ctx.now));
    sim.runUntil(40_000);
    expect(sim.state.nodes['node-1']?.status.conditions.find((c) => c.type === 'Ready')?.status).toBe('True');
    const [p] = podsOf(sim, 'web');
    expect(p?.status.containerStatuses[0]?.restartCount).toBe(1);
    expect(p?.status.containerStatuses[0]?.lastState.terminated).toMatchObject({
      reason: 'Unknown',
      exitCode: 255,
    });
  });
});

describe('evictionTime uses the first matching toleration of each taint (GetMatchingTolerations)', () => {
  const taint = { key: 'm', effect: 'NoExecute' as const, timeAdded: 1_000 };
  it('an earlier catch-all toleration without seconds keeps the pod forever', () => {
    const p = pod('p', {
      tolerations: [
        { operator: 'Exists' },
        { key: 'm', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 60 },
      ],
    });
    expect(evictionTime(p, [taint])).toBeUndefined();
  });
  it('the first matching toleration with seconds decides', () => {
    const p = pod('p', {
      tolerations: [
        { key: 'm', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 60 },
        { operator: 'Exists' },
      ],
    });
    expect(evictionTime(p, [taint])).toBe(61_000);
  });
});

describe('computePhase with restartPolicy Never (kubelet getPhase)', () => {
  const waitingAfterRun: ContainerStatus = {
    name: 'app',
    image: 'web:1.0',
    state: { waiting: { reason: 'CrashLoopBackOff' } },
    lastState: { terminated: { exitCode: 0, reason: 'Completed', finishedAt: 5 } },
    ready: false,
    started: false,
    restartCount: 1,
  };
  it('a container waiting after a run is stopped but not succeeded: Failed', () => {
    expect(computePhase(pod('p', { restartPolicy: 'Never' }), [waitingAfterRun])).toBe('Failed');
  });
  it('OnFailure with every container exited 0: Succeeded', () => {
    const done: ContainerStatus = {
      ...waitingAfterRun,
      state: { terminated: { exitCode: 0, reason: 'Completed', finishedAt: 5 } },
      lastState: {},
    };
    expect(computePhase(pod('p', { restartPolicy: 'OnFailure' }), [done])).toBe('Succeeded');
  });
});
