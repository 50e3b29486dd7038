/**
 * Raft among the managers (swarmkit manager/state/raft): the store changes only through a leader
 * that a majority of managers follows. With fewer than floor(n/2) + 1 managers up there is no
 * leader: running tasks go on (agents keep their assignments), but nothing can be changed,
 * scheduled or rescheduled until a quorum is back and a leader is elected. A dead leader is
 * replaced after an election timeout when a quorum remains.
 */
import { ELECTION_TIMEOUT_MS } from './timings';
import { swarmEvent, type Work, wakeAt } from './work';

const quorumOf = (members: number): number => Math.floor(members / 2) + 1;

/** Managers whose machine is up. */
function reachableManagers(w: Pick<Work, 'state' | 'sw'>): string[] {
  return w.sw.raft.members.filter((m) => w.state.nodeRuntime[m]?.up === true);
}

/** Advances leadership to `w.now`. Returns whether there is a leader afterwards. */
export function runRaft(w: Work): boolean {
  const raft = w.sw.raft;
  const up = reachableManagers(w);
  const quorum = quorumOf(raft.members.length);
  const anchor = raft.members[0] ?? '';
  if (raft.leader !== undefined && (up.length < quorum || !up.includes(raft.leader))) {
    const lost = raft.leader;
    delete raft.leader;
    if (up.length < quorum)
      swarmEvent(
        w,
        { kind: 'Node', name: up[0] ?? anchor },
        'Warning',
        'QuorumLost',
        `raft: ${up.length} of ${raft.members.length} managers reachable, ${quorum} needed: the swarm has no leader. Running tasks go on; nothing can be changed or rescheduled.`,
        'swarm-manager',
      );
    else
      swarmEvent(
        w,
        { kind: 'Node', name: lost },
        'Warning',
        'LeaderLost',
        `raft: leader ${lost} is unreachable; an election follows`,
        'swarm-manager',
      );
  }
  if (raft.leader !== undefined) return true;
  if (up.length < quorum) {
    delete raft.electionAt;
    return false;
  }
  if (raft.electionAt === undefined) {
    // etcd/raft randomises each follower's timeout in [electionTimeout, 2 x electionTimeout).
    raft.electionAt = w.now + ELECTION_TIMEOUT_MS + Math.floor(w.ctx.random() * ELECTION_TIMEOUT_MS);
  }
  if (raft.electionAt > w.now) {
    wakeAt(w, raft.electionAt);
    return false;
  }
  // The first follower whose timer fires campaigns and wins with the quorum's votes.
  const winner = up[Math.floor(w.ctx.random() * up.length)] as string;
  raft.leader = winner;
  raft.term += 1;
  delete raft.electionAt;
  swarmEvent(
    w,
    { kind: 'Node', name: winner },
    'Normal',
    'LeaderElected',
    `raft: ${winner} elected leader for term ${raft.term} (${up.length} of ${raft.members.length} managers reachable)`,
    'swarm-manager',
  );
  return true;
}
