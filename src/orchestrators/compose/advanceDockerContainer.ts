/**
 * One container through a dockerd sync: a requested start (compose up, the daemon's restore at
 * boot) or a restart coming due, a scripted crash, Docker's `die` and the restart manager's
 * decision (restartManager.ts), and the healthchecks due (healthcheck.ts); then when it next needs
 * the daemon. The daemon (dockerd.ts) writes what comes out and the pod's status.
 */
import { TERMINATED_STATES } from '../../lifecycle';
import {
  behaviourDefaults,
  type BehaviourDefaults,
  causeAt,
  type ContainerRuntime,
  type DockerContainer,
  failureWindows,
  type Intent,
  type Memo,
  type Pod,
  type Settings,
} from '../../model';
import { containerEvent } from './dockerEvents';
import { type AppAt, advanceHealth, initialHealth, nextResultAt } from './healthcheck';
import { shouldRestart } from './restartManager';

/** What one advance gives back to the daemon. */
export interface AdvancedDockerContainer {
  /** Docker's record of the container at `now` (a copy; `wakeAt` is the daemon's to set). */
  rec: DockerContainer;
  /** The container's runtime at `now` (a copy). */
  c: ContainerRuntime;
  /** Docker's events, in the order they happened. */
  events: Intent[];
  /** The next thing due (Infinity: nothing), and whether only steady health checks are due then. */
  next: number;
  periodic: boolean;
}

/** Where the container is in one advance. */
interface Advance {
  readonly rec: DockerContainer;
  c: ContainerRuntime;
  readonly memo: Memo;
  readonly pod: Pod;
  readonly settings: Settings;
  readonly now: number;
  readonly scripted: BehaviourDefaults;
  readonly ev: (action: string, extra?: Record<string, string>, type?: 'Normal' | 'Warning') => void;
}

/** Advances the container `before` (with its runtime `old`, none before its creation) to `now`. */
export function advanceDockerContainer(
  memo: Memo,
  pod: Pod,
  before: DockerContainer,
  old: ContainerRuntime | undefined,
  settings: Settings,
  now: number,
): AdvancedDockerContainer {
  const uid = pod.metadata.uid;
  const rec: DockerContainer = { ...before, ...(before.health ? { health: { ...before.health } } : {}) };
  const c: ContainerRuntime = { ...(old ?? { machine: 'ContainerCreating' }) };
  const events: Intent[] = [];
  const a: Advance = {
    rec,
    c,
    memo,
    pod,
    settings,
    now,
    scripted: c.behaviourCleared ? {} : behaviourDefaults(memo, pod, rec.service),
    ev: (action, extra = {}, type = 'Normal') => events.push(containerEvent(rec, uid, action, extra, type)),
  };
  if (old === undefined) a.ev('create');
  for (let guard = 0; guard < 8; guard++) if (!step(a)) break;
  return { rec, c: a.c, events, ...nextDue(a) };
}

/** One state change due by `now`; false when none is (health checks run on the way out). */
function step(a: Advance): boolean {
  const { rec, now } = a;
  if ((rec.status === 'created' || rec.status === 'exited') && rec.startRequested === true)
    return startRequested(a);
  if (rec.status === 'restarting' && (rec.restartAt ?? now) <= now) {
    start(a, rec.restartAt ?? now, true);
    return true;
  }
  if (rec.status !== 'running') return false;
  crashIfDue(a);
  if (TERMINATED_STATES.includes(a.c.machine)) {
    die(a);
    return true;
  }
  if (rec.health !== undefined) runHealth(a, Infinity);
  return false;
}

/** A start someone asked for: the container is created and started, which takes containerStartTime. */
function startRequested(a: Advance): boolean {
  const { c, now } = a;
  if (c.stage !== 'starting') {
    a.c = {
      ...c,
      machine: 'ContainerCreating',
      stage: 'starting',
      until: now + a.settings.containerStartTime,
    };
    return true;
  }
  if ((c.until ?? now) > now) return false;
  start(a, c.until ?? now, false);
  return true;
}

