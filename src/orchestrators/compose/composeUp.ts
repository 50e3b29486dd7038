/**
 * `docker compose up -d` of each project on its host, as one controller keyed `<host>/<project>`:
 * pull the missing images (in parallel, `imagePullTime`), create the project's networks, volumes
 * and every container, then start the services in dependency order, each once its depends_on
 * conditions hold (dependencies.ts). When a condition fails, `up` stops with Compose's message and
 * the services left are never started. Once `up` is done the daemon alone keeps the containers
 * going (dockerd.ts): depends_on plays no part in restarts, nor when the host boots again.
 */
import {
  type ClusterState,
  type ComposeProject,
  type ComposeProjectRun,
  type ComposeService,
  type Controller,
  type DockerContainer,
  type EventIntent,
  getIn,
  type Intent,
  setIn,
} from '../../model';
import { containerPod, dockerRecord, containerName } from './containerSpec';
import { conditionState, startOrder } from './dependencies';
import { hostObjectEvent } from './dockerEvents';
import { DOCKERD } from './dockerd';

export const COMPOSE = 'compose';

/** A project and the host it is brought up on. */
export interface ComposeDeployment {
  host: string;
  project: ComposeProject;
}

/** First port Docker hands out for `ports: ["80"]` (Linux ip_local_port_range starts at 32768). */
const EPHEMERAL_PORT_START = 32768;

/** A network's name on the host: `<project>_<network>` (Compose's default naming), as is when external. */
function networkName(project: ComposeProject, network: string): string {
  const n = project.networks.find((x) => x.name === network);
  return n?.external === true ? network : `${project.name}_${network}`;
}

function upEvent(
  run: ComposeProjectRun,
  reason: string,
  message: string,
  type: 'Normal' | 'Warning',
): EventIntent {
  return {
    op: 'event',
    object: { kind: 'Project', name: run.project, uid: `${run.host}/project/${run.project}` },
    type,
    reason,
    message,
    source: { component: 'compose', host: run.host },
  };
}

/** The compose controller for these deployments (their projects are constant for a run). */
export function composeController(deployments: readonly ComposeDeployment[]): Controller {
  const byKey = new Map(deployments.map((d) => [`${d.host}/${d.project.name}`, d]));
  return {
    name: COMPOSE,
    // Networks and addresses are allocated per host in turn.
    sequential: true,
    keysFor(change, state) {
      if (change.kind !== 'Pod') return [];
      const rec = state.docker?.containers[change.key];
      if (rec === undefined) return [];
      const key = `${rec.host}/${rec.project}`;
      return state.docker?.projects[key]?.phase === 'starting' ? [key] : [];
    },
    reconcile(state, key, ctx) {
      const run = state.docker?.projects[key];
      const dep = byKey.get(key);
      if (run === undefined || dep === undefined) return [];
      if (run.phase === 'done' || run.phase === 'failed') return [];
      const now = ctx.now;
      if (state.nodeRuntime[run.host]?.up !== true)
        return fail(run, `${run.host} went down during compose up`);
      if (run.phase === 'pulling') {
        const missing = [...new Set(dep.project.services.map((s) => s.image))].filter(
          (img) => state.nodeRuntime[run.host]?.images[img] !== true,
        );
        if (missing.length > 0 && run.pullUntil === undefined) {
          const until = now + state.settings.imagePullTime;
          ctx.requeueAfter(key, until - now);
          return [
            ...missing.map((img) =>
              hostObjectEvent(run.host, 'Image', img, 'pull', { name: img.replace(/:[^/:]*$/, '') }),
            ),
            setRun(key, (r) => (r.pullUntil = until)),
          ];
        }
        if (run.pullUntil !== undefined && run.pullUntil > now) return [];
        // Start in the next round, once the containers exist.
        ctx.requeueAfter(key, 0);
        return create(state, dep, key, missing);
      }
      return startReady(state, dep, run, key);
    },
  };
}

function setRun(key: string, f: (r: ComposeProjectRun) => void): Intent {
  return {
    op: 'runtime',
    why: 'compose up',
    mutate: (d) => {
      const r = d.docker?.projects[key];
      if (r !== undefined) f(r);
    },
  };
}

function fail(run: ComposeProjectRun, error: string): Intent[] {
  const key = `${run.host}/${run.project}`;
  return [
    upEvent(run, 'Failed', error, 'Warning'),
    setRun(key, (r) => {
      r.phase = 'failed';
      r.error = error;
    }),
  ];
}

