/**
 * A Compose service's containers as Docker creates them: names like Compose v2
 * (`<project>-<service>-<n>`, or `container_name`), Compose's labels, one Pod per container with
 * `spec.nodeName` = its host (so `get pods`, the lab's node cards and pod expectations see it),
 * and the Docker record beside it (src/model/docker.ts).
 */
import {
  BEHAVIOUR_ANNOTATION,
  type ComposeProject,
  type ComposeService,
  type Container,
  type DockerContainer,
  LABEL_NUMBER,
  LABEL_ONEOFF,
  LABEL_PROJECT,
  LABEL_SERVICE,
  type Pod,
  type RestartPolicy,
} from '../../model';

/** Compose v2 names a service's n-th container `<project>-<service>-<n>` (docker/compose pkg/compose/convergence.go getContainerName). */
export function containerName(project: string, service: ComposeService, n: number): string {
  return service.containerName ?? `${project}-${service.name}-${n}`;
}

/**
 * The COMMAND column: the service's entrypoint and command, else the image's default (a few
 * well-known images' ENTRYPOINT/CMD; others show nothing: image metadata is not modelled).
 */
const IMAGE_COMMANDS: Record<string, string> = {
  mysql: 'docker-entrypoint.sh mysqld',
  mariadb: 'docker-entrypoint.sh mariadbd',
  postgres: 'docker-entrypoint.sh postgres',
  redis: 'docker-entrypoint.sh redis-server',
  nginx: "/docker-entrypoint.sh nginx -g 'daemon off;'",
  httpd: 'httpd-foreground',
};

function commandOf(service: ComposeService): string {
  const given = [...(service.entrypoint ?? []), ...(service.command ?? [])];
  if (given.length > 0) return given.join(' ');
  const repo =
    service.image
      .split('@')[0]
      ?.replace(/:[^/:]*$/, '')
      .split('/')
      .pop() ?? '';
  return IMAGE_COMMANDS[repo] ?? '';
}

/** Docker's restart policy in the Kubernetes words the pod views read (a Pod needs one). */
const POD_RESTART: Record<ComposeService['restart']['policy'], RestartPolicy> = {
  no: 'Never',
  always: 'Always',
  'unless-stopped': 'Always',
  'on-failure': 'OnFailure',
};

/** `cpus: "0.5"` and memory bytes as a Kubernetes resource list (deploy.resources). */
function resourceList(r: { cpus?: string; memoryBytes?: number }): Record<string, string> | undefined {
  const out: Record<string, string> = {};
  if (r.cpus !== undefined) out.cpu = r.cpus;
  if (r.memoryBytes !== undefined) out.memory = String(r.memoryBytes);
  return Object.keys(out).length > 0 ? out : undefined;
}

/** The pod that stands for one container (uid and creation time are filled in by the engine). */
export function containerPod(
  project: ComposeProject,
  service: ComposeService,
  n: number,
  host: string,
  hostIP: string,
  podIP: string,
): Pod {
  const { [BEHAVIOUR_ANNOTATION]: behaviour, ...serviceLabels } = service.labels;
  const limits = resourceList(service.deploy.resources.limits);
  const requests = resourceList(service.deploy.resources.reservations);
  const container: Container = {
    name: service.name,
    image: service.image,
    ...(service.command !== undefined ? { args: [...service.command] } : {}),
    ...(service.entrypoint !== undefined ? { command: [...service.entrypoint] } : {}),
    ports: [
      ...service.ports.map((p) => ({
        containerPort: p.target,
        ...(p.published !== undefined ? { hostPort: p.published } : {}),
        protocol: p.protocol === 'udp' ? ('UDP' as const) : ('TCP' as const),
      })),
      ...service.expose
        .filter((port) => !service.ports.some((p) => p.target === port))
        .map((port) => ({ containerPort: port, protocol: 'TCP' as const })),
    ],
    env: Object.entries(service.environment).map(([name, value]) => ({ name, value })),
    ...(limits !== undefined || requests !== undefined
      ? { resources: { ...(limits ? { limits } : {}), ...(requests ? { requests } : {}) } }
      : {}),
  };
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: containerName(project.name, service, n),
      namespace: 'default',
      uid: '',
      creationTimestamp: 0,
      labels: {
        ...serviceLabels,
        [LABEL_PROJECT]: project.name,
        [LABEL_SERVICE]: service.name,
        [LABEL_NUMBER]: String(n),
        [LABEL_ONEOFF]: 'False',
      },
      ...(behaviour !== undefined ? { annotations: { [BEHAVIOUR_ANNOTATION]: behaviour } } : {}),
    },
    spec: {
      containers: [container],
      restartPolicy: POD_RESTART[service.restart.policy],
      terminationGracePeriodSeconds: Math.round(service.stopGracePeriodMs / 1000),
      schedulerName: 'docker',
      nodeName: host,
    },
    status: {
      phase: 'Pending',
      conditions: [],
      hostIP,
      podIP,
      containerStatuses: [
        {
          name: service.name,
          image: service.image,
          state: { waiting: { reason: 'Created' } },
          lastState: {},
          ready: false,
          started: false,
          restartCount: 0,
        },
      ],
    },
  };
}

/** The Docker record of a freshly created container. */
export function dockerRecord(
  project: ComposeProject,
  service: ComposeService,
  n: number,
  host: string,
  addresses: Record<string, string>,
  ports: DockerContainer['ports'],
): DockerContainer {
  const name = containerName(project.name, service, n);
  const aliases = [...new Set([service.name, name, ...(service.hostname ? [service.hostname] : [])])];
  return {
    host,
    project: project.name,
    service: service.name,
    number: n,
    name,
    image: service.image,
    command: commandOf(service),
    addresses,
    aliases,
    ports,
    restart: service.restart,
    ...(service.healthcheck !== undefined && !service.healthcheck.disabled
      ? { healthcheck: service.healthcheck }
      : {}),
    dependsOn: service.dependsOn,
    status: 'created',
    restartCount: 0,
    restartTimeoutMs: 0,
  };
}
