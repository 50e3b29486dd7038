/**
 * A Docker host loses power or boots again. Down: every container on it is gone with the daemon
 * (nothing moves: no other host knows about them) and the pods that stand for them are Unknown,
 * since no daemon can be asked; a `compose up` under way dies with the host. Up again: the daemon
 * restores its containers, each that was running exited with 255 (moby daemon/daemon.go restore:
 * no exit status survived the power loss), and starts again those its restart manager would
 * (restartManager.ts restartsAtBoot): always, unless-stopped, on-failure with retries left; not no.
 */
import { healthyNodeConditions } from '../../controllers';
import { CommandError, failNode } from '../../engine';
import { type ClusterState, getIn, type Intent, update } from '../../model';
import { COMPOSE } from './composeUp';
import { DOCKERD } from './dockerd';
import { restartsAtBoot } from './restartManager';

function containersOn(state: ClusterState, host: string): string[] {
  return Object.entries(state.docker?.containers ?? {})
    .filter(([, c]) => c.host === host)
    .map(([k]) => k)
    .sort();
}

export function failHost(state: ClusterState, host: string, now: number): Intent[] {
  const keys = containersOn(state, host);
  const projects = Object.keys(state.docker?.projects ?? {}).filter((k) => k.startsWith(`${host}/`));
  return [
    ...failNode(state, host, now),
    {
      op: 'runtime',
      why: `${host} lost power: its containers died with it`,
      mutate: (d) => {
        for (const key of keys) {
          const c = d.docker?.containers[key];
          if (c === undefined) continue;
          if (c.status === 'running' || c.status === 'restarting') {
            c.status = 'exited';
            c.exitCode = 255;
            c.finishedAt = now;
          }
          delete c.restartAt;
          delete c.wakeAt;
          delete c.startRequested;
          // Decided now, acted on at the boot: what the daemon's restore will start again.
          if (
            c.everStarted === true &&
            c.status === 'exited' &&
            restartsAtBoot(c.restart, c.exitCode ?? 0, c.restartCount)
          )
            c.startRequested = true;
        }
      },
    },
    // No node controller watches a Docker host; this is what `get nodes` and the lab show of it.
    update('Node', host, `${host} is down`, (n) => {
      n.status.conditions = n.status.conditions.map((c) =>
        c.type === 'Ready'
          ? {
              ...c,
              status: 'Unknown',
              reason: 'HostDown',
              message: `${host} is down: its Docker daemon cannot be reached`,
              lastTransitionTime: now,
            }
          : c,
      );
    }),
    ...keys.map((key) =>
      update('Pod', key, `${host} is down`, (p) => {
        p.status.phase = 'Unknown';
        p.status.conditions = p.status.conditions.map((c) =>
          c.type === 'Ready' && c.status !== 'False' ? { ...c, status: 'False', lastTransitionTime: now } : c,
        );
        p.status.containerStatuses = p.status.containerStatuses.map((s) => ({
          ...s,
          state: {
            waiting: { reason: 'Unknown', message: `${host} is down: the Docker daemon cannot be reached` },
          },
          ready: false,
          started: false,
        }));
      }),
    ),
    ...projects.map((key): Intent => ({ op: 'wake', controller: COMPOSE, key, afterMs: 0 })),
  ];
}

export function recoverHost(state: ClusterState, host: string, now: number): Intent[] {
  const rt = state.nodeRuntime[host];
  if (state.nodes[host] === undefined) throw new CommandError(`no host named "${host}"`);
  if (rt === undefined || rt.up) throw new CommandError(`host ${host} is not down`);
  const keys = containersOn(state, host);
  return [
    {
      op: 'runtime',
      why: `${host} booted: dockerd starts`,
      mutate: (d) => {
        const n = d.nodeRuntime[host];
        if (n === undefined) return;
        n.up = true;
        n.bootedAt = now;
        n.machine = 'Ready';
        // The daemon's restart managers are new: their delays start over.
        for (const key of keys) {
          const c = d.docker?.containers[key];
          if (c !== undefined) c.restartTimeoutMs = 0;
          // Docker reports a plain exit (255), not the kubelet's "Unknown" reason.
          for (const x of Object.values(getIn(d.podRuntime, key)?.containers ?? {})) delete x.reason;
        }
      },
    },
    update('Node', host, `${host} booted`, (n) => {
      n.status.conditions = healthyNodeConditions(now, n.status.conditions);
    }),
    { op: 'trace', record: { type: 'action', action: 'recoverNode', node: host } },
    ...keys.map((key): Intent => ({ op: 'wake', controller: DOCKERD, key, afterMs: 0 })),
  ];
}
