/**
 * The container of a task, as a Pod bound to the task's node (one container, restartPolicy Never:
 * swarm never restarts a container in place, it makes a new task). It carries Docker's labels so
 * selectors, views and traffic find it; its name is the container name Docker gives a task:
 * `<stack>_<service>.<slot>.<taskid>` (replicated) or `<stack>_<service>.<nodeid>.<taskid>` (global).
 */
import type { Healthcheck } from '../../compose/model';
import { BEHAVIOUR_ANNOTATION } from '../../lifecycle/containerBehaviour';
import type { Pod, Probe } from '../../model/objects';
import type { SwarmNode, SwarmService, SwarmTask } from '../../model/swarm';

export const LABEL_SERVICE = 'com.docker.swarm.service.name';
export const LABEL_SERVICE_ID = 'com.docker.swarm.service.id';
export const LABEL_TASK_ID = 'com.docker.swarm.task.id';
export const LABEL_TASK_NAME = 'com.docker.swarm.task.name';
export const LABEL_NODE_ID = 'com.docker.swarm.node.id';
export const LABEL_STACK = 'com.docker.stack.namespace';

export function taskName(svc: SwarmService, t: SwarmTask, node: SwarmNode | undefined): string {
  return `${svc.name}.${t.slot ?? node?.id ?? ''}.${t.id}`;
}

/** A Docker healthcheck as a liveness-free readiness probe: unhealthy tasks leave the VIP. */
function healthProbe(h: Healthcheck | undefined): Probe | undefined {
  if (h === undefined || h.disabled) return undefined;
  return {
    exec: { command: h.test },
    periodSeconds: Math.max(1, Math.round(h.intervalMs / 1000)),
    timeoutSeconds: Math.max(1, Math.round(h.timeoutMs / 1000)),
    failureThreshold: h.retries,
    successThreshold: 1,
    initialDelaySeconds: Math.round(h.startPeriodMs / 1000),
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
  const probe = healthProbe(svc.spec.healthcheck);
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
          ...(probe === undefined ? {} : { readinessProbe: probe }),
        },
      ],
      restartPolicy: 'Never',
      terminationGracePeriodSeconds: Math.round(svc.spec.stopGracePeriodMs / 1000),
      schedulerName: 'swarm',
      nodeName: node.hostname,
    },
    status: { phase: 'Pending', conditions: [], containerStatuses: [] },
  };
}
