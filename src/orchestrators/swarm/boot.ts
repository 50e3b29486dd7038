/**
 * Booting a swarm: the machines (Nodes, as a Kubernetes cluster boots them, for the views), the
 * swarm records (nodes with roles, Raft membership with the first manager as leader) and a stack
 * deployed from a compose project (`docker stack deploy`): one swarm service per compose service,
 * each with a VIP and its ingress ports. The manager creates and schedules the tasks in the first
 * step.
 */
import type {
  ClusterState,
  ComposeProject,
  ComposeService,
  Controller,
  Service,
  Settings,
  SwarmNode,
  SwarmPort,
  SwarmService,
  SwarmState,
} from '../../model';
import { eventTTLController, kubelet, NODE_LIFECYCLE_CONTROLLER } from '../../controllers';
import { endpointSliceController, trafficController } from '../../network';
import { bootCluster, type NetworkInput, type NodeSpecInput } from '../kubernetes';
import { stableId } from './ids';
import { SWARM_MANAGER, SWARM_TICK_KEY, swarmManager } from './manager';
import { vipOf, vipService } from './network';
import { HEARTBEAT_PERIOD_MS, MANAGER_TICK_MS, STACK_SUBNET } from './timings';

/** Controllers of a swarm run: the manager, the container runtime (kubelet model), networking. */
export const SWARM_CONTROLLERS: readonly Controller[] = [
  swarmManager,
  kubelet,
  eventTTLController,
  endpointSliceController,
  trafficController,
];

export interface SwarmNodeInput extends NodeSpecInput {
  role?: 'manager' | 'worker';
}

/** The roles of the nodes: as given; without any manager, the first node is the manager. */
function nodeRoles(nodes: readonly SwarmNodeInput[]): ('manager' | 'worker')[] {
  const anyManager = nodes.some((n) => n.role === 'manager');
  return nodes.map((n, i) => n.role ?? (!anyManager && i === 0 ? 'manager' : 'worker'));
}

/** User labels only (the kubelet's kubernetes.io ones are not swarm node labels). */
function swarmLabels(labels: Record<string, string> | undefined): Record<string, string> {
  return Object.fromEntries(Object.entries(labels ?? {}).filter(([k]) => !k.includes('kubernetes.io/')));
}

function portsOf(svc: ComposeService, nextAuto: () => number): SwarmPort[] {
  return svc.ports.map((p) => ({
    target: p.target,
    // Swarm publishes a port given without a host port on one from 30000-32767.
    ...(p.published !== undefined
      ? { published: p.published }
      : p.mode === 'ingress'
        ? { published: nextAuto() }
        : {}),
    protocol: p.protocol,
    mode: p.mode,
  }));
}

function swarmService(
  stack: string,
  svc: ComposeService,
  seed: number,
  index: number,
  ports: SwarmPort[],
): SwarmService {
  const name = `${stack}_${svc.name}`;
  return {
    id: stableId(seed, `service/${name}`),
    name,
    shortName: svc.name,
    stack,
    spec: svc,
    mode: svc.deploy.mode,
    replicas: svc.deploy.mode === 'global' ? 0 : svc.deploy.replicas,
    image: svc.image,
    specVersion: 1,
    ports,
    vip: vipOf(STACK_SUBNET, index),
    createdAt: 0,
    updatedAt: 0,
    restarts: {},
  };
}

export function bootSwarm(
  nodes: readonly SwarmNodeInput[],
  project: ComposeProject,
  seed: number,
  settings: Partial<Settings> = {},
  network: NetworkInput = {},
): ClusterState {
  // The agent heartbeats every 5 s: failNode records the last beat on that period.
  const state = bootCluster(
    nodes,
    seed,
    { ...settings, nodeStatusUpdateFrequency: HEARTBEAT_PERIOD_MS },
    { ...network, config: { proxyMode: 'ipvs', ...(network.config ?? {}) } },
  );
  // No Kubernetes node monitor here: the swarm dispatcher watches heartbeats.
  state.queue = state.queue.filter(
    (e) => !(e.event.type === 'wake' && e.event.controller === NODE_LIFECYCLE_CONTROLLER),
  );
  state.queue.push({
    at: MANAGER_TICK_MS,
    seq: state.seq++,
    event: { type: 'wake', controller: SWARM_MANAGER, key: SWARM_TICK_KEY, periodic: true },
  });
  // The queue is a binary heap: re-establish it after the filter.
  state.queue.sort((a, b) => a.at - b.at || a.seq - b.seq);
  // Tasks get addresses on the stack's overlay network from the manager, not per-node ranges.
  for (const n of Object.values(state.nodes)) delete n.spec.podCIDR;
  const roles = nodeRoles(nodes);
  const swNodes: Record<string, SwarmNode> = {};
  nodes.forEach((n, i) => {
    swNodes[n.name] = {
      id: stableId(seed, `node/${n.name}`),
      hostname: n.name,
      role: roles[i] as 'manager' | 'worker',
      availability: 'active',
      status: 'ready',
      since: 0,
      labels: swarmLabels(n.labels),
    };
  });
  const members = nodes.filter((_, i) => roles[i] === 'manager').map((n) => n.name);
  let auto = 30000;
  const services: Record<string, SwarmService> = {};
  project.services.forEach((s, i) => {
    const svc = swarmService(
      project.name,
      s,
      seed,
      i,
      portsOf(s, () => auto++),
    );
    services[svc.id] = svc;
  });
  const sw: SwarmState = {
    stack: project.name,
    subnet: STACK_SUBNET,
    services,
    tasks: {},
    nodes: swNodes,
    raft: { members, term: 1, ...(members[0] === undefined ? {} : { leader: members[0] }) },
    nextVip: project.services.length,
  };
  state.swarm = sw;
  const records = (state.services ??= {}) as Record<string, Service>;
  delete records['default/kubernetes']; // no Kubernetes API server in a swarm
  for (const svc of Object.values(services)) {
    const obj = vipService(svc, state.network);
    obj.metadata.uid = `00000000-0000-4000-a000-${svc.id.slice(0, 12)}`;
    records[`default/${svc.name}`] = obj;
  }
  return state;
}
