/**
 * The course scenarios: every file in scenarios/ loads, runs and meets its own expectations, and the
 * stories they tell match Kubernetes' timings (computed from the scenario's settings, so a change of
 * defaults moves the expected times with it).
 */
import { describe, expect, it } from 'vitest';
import type { ActionRecord, EventRecord } from '../../src/engine/trace';
import type { Pod } from '../../src/model/objects';
import { runScenario, type Scenario, type ScenarioRun, type TimelineEntry } from '../../src/scenario';
import { assignedNode, eventsOf, isEvent, loadFile, only, scenarioFiles } from './scenarioFiles';
import { podIn, podsIn } from './pods';

const FILES = scenarioFiles();
/** Actions a story shows being refused (swarm without a quorum refuses every change). */
const REFUSED_ON_PURPOSE: Record<string, string[]> = { 'swarm-quorum-loss': ['scale'] };
const runs = new Map<string, ScenarioRun>();

/** One straight run per scenario, shared by the stories below. */
function runOf(name: string): ScenarioRun {
  let run = runs.get(name);
  if (!run) {
    const file = FILES.find((f) => f.endsWith(`/${name}.yaml`));
    if (!file) throw new Error(`no scenario ${name}`);
    run = runScenario(loadFile(file));
    runs.set(name, run);
  }
  return run;
}

type EntryOf<A extends TimelineEntry['action']> = TimelineEntry & { action: A };

function entry<A extends TimelineEntry['action']>(s: Scenario, action: A): EntryOf<A> {
  return only(
    s.timeline.filter((e): e is EntryOf<A> => e.action === action),
    `${action} entry in ${s.name}`,
  );
}

