/**
 * A Compose project after loading: the compose specification's fields Flotilla models, normalised
 * (short and long syntaxes folded into one shape, Docker's defaults filled in, durations in ms).
 * `loadCompose` (src/compose/loadCompose.ts) produces it; the compose and swarm orchestrators and
 * `flotilla convert` consume it. Field names follow the compose specification
 * (https://github.com/compose-spec/compose-spec/blob/main/spec.md) so a reader can look them up.
 */
import type { SourceLocation } from '../model/located';

/** `restart:` (compose spec "restart"); `on-failure:3` becomes `{ policy: 'on-failure', maxRetries: 3 }`. */
export interface ComposeRestartPolicy {
  policy: 'no' | 'always' | 'on-failure' | 'unless-stopped';
  /** Only for on-failure; undefined = retry forever. */
  maxRetries?: number;
  /**
   * Whether `restart:` was written. Compose's default is `no`, but kompose turns only an explicit
   * `no`/`on-failure` into a bare Pod (an absent one gives a Deployment), so convert must know.
   */
  explicit?: boolean;
}

/** `depends_on:`; the short (list) form means condition service_started, required true. */
export interface DependsOn {
  service: string;
  condition: 'service_started' | 'service_healthy' | 'service_completed_successfully';
  restart: boolean;
  required: boolean;
}

/**
 * `healthcheck:` with Docker's defaults (Dockerfile reference HEALTHCHECK: interval 30 s, timeout
 * 30 s, start period 0 s, start interval 5 s, retries 3). `disable: true` or `test: ["NONE"]` gives
 * `disabled: true`.
 */
export interface Healthcheck {
  /** The command as Docker stores it: `['CMD', ...]`, `['CMD-SHELL', '...']`. */
  test: string[];
  intervalMs: number;
  timeoutMs: number;
  retries: number;
  startPeriodMs: number;
  startIntervalMs: number;
  disabled: boolean;
}

/** One `ports:` entry, short (`"8080:80/tcp"`, `"127.0.0.1:8080:80"`, `"80"`) or long form. */
export interface PortMapping {
  /** Container port (`target`). */
  target: number;
  /** Host port; undefined when Docker picks an ephemeral one (`"80"` alone). */
  published?: number;
  /** Last port of a published range (`"8000-8010:80"`) when given. */
  publishedEnd?: number;
  hostIp?: string;
  protocol: 'tcp' | 'udp';
  /** Swarm only: `ingress` (routing mesh, the default) or `host`. */
  mode: 'ingress' | 'host';
  name?: string;
}

/** One `volumes:` entry of a service, short (`db-data:/var/lib/mysql:ro`) or long form. */
export interface VolumeMount {
  type: 'volume' | 'bind' | 'tmpfs';
  /** Named volume or host path; undefined for an anonymous volume or tmpfs. */
  source?: string;
  target: string;
  readOnly: boolean;
}

/** Quantities as Kubernetes-style strings Flotilla's quantity parser reads (`'0.5'` cpus, `'512Mi'`). */
export interface ResourceSpec {
  /** CPUs as a decimal string, e.g. `'0.5'`. */
  cpus?: string;
  /** Bytes, already converted from Docker's units (`512m`, `1g`, `1024k`) to a byte count. */
  memoryBytes?: number;
}

/** `deploy:` (compose spec "deploy", used by swarm; compose honours replicas and resources). */
export interface Deploy {
  mode: 'replicated' | 'global';
  /** Default 1 (replicated). */
  replicas: number;
  resources: { limits: ResourceSpec; reservations: ResourceSpec };
  /** `deploy.restart_policy`; swarm's defaults: condition any, delay 5 s, max_attempts 0 (unlimited), window 0. */
  restartPolicy: {
    condition: 'none' | 'on-failure' | 'any';
    delayMs: number;
    maxAttempts: number;
    windowMs: number;
  };
  placement: {
    /** e.g. `node.role == manager`, `node.labels.zone != b`, kept verbatim. */
    constraints: string[];
    /** `spread: node.labels.zone` preferences, as the label expressions. */
    preferences: string[];
    /** `max_replicas_per_node`, undefined = unlimited. */
    maxReplicasPerNode?: number;
  };
  /** `deploy.update_config`; swarm's defaults: parallelism 1, delay 0, failure_action pause, order stop-first. */
  updateConfig: {
    parallelism: number;
    delayMs: number;
    failureAction: 'continue' | 'rollback' | 'pause';
    monitorMs: number;
    maxFailureRatio: number;
    order: 'stop-first' | 'start-first';
  };
  labels: Record<string, string>;
  /** Whether the file had a `deploy:` key at all (kompose and swarm treat its absence differently). */
  present: boolean;
}

export interface ComposeService {
  name: string;
  /** `image:`; a `build:`-only service gets a placeholder `<project>-<service>` and a warning. */
  image: string;
  /** True when `image` is a placeholder made for a `build:` section. */
  built: boolean;
  command?: string[];
  entrypoint?: string[];
  environment: Record<string, string>;
  /** `env_file:` paths as written (read only when the file is next to the compose file). */
  envFiles: string[];
  ports: PortMapping[];
  /** `expose:` container ports (no publishing). */
  expose: number[];
  volumes: VolumeMount[];
  dependsOn: DependsOn[];
  restart: ComposeRestartPolicy;
  healthcheck?: Healthcheck;
  deploy: Deploy;
  /** Networks the service joins; `['default']` when none is given. */
  networks: string[];
  /** `container_name:`; otherwise Compose v2 names containers `<project>-<service>-<n>`. */
  containerName?: string;
  hostname?: string;
  labels: Record<string, string>;
  profiles: string[];
  /** `stop_grace_period:`, default 10 s (docker stop's timeout). `scale:` is folded into deploy.replicas. */
  stopGracePeriodMs: number;
  /** Where the service is defined, for messages. */
  loc: SourceLocation;
  /**
   * The fields written for this service (after anchors and merge keys), as paths: top-level keys
   * (`restart`, `container_name`, ...) and the `deploy.*` keys (`deploy.update_config`, ...), so a
   * consumer can tell a Docker default from a written value, and name what it could not carry.
   */
  given?: string[];
}

export interface ComposeNetwork {
  name: string;
  /** `bridge` by default; `overlay` under swarm. */
  driver?: string;
  external: boolean;
}

export interface ComposeVolume {
  name: string;
  driver?: string;
  external: boolean;
}

export interface ComposeProject {
  /** `name:` at the top level, else the directory name of the file, lower-cased and sanitised. */
  name: string;
  file: string;
  /** In file order. Services whose profiles are not active are left out. */
  services: ComposeService[];
  networks: ComposeNetwork[];
  volumes: ComposeVolume[];
}
