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

export type ProbeKind = 'startup' | 'liveness' | 'readiness';
/** Processing order of ticks that fall at the same time. */
export const PROBE_KINDS: readonly ProbeKind[] = ['startup', 'liveness', 'readiness'];
const FIELD = { startup: 'startupProbe', liveness: 'livenessProbe', readiness: 'readinessProbe' } as const;
/** probeType.String() in the kubelet. */
export const PROBE_TYPE_NAME = { startup: 'Startup', liveness: 'Liveness', readiness: 'Readiness' } as const;

export function probeOf(spec: Container, kind: ProbeKind): Probe | undefined {
  return spec[FIELD[kind]];
}

/** A probe's numbers in ms, with the API defaults (SetDefaults_Probe: 0 or unset = default). */
export interface ProbeTiming {
  initialDelayMs: number;
  periodMs: number;
  timeoutMs: number;
  successThreshold: number;
  failureThreshold: number;
}

export function probeTiming(p: Probe): ProbeTiming {
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

export interface ProbeEvent {
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
  const windows = failureWindows(c, d, startedAt);
  const workers: ProbeWorkers = {};
  const timing: Partial<Record<ProbeKind, ProbeTiming>> = {};
  for (const kind of PROBE_KINDS) {
    const w = c.probes?.[kind];
    const p = probeOf(spec, kind);
    if (w === undefined || p === undefined) continue;
    workers[kind] = { ...w };
    timing[kind] = probeTiming(p);
  }
  const failures: ProbeEvent[] = [];
  let kill: ProbeOutcome['kill'];
  const started = () => workers.startup === undefined || workers.startup.result === 'Success';
  const saturated = (w: ProbeWorkerState) => w.result === 'Success' && w.failRun === 0;
  const active = (kind: ProbeKind) => {
    const w = workers[kind];
    return w !== undefined && w.onHold !== true && (kind === 'startup' || started()) ? w : undefined;
  };

  for (let guard = 0; ; guard++) {
    // The earliest pending tick (ties: startup, liveness, readiness).
    let kind: ProbeKind | undefined;
    for (const k of PROBE_KINDS) {
      const w = workers[k];
      if (w === undefined || w.onHold === true || w.next > now) continue;
      if (kind === undefined || w.next < (workers[kind] as ProbeWorkerState).next) kind = k;
    }
    if (kind === undefined) break;
    const w = workers[kind] as ProbeWorkerState;
    const t = timing[kind] as ProbeTiming;
    if (guard >= MAX_TICKS) {
      w.next += Math.ceil((now + 1 - w.next) / t.periodMs) * t.periodMs;
      continue;
    }
    const at = w.next;
    w.next += t.periodMs;
    // Liveness and readiness wait for the container to have started (doProbe).
    if (kind !== 'startup' && !started()) continue;
    const cause = causeAt(windows, at, kind === 'readiness');
    if (cause === undefined) {
      if (saturated(w)) {
        // Nothing changes until the first failing tick: jump there if it is due.
        const f = firstFailingTick(windows, w.next, t.periodMs, kind === 'readiness');
        if (f <= now) w.next = f;
        else if (w.next <= now) w.next += Math.ceil((now + 1 - w.next) / t.periodMs) * t.periodMs;
        continue;
      }
      w.failRun = 0;
      w.successRun = Math.min(w.successRun + 1, t.successThreshold);
      if (w.successRun < t.successThreshold) continue;
      w.result = 'Success';
      if (kind === 'startup') {
        hold(w);
        // Started: a not-ready container's readiness probe is triggered at once.
        const r = workers.readiness;
        if (r !== undefined && r.onHold !== true && timing.readiness)
          r.next = Math.max(at, startedAt + timing.readiness.initialDelayMs);
      }
      continue;
    }
    failures.push({
      kind,
      at,
      message: `${PROBE_TYPE_NAME[kind]} probe failed: ${failureOutput(pod, spec, kind, cause, t)}`,
    });
    w.successRun = 0;
    w.failRun = Math.min(w.failRun + 1, t.failureThreshold);
    if (w.failRun < t.failureThreshold) continue;
    w.result = 'Failure';
    if (kind === 'liveness' || kind === 'startup') {
      hold(w);
      // The first kill wins; the readiness worker keeps probing until the container is gone.
      kill ??= { kind, at, hung: cause === 'hung' };
    }
  }

  let wakeAt = Infinity;
  for (const kind of PROBE_KINDS) {
    const w = active(kind);
    if (w === undefined) continue;
    const t = timing[kind] as ProbeTiming;
    wakeAt = Math.min(
      wakeAt,
      saturated(w) ? firstFailingTick(windows, w.next, t.periodMs, kind === 'readiness') : w.next,
    );
  }
  return { workers, failures, ...(kill ? { kill } : {}), wakeAt };
}

function hold(w: ProbeWorkerState): void {
  w.onHold = true;
  w.successRun = 0;
  w.failRun = 0;
}

/** The container port a probe names (a number, or the name of one of the container's ports). */
function portOf(spec: Container, port: number | string): string {
  if (typeof port === 'number') return String(port);
  const named = spec.ports?.find((p) => p.name === port);
  return named !== undefined ? String(named.containerPort) : port;
}

/**
 * What the kubelet's prober reports for a failure (K pkg/probe/http, tcp, grpc, exec): connection
 * refused while the app is not listening yet, a timeout while it hangs, a 503 (or NOT_SERVING)
 * while it says it is not ready. An exec probe's output is the command's own; the simulator
 * writes what the command would have said.
 */
export function failureOutput(
  pod: Pod,
  spec: Container,
  kind: ProbeKind,
  cause: AppFailureCause,
  t: ProbeTiming,
): string {
  const p = probeOf(spec, kind) ?? {};
  const ip = pod.status.podIP ?? '10.244.0.2';
  const secs = `${t.timeoutMs / 1000}s`;
  if (p.httpGet !== undefined) {
    const host = p.httpGet.host ?? ip;
    const port = portOf(spec, p.httpGet.port);
    const url = `${(p.httpGet.scheme ?? 'HTTP').toLowerCase()}://${host}:${port}${p.httpGet.path ?? '/'}`;
    if (cause === 'starting') return `Get "${url}": dial tcp ${host}:${port}: connect: connection refused`;
    if (cause === 'hung')
      return `Get "${url}": context deadline exceeded (Client.Timeout exceeded while awaiting headers)`;
    return 'HTTP probe failed with statuscode: 503';
  }
  if (p.tcpSocket !== undefined) {
    const host = p.tcpSocket.host ?? ip;
    const port = portOf(spec, p.tcpSocket.port);
    return cause === 'hung'
      ? `dial tcp ${host}:${port}: i/o timeout`
      : `dial tcp ${host}:${port}: connect: connection refused`;
  }
  if (p.grpc !== undefined) {
    const addr = `${ip}:${p.grpc.port}`;
    if (cause === 'starting') return `timeout: failed to connect service "${addr}" within ${secs}`;
    if (cause === 'hung') return `timeout: health rpc did not complete within ${secs}`;
    return 'service unhealthy (responded with "NOT_SERVING")';
  }
  const cmd = (p.exec?.command ?? []).join(' ');
  if (cause === 'hung') return `command "${cmd}" timed out`;
  return `command "${cmd}" exited with code 1`;
}