function start(a: Advance, at: number, restart: boolean): void {
  const { rec } = a;
  // The restart manager counts its restarts; any other start (compose up, the daemon's restore
  // at boot) is containerStart with resetRestartManager, which zeroes RestartCount.
  rec.restartCount = restart ? rec.restartCount + 1 : 0;
  if (a.c.startedAt !== undefined) rec.lastStartedAt = a.c.startedAt;
  rec.status = 'running';
  rec.everStarted = true;
  delete rec.startRequested;
  delete rec.restartAt;
  // A new process: the old one's hang goes with it; scripted windows that are not per process stay.
  const {
    hangFrom: _h,
    hangUntil: _u,
    stage: _s,
    until: _t,
    exitCode: _e,
    finishedAt: _f,
    reason: _r,
    ...keep
  } = a.c;
  a.c = { ...keep, machine: 'Running', startedAt: at };
  if (rec.healthcheck !== undefined) rec.health = initialHealth(rec.healthcheck, at);
  else delete rec.health;
  a.ev('start');
}

const crashAfter = (a: Advance): number | undefined => a.c.crashAfterMs ?? a.scripted.crashAfterMs;

/** The scripted crash: the process exits `crashAfterMs` after it started. */
function crashIfDue(a: Advance): void {
  const { c } = a;
  const crashAfterMs = crashAfter(a);
  if (c.machine !== 'Running' || crashAfterMs === undefined || (c.startedAt ?? 0) + crashAfterMs > a.now)
    return;
  const exitCode = c.crashExitCode ?? a.scripted.exitCode ?? 1;
  a.c = {
    ...c,
    machine: exitCode === 0 ? 'Completed' : 'Error',
    exitCode,
    finishedAt: (c.startedAt ?? 0) + crashAfterMs,
  };
  delete a.c.reason;
}

/** The process is gone (crashContainer, a scripted crash): Docker's die, then the restart manager. */
function die(a: Advance): void {
  const { rec, c, now } = a;
  const exitCode = c.exitCode ?? 0;
  const finishedAt = c.finishedAt ?? now;
  if (rec.health !== undefined) runHealth(a, finishedAt);
  if (c.machine === 'OOMKilled') a.ev('oom', {}, 'Warning');
  a.ev('die', { exitCode: String(exitCode) }, exitCode === 0 ? 'Normal' : 'Warning');
  const d = shouldRestart(
    rec.restart,
    exitCode,
    rec.restartCount,
    rec.restartTimeoutMs,
    finishedAt - (c.startedAt ?? finishedAt),
  );
  rec.restartTimeoutMs = d.timeoutMs;
  rec.exitCode = exitCode;
  rec.finishedAt = finishedAt;
  if (d.restart) {
    rec.status = 'restarting';
    rec.restartAt = finishedAt + d.timeoutMs;
  } else rec.status = 'exited';
}

/** What the scripted app does at time t for the container instance `c` (containerBehaviour.ts). */
function appOf(memo: Memo, pod: Pod, rec: DockerContainer, c: ContainerRuntime): AppAt {
  const windows = failureWindows(c, behaviourDefaults(memo, pod, rec.service), c.startedAt ?? 0);
  return (t) => {
    const cause = causeAt(windows, t, true);
    return cause === undefined ? 'ok' : cause === 'hung' ? 'hung' : 'fail';
  };
}

/** Runs the due health checks (up to `until`, the exit) and records each change of status. */
function runHealth(a: Advance, until: number): void {
  const { rec, c, now } = a;
  if (rec.health === undefined || rec.healthcheck === undefined) return;
  const app = appOf(a.memo, a.pod, rec, c);
  const r = advanceHealth(rec.health, rec.healthcheck, c.startedAt ?? now, app, now, until);
  rec.health = r.health;
  for (const ch of r.changes)
    a.ev(`health_status: ${ch.status}`, {}, ch.status === 'unhealthy' ? 'Warning' : 'Normal');
}

/** The next thing due: a start finishing, a restart, a scripted crash, a health check result. */
function nextDue(a: Advance): { next: number; periodic: boolean } {
  const { rec, c } = a;
  const due: number[] = [];
  if (c.stage === 'starting' && c.until !== undefined) due.push(c.until);
  if (rec.status === 'restarting' && rec.restartAt !== undefined) due.push(rec.restartAt);
  const crashAfterMs = crashAfter(a);
  if (rec.status === 'running' && c.machine === 'Running' && crashAfterMs !== undefined)
    due.push((c.startedAt ?? 0) + crashAfterMs);
  let healthDue = Infinity;
  if (rec.status === 'running' && rec.health !== undefined && rec.healthcheck !== undefined)
    healthDue = nextResultAt(rec.health, rec.healthcheck, appOf(a.memo, a.pod, rec, c));
  const other = Math.min(Infinity, ...due);
  const next = Math.min(other, healthDue);
  // Steady health checks do not keep a run from settling (like the traffic tick).
  const periodic = next === healthDue && next < other && rec.health?.status !== 'starting';
  return { next, periodic };
}
