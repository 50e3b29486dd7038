/**
 * The kubelet's probe workers (K pkg/kubelet/prober/worker.go, prober_manager.go), computed rather
 * than ticked.
 *
 * Semantics kept from the kubelet:
 * - One worker per container and probe type. Its initial result is Failure for readiness, Success
 *   for liveness and Unknown for startup (worker.go newWorker).
 * - A probe result changes only after `failureThreshold` consecutive failures or
 *   `successThreshold` consecutive successes (worker.go doProbe, lastResult/resultRun).
 * - Liveness and readiness do not probe until the container has started, i.e. until its startup
 *   probe has succeeded; once decided (either way) the startup worker holds until a new container
 *   (doProbe: onHold). A liveness failure also holds the worker, and the container is killed.
 * - `started` is running and (no startup probe, or its result is Success); `ready` is started,
 *   running and (no readiness probe, or its result is Success) (prober_manager.go
 *   isContainerStarted, UpdatePodStatus).
 * - Every failed probe records a Warning event `Unhealthy` "<Type> probe failed: <output>"
 *   (prober.go probe, recordContainerEvent), which the event recorder aggregates into a count.
 *
 * Timing, a named simplification: a worker ticks at `startedAt + initialDelaySeconds + k *
 * periodSeconds` (the kubelet's ticker starts with the worker, at a random phase after a kubelet
 * restart, so real first probes come up to one period later). When a startup probe succeeds, the
 * readiness probe runs at once (UpdatePodStatus triggers it manually when a started container is
 * not ready) and ticks from there. Results land at the tick: a timeout is not waited for.
 *
 * Cost: results are a pure function of time (src/model/containerBehaviour.ts), so a worker whose result is
 * Success and that sees no failure coming is not ticked at all: the kubelet computes the first tick
 * that will fail (firstFailingTick) and wakes only then. Failing ticks are visited one by one,
 * because each records an event, as in a real cluster. A container without probes costs nothing.
 */
import {
  type AppFailureCause,
  type BehaviourDefaults,
  causeAt,
  type Container,
  type ContainerRuntime,
  failureWindows,
  firstFailingTick,
  type Pod,
  type Probe,
  type ProbeWorkers,
  type ProbeWorkerState,
} from '../model';
import { failureOutput } from './probeOutput';

export type ProbeKind = 'startup' | 'liveness' | 'readiness';
/** Processing order of ticks that fall at the same time. */
const PROBE_KINDS: readonly ProbeKind[] = ['startup', 'liveness', 'readiness'];
const FIELD = { startup: 'startupProbe', liveness: 'livenessProbe', readiness: 'readinessProbe' } as const;
/** probeType.String() in the kubelet. */
const PROBE_TYPE_NAME = { startup: 'Startup', liveness: 'Liveness', readiness: 'Readiness' } as const;

export function probeOf(spec: Container, kind: ProbeKind): Probe | undefined {
  return spec[FIELD[kind]];
}

/** A probe's numbers in ms, with the API defaults (SetDefaults_Probe: 0 or unset = default). */
interface ProbeTiming {
  initialDelayMs: number;
  periodMs: number;
  timeoutMs: number;
  successThreshold: number;
  failureThreshold: number;
}

function probeTiming(p: Probe): ProbeTiming {
  const pos = (v: number | undefined, d: number) => (v !== undefined && v > 0 ? v : d);
  return {
    initialDelayMs: Math.max(0, p.initialDelaySeconds ?? 0) * 1000,
    periodMs: pos(p.periodSeconds, 10) * 1000,
    timeoutMs: pos(p.timeoutSeconds, 1) * 1000,
    successThreshold: pos(p.successThreshold, 1),
    failureThreshold: pos(p.failureThreshold, 3),
  };
}

/** Fresh workers for a container instance that started at `startedAt`; undefined without probes. */
export function startWorkers(spec: Container, startedAt: number): ProbeWorkers | undefined {
  let out: ProbeWorkers | undefined;
  for (const kind of PROBE_KINDS) {
    const p = probeOf(spec, kind);
    if (p === undefined) continue;
    const result = kind === 'readiness' ? 'Failure' : kind === 'liveness' ? 'Success' : 'Unknown';
    (out ??= {})[kind] = {
      result,
      successRun: 0,
      failRun: 0,
      next: startedAt + probeTiming(p).initialDelayMs,
    };
  }
  return out;
}

/** `started` and `ready` of a running container (prober_manager.go). */
export function probeStatus(spec: Container, c: ContainerRuntime): { started: boolean; ready: boolean } {
  const w = c.probes ?? {};
  const started = spec.startupProbe === undefined || w.startup?.result === 'Success';
  const ready = started && (spec.readinessProbe === undefined || w.readiness?.result === 'Success');
  return { started, ready };
}

interface ProbeEvent {
  kind: ProbeKind;
  at: number;
  message: string;
}

export interface ProbeOutcome {
  workers: ProbeWorkers;
  /** Failed probes, in time order: one Unhealthy event each. */
  failures: ProbeEvent[];
  /** A liveness or startup failure: the container is to be killed (at that tick). */
  kill?: { kind: 'liveness' | 'startup'; at: number; hung: boolean };
  /** When the kubelet must look again (Infinity: not until something else changes). */
  wakeAt: number;
}

/** A bound on ticks visited in one call (only reached after a long gap, e.g. a stalled kubelet). */
const MAX_TICKS = 10_000;

