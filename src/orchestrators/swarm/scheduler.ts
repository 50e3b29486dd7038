/**
 * The swarm scheduler (swarmkit manager/scheduler): a pending task goes through the filter
 * pipeline (ReadyFilter, ResourceFilter, ConstraintFilter, MaxReplicasFilter, in that order) and
 * then to the node that runs the fewest active tasks of its service, ties broken by the fewest
 * active tasks in total (scheduler.go nodeLess). With placement preferences (`spread:
 * node.labels.x`) nodes are first grouped by the label's value and the task goes to the group
 * with the fewest tasks of the service (the decision tree, one task at a time). A task that fits
 * nowhere stays pending with "no suitable node (<explanations>)" and is retried on later changes.
 *
 * A node where 5 tasks of the service failed within 5 minutes goes behind the others.
 *
 * Simplification: tasks are scheduled one at a time, so remaining ties go to the first host name
 * (swarmkit's heap order is arbitrary).
 */
import { canonicalAmount, type SwarmNode, type SwarmService, type SwarmTask } from '../../model';
import { meetsConstraints } from './constraints';
import { sortedNodes } from './dispatcher';
import { byAge, isActive, isTerminal, setState, type Work } from './work';

/** Tasks that count on a node: assigned, desired and current state no further than running. */
const counts = (t: SwarmTask) =>
  isActive(t) && !isTerminal(t) && t.node !== undefined && t.state !== 'new' && t.state !== 'pending';

interface Reservation {
  cpu: number;
  memory: number;
}

function reservationOf(svc: SwarmService): Reservation {
  const r = svc.spec.deploy.resources.reservations;
  return {
    cpu: r.cpus === undefined ? 0 : (canonicalAmount('cpu', r.cpus) ?? 0),
    memory: r.memoryBytes ?? 0,
  };
}

interface NodeLoad {
  byService: Record<string, number>;
  total: number;
  cpu: number;
  memory: number;
}

function loads(w: Work): Record<string, NodeLoad> {
  const out: Record<string, NodeLoad> = {};
  for (const n of Object.keys(w.sw.nodes)) out[n] = { byService: {}, total: 0, cpu: 0, memory: 0 };
  for (const t of Object.values(w.sw.tasks)) {
    if (!counts(t)) continue;
    const l = out[t.node as string];
    const svc = w.sw.services[t.serviceId];
    if (l === undefined || svc === undefined) continue;
    l.byService[t.serviceId] = (l.byService[t.serviceId] ?? 0) + 1;
    l.total += 1;
    const r = reservationOf(svc);
    l.cpu += r.cpu;
    l.memory += r.memory;
  }
  return out;
}

type FilterName = 'ready' | 'resources' | 'constraints' | 'maxReplicas';

function explain(failed: Record<FilterName, number>): string {
  const n = (k: number) => (k === 1 ? '1 node' : `${k} nodes`);
  const parts: string[] = [];
  if (failed.ready > 0) parts.push(`${n(failed.ready)} not available for new tasks`);
  if (failed.resources > 0) parts.push(`insufficient resources on ${n(failed.resources)}`);
  if (failed.constraints > 0) parts.push(`scheduling constraints not satisfied on ${n(failed.constraints)}`);
  if (failed.maxReplicas > 0) parts.push('max replicas per node limit exceed');
  return parts.length === 0 ? 'no suitable node' : `no suitable node (${parts.join('; ')})`;
}

/** The first filter a node fails for a task of `svc`, if any. */
function failedFilter(w: Work, svc: SwarmService, node: SwarmNode, load: NodeLoad): FilterName | undefined {
  if (node.status !== 'ready' || node.availability !== 'active') return 'ready';
  const r = reservationOf(svc);
  const alloc = w.state.nodes[node.hostname]?.status.allocatable ?? {};
  if (r.cpu + load.cpu > (alloc.cpu ?? 0) && r.cpu > 0) return 'resources';
  if (r.memory + load.memory > (alloc.memory ?? 0) && r.memory > 0) return 'resources';
  if (!meetsConstraints(node, svc.spec.deploy.placement.constraints)) return 'constraints';
  const max = svc.spec.deploy.placement.maxReplicasPerNode;
  if (max !== undefined && max > 0 && (load.byService[svc.id] ?? 0) >= max) return 'maxReplicas';
  return undefined;
}

