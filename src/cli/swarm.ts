/**
 * Docker's swarm tables for a simulated swarm at time T (default: the end of the run):
 *
 * - `flotilla services FILE` as `docker service ls`: ID, NAME, MODE, REPLICAS (running/desired,
 *   with "(max N per node)"), IMAGE, PORTS (`*:5000->80/tcp` for ingress ports).
 * - `flotilla service-ps FILE SERVICE` as `docker service ps`: every task of the service kept in
 *   history, newest first per slot, older ones as ` \_ name`; CURRENT STATE like "Running 2 minutes
 *   ago" (go-units HumanDuration, lower-cased); ERROR quoted and cut at 30 characters (docker/cli
 *   formatter/task.go maxErrLength).
 * - `flotilla nodes FILE` as `docker node ls`: ID (`*` on the leader, the manager the CLI talks
 *   to), HOSTNAME, STATUS, AVAILABILITY, MANAGER STATUS (Leader, Reachable, Unreachable),
 *   ENGINE VERSION.
 *
 * Columns as Docker's tabwriter lays them out (minwidth 10, padding 3, docker/cli formatter).
 * Without a leader (quorum lost) each answers Docker's "The swarm does not have a leader" error.
 */
import type { ClusterState, SwarmService, SwarmState, SwarmTask } from '../model';
import { findService, NO_LEADER_MESSAGE } from '../orchestrators';
import { runScenario } from '../scenario';
import { EXIT, loadOrReport, type Output } from './io';

/** The Docker Engine version the simulated nodes report. */
const ENGINE_VERSION = '27.5.1';

/** text/tabwriter with minwidth 10, padding 3; the last column is not padded. */
export function tabwrite(rows: string[][]): string {
  const widths: number[] = [];
  for (const r of rows)
    r.forEach((cell, i) => {
      if (i < r.length - 1) widths[i] = Math.max(widths[i] ?? 0, Math.max(10, [...cell].length + 3));
    });
  return rows
    .map((r) =>
      r
        .map((cell, i) => (i < r.length - 1 ? cell + ' '.repeat((widths[i] ?? 0) - [...cell].length) : cell))
        .join('')
        .trimEnd(),
    )
    .join('\n');
}

/** go-units HumanDuration. */
export function humanDuration(ms: number): string {
  const seconds = Math.floor(ms / 1000);
  const minutes = Math.floor(ms / 60_000);
  const hours = Math.floor(ms / 3_600_000 + 0.5);
  if (seconds < 1) return 'Less than a second';
  if (seconds === 1) return '1 second';
  if (seconds < 60) return `${seconds} seconds`;
  if (minutes === 1) return 'About a minute';
  if (minutes < 60) return `${minutes} minutes`;
  if (hours === 1) return 'About an hour';
  if (hours < 48) return `${hours} hours`;
  return `${Math.floor(hours / 24)} days`;
}

const title = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** `Running 2 minutes ago`. */
export function currentState(t: SwarmTask, now: number): string {
  return `${title(t.state)} ${humanDuration(now - t.since).toLowerCase()} ago`;
}

function ellipsis(s: string, max: number): string {
  return [...s].length <= max ? s : `${[...s].slice(0, max - 1).join('')}…`;
}

function replicas(sw: SwarmState, svc: SwarmService): string {
  const tasks = Object.values(sw.tasks).filter((t) => t.serviceId === svc.id);
  const running = tasks.filter((t) => t.state === 'running' && t.desiredState === 'running').length;
  const desired =
    svc.mode === 'replicated' ? svc.replicas : tasks.filter((t) => t.desiredState !== 'shutdown').length;
  const max = svc.spec.deploy.placement.maxReplicasPerNode;
  return `${running}/${desired}${max !== undefined && max > 0 ? ` (max ${max} per node)` : ''}`;
}

export function formatServices(sw: SwarmState): string {
  const rows = [['ID', 'NAME', 'MODE', 'REPLICAS', 'IMAGE', 'PORTS']];
  for (const svc of Object.values(sw.services).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const ports = svc.ports
      .filter((p) => p.mode === 'ingress' && p.published !== undefined)
      .map((p) => `*:${p.published}->${p.target}/${p.protocol}`)
      .join(', ');
    rows.push([svc.id.slice(0, 12), svc.name, svc.mode, replicas(sw, svc), svc.image, ports]);
  }
  return tabwrite(rows);
}

