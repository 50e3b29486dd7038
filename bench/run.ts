/**
 * `npm run bench`: a long run of a big cluster with random faults, printing throughput and memory.
 * Issue target: 100 nodes, 3,000 pods, 24 simulated hours in under 30 s wall, peak RSS under 1 GB.
 */
import { crashContainer, failNode, recoverNode } from '../src/engine/commands';
import { Rng } from '../src/engine/rng';
import { entriesIn, getIn, valuesIn } from '../src/model/sharded';
import { Simulation } from '../src/engine/simulation';
import { applyObjects } from '../src/engine/commands';
import { benchDeployment } from './deployment';
import { bootCluster, KUBERNETES_CONTROLLERS } from '../src/orchestrators';

const NODES = Number(process.env.BENCH_NODES ?? 100);
const PODS = Number(process.env.BENCH_PODS ?? 3000);
const HOURS = Number(process.env.BENCH_HOURS ?? 24);
const JOURNAL = process.env.BENCH_JOURNAL === '1';

function main(): void {
  const nodes = Array.from({ length: NODES }, (_, i) => ({
    name: `node-${i + 1}`,
    capacity: { cpu: 8000, memory: 32 * 2 ** 30, pods: 110 },
    labels: { 'topology.kubernetes.io/zone': `zone-${(i % 3) + 1}` },
  }));
  const apps = 30;
  const deployments = Array.from({ length: apps }, (_, i) =>
    benchDeployment(`app-${i + 1}`, Math.round(PODS / apps)),
  );
  let peakRss = process.memoryUsage().rss;
  const started = performance.now();
  const sim = new Simulation(bootCluster(nodes, 7), {
    controllers: KUBERNETES_CONTROLLERS,
    journal: JOURNAL,
  });
  sim.execute((s) => applyObjects(s, deployments));
  const applied = performance.now();
  sim.runUntil(60_000);
  const startedAll = performance.now();
  const faults = new Rng(12345);
  const end = HOURS * 3_600_000;
  const down = new Map<string, number>();
  // Every simulated minute: a few container crashes; every 30 minutes a node fails, back 10 min later.
  for (let t = 60_000; t <= end; t += 60_000) {
    sim.runUntil(t);
    // One scan a minute: a crash only touches its own pod, so the list stays valid for the three picks.
    const running = entriesIn(sim.state.podRuntime)
      .filter(
        ([, r]) =>
          sim.state.nodeRuntime[r.node]?.up &&
          Object.values(r.containers).every((c) => c.machine === 'Running'),
      )
      .map(([key]) => key);
    for (let i = 0; i < 3; i++) {
      const pod = running[faults.int(running.length)];
      const live =
        pod !== undefined &&
        Object.values(getIn(sim.state.podRuntime, pod)?.containers ?? {}).every(
          (c) => c.machine === 'Running',
        );
      if (live) sim.execute((s, ctx) => crashContainer(s, { pod: pod.split('/')[1] as string }, ctx.now));
    }
    if (t % 1_800_000 === 0) {
      const name = `node-${faults.int(NODES) + 1}`;
      if (!down.has(name)) {
        sim.execute((s, ctx) => failNode(s, name, ctx.now));
        down.set(name, t + 600_000);
      }
    }
    for (const [name, back] of down) {
      if (back <= t) {
        sim.execute((s, ctx) => recoverNode(s, name, ctx.now));
        down.delete(name);
      }
    }
    if (t % 600_000 === 0) peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }
  const wall = (performance.now() - started) / 1000;
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
  const pods = valuesIn(sim.state.pods);
  const running = pods.filter((p) => p.status.phase === 'Running' && !p.metadata.deletionTimestamp).length;
  console.log(
    `flotilla bench: ${NODES} nodes, ${pods.length} pods (${running} running), ${HOURS} simulated hours, journal ${JOURNAL ? 'on' : 'off'}`,
  );
  console.log(`  wall time            ${wall.toFixed(1)} s`);
  console.log(
    `    of which t=0 apply and scheduling ${((applied - started) / 1000).toFixed(1)} s, first minute ${((startedAll - applied) / 1000).toFixed(1)} s`,
  );
  console.log(`  simulated s / wall s ${(end / 1000 / wall).toFixed(0)}`);
  console.log(`  engine steps         ${sim.stepsRun}  (queue events due at the same time share a step)`);
  console.log(`  steps per wall s     ${(sim.stepsRun / wall).toFixed(0)}`);
  console.log(`  trace records        ${sim.trace.length}`);
  if (process.env.BENCH_DEBUG)
    console.log(
      `  queue length ${sim.state.queue.length}, events ${valuesIn(sim.state.events).length}`,
      Object.entries(
        sim.state.queue.reduce((m: Record<string, number>, e) => {
          const k = e.event.type === 'wake' ? e.event.controller : 'timeline';
          m[k] = (m[k] ?? 0) + 1;
          return m;
        }, {}),
      ),
    );
  console.log(`  peak RSS             ${(peakRss / 2 ** 20).toFixed(0)} MiB`);
}

main();