function labelOf(node: SwarmNode, pref: string): string {
  const key = pref.replace(/^spread\s*=\s*/, '').trim();
  return key.startsWith('node.labels.') ? (node.labels[key.slice('node.labels.'.length)] ?? '') : '';
}

/**
 * The faulty-node rule (scheduler.go nodeLess, nodeinfo.go): 5 failures of a service's tasks
 * (same spec version) on a node within 5 minutes put the node behind the others for that service.
 */
const MAX_FAILURES = 5;
export const MONITOR_FAILURES_MS = 5 * 60_000;

function recentFailures(w: Work, node: string, svc: SwarmService): number {
  const times = w.sw.failures?.[`${node}|${svc.id}@${svc.specVersion}`] ?? [];
  return times.filter((at) => at > w.now - MONITOR_FAILURES_MS).length;
}

/** Assigns every pending task (oldest first). */
export function runScheduler(w: Work): void {
  const pending = Object.values(w.sw.tasks)
    .filter((t) => isActive(t) && (t.state === 'new' || t.state === 'pending'))
    .sort(byAge);
  if (pending.length === 0) return;
  const load = loads(w);
  const nodes = sortedNodes(w);
  for (const t of pending) {
    const svc = w.sw.services[t.serviceId];
    if (svc === undefined) continue;
    const failed: Record<FilterName, number> = { ready: 0, resources: 0, constraints: 0, maxReplicas: 0 };
    const candidates = (t.node === undefined ? nodes : nodes.filter((n) => n.hostname === t.node)).filter(
      (n) => {
        const f = failedFilter(w, svc, n, load[n.hostname] as NodeLoad);
        if (f !== undefined) failed[f] += 1;
        return f === undefined;
      },
    );
    if (candidates.length === 0) {
      setState(w, t, 'pending', 'pending task scheduling', explain(failed));
      continue;
    }
    const less = (a: SwarmNode, b: SwarmNode) => {
      const la = load[a.hostname] as NodeLoad;
      const lb = load[b.hostname] as NodeLoad;
      // A node where this service's tasks failed maxFailures times lately goes last.
      const fa = recentFailures(w, a.hostname, svc);
      const fb = recentFailures(w, b.hostname, svc);
      if ((fa >= MAX_FAILURES || fb >= MAX_FAILURES) && fa !== fb) return fa - fb;
      return (
        (la.byService[svc.id] ?? 0) - (lb.byService[svc.id] ?? 0) ||
        la.total - lb.total ||
        (a.hostname < b.hostname ? -1 : 1)
      );
    };
    let pool = candidates;
    for (const pref of svc.spec.deploy.placement.preferences) {
      // Spread over the label's values: the group with the fewest tasks of this service wins.
      const groups = new Map<string, SwarmNode[]>();
      for (const n of pool) groups.set(labelOf(n, pref), [...(groups.get(labelOf(n, pref)) ?? []), n]);
      const tasksIn = (g: SwarmNode[]) =>
        g.reduce((s, n) => s + ((load[n.hostname] as NodeLoad).byService[svc.id] ?? 0), 0);
      pool = [...groups.entries()]
        .sort((a, b) => tasksIn(a[1]) - tasksIn(b[1]) || (a[0] < b[0] ? -1 : 1))
        .map(([, g]) => g)[0] as SwarmNode[];
    }
    const chosen = [...pool].sort(less)[0] as SwarmNode;
    t.node = chosen.hostname;
    setState(
      w,
      t,
      'assigned',
      t.state === 'new' && t.slot === undefined
        ? 'scheduler confirmed task can run on preassigned node'
        : 'scheduler assigned task to node',
    );
    const l = load[chosen.hostname] as NodeLoad;
    l.byService[svc.id] = (l.byService[svc.id] ?? 0) + 1;
    l.total += 1;
    const r = reservationOf(svc);
    l.cpu += r.cpu;
    l.memory += r.memory;
  }
}