export function formatServicePs(sw: SwarmState, svc: SwarmService, now: number): string {
  const rows = [['ID', 'NAME', 'IMAGE', 'NODE', 'DESIRED STATE', 'CURRENT STATE', 'ERROR', 'PORTS']];
  const tasks = Object.values(sw.tasks).filter((t) => t.serviceId === svc.id);
  const hostPorts = svc.ports
    .filter((p) => p.mode === 'host' && p.published !== undefined)
    .map((p) => `*:${p.published}->${p.target}/${p.protocol}`)
    .join(',');
  const slotOf = (t: SwarmTask) =>
    t.slot !== undefined ? String(t.slot) : (sw.nodes[t.node ?? '']?.id ?? '');
  const groups = new Map<string, SwarmTask[]>();
  for (const t of tasks) groups.set(slotOf(t), [...(groups.get(slotOf(t)) ?? []), t]);
  const keys = [...groups.keys()].sort((a, b) =>
    svc.mode === 'replicated' ? Number(a) - Number(b) : a < b ? -1 : 1,
  );
  for (const k of keys) {
    const group = (groups.get(k) ?? []).sort((a, b) => b.createdAt - a.createdAt || (a.id < b.id ? -1 : 1));
    group.forEach((t, i) => {
      rows.push([
        t.id.slice(0, 12),
        `${i === 0 ? '' : ' \\_ '}${svc.name}.${k}`,
        t.image,
        t.node ?? '',
        title(t.desiredState),
        currentState(t, now),
        t.err === undefined ? '' : `"${ellipsis(t.err, 30)}"`,
        // Ports published in host mode are bound on the task's node (shown while it runs).
        t.state === 'running' ? hostPorts : '',
      ]);
    });
  }
  return tabwrite(rows);
}

export function formatNodes(sw: SwarmState, state: ClusterState): string {
  const rows = [['ID', 'HOSTNAME', 'STATUS', 'AVAILABILITY', 'MANAGER STATUS', 'ENGINE VERSION']];
  for (const n of Object.values(sw.nodes).sort((a, b) => (a.hostname < b.hostname ? -1 : 1))) {
    const up = state.nodeRuntime[n.hostname]?.up === true;
    const manager =
      n.role !== 'manager' ? '' : sw.raft.leader === n.hostname ? 'Leader' : up ? 'Reachable' : 'Unreachable';
    rows.push([
      `${n.id}${sw.raft.leader === n.hostname ? ' *' : ''}`,
      n.hostname,
      title(n.status),
      title(n.availability),
      manager,
      ENGINE_VERSION,
    ]);
  }
  return tabwrite(rows);
}

export interface SwarmTableOptions {
  at?: number;
  seed?: number;
}

/** Runs the scenario to T and prints one of the tables. */
export function swarmCommand(
  table: 'services' | 'service-ps' | 'nodes',
  file: string,
  service: string | undefined,
  options: SwarmTableOptions,
  io: Output,
): number {
  const scenario = loadOrReport(file, io, true);
  if (!scenario) return EXIT.invalid;
  const run = runScenario(scenario, {
    journal: false,
    ...(options.at === undefined ? {} : { until: options.at }),
    ...(options.seed === undefined ? {} : { seed: options.seed }),
  });
  const state = run.sim.state;
  const sw = state.swarm;
  if (sw === undefined) {
    io.err(`${file}: not a swarm (orchestrator: ${scenario.orchestrator}); use flotilla get`);
    return EXIT.invalid;
  }
  if (sw.raft.leader === undefined) {
    // Listing goes through the leader too: without one, docker answers every command with this.
    io.err(`Error response from daemon: ${NO_LEADER_MESSAGE}`);
    io.err('(flotilla: the running tasks go on; flotilla get pods shows them)');
    return EXIT.failed;
  }
  if (table === 'services') io.out(formatServices(sw));
  else if (table === 'nodes') io.out(formatNodes(sw, state));
  else {
    let svc: SwarmService;
    try {
      svc = findService(sw, service ?? '');
    } catch (e) {
      io.err(`no such service: ${service ?? ''} (${e instanceof Error ? e.message : String(e)})`);
      return EXIT.invalid;
    }
    io.out(formatServicePs(sw, svc, run.sim.now));
  }
  return EXIT.ok;
}