const podName = (e: EventRecord) => e.object.replace(/^pod\//, '');
const readyOf = (run: ScenarioRun, node: string) => run.sim.state.nodes[node]?.status.conditions.find((c) => c.type === 'Ready');

describe('every scenario file', () => {
  it('finds the course scenarios', () => {
    expect(FILES.length).toBeGreaterThanOrEqual(5);
    expect(FILES.some((f) => f.endsWith('node-dies.yaml'))).toBe(true);
  });

  it.each(FILES)('%s loads, runs and meets every expectation', (file) => {
    const scenario = loadFile(file);
    expect(scenario.expectations.length).toBeGreaterThan(0);
    const run = runScenario(scenario);
    for (const o of run.outcomes) {
      expect({ pass: o.pass, detail: o.detail, at: o.expectation.source.line }).toMatchObject({ pass: true });
      // Decided no later than its window closes.
      const w = o.expectation.window;
      expect(o.decidedAt).toBeLessThanOrEqual(w.kind === 'at' ? w.at : w.within);
      if (w.kind === 'at') expect(o.decidedAt).toBe(w.at);
    }
    expect(run.outcomes).toHaveLength(scenario.expectations.length);
    // Every timeline entry ran: none was skipped as impossible (but those a story means to be refused).
    const skipped = run.sim.trace.filter((r) => r.type === 'actionSkipped');
    expect(skipped.map((r) => (r as { action?: string }).action)).toEqual(REFUSED_ON_PURPOSE[scenario.name] ?? []);
    expect(run.end).toBeGreaterThanOrEqual(Math.max(...scenario.timeline.map((e) => e.at)));
  });
});

/**
 * A node loses power: Ready=Unknown at the first node-monitor tick after `nodeMonitorGracePeriod`
 * without a heartbeat (K pkg/controller/nodelifecycle: `now.After(probeTimestamp + gracePeriod)`),
 * the NoExecute taint's default 300 s toleration, then TaintManagerEviction; the ReplicaSet's
 * replacement is scheduled on another node after the eviction.
 */
function nodeFailureStory(name: string) {
  const run = runOf(name);
  const s = run.scenario.settings;
  const fail = entry(run.scenario, 'failNode');
  const trace = run.sim.trace;
  // Heartbeats every nodeStatusUpdateFrequency from boot (t=0): the last one at or before the failure.
  const lastHeartbeat = Math.floor(fail.at / s.nodeStatusUpdateFrequency) * s.nodeStatusUpdateFrequency;
  // The monitor ticks at multiples of nodeMonitorPeriod; the first strictly after heartbeat + grace.
  const notReadyAt = (Math.floor((lastHeartbeat + s.nodeMonitorGracePeriod) / s.nodeMonitorPeriod) + 1) * s.nodeMonitorPeriod;
  const evictAt = notReadyAt + s.defaultTolerationSeconds * 1000;
  // The pods that were on the node when it failed.
  const victims = eventsOf(trace, 'Scheduled').filter((e) => e.t <= fail.at && assignedNode(e) === fail.node);
  return { run, s, fail, trace, notReadyAt, evictAt, victims };
}

describe.each(['node-dies', 'node-dies-fast'])('%s: the node failure story', (name) => {
  it('marks the node NotReady at the first monitor tick after the grace period', () => {
    const { fail, trace, notReadyAt, s } = nodeFailureStory(name);
    const nodeEvent = only(eventsOf(trace, 'NodeNotReady', `node/${fail.node}`), 'NodeNotReady node event');
    expect(nodeEvent.t).toBe(notReadyAt);
    expect(nodeEvent.source).toBe('node-controller');
    expect(nodeEvent.t - fail.at).toBeGreaterThan(s.nodeMonitorGracePeriod - s.nodeStatusUpdateFrequency);
    expect(nodeEvent.t - fail.at).toBeLessThanOrEqual(s.nodeMonitorGracePeriod + s.nodeMonitorPeriod);
  });

  it('taints the node unreachable and Unknown exactly then, not a tick earlier', () => {
    const { fail, notReadyAt, run } = nodeFailureStory(name);
    const before = runScenario(run.scenario, { until: notReadyAt - 1 });
    expect(readyOf(before, fail.node)?.status).toBe('True');
    expect(before.sim.state.nodes[fail.node]?.spec.taints ?? []).toEqual([]);
    const at = runScenario(run.scenario, { until: notReadyAt });
    expect(readyOf(at, fail.node)).toMatchObject({ status: 'Unknown', reason: 'NodeStatusUnknown' });
    const taints = (at.sim.state.nodes[fail.node]?.spec.taints ?? []).map((t) => `${t.key}:${t.effect}@${t.timeAdded}`).sort();
    expect(taints).toEqual([`node.kubernetes.io/unreachable:NoExecute@${notReadyAt}`, `node.kubernetes.io/unreachable:NoSchedule@${notReadyAt}`]);
  });

  it('evicts each pod defaultTolerationSeconds after the taint, then schedules its replacement elsewhere', () => {
    const { fail, trace, victims, evictAt, notReadyAt, s } = nodeFailureStory(name);
    // The tooling pod (mysql is pinned to node-2).
    expect(victims.map(podName)).toEqual([expect.stringMatching(/^tooling-/)]);
    for (const victim of victims) {
      const pod = podName(victim);
      const eviction = only(eventsOf(trace, 'TaintManagerEviction', `pod/${pod}`), `eviction of ${pod}`);
      expect(eviction.t).toBe(evictAt);
      expect(eviction.t - notReadyAt).toBe(s.defaultTolerationSeconds * 1000);
      expect(eviction.message).toBe(`Marking for deletion Pod default/${pod}`);
      // Not evicted early: nothing happened to the pod between NodeNotReady and the eviction.
      const rs = pod.replace(/-[a-z0-9]{5}$/, '');
      const creates = eventsOf(trace, 'SuccessfulCreate', `replicaset/${rs}`);
      expect(creates.map((e) => e.t)).toEqual([0, evictAt]);
      const replacement = (creates[1] as EventRecord).message.replace('Created pod: ', '');
      const scheduled = only(eventsOf(trace, 'Scheduled', `pod/${replacement}`), `Scheduled of ${replacement}`);
      expect(assignedNode(scheduled)).not.toBe(fail.node);
      expect(scheduled.t).toBeGreaterThanOrEqual(eviction.t);
      // The replacement's Scheduled event comes after the eviction in the trace, not only in time.
      expect(trace.indexOf(scheduled)).toBeGreaterThan(trace.indexOf(eviction));
      // It starts after pulling its image (not on that node yet) and creating the container.
      const pulled = eventsOf(trace, 'Pulling', `pod/${replacement}`).length > 0;
      const started = only(eventsOf(trace, 'Started', `pod/${replacement}`), `Started of ${replacement}`);
      expect(started.t).toBe(evictAt + (pulled ? s.imagePullTime : 0) + s.containerStartTime);
    }
  });

  it('never schedules anything on the dead node after it failed', () => {
    const { fail, trace } = nodeFailureStory(name);
    const late = eventsOf(trace, 'Scheduled').filter((e) => e.t > fail.at && assignedNode(e) === fail.node);
    expect(late).toEqual([]);
  });
});

describe('node-dies: real defaults', () => {
  it('uses the documented numbers: Unknown at 1m55s, eviction at 6m55s', () => {
    const { notReadyAt, evictAt, fail } = nodeFailureStory('node-dies');
    // failNode at 60 s; last heartbeat 60 s; 50 s grace -> first 5 s tick after 110 s; + 300 s.
    expect(fail.at).toBe(60_000);
    expect(notReadyAt).toBe(115_000);
    expect(evictAt).toBe(415_000);
  });

  it('leaves the evicted pod Terminating on the unreachable node, with a Running replacement on node-2', () => {
    const { run, victims } = nodeFailureStory('node-dies');
    const pods = podsIn(run.sim.state).filter((p) => p.metadata.labels?.app === 'tooling');
    const old = pods.find((p) => p.metadata.name === podName(victims[0] as EventRecord)) as Pod;
    // deletionTimestamp is when the grace period ends (ObjectMeta: "the time after which this resource will be deleted").
    expect(old.metadata.deletionTimestamp).toBe(415_000 + (old.spec.terminationGracePeriodSeconds ?? 30) * 1000);
    expect(old.spec.nodeName).toBe('node-1');
    const live = pods.filter((p) => p.metadata.deletionTimestamp === undefined);
    expect(live.map((p) => [p.spec.nodeName, p.status.phase])).toEqual([['node-2', 'Running']]);
    expect(readyOf(run, 'node-1')?.status).toBe('Unknown');
  });
});

describe('node-dies-fast: the node comes back', () => {
  it('removes the Terminating pod and the taints when the kubelet returns; the replacement stays', () => {
    const { run, victims } = nodeFailureStory('node-dies-fast');
    const recover = entry(run.scenario, 'recoverNode');
    const trace = run.sim.trace;
    expect(only(eventsOf(trace, 'NodeReady', 'node/node-1'), 'NodeReady').t).toBe(recover.at);
    expect(podIn(run.sim.state, `default/${podName(victims[0] as EventRecord)}`)).toBeUndefined();
    expect(run.sim.state.nodes['node-1']?.spec.taints ?? []).toEqual([]);
    const tooling = podsIn(run.sim.state).filter((p) => p.metadata.labels?.app === 'tooling');
    expect(tooling.map((p) => [p.spec.nodeName, p.status.phase])).toEqual([['node-2', 'Running']]);
  });
});

describe('container-dies: restarts in place with growing back-off', () => {
  it('keeps one pod on one node for the whole run', () => {
    const run = runOf('container-dies');
    const trace = run.sim.trace;
    const created = eventsOf(trace, 'SuccessfulCreate', 'replicaset/tooling');
    expect(created).toHaveLength(1);
    const pod = (created[0] as EventRecord).message.replace('Created pod: ', '');
    expect(eventsOf(trace, 'Scheduled', `pod/${pod}`).map(assignedNode)).toEqual(['node-1']);
    expect(trace.filter(isEvent).filter((e) => e.object.startsWith('pod/tooling-') && e.object !== `pod/${pod}`)).toEqual([]);
  });

  it('restarts at once after the first crash, then backs off 10 s, 20 s, 40 s ... capped at 5 min', () => {
    const run = runOf('container-dies');
    const s = run.scenario.settings;
    const trace = run.sim.trace;
    const started = eventsOf(trace, 'Started', 'pod/tooling').map((e) => e.t);
    const firstCrash = run.scenario.timeline.find((e) => e.action === 'crashContainer') as TimelineEntry;
    // A first crash is not in back-off: the kubelet restarts it at once (K kuberuntime doBackOff).
    expect(started).toContain(firstCrash.at + s.containerStartTime);
    const backoffs = eventsOf(trace, 'BackOff', 'pod/tooling').map((e) => e.t);
    expect(backoffs.length).toBeGreaterThanOrEqual(4);
    backoffs.forEach((crashedAt, i) => {
      const wait = Math.min(s.crashLoopBackOffInitial * 2 ** i, s.crashLoopBackOffMax);
      const next = started.find((t) => t > crashedAt);
      if (next === undefined) {
        expect(crashedAt + wait + s.containerStartTime).toBeGreaterThan(run.end);
      } else {
        expect(next - crashedAt).toBe(wait + s.containerStartTime);
      }
    });
    const status = podsIn(run.sim.state).find((p) => p.metadata.labels?.app === 'tooling')?.status.containerStatuses[0];
    expect(status?.restartCount).toBe(started.length - 1);
  });
});

describe('cordon-drain: a drained node gets nothing new until uncordoned', () => {
  it('evicts exactly the pods on node-1 and replaces them on other nodes at once', () => {
    const run = runOf('cordon-drain');
    const drain = entry(run.scenario, 'drain');
    const trace = run.sim.trace;
    const onNode1 = eventsOf(trace, 'Scheduled').filter((e) => e.t <= drain.at && assignedNode(e) === 'node-1').map(podName).sort();
    expect(onNode1.length).toBeGreaterThan(0);
    const evicted = trace
      .filter((r): r is ActionRecord => r.type === 'action' && (r as ActionRecord).action === 'evict')
      .map((r) => String(r.pod).replace('default/', ''));
    expect(evicted.sort()).toEqual(onNode1);
    const drainRecord = trace.find((r) => r.type === 'action' && r.action === 'drain');
    expect(drainRecord).toMatchObject({ t: drain.at, node: 'node-1', evicted: onNode1.length });
    const replacements = eventsOf(trace, 'Scheduled').filter((e) => e.t === drain.at);
    expect(replacements).toHaveLength(onNode1.length);
    for (const r of replacements) expect(assignedNode(r)).not.toBe('node-1');
  });

  it('schedules nothing on node-1 from the drain until the uncordon', () => {
    const run = runOf('cordon-drain');
    const drain = entry(run.scenario, 'drain');
    const uncordon = entry(run.scenario, 'uncordon');
    const between = eventsOf(run.sim.trace, 'Scheduled').filter((e) => e.t >= drain.at && e.t < uncordon.at);
    expect(between.length).toBeGreaterThan(0);
    expect(between.filter((e) => assignedNode(e) === 'node-1')).toEqual([]);
    const cordoned = runScenario(run.scenario, { until: uncordon.at - 1 }).sim.state.nodes['node-1'];
    expect(cordoned?.spec.unschedulable).toBe(true);
    expect(cordoned?.spec.taints).toEqual([{ key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule', timeAdded: drain.at }]);
    const after = run.sim.state.nodes['node-1'];
    expect(after?.spec.unschedulable).toBeUndefined();
    expect(after?.spec.taints ?? []).toEqual([]);
    expect(only(eventsOf(run.sim.trace, 'NodeSchedulable', 'node/node-1'), 'NodeSchedulable').t).toBe(uncordon.at);
  });
});

describe('no-capacity: Pending until capacity frees', () => {
  it("gives kube-scheduler's FailedScheduling message", () => {
    const run = runOf('no-capacity');
    const failed = eventsOf(run.sim.trace, 'FailedScheduling', 'pod/report');
    expect(failed.length).toBeGreaterThanOrEqual(1);
    expect(failed[0]).toMatchObject({
      t: 20_000,
      eventType: 'Warning',
      source: 'default-scheduler',
      message: '0/2 nodes are available: 2 Insufficient cpu. preemption: 0/2 nodes are available: 2 No preemption victims found for incoming pod.',
    });
  });

  it('schedules the pod on the freed node once the deleted pod is gone, not while it is Terminating', () => {
    const run = runOf('no-capacity');
    const s = run.scenario.settings;
    const scale = entry(run.scenario, 'scale');
    const trace = run.sim.trace;
    const deleted = only(eventsOf(trace, 'SuccessfulDelete', 'replicaset/batch'), 'SuccessfulDelete').message.replace('Deleted pod: ', '');
    const freedNode = assignedNode(only(eventsOf(trace, 'Scheduled', `pod/${deleted}`), 'Scheduled of the deleted pod'));
    const scheduled = only(eventsOf(trace, 'Scheduled', 'pod/report'), 'Scheduled of report');
    expect(assignedNode(scheduled)).toBe(freedNode);
    // A Terminating pod still holds its requests: the report pod waits for the container to stop.
    expect(scheduled.t).toBe(scale.at + s.containerStopTime);
    const justBefore = runScenario(run.scenario, { until: scheduled.t - 1 }).sim.state;
    const terminating = podIn(justBefore, `default/${deleted}`);
    expect(terminating?.metadata.deletionTimestamp).toBe(scale.at + (terminating?.spec.terminationGracePeriodSeconds ?? 30) * 1000);
    expect(podIn(justBefore, 'default/report')?.spec.nodeName).toBeUndefined();
  });
});
