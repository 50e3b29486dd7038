/**
 * The leader's dispatcher tracks agents' heartbeats (swarmkit manager/dispatcher): an agent
 * heartbeats every 5 s; a node without one for 3 periods is marked down ("heartbeat failure"),
 * which makes the orchestrators move its tasks. A node whose agent is back registers again and is
 * ready. After a leader change every node is "unknown" until it heartbeats to the new leader
 * (markNodesUnknown): a node that is dead then goes down one grace period after the election.
 */
import { lastHeartbeat, type SwarmNode, update } from '../../model';
import { HEARTBEAT_PERIOD_MS, NODE_DOWN_GRACE_MS } from './timings';
import { swarmEvent, type Work, wakeAt } from './work';

function setStatus(w: Work, n: SwarmNode, status: SwarmNode['status'], message?: string): void {
  n.status = status;
  n.since = w.now;
  if (message === undefined) delete n.message;
  else n.message = message;
  const text = `node ${n.hostname} status is now: ${status}${message === undefined ? '' : ` (${message})`}`;
  swarmEvent(
    w,
    { kind: 'Node', name: n.hostname },
    status === 'ready' ? 'Normal' : 'Warning',
    status === 'ready' ? 'NodeReady' : status === 'down' ? 'NodeDown' : 'NodeUnknown',
    text,
    'dispatcher',
  );
  // No Kubernetes node controller here: the Node's Ready condition shows what the dispatcher says
  // (for `get nodes`, node expectations and the lab). A returning agent's kubelet model sets it back.
  if (status === 'down')
    w.intents.push(
      update('Node', n.hostname, text, (node) => {
        node.status.conditions = node.status.conditions.map((c) =>
          c.type === 'Ready'
            ? { ...c, status: 'Unknown', reason: 'NodeStatusDown', message: text, lastTransitionTime: w.now }
            : c,
        );
      }),
    );
}

/** Called once after a leader is elected: every node not down becomes unknown. */
export function markNodesUnknown(w: Work): void {
  for (const n of sortedNodes(w)) {
    if (n.status === 'down') continue;
    if (w.state.nodeRuntime[n.hostname]?.up === true) continue; // it re-registers at once
    n.status = 'unknown';
    n.since = w.now;
    n.message = 'Node moved to "unknown" state due to leadership change in cluster';
  }
}

export function runDispatcher(w: Work): void {
  for (const n of sortedNodes(w)) {
    const rt = w.state.nodeRuntime[n.hostname];
    if (rt === undefined) continue;
    if (rt.up) {
      if (n.status !== 'ready') setStatus(w, n, 'ready');
      continue;
    }
    if (n.status === 'down') continue;
    // A ready node expires a grace period after its last heartbeat; an unknown one, after the
    // leader change that made it unknown.
    const from = n.status === 'unknown' ? n.since : lastHeartbeat(rt, w.now, HEARTBEAT_PERIOD_MS);
    const expires = from + NODE_DOWN_GRACE_MS;
    if (expires > w.now) {
      wakeAt(w, expires);
      continue;
    }
    setStatus(
      w,
      n,
      'down',
      n.status === 'unknown' ? 'heartbeat failure for node in "unknown" state' : 'heartbeat failure',
    );
  }
}

export function sortedNodes(w: Pick<Work, 'sw'>): SwarmNode[] {
  return Object.values(w.sw.nodes).sort((a, b) => (a.hostname < b.hostname ? -1 : 1));
}
