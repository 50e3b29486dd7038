/**
 * The pod-to-pod reachability matrix of `flotilla netpol`: for every pair of pods with an IP, whether
 * a connection from the row's pod to the column's pod on a port is allowed by NetworkPolicy (the
 * source's egress and the destination's ingress). Without a port, a pair counts as reachable when
 * some port the destination declares (containerPort with that protocol) is allowed; for a pod that
 * declares none, when the policies allow every port.
 */
import { type ClusterState, entriesIn, type Pod, type Protocol } from '../model';
import { evaluateConnection } from './networkPolicy';

export interface NetpolMatrix {
  port: number | null;
  protocol: Protocol;
  /** `namespace/name`, sorted. */
  pods: string[];
  /** matrix[from][to]. */
  matrix: Record<string, Record<string, boolean>>;
}

/** Port 0 matches only rules that allow every port (no `ports`, or a port entry without `port`). */
const ANY_PORT_ONLY = 0;

export function netpolMatrix(
  state: ClusterState,
  port: number | undefined,
  protocol: Protocol = 'TCP',
): NetpolMatrix {
  const pods = entriesIn(state.pods)
    .filter(
      ([, p]) =>
        p.status.podIP !== undefined &&
        p.status.phase !== 'Succeeded' &&
        p.status.phase !== 'Failed' &&
        p.metadata.deletionTimestamp === undefined,
    )
    .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const matrix: Record<string, Record<string, boolean>> = {};
  const portsOf = (p: Pod): number[] => {
    if (port !== undefined) return [port];
    const declared = p.spec.containers.flatMap((c) =>
      (c.ports ?? []).filter((x) => (x.protocol ?? 'TCP') === protocol).map((x) => x.containerPort),
    );
    return declared.length > 0 ? declared : [ANY_PORT_ONLY];
  };
  for (const [from, src] of pods) {
    const row: Record<string, boolean> = {};
    for (const [to, dst] of pods) {
      row[to] = portsOf(dst).some(
        (pt) =>
          evaluateConnection(
            state,
            { ip: src.status.podIP as string, pod: src },
            { ip: dst.status.podIP as string, pod: dst },
            pt,
            protocol,
          ).allowed,
      );
    }
    matrix[from] = row;
  }
  return { port: port ?? null, protocol, pods: pods.map(([k]) => k), matrix };
}

/** The matrix as text: numbered columns, a legend, ✓ allowed and ✗ dropped. */
export function formatNetpolMatrix(m: NetpolMatrix): string {
  if (m.pods.length === 0) return 'No pods with an IP address.\n';
  const head = `reachability on ${m.port === null ? 'the ports each pod declares' : `port ${m.port}`}/${m.protocol} (rows: from, columns: to)`;
  const width = Math.max(...m.pods.map((p) => p.length)) + 4;
  const lines = [head, ''];
  lines.push(`${''.padEnd(width)}${m.pods.map((_, i) => String(i + 1).padStart(3)).join('')}`);
  m.pods.forEach((from, i) => {
    const cells = m.pods.map((to) => (m.matrix[from]?.[to] ? '  ✓' : '  ✗')).join('');
    lines.push(`${`${String(i + 1).padStart(2)} ${from}`.padEnd(width)}${cells}`);
  });
  return `${lines.join('\n')}\n`;
}
