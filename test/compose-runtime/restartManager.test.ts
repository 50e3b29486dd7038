/** Docker's restart manager (moby restartmanager/restartmanager.go ShouldRestart). */
import { describe, expect, it } from 'vitest';
import type { ComposeRestartPolicy } from '../../src/model/compose';
import { restartsAtBoot, shouldRestart } from '../../src/orchestrators/compose';

const always: ComposeRestartPolicy = { policy: 'always' };
const onFailure = (maxRetries?: number): ComposeRestartPolicy =>
  maxRetries === undefined ? { policy: 'on-failure' } : { policy: 'on-failure', maxRetries };

describe('shouldRestart', () => {
  it.each([
    {
      name: 'no never restarts',
      policy: { policy: 'no' } as ComposeRestartPolicy,
      exit: 1,
      count: 0,
      want: false,
    },
    { name: 'always restarts a clean exit', policy: always, exit: 0, count: 0, want: true },
    { name: 'always restarts a failure', policy: always, exit: 137, count: 50, want: true },
    {
      name: 'unless-stopped restarts',
      policy: { policy: 'unless-stopped' } as ComposeRestartPolicy,
      exit: 0,
      count: 0,
      want: true,
    },
    { name: 'on-failure ignores exit 0', policy: onFailure(), exit: 0, count: 0, want: false },
    { name: 'on-failure restarts a failure', policy: onFailure(), exit: 1, count: 99, want: true },
    { name: 'on-failure:3 restarts the 3rd time', policy: onFailure(3), exit: 1, count: 2, want: true },
    { name: 'on-failure:3 gives up after 3', policy: onFailure(3), exit: 1, count: 3, want: false },
    { name: 'on-failure:0 has no limit', policy: onFailure(0), exit: 1, count: 1000, want: true },
  ])('$name', ({ policy, exit, count, want }) => {
    expect(shouldRestart(policy, exit, count, 0, 1000).restart).toBe(want);
  });

  it('unless-stopped does not restart a container stopped by hand', () => {
    expect(shouldRestart({ policy: 'unless-stopped' }, 0, 0, 0, 1000, true).restart).toBe(false);
    expect(shouldRestart(always, 0, 0, 0, 1000, true).restart).toBe(true);
  });

  it('waits 100 ms, then doubles up to one minute', () => {
    const delays: number[] = [];
    let timeout = 0;
    for (let i = 0; i < 14; i++) {
      timeout = shouldRestart(always, 1, i, timeout, 500).timeoutMs;
      delays.push(timeout);
    }
    expect(delays).toEqual([
      100, 200, 400, 800, 1600, 3200, 6400, 12800, 25600, 51200, 60000, 60000, 60000, 60000,
    ]);
  });

  it('starts over at 100 ms after a run of 10 s or more', () => {
    expect(shouldRestart(always, 1, 5, 6400, 9_999).timeoutMs).toBe(12800);
    expect(shouldRestart(always, 1, 5, 6400, 10_000).timeoutMs).toBe(100);
  });
});

describe('restartsAtBoot (the daemon restores a container found dead with exit 255)', () => {
  it.each([
    { policy: always, count: 0, want: true },
    { policy: { policy: 'unless-stopped' } as ComposeRestartPolicy, count: 0, want: true },
    { policy: onFailure(), count: 7, want: true },
    { policy: onFailure(3), count: 2, want: true },
    { policy: onFailure(3), count: 3, want: false },
    { policy: { policy: 'no' } as ComposeRestartPolicy, count: 0, want: false },
  ])('$policy.policy (max $policy.maxRetries, $count restarts so far): $want', ({ policy, count, want }) => {
    expect(restartsAtBoot(policy, 255, count)).toBe(want);
  });

  it('an on-failure container that had exited 0 stays down', () => {
    expect(restartsAtBoot(onFailure(), 0, 0)).toBe(false);
  });
});
