/**
 * One container through a kubelet sync: the image pull and the start finishing, a probe kill
 * completing, a scripted crash, a restart under the pod's restartPolicy with back-off
 * (K pkg/kubelet/kuberuntime/kuberuntime_manager.go computePodActions, doBackOff), then its probes.
 * The pod's sync (kubelet.ts) gathers what each container reports and writes it in one intent.
 */
import { advance, containerMachine, TERMINATED_STATES } from '../lifecycle';
import {
  behaviourDefaults,
  type BehaviourDefaults,
  type ContainerRuntime,
  type ContainerStatus,
  type Memo,
  type Pod,
  type PodRuntime,
  type Settings,
} from '../model';
import { backoffUntil, nextBackoff } from './backoff';
import { goDuration, podDesc, REASON } from './kubeletEvents';
import { runProbes, terminatedState } from './kubeletContainer';
import { startWorkers } from './probes';

type ContainerSpec = Pod['spec']['containers'][number];
type EmitEvent = (type: 'Normal' | 'Warning', reason: string, message: string) => void;

/** What one container's advance gives back to the pod's sync. */
export interface AdvancedContainer {
  /** The container's runtime at `now` (a copy; the pod's runtime is unchanged). */
  c: ContainerRuntime;
  restartCount: number;
  lastState: ContainerStatus['lastState'];
  /** The image whose pull finished in this advance, now on the node. */
  pulled?: string;
  /** When the kubelet must look at this container again (Infinity: nothing is due). */
  wakeAt: number;
  /** A probe wake to queue now, in ms from `now` (only when it is not queued already). */
  probeRequeueMs?: number;
}

/** Where a container is in one advance, with what the scripted behaviour says it does. */
interface Advance extends AdvancedContainer {
  readonly pod: Pod;
  readonly spec: ContainerSpec;
  readonly settings: Settings;
  readonly now: number;
  readonly ev: EmitEvent;
  readonly scripted: BehaviourDefaults;
  readonly crashAfterMs: number | undefined;
}

/** Advances one container of the pod to `now`; `ev` records its events in order. */
export function advanceContainer(
  memo: Memo,
  pod: Pod,
  spec: ContainerSpec,
  rt: PodRuntime,
  settings: Settings,
  now: number,
  ev: EmitEvent,
): AdvancedContainer {
  const old = pod.status.containerStatuses.find((s) => s.name === spec.name);
  const c: ContainerRuntime = {
    ...(rt.containers[spec.name] ?? { machine: 'ContainerCreating', stage: 'starting', until: now }),
  };
  const scripted = c.behaviourCleared ? {} : behaviourDefaults(memo, pod, spec.name);
  const a: Advance = {
    c,
    restartCount: old?.restartCount ?? 0,
    lastState: old?.lastState ?? {},
    wakeAt: Number.POSITIVE_INFINITY,
    pod,
    spec,
    settings,
    now,
    ev,
    scripted,
    crashAfterMs: c.crashAfterMs ?? scripted.crashAfterMs,
  };
  // A container can move through several states in one reconcile (exit, then restart).
  for (let guard = 0; guard < 4; guard++) if (!step(a)) break;
  probe(a);
  if (c.until !== undefined) a.wakeAt = Math.min(a.wakeAt, c.until);
  if (c.machine === 'Running' && c.stage !== 'stopping' && a.crashAfterMs !== undefined)
    a.wakeAt = Math.min(a.wakeAt, (c.startedAt ?? 0) + a.crashAfterMs);
  const { restartCount, lastState, pulled, wakeAt, probeRequeueMs } = a;
  return {
    c,
    restartCount,
    lastState,
    wakeAt,
    ...(pulled !== undefined ? { pulled } : {}),
    ...(probeRequeueMs !== undefined ? { probeRequeueMs } : {}),
  };
}

/** One state change due by `now`; false when none is (or a back-off holds the container). */
function step(a: Advance): boolean {
  const { c, now } = a;
  if (c.machine === 'ContainerCreating' && c.until !== undefined && c.until <= now) {
    if (c.stage === 'pulling') finishPull(a);
    else finishStart(a);
    return true;
  }
  if (killDone(c, now)) {
    completeKill(c);
    return true;
  }
  if (crashDue(a)) {
    crash(a);
    return true;
  }
  if (TERMINATED_STATES.includes(c.machine) || c.machine === 'CrashLoopBackOff') return restart(a);
  return false;
}

