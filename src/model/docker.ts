/**
 * Simulator-only state of Docker hosts running Compose projects (`orchestrator: compose`). A Docker
 * container is stored as a Pod (one container per pod, `spec.nodeName` = its host) so that every
 * view keeps working; what Docker knows beyond that lives here, keyed like the pods. The process
 * itself (running, exited, start time, scripted faults) is the pod's ContainerRuntime, as for the
 * kubelet, so that the engine's crashContainer, setBehaviour and failNode commands act on it.
 */
import type { DependsOn, Healthcheck, PortMapping, ComposeRestartPolicy } from './compose';

/** Docker's container State.Status values that Flotilla models (moby api/types/container/state.go). */
type DockerStatus = 'created' | 'running' | 'restarting' | 'exited';

/** A container's health (moby api/types/container/health.go): `starting` until a first result decides. */
export interface DockerHealth {
  status: 'starting' | 'healthy' | 'unhealthy';
  failingStreak: number;
  /** When the next check starts, in ms. */
  nextCheck: number;
}

/** What Docker and Compose know of one container, beyond its Pod. */
export interface DockerContainer {
  host: string;
  project: string;
  service: string;
  /** com.docker.compose.container-number (1-based). */
  number: number;
  /** The container's name (`<project>-<service>-<n>` or container_name); also the pod's name. */
  name: string;
  image: string;
  /** What `docker ps` shows in COMMAND (entrypoint + command, or the image's default). */
  command: string;
  /** Network (`<project>_<name>`) → the container's address on it. */
  addresses: Record<string, string>;
  /** Names the embedded DNS answers with this container on its networks: service, container name, hostname. */
  aliases: string[];
  ports: PortMapping[];
  restart: ComposeRestartPolicy;
  healthcheck?: Healthcheck;
  dependsOn: DependsOn[];
  status: DockerStatus;
  /** Compose asked the daemon to start it (compose up), or the daemon restores it after a boot. */
  startRequested?: true;
  /** Docker's RestartCount: restarts by the restart manager. */
  restartCount: number;
  /** The restart manager's current delay (moby restartmanager: 0 = none yet), in ms. */
  restartTimeoutMs: number;
  /** While `restarting`: when the restart manager starts it again. */
  restartAt?: number;
  /** Exit code and time of the last exit (Docker keeps them while the container restarts). */
  exitCode?: number;
  finishedAt?: number;
  /** When the run that ended last started (the pod's lastState). */
  lastStartedAt?: number;
  /** Whether it ever started (a created-only container has StartedAt zero). */
  everStarted?: true;
  health?: DockerHealth;
  /** The next wake already queued for this container (so it is queued once). */
  wakeAt?: number;
}

/** Where `compose up` of a project is. */
type ComposeUpPhase = 'pulling' | 'starting' | 'done' | 'failed';

/** One `docker compose up -d` of a project on a host. */
export interface ComposeProjectRun {
  host: string;
  project: string;
  /** Service names in start order (dependencies first). */
  order: string[];
  phase: ComposeUpPhase;
  /** When the image pulls finish. */
  pullUntil?: number;
  /** Services whose containers compose has started. */
  started: string[];
  /** Why `up` failed, in Compose's words. */
  error?: string;
}

export interface DockerState {
  /** `<host>/<project>` → its compose up. */
  projects: Record<string, ComposeProjectRun>;
  /** Pod key → the container's Docker record. */
  containers: Record<string, DockerContainer>;
  /** Per host, the next user-defined network's second octet (172.18.0.0/16, 172.19.0.0/16, ...). */
  nextNetwork: Record<string, number>;
  /** `<host>/<network>` → its /16 subnet's first two octets (`172.18`) and the next host number. */
  networks: Record<string, { prefix: string; next: number }>;
}

/** Compose's labels on every container it creates (docker/compose pkg/api/labels.go). */
export const LABEL_PROJECT = 'com.docker.compose.project';
export const LABEL_SERVICE = 'com.docker.compose.service';
export const LABEL_NUMBER = 'com.docker.compose.container-number';
export const LABEL_ONEOFF = 'com.docker.compose.oneoff';
