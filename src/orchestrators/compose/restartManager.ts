/**
 * Docker's restart manager, as moby's restartmanager/restartmanager.go ShouldRestart decides: the
 * delay before a restart starts at 100 ms and doubles up to 1 minute; a container that ran for 10 s
 * or more starts over at 100 ms. always restarts whatever the exit code, unless-stopped unless it
 * was stopped by hand, on-failure only a non-zero exit and at most MaximumRetryCount times (0 or
 * unset: no limit), no never. (The docs' "starting successfully means up for at least 10 seconds",
 * docs.docker.com engine/containers/start-containers-automatically, is this reset of the delay:
 * the code restarts a container that dies sooner too, with a growing delay.)
 */
import type { ComposeRestartPolicy } from '../../model';

/** moby restartmanager: defaultTimeout 100 ms, backoffMultiplier 2, maxRestartTimeout 1 min. */
const RESTART_INITIAL_DELAY_MS = 100;
const RESTART_MAX_DELAY_MS = 60_000;
/** A run this long resets the delay (moby: `executionDuration.Seconds() >= 10`). */
const RESTART_RESET_AFTER_MS = 10_000;

export interface RestartDecision {
  restart: boolean;
  /** The restart manager's delay after this exit (kept even when it does not restart, as moby does). */
  timeoutMs: number;
}

/**
 * What the daemon does when a container exits: `timeoutMs` is the manager's delay so far (0 at
 * first), `restartCount` the container's RestartCount, `ranMs` how long this run lasted.
 */
export function shouldRestart(
  policy: ComposeRestartPolicy,
  exitCode: number,
  restartCount: number,
  timeoutMs: number,
  ranMs: number,
  manuallyStopped = false,
): RestartDecision {
  if (policy.policy === 'no') return { restart: false, timeoutMs };
  let timeout = ranMs >= RESTART_RESET_AFTER_MS ? 0 : timeoutMs;
  if (timeout === 0) timeout = RESTART_INITIAL_DELAY_MS;
  else if (timeout < RESTART_MAX_DELAY_MS) timeout *= 2;
  timeout = Math.min(timeout, RESTART_MAX_DELAY_MS);
  let restart = false;
  if (policy.policy === 'always') restart = true;
  else if (policy.policy === 'unless-stopped') restart = !manuallyStopped;
  else {
    const max = policy.maxRetries ?? 0;
    if (max === 0 || restartCount < max) restart = exitCode !== 0;
  }
  return { restart, timeoutMs: timeout };
}

/**
 * Whether the daemon starts a container again when the host boots after losing power. moby's
 * restore (daemon/daemon.go) finds a container that was running with no exit status from
 * containerd and marks it stopped with exit code 255, then starts it if
 * `AutoRestart && ShouldRestart() && HasBeenStartedBefore`: always and unless-stopped yes,
 * on-failure yes too (255 is a failure) while retries remain, no never. (The docs' "on-failure
 * ... doesn't restart the container if the daemon restarts", docs.docker.com
 * engine/containers/start-containers-automatically, is about a daemon that stopped its containers
 * itself; Flotilla follows the code for a power loss.) That start resets RestartCount to 0
 * (containerStart with resetRestartManager).
 */
export function restartsAtBoot(
  policy: ComposeRestartPolicy,
  exitCode: number,
  restartCount: number,
): boolean {
  return shouldRestart(policy, exitCode, restartCount, 0, 0).restart;
}
