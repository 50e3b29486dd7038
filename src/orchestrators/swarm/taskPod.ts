/**
 * The container of a task, as a Pod bound to the task's node (one container, restartPolicy Never:
 * swarm never restarts a container in place, it makes a new task). It carries Docker's labels so
 * selectors, views and traffic find it; its name is the container name Docker gives a task:
 * `<stack>_<service>.<slot>.<taskid>` (replicated) or `<stack>_<service>.<nodeid>.<taskid>` (global).
 */
import {
  BEHAVIOUR_ANNOTATION,
  type Healthcheck,
  type Pod,
  type Probe,
  type SwarmNode,
  type SwarmService,
  type SwarmTask,
} from '../../model';

export const LABEL_SERVICE = 'com.docker.swarm.service.name';
const LABEL_SERVICE_ID = 'com.docker.swarm.service.id';
export const LABEL_TASK_ID = 'com.docker.swarm.task.id';
const LABEL_TASK_NAME = 'com.docker.swarm.task.name';
const LABEL_NODE_ID = 'com.docker.swarm.node.id';
const LABEL_STACK = 'com.docker.stack.namespace';

function taskName(svc: SwarmService, t: SwarmTask, node: SwarmNode | undefined): string {
  return `${svc.name}.${t.slot ?? node?.id ?? ''}.${t.id}`;
}

/**
 * A Docker healthcheck as probes (moby daemon/health.go): the first check runs one `interval`
 * after the start, `retries` failures in a row make the container unhealthy; failures during
 * `start_period` do not count and the first success ends it (a startup probe allowing that many
 * failures). Readiness and liveness are the same check: healthy gates `running` and the VIP,
 * unhealthy kills the container and the orchestrator replaces the failed task.
 */
function healthProbes(
  h: Healthcheck | undefined,
): Partial<Record<'readinessProbe' | 'livenessProbe' | 'startupProbe', Probe>> {
  if (h === undefined || h.disabled) return {};
  const period = Math.max(1, Math.round(h.intervalMs / 1000));
  const check: Probe = {
    exec: { command: h.test },
    initialDelaySeconds: period,
    periodSeconds: period,
    timeoutSeconds: Math.max(1, Math.round(h.timeoutMs / 1000)),
    failureThreshold: h.retries,
    successThreshold: 1,
  };
  const startup: Probe | undefined =
    h.startPeriodMs > 0
      ? { ...check, failureThreshold: Math.ceil(h.startPeriodMs / h.intervalMs) + h.retries }
      : undefined;
  return {
    readinessProbe: check,
    livenessProbe: check,
    ...(startup === undefined ? {} : { startupProbe: startup }),
  };
}

export function taskPod(svc: SwarmService, t: SwarmTask, node: SwarmNode): Pod {
  // Flotilla's scripted behaviour rides on a compose label; on the pod it is an annotation.
  const { [BEHAVIOUR_ANNOTATION]: behaviour, ...labels } = svc.spec.labels;
  const r = svc.spec.deploy.resources;
  const requests: Record<string, string> = {};
  if (r.reservations.cpus !== undefined) requests.cpu = r.reservations.cpus;
  if (r.reservations.memoryBytes !== undefined) requests.memory = String(r.reservations.memoryBytes);
  const limits: Record<string, string> = {};
  if (r.limits.cpus !== undefined) limits.cpu = r.limits.cpus;
  if (r.limits.memoryBytes !== undefined) limits.memory = String(r.limits.memoryBytes);
  const probes = healthProbes(svc.spec.healthcheck);
  const ports = [...new Set([...svc.ports.map((p) => p.target), ...svc.spec.expose])].sort((a, b) => a - b);
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: taskName(svc, t, node),
      namespace: 'default',
      uid: '',
      creationTimestamp: 0,
      labels: {
        [LABEL_SERVICE]: svc.name,
        [LABEL_SERVICE_ID]: svc.id,
        [LABEL_TASK_ID]: t.id,
        [LABEL_TASK_NAME]: taskName(svc, t, node),
        [LABEL_NODE_ID]: node.id,
        [LABEL_STACK]: svc.stack,
        ...labels,
      },
      ...(behaviour === undefined ? {} : { annotations: { [BEHAVIOUR_ANNOTATION]: behaviour } }),
    },
    spec: {
      containers: [
        {
          name: svc.shortName,
          image: t.image,
          ...(svc.spec.command === undefined ? {} : { args: svc.spec.command }),
          ...(ports.length === 0
            ? {}
            : { ports: ports.map((p) => ({ containerPort: p, protocol: 'TCP' as const })) }),
          ...(Object.keys(requests).length + Object.keys(limits).length === 0
            ? {}
            : {
                resources: {
                  ...(Object.keys(requests).length === 0 ? {} : { requests }),
                  ...(Object.keys(limits).length === 0 ? {} : { limits }),
                },
              }),
          ...probes,
        },
      ],
      restartPolicy: 'Never',
      terminationGracePeriodSeconds: Math.round(svc.spec.stopGracePeriodMs / 1000),
      schedulerName: 'swarm',
      nodeName: node.hostname,
    },
    status: {
      phase: 'Pending',
      conditions: [],
      containerStatuses: [],
      // The overlay address, not one of the node's: swarm nodes have no pod CIDR.
      ...(t.ip === undefined ? {} : { podIP: t.ip }),
    },
  };
}
