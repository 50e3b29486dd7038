/**
 * The kubelet's view of one container: running its probes (probes.ts) and the kill that follows
 * a liveness or startup failure, and the ContainerStatus it reports.
 */
import type { BehaviourDefaults, ContainerRuntime, ContainerStatus, Pod, PodRuntime } from '../model';
import { goDuration, podDesc, REASON } from './kubeletEvents';
import { advanceProbes, probeOf, probeStatus } from './probes';

export function terminatedState(c: ContainerRuntime, exitCode: number, finishedAt: number) {
  const reason =
    c.reason ?? (c.machine === 'OOMKilled' ? 'OOMKilled' : exitCode === 0 ? 'Completed' : 'Error');
  return { exitCode, reason, finishedAt, ...(c.startedAt !== undefined ? { startedAt: c.startedAt } : {}) };
}

/**
 * Advances a running container's probe workers to `now` (probes.ts): Unhealthy events, and on a
 * liveness or startup failure the kill (K pkg/kubelet/kuberuntime/kuberuntime_manager.go
 * computePodActions: "Container %s failed liveness probe", plus ", will be restarted" unless
 * restartPolicy is Never). A hung process ignores SIGTERM, so its kill takes the whole grace
 * period (the probe's terminationGracePeriodSeconds, else the pod's) and ends in SIGKILL, exit
 * 137; a responsive one exits on SIGTERM (143) after containerStopTime. Returns the next wake.
 */
export function runProbes(
  pod: Pod,
  spec: Pod['spec']['containers'][number],
  c: ContainerRuntime,
  scripted: BehaviourDefaults,
  now: number,
  stopTimeMs: number,
  ev: (type: 'Normal' | 'Warning', reason: string, message: string) => void,
): number {
  const out = advanceProbes(pod, spec, c, scripted, now);
  c.probes = out.workers;
  for (const f of out.failures) ev('Warning', REASON.unhealthy, f.message);
  if (out.kill === undefined || c.stage === 'stopping') return out.wakeAt;
  const restart = pod.spec.restartPolicy !== 'Never' ? ', will be restarted' : '';
  ev('Normal', REASON.killing, `Container ${spec.name} failed ${out.kill.kind} probe${restart}`);
  const graceMs =
    (probeOf(spec, out.kill.kind)?.terminationGracePeriodSeconds ?? pod.spec.terminationGracePeriodSeconds) *
    1000;
  c.stage = 'stopping';
  c.until = out.kill.at + (out.kill.hung ? graceMs : Math.min(graceMs, stopTimeMs));
  c.stopExitCode = out.kill.hung ? 137 : 143;
  return out.wakeAt;
}

export function containerStatus(
  spec: Pod['spec']['containers'][number],
  c: ContainerRuntime,
  restartCount: number,
  lastState: ContainerStatus['lastState'],
  pod: Pod,
  rt: PodRuntime,
): ContainerStatus {
  const { name, image } = spec;
  const base = {
    name,
    image,
    restartCount,
    lastState,
    containerID: `containerd://${rt.uid.slice(-12)}-${name}-${restartCount}`,
  };
  switch (c.machine) {
    case 'Running':
      return { ...base, state: { running: { startedAt: c.startedAt ?? 0 } }, ...probeStatus(spec, c) };
    case 'CrashLoopBackOff': {
      const backoff = goDuration(c.backoffMs ?? 0);
      const message = `back-off ${backoff} restarting failed container=${name} pod=${podDesc(pod)}`;
      return {
        ...base,
        state: { waiting: { reason: 'CrashLoopBackOff', message } },
        ready: false,
        started: false,
      };
    }
    case 'ContainerCreating':
      return { ...base, state: { waiting: { reason: 'ContainerCreating' } }, ready: false, started: false };
    default:
      return {
        ...base,
        state: { terminated: terminatedState(c, c.exitCode ?? 0, c.finishedAt ?? 0) },
        ready: false,
        started: false,
      };
  }
}
