/**
 * Docker Swarm's numbers, with where each comes from (swarmkit = github.com/moby/swarmkit).
 */

/** Agents heartbeat every 5 s (swarmkit manager/dispatcher/dispatcher.go DefaultHeartBeatPeriod). */
export const HEARTBEAT_PERIOD_MS = 5_000;

/**
 * A node is marked down after period x 3 without a heartbeat (dispatcher.go
 * defaultGracePeriodMultiplier = 3; nodes.go: heartbeat.New(period * gracePeriodMultiplier)).
 * The dispatcher also adds a random epsilon of up to 0.5 s to each period (defaultHeartBeatEpsilon);
 * the simulator leaves it out.
 */
const HEARTBEAT_GRACE_MULTIPLIER = 3;
export const NODE_DOWN_GRACE_MS = HEARTBEAT_PERIOD_MS * HEARTBEAT_GRACE_MULTIPLIER;

/**
 * Raft election: ElectionTick 10 x a 1 s tick (docker swarm init defaults; swarmkit
 * manager/state/raft DefaultNodeConfig), randomised in [timeout, 2 x timeout) as etcd/raft does.
 */
export const ELECTION_TIMEOUT_MS = 10_000;

/** Tasks kept per slot in the history (docker swarm init --task-history-limit, default 5). */
export const TASK_HISTORY_LIMIT = 5;

/** How often the simulated manager looks at heartbeats and timers (a simulator knob). */
export const MANAGER_TICK_MS = 1_000;

/**
 * The default address pool for overlay networks is 10.0.0.0/8 in /24s (docker swarm init
 * --default-addr-pool); ingress takes 10.0.0.0/24, the stack's network the next one.
 */
export const STACK_SUBNET = '10.0.1.0/24';

/** The message a manager without a leader answers every change with (moby daemon/cluster errors). */
export const NO_LEADER_MESSAGE =
  "rpc error: code = Unknown desc = The swarm does not have a leader. It's possible that too few managers are online. Make sure more than half of the managers are online.";