/** Pulled images on the host; networks, volumes and every container created (not started). */
function create(state: ClusterState, dep: ComposeDeployment, key: string, pulled: string[]): Intent[] {
  const { host, project } = dep;
  const docker = state.docker;
  const node = state.nodes[host];
  if (docker === undefined || node === undefined) return [];
  const hostIP = node.status.addresses.find((a) => a.type === 'InternalIP')?.address ?? '';
  const intents: Intent[] = [];
  // Subnets: Docker's default address pools give user networks 172.18.0.0/16, 172.19.0.0/16, ...
  // (172.17.0.0/16 is docker0), addresses from .2 up (.1 is the gateway).
  const networks = { ...docker.networks };
  let nextNet = docker.nextNetwork[host] ?? 18;
  const used = [...new Set(project.services.flatMap((s) => s.networks))];
  for (const n of used) {
    const name = networkName(project, n);
    if (networks[`${host}/${name}`] !== undefined) continue;
    networks[`${host}/${name}`] = { prefix: `172.${nextNet++}`, next: 2 };
    if (project.networks.find((x) => x.name === n)?.external !== true)
      intents.push(hostObjectEvent(host, 'Network', name, 'create', { name, type: 'bridge' }));
  }
  for (const v of project.volumes)
    if (!v.external)
      intents.push(
        hostObjectEvent(host, 'Volume', `${project.name}_${v.name}`, 'create', { driver: 'local' }),
      );
  let ephemeral =
    EPHEMERAL_PORT_START +
    Object.values(docker.containers)
      .filter((c) => c.host === host)
      .flatMap((c) => c.ports)
      .filter((p) => (p.published ?? 0) >= EPHEMERAL_PORT_START).length;
  const records: [string, DockerContainer][] = [];
  // In dependency order, as Compose creates them (so db gets the first address when web depends on it).
  const services = startOrder(project).map(
    (name) => project.services.find((s) => s.name === name) as ComposeService,
  );
  for (const service of services) {
    for (let n = 1; n <= Math.max(0, service.deploy.replicas); n++) {
      const addresses: Record<string, string> = {};
      for (const net of service.networks) {
        const name = networkName(project, net);
        const pool = networks[`${host}/${name}`] as { prefix: string; next: number };
        addresses[name] = `${pool.prefix}.${Math.floor(pool.next / 256)}.${pool.next % 256}`;
        networks[`${host}/${name}`] = { ...pool, next: pool.next + 1 };
      }
      const ports = service.ports.map((p) =>
        p.published === undefined ? { ...p, published: ephemeral++ } : { ...p },
      );
      const rec = dockerRecord(project, service, n, host, addresses, ports);
      const podIP = Object.values(addresses)[0] ?? '';
      const pod = containerPod(project, service, n, host, hostIP, podIP);
      const podKey = `default/${containerName(project.name, service, n)}`;
      records.push([podKey, rec]);
      intents.push({ op: 'create', object: pod, why: `compose up: create ${rec.name}` });
    }
  }
  intents.push({
    op: 'runtime',
    why: 'compose up: created',
    mutate: (d) => {
      const dd = d.docker;
      if (dd === undefined) return;
      dd.networks = networks;
      dd.nextNetwork[host] = nextNet;
      const n = d.nodeRuntime[host];
      if (n !== undefined) for (const img of pulled) n.images[img] = true;
      for (const [podKey, rec] of records) {
        dd.containers[podKey] = rec;
        const pod = getIn(d.pods, podKey);
        setIn(d.podRuntime, podKey, { node: host, uid: pod?.metadata.uid ?? '', containers: {} });
        // The API server's DefaultTolerationSeconds admission gave it tolerations: Docker has none.
        if (pod !== undefined) delete pod.spec.tolerations;
      }
      const r = dd.projects[key];
      if (r !== undefined) r.phase = 'starting';
    },
  });
  return intents;
}

/** Starts every service whose dependencies hold, in order; fails `up` on a failed condition. */
function startReady(
  state: ClusterState,
  dep: ComposeDeployment,
  run: ComposeProjectRun,
  key: string,
): Intent[] {
  const containersOf = (service: string) =>
    Object.entries(state.docker?.containers ?? {}).filter(
      ([, c]) => c.host === run.host && c.project === run.project && c.service === service,
    );
  const started = [...run.started];
  const intents: Intent[] = [];
  for (const name of run.order) {
    if (started.includes(name)) continue;
    const service = dep.project.services.find((s) => s.name === name) as ComposeService;
    let waiting = false;
    for (const d of service.dependsOn) {
      const scale = dep.project.services.find((x) => x.name === d.service)?.deploy.replicas ?? 1;
      const st = conditionState(
        name,
        d,
        containersOf(d.service).map(([, c]) => c),
        scale,
      );
      if (st.state === 'failed') {
        const error =
          d.condition === 'service_healthy' ? `dependency failed to start: ${st.error}` : st.error;
        return [...intents, ...fail({ ...run, started }, error)];
      }
      if (st.state === 'waiting') waiting = true;
    }
    // Services start concurrently, each as soon as its own dependencies allow.
    if (waiting) continue;
    started.push(name);
    for (const [podKey] of containersOf(name))
      intents.push({ op: 'wake', controller: DOCKERD, key: podKey, afterMs: 0 });
    intents.push({
      op: 'runtime',
      why: `compose up: start ${name}`,
      mutate: (d) => {
        for (const c of Object.values(d.docker?.containers ?? {}))
          if (c.host === run.host && c.project === run.project && c.service === name) c.startRequested = true;
      },
    });
  }
  const done = started.length === run.order.length;
  intents.push(
    setRun(key, (r) => {
      r.phase = done ? 'done' : 'starting';
      r.started = started;
    }),
  );
  return intents;
}
