/**
 * `docker compose ps` of a simulated Docker host, as Compose v2 prints it (docker/compose
 * cmd/formatter/container.go): NAME, IMAGE, COMMAND (quoted, cut to 20 characters with "…"),
 * SERVICE, CREATED and STATUS as Docker words them (moby container/state.go State.String:
 * `Up 2 minutes (healthy)`, `Up 5 seconds (health: starting)`, `Restarting (1) 3 seconds ago`,
 * `Exited (137) 5 seconds ago`, `Created`), durations as go-units HumanDuration, and PORTS as
 * docker/cli DisplayablePorts (`0.0.0.0:5000->80/tcp, 3306/tcp`; Flotilla's hosts have no IPv6,
 * so no `[::]:5000->80/tcp`). Without `all`, only running (and restarting) containers, as
 * `docker compose ps` without `-a`.
 */
import { type ClusterState, type DockerContainer, getIn } from '../../model';

/** go-units HumanDuration (github.com/docker/go-units duration.go). */
export function humanDuration(ms: number): string {
  const seconds = Math.floor(ms / 1000);
  if (seconds < 1) return 'Less than a second';
  if (seconds === 1) return '1 second';
  if (seconds < 60) return `${seconds} seconds`;
  const minutes = Math.floor(ms / 60_000);
  if (minutes === 1) return 'About a minute';
  if (minutes < 60) return `${minutes} minutes`;
  const hours = Math.round(ms / 3_600_000);
  if (hours === 1) return 'About an hour';
  if (hours < 48) return `${hours} hours`;
  if (hours < 24 * 7 * 2) return `${Math.floor(hours / 24)} days`;
  if (hours < 24 * 30 * 2) return `${Math.floor(hours / 24 / 7)} weeks`;
  if (hours < 24 * 365 * 2) return `${Math.floor(hours / 24 / 30)} months`;
  return `${Math.floor(ms / 3_600_000 / 24 / 365)} years`;
}

/** docker/cli formatter.Ellipsis: at most `max` characters, the last one "…" when cut. */
export function ellipsis(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}

/** The STATUS column at `now`. */
function statusText(state: ClusterState, key: string, c: DockerContainer, now: number): string {
  const startedAt = getIn(state.podRuntime, key)?.containers[c.service]?.startedAt;
  const since = (t: number | undefined) => humanDuration(now - (t ?? now));
  switch (c.status) {
    case 'running': {
      const h = c.health;
      const health =
        h === undefined ? '' : h.status === 'starting' ? ' (health: starting)' : ` (${h.status})`;
      return `Up ${since(startedAt)}${health}`;
    }
    case 'restarting':
      return `Restarting (${c.exitCode ?? 0}) ${since(c.finishedAt)} ago`;
    case 'exited':
      return c.everStarted === true ? `Exited (${c.exitCode ?? 0}) ${since(c.finishedAt)} ago` : 'Created';
    case 'created':
      return 'Created';
  }
}

/** The PORTS column: published ports first as `ip:public->private/proto`, then exposed ones. */
function portsText(c: DockerContainer, exposed: readonly number[]): string {
  const published = [...c.ports]
    .filter((p) => p.published !== undefined)
    .sort((a, b) => (a.published ?? 0) - (b.published ?? 0))
    .map((p) => `${p.hostIp ?? '0.0.0.0'}:${p.published}->${p.target}/${p.protocol}`);
  const bare = [...new Set(exposed)]
    .filter((port) => !c.ports.some((p) => p.target === port))
    .sort((a, b) => a - b)
    .map((port) => `${port}/tcp`);
  return [...published, ...bare].join(', ');
}

/** One host's project: the lines of its table (header first), or Docker's message when the host is down. */
export function composePsLines(
  state: ClusterState,
  host: string,
  project: string,
  now: number,
  all: boolean,
): string[][] | string {
  if (state.nodeRuntime[host]?.up !== true)
    return 'Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?';
  const rows = Object.entries(state.docker?.containers ?? {})
    .filter(([, c]) => c.host === host && c.project === project)
    .filter(([, c]) => all || c.status === 'running' || c.status === 'restarting')
    .sort(([, a], [, b]) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const lines: string[][] = [['NAME', 'IMAGE', 'COMMAND', 'SERVICE', 'CREATED', 'STATUS', 'PORTS']];
  for (const [key, c] of rows) {
    const pod = getIn(state.pods, key);
    const exposed =
      pod?.spec.containers[0]?.ports?.filter((p) => p.hostPort === undefined).map((p) => p.containerPort) ??
      [];
    lines.push([
      c.name,
      c.image,
      JSON.stringify(ellipsis(c.command, 20)),
      c.service,
      `${humanDuration(now - (pod?.metadata.creationTimestamp ?? now))} ago`,
      statusText(state, key, c, now),
      portsText(c, exposed),
    ]);
  }
  return lines;
}