/** The image is on the node: creating and starting the container follow. */
function finishPull(a: Advance): void {
  const { c, spec, settings, now } = a;
  const took = now - ((c.until ?? now) - settings.imagePullTime);
  a.ev(
    'Normal',
    REASON.pulled,
    `Successfully pulled image "${spec.image}" in ${goDuration(took)} (${goDuration(took)} including waiting)`,
  );
  a.pulled = spec.image;
  c.stage = 'starting';
  c.until = now + settings.containerStartTime;
}

/** The container runs, with fresh probe workers for this instance. */
function finishStart(a: Advance): void {
  const { c, spec, now } = a;
  c.machine = advance(containerMachine, c.machine, { type: 'STARTED' });
  delete c.stage;
  delete c.until;
  c.startedAt = now;
  const workers = startWorkers(spec, now);
  if (workers === undefined) delete c.probes;
  else c.probes = workers;
  a.ev('Normal', REASON.created, `Created container: ${spec.name}`);
  a.ev('Normal', REASON.started, `Started container ${spec.name}`);
}

function killDone(c: ContainerRuntime, now: number): boolean {
  return (
    c.machine === 'Running' &&
    c.stage === 'stopping' &&
    c.stopExitCode !== undefined &&
    c.until !== undefined &&
    c.until <= now
  );
}

/** A liveness/startup kill completes (probes.ts): the container exits with the kill's code. */
function completeKill(c: ContainerRuntime): void {
  const exitCode = c.stopExitCode ?? 0;
  c.machine = advance(containerMachine, c.machine, { type: 'EXITED', exitCode });
  c.exitCode = exitCode;
  if (c.until !== undefined) c.finishedAt = c.until;
  delete c.reason;
  delete c.stage;
  delete c.until;
  delete c.stopExitCode;
}

function crashDue({ c, crashAfterMs, now }: Advance): boolean {
  return (
    c.machine === 'Running' &&
    c.stage !== 'stopping' &&
    crashAfterMs !== undefined &&
    (c.startedAt ?? 0) + crashAfterMs <= now
  );
}

/** The scripted crash: the process exits `crashAfterMs` after it started. */
function crash({ c, scripted, crashAfterMs = 0 }: Advance): void {
  const exitCode = c.crashExitCode ?? scripted.exitCode ?? 1;
  c.machine = advance(containerMachine, c.machine, { type: 'EXITED', exitCode });
  c.exitCode = exitCode;
  c.finishedAt = (c.startedAt ?? 0) + crashAfterMs;
  delete c.reason;
}

/**
 * An exited container restarts when its pod's restartPolicy says so and its back-off has run
 * out; true when it did (it is starting again), false when it stays exited or backs off.
 */
function restart(a: Advance): boolean {
  const { c, pod, spec, settings, now } = a;
  const exitCode = c.exitCode ?? 0;
  const policy = pod.spec.restartPolicy;
  if (!(policy === 'Always' || (policy === 'OnFailure' && exitCode !== 0))) return false;
  const finishedAt = c.finishedAt ?? now;
  const waitUntil = backoffUntil(c, finishedAt, now, settings);
  if (waitUntil !== undefined) {
    if (c.machine !== 'CrashLoopBackOff') {
      c.machine = advance(containerMachine, c.machine, { type: 'BACK_OFF' });
      a.ev(
        'Warning',
        REASON.backOff,
        `Back-off restarting failed container ${spec.name} in pod ${podDesc(pod)}`,
      );
    }
    a.wakeAt = Math.min(a.wakeAt, waitUntil);
    return false;
  }
  // Restart: the exit becomes lastState; image is on the node, so only create/start time.
  a.lastState = { terminated: terminatedState(c, exitCode, finishedAt) };
  Object.assign(c, nextBackoff(c, finishedAt, now, settings));
  c.machine = advance(containerMachine, c.machine, { type: 'RESTART' });
  // A new process: the old one's probe workers and hang go with it.
  delete c.probes;
  delete c.hangFrom;
  delete c.hangUntil;
  c.stage = 'starting';
  c.until = now + settings.containerStartTime;
  a.restartCount += 1;
  return true;
}

/**
 * Probes keep running while a probe kill is under way: readiness still reports (liveness and
 * startup are on hold by then).
 */
function probe(a: Advance): void {
  const { c, pod, spec, scripted, now } = a;
  if (c.machine !== 'Running' || c.probes === undefined) return;
  const probeWake = runProbes(pod, spec, c, scripted, now, a.settings.containerStopTime, a.ev);
  // Queue a probe wake once, however many times the pod is reconciled before it fires.
  if (probeWake === Infinity) delete c.probeWakeAt;
  else if (probeWake !== c.probeWakeAt) {
    c.probeWakeAt = probeWake;
    a.probeRequeueMs = Math.max(0, probeWake - now);
  }
}
