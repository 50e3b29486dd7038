/**
 * NodePorts (K pkg/scheduler/framework/plugins/nodeports/node_ports.go): a pod asking for a
 * hostPort does not fit a node where another pod already holds the same port and protocol on an
 * overlapping host IP (0.0.0.0 overlaps every IP). PreFilter skips pods without host ports.
 */
import type { ContainerPort, Pod } from '../../model';
import { type FilterPlugin, failure, SUCCESS } from '../framework';

/** Skip statuses, shared: most cycles skip. */
const NO_HOST_PORTS = Object.freeze(failure('Skip', 'no host ports'));

/** K nodeports.ErrReason. */
const NODE_PORTS_REASON = "node(s) didn't have free ports for the requested pod ports";

interface HostPort {
  ip: string;
  protocol: string;
  port: number;
}

/** The host ports a pod's containers ask for (K schedutil.GetHostPorts). */
function hostPorts(pod: Pod): HostPort[] {
  const out: HostPort[] = [];
  for (const c of pod.spec.containers) {
    for (const p of (c.ports ?? []) as (ContainerPort & { hostIP?: string })[]) {
      if (p.hostPort === undefined || p.hostPort <= 0) continue;
      out.push({ ip: p.hostIP ?? '0.0.0.0', protocol: p.protocol ?? 'TCP', port: p.hostPort });
    }
  }
  return out;
}

/** K HostPortInfo.CheckConflict: same port and protocol, and one IP is 0.0.0.0 or both are equal. */
export function portsConflict(a: HostPort, b: HostPort): boolean {
  return (
    a.port === b.port &&
    a.protocol === b.protocol &&
    (a.ip === '0.0.0.0' || b.ip === '0.0.0.0' || a.ip === b.ip)
  );
}

export const nodePorts: FilterPlugin = {
  name: 'NodePorts',
  preFilter(cycle, pod) {
    const wanted = hostPorts(pod);
    cycle.data.set('NodePorts', wanted);
    return wanted.length === 0 ? NO_HOST_PORTS : SUCCESS;
  },
  filter(cycle, pod, nodeInfo) {
    const wanted = (cycle.data.get('NodePorts') as HostPort[] | undefined) ?? hostPorts(pod);
    for (const other of nodeInfo.pods) {
      for (const used of hostPorts(other)) {
        if (wanted.some((w) => portsConflict(w, used))) return failure('Unschedulable', NODE_PORTS_REASON);
      }
    }
    return SUCCESS;
  },
};