/** One advance of a container's workers: their copies, their timings, and what the ticks found. */
interface ProbeRun {
  readonly pod: Pod;
  readonly spec: Container;
  readonly now: number;
  readonly startedAt: number;
  readonly windows: ReturnType<typeof failureWindows>;
  readonly workers: ProbeWorkers;
  readonly timing: Partial<Record<ProbeKind, ProbeTiming>>;
  readonly failures: ProbeEvent[];
  kill: ProbeOutcome['kill'];
}

/**
 * Runs the container's probe workers through every tick up to `now`. `c` is the running
 * container (with `startedAt` and `probes`), `d` its annotation behaviour.
 */
export function advanceProbes(
  pod: Pod,
  spec: Container,
  c: ContainerRuntime,
  d: BehaviourDefaults,
  now: number,
): ProbeOutcome {
  const startedAt = c.startedAt ?? 0;
  const run: ProbeRun = {
    pod,
    spec,
    now,
    startedAt,
    windows: failureWindows(c, d, startedAt),
    workers: {},
    timing: {},
    failures: [],
    kill: undefined,
  };
  for (const kind of PROBE_KINDS) {
    const w = c.probes?.[kind];
    const p = probeOf(spec, kind);
    if (w === undefined || p === undefined) continue;
    run.workers[kind] = { ...w };
    run.timing[kind] = probeTiming(p);
  }
  for (let guard = 0; ; guard++) {
    const kind = earliestDue(run.workers, now);
    if (kind === undefined) break;
    const w = run.workers[kind] as ProbeWorkerState;
    const t = run.timing[kind] as ProbeTiming;
    if (guard >= MAX_TICKS) {
      w.next += Math.ceil((now + 1 - w.next) / t.periodMs) * t.periodMs;
      continue;
    }
    const at = w.next;
    w.next += t.periodMs;
    // Liveness and readiness wait for the container to have started (doProbe).
    if (kind !== 'startup' && !started(run.workers)) continue;
    const cause = causeAt(run.windows, at, kind === 'readiness');
    if (cause === undefined) succeed(run, kind, at);
    else fail(run, kind, at, cause);
  }
  const { workers, failures, kill } = run;
  return { workers, failures, ...(kill ? { kill } : {}), wakeAt: wakeOf(run) };
}

const started = (workers: ProbeWorkers) =>
  workers.startup === undefined || workers.startup.result === 'Success';
const saturated = (w: ProbeWorkerState) => w.result === 'Success' && w.failRun === 0;

/** The worker with the earliest tick due by `now` (ties: startup, liveness, readiness). */
function earliestDue(workers: ProbeWorkers, now: number): ProbeKind | undefined {
  let kind: ProbeKind | undefined;
  for (const k of PROBE_KINDS) {
    const w = workers[k];
    if (w === undefined || w.onHold === true || w.next > now) continue;
    if (kind === undefined || w.next < (workers[kind] as ProbeWorkerState).next) kind = k;
  }
  return kind;
}

/** A tick that passes: towards `successThreshold`; a started container's readiness runs at once. */
function succeed(run: ProbeRun, kind: ProbeKind, at: number): void {
  const w = run.workers[kind] as ProbeWorkerState;
  const t = run.timing[kind] as ProbeTiming;
  if (saturated(w)) {
    // Nothing changes until the first failing tick: jump there if it is due.
    const f = firstFailingTick(run.windows, w.next, t.periodMs, kind === 'readiness');
    if (f <= run.now) w.next = f;
    else if (w.next <= run.now) w.next += Math.ceil((run.now + 1 - w.next) / t.periodMs) * t.periodMs;
    return;
  }
  w.failRun = 0;
  w.successRun = Math.min(w.successRun + 1, t.successThreshold);
  if (w.successRun < t.successThreshold) return;
  w.result = 'Success';
  if (kind !== 'startup') return;
  hold(w);
  // Started: a not-ready container's readiness probe is triggered at once.
  const r = run.workers.readiness;
  if (r !== undefined && r.onHold !== true && run.timing.readiness)
    r.next = Math.max(at, run.startedAt + run.timing.readiness.initialDelayMs);
}

/** A tick that fails: an Unhealthy event, and at `failureThreshold` a liveness or startup kill. */
function fail(run: ProbeRun, kind: ProbeKind, at: number, cause: AppFailureCause): void {
  const w = run.workers[kind] as ProbeWorkerState;
  const t = run.timing[kind] as ProbeTiming;
  run.failures.push({
    kind,
    at,
    message: `${PROBE_TYPE_NAME[kind]} probe failed: ${failureOutput(run.pod, run.spec, probeOf(run.spec, kind) ?? {}, cause, t.timeoutMs)}`,
  });
  w.successRun = 0;
  w.failRun = Math.min(w.failRun + 1, t.failureThreshold);
  if (w.failRun < t.failureThreshold) return;
  w.result = 'Failure';
  if (kind === 'liveness' || kind === 'startup') {
    hold(w);
    // The first kill wins; the readiness worker keeps probing until the container is gone.
    run.kill ??= { kind, at, hung: cause === 'hung' };
  }
}

/** The next tick of an active worker; a saturated one's first failing tick. */
function wakeOf(run: ProbeRun): number {
  let wakeAt = Infinity;
  for (const kind of PROBE_KINDS) {
    const w = run.workers[kind];
    if (w === undefined || w.onHold === true || (kind !== 'startup' && !started(run.workers))) continue;
    const t = run.timing[kind] as ProbeTiming;
    wakeAt = Math.min(
      wakeAt,
      saturated(w) ? firstFailingTick(run.windows, w.next, t.periodMs, kind === 'readiness') : w.next,
    );
  }
  return wakeAt;
}

function hold(w: ProbeWorkerState): void {
  w.onHold = true;
  w.successRun = 0;
  w.failRun = 0;
}
