/**
 * How Docker hosts boot for `orchestrator: compose`: the scenario's nodes as hosts (each with its
 * own daemon), no Kubernetes objects (no API server, no `kubernetes` Service, only the `default`
 * namespace the container pods live in), and each project's `compose up` queued at t=0.
 */
import { type ClusterState, type Controller, heapPush, type Settings } from '../../model';
import { eventTTLController } from '../../controllers';
import { trafficController } from '../../network';
import { bootCluster, type NetworkInput, type NodeSpecInput } from '../kubernetes';
import { COMPOSE, type ComposeDeployment, composeController } from './composeUp';
import { startOrder } from './dependencies';
import { dockerd } from './dockerd';

/** The controllers of a compose run: compose up, the daemons, event expiry, traffic. */
export function composeControllers(deployments: readonly ComposeDeployment[]): Controller[] {
  return [composeController(deployments), dockerd, eventTTLController, trafficController];
}

export function bootCompose(
  hosts: readonly NodeSpecInput[],
  deployments: readonly ComposeDeployment[],
  seed: number,
  settings: Partial<Settings> = {},
  network: NetworkInput = {},
): ClusterState {
  const state = bootCluster(hosts, seed, settings, network);
  state.services = {};
  state.namespaces = {
    default: state.namespaces.default as NonNullable<ClusterState['namespaces']['default']>,
  };
  state.docker = { projects: {}, containers: {}, nextNetwork: {}, networks: {} };
  for (const d of deployments) {
    const key = `${d.host}/${d.project.name}`;
    state.docker.projects[key] = {
      host: d.host,
      project: d.project.name,
      order: startOrder(d.project),
      phase: 'pulling',
      started: [],
    };
    heapPush(state.queue, { at: 0, seq: state.seq++, event: { type: 'wake', controller: COMPOSE, key } });
  }
  return state;
}
