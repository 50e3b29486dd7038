/**
 * Commands a person gives a swarm manager: `docker service scale`, `docker service update
 * --image`, `docker node update --availability`. Each is a write to the Raft store, so without a
 * leader it is refused with Docker's message (the swarm cannot commit anything without a quorum).
 */
import { CommandError } from '../../engine';
import type { ClusterState, Intent, SwarmNode, SwarmService, SwarmState } from '../../model';
import { SWARM_KEY, SWARM_MANAGER } from './manager';
import { NO_LEADER_MESSAGE } from './timings';

function swarmOf(state: ClusterState): SwarmState {
  if (state.swarm === undefined) throw new CommandError('this cluster is not a swarm (orchestrator: swarm)');
  if (state.swarm.raft.leader === undefined) throw new CommandError(NO_LEADER_MESSAGE);
  return state.swarm;
}

/** A service by its name (`tooling_web`), short name (`web`) or id (prefix). */
export function findService(sw: SwarmState, name: string): SwarmService {
  const all = Object.values(sw.services);
  const svc =
    all.find((s) => s.name === name) ??
    all.find((s) => s.shortName === name) ??
    all.find((s) => name.length >= 3 && s.id.startsWith(name));
  if (svc === undefined)
    throw new CommandError(
      `service ${name} not found (services: ${all
        .map((s) => s.name)
        .sort()
        .join(', ')})`,
    );
  return svc;
}

function change(
  svcId: string,
  why: string,
  mutate: (svc: SwarmService, d: ClusterState) => void,
  record: Record<string, unknown>,
): Intent[] {
  return [
    {
      op: 'runtime',
      why,
      mutate: (d) => {
        const svc = d.swarm?.services[svcId];
        if (svc !== undefined) mutate(svc, d);
      },
    },
    // The manager reacts to the store change at once.
    { op: 'wake', controller: SWARM_MANAGER, key: SWARM_KEY, afterMs: 0 },
    { op: 'trace', record: { type: 'action', ...record } },
  ];
}

/** `docker service scale NAME=N`. */
export function scaleService(state: ClusterState, name: string, replicas: number, now: number): Intent[] {
  const svc = findService(swarmOf(state), name);
  if (svc.mode === 'global')
    throw new CommandError(`${svc.name}: scale can only be used with replicated mode`);
  if (!Number.isInteger(replicas) || replicas < 0)
    throw new CommandError(`invalid replicas value for ${svc.name}: ${replicas}`);
  return change(
    svc.id,
    'docker service scale',
    (s) => {
      s.replicas = replicas;
      s.updatedAt = now;
    },
    { action: 'scale', service: svc.name, replicas },
  );
}

/** `docker service update --image IMAGE NAME`: a rolling update under update_config. */
export function updateServiceImage(state: ClusterState, name: string, image: string, now: number): Intent[] {
  const svc = findService(swarmOf(state), name);
  if (svc.image === image)
    return [
      {
        op: 'trace',
        record: {
          type: 'action',
          action: 'updateService',
          service: svc.name,
          image,
          note: 'image unchanged',
        },
      },
    ];
  const previous = svc.image;
  return change(
    svc.id,
    'docker service update --image',
    (s) => {
      s.image = image;
      s.specVersion += 1;
      s.updatedAt = now;
      s.updateStatus = {
        state: 'updating',
        message: 'update in progress',
        startedAt: now,
        previousImage: previous,
      };
    },
    { action: 'updateService', service: svc.name, image },
  );
}

/** `docker node update --availability active|pause|drain NODE`. */
export function setAvailability(
  state: ClusterState,
  node: string,
  availability: SwarmNode['availability'],
): Intent[] {
  const sw = swarmOf(state);
  if (sw.nodes[node] === undefined)
    throw new CommandError(`node ${node} not found (nodes: ${Object.keys(sw.nodes).sort().join(', ')})`);
  return [
    {
      op: 'runtime',
      why: 'docker node update --availability',
      mutate: (d) => {
        const n = d.swarm?.nodes[node];
        if (n !== undefined) n.availability = availability;
      },
    },
    { op: 'wake', controller: SWARM_MANAGER, key: SWARM_KEY, afterMs: 0 },
    { op: 'trace', record: { type: 'action', action: 'nodeAvailability', node, availability } },
  ];
}

/** `docker swarm join`: a machine already booted in the cluster joins as a worker (or manager). */
export function joinSwarm(state: ClusterState, node: string, role: SwarmNode['role'], id: string): Intent[] {
  const sw = swarmOf(state);
  if (state.nodes[node] === undefined) throw new CommandError(`no machine ${node}`);
  if (sw.nodes[node] !== undefined) throw new CommandError(`${node} is already part of a swarm`);
  return [
    {
      op: 'runtime',
      why: 'docker swarm join',
      mutate: (d) => {
        if (d.swarm === undefined) return;
        d.swarm.nodes[node] = {
          id,
          hostname: node,
          role,
          availability: 'active',
          status: 'ready',
          since: d.time,
          labels: {},
        };
        if (role === 'manager') d.swarm.raft.members.push(node);
      },
    },
    { op: 'wake', controller: SWARM_MANAGER, key: SWARM_KEY, afterMs: 0 },
    { op: 'trace', record: { type: 'action', action: 'joinSwarm', node, role } },
  ];
}
