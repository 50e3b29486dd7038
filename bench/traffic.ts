/**
 * Traffic throughput (issue 4): 100 nodes, 3,000 pods in 300 Deployments, 300 ClusterIP Services,
 * and 300 flows (each Deployment's pods call the next one's Service) at 10,000 requests per
 * simulated second in total, for 10 simulated minutes, through the whole engine (journal off).
 * Prints simulated requests per wall second and peak RSS. Target: >= 1,000,000 req/s, RSS < 1 GB.
 * Run: npm run bench:traffic (also part of npm run bench).
 */
import { applyObjects } from '../src/engine/commands';
import { Simulation } from '../src/engine/simulation';
import type { Service, TrafficFlow } from '../src/model/network';
import { benchDeployment } from './deployment';
import { bootCluster, KUBERNETES_CONTROLLERS } from '../src/orchestrators';

const NODES = Number(process.env.BENCH_NODES ?? 100);
const APPS = Number(process.env.BENCH_SERVICES ?? 300);
const PODS = Number(process.env.BENCH_PODS ?? 3000);
const RATE = Number(process.env.BENCH_RATE ?? 10_000);
const MINUTES = Number(process.env.BENCH_MINUTES ?? 10);
const START = 30_000;
const HTTP_PORT = [{ name: 'http', containerPort: 8080, protocol: 'TCP' as const }];

function service(name: string): Service {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name, namespace: 'default', uid: '', creationTimestamp: 0 },
    spec: {
      type: 'ClusterIP',
      selector: { app: name },
      ports: [{ name: 'http', protocol: 'TCP', port: 80, targetPort: 'http' }],
      sessionAffinity: 'None',
      internalTrafficPolicy: 'Cluster',
      ipFamilies: ['IPv4'],
      ipFamilyPolicy: 'SingleStack',
    },
    status: { loadBalancer: {} },
  };
}

function main(): void {
  const nodes = Array.from({ length: NODES }, (_, i) => ({
    name: `node-${i + 1}`,
    capacity: { cpu: 16_000, memory: 64 * 2 ** 30, pods: 110 },
  }));
  const names = Array.from({ length: APPS }, (_, i) => `app-${i + 1}`);
  const flows: TrafficFlow[] = names.map((name, i) => ({
    name: `${name}-calls`,
    from: {
      kind: 'pods',
      selector: { matchLabels: { app: name } },
      text: `app=${name}`,
      namespace: 'default',
    },
    to: `http://${names[(i + 1) % APPS]}:80/`,
    rate: RATE / APPS,
    calls: [],
    start: START,
    sample: 0,
  }));
  let peakRss = process.memoryUsage().rss;
  const sim = new Simulation(bootCluster(nodes, 7, {}, { flows }), {
    controllers: KUBERNETES_CONTROLLERS,
    journal: false,
  });
  sim.execute((s) =>
    applyObjects(s, [
      ...names.map((n) => benchDeployment(n, Math.round(PODS / APPS), HTTP_PORT)),
      ...names.map(service),
    ]),
  );
  sim.runUntil(START);
  const started = performance.now();
  const end = START + MINUTES * 60_000;
  for (let t = START + 10_000; t <= end; t += 10_000) {
    sim.runUntil(t);
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }
  const wall = (performance.now() - started) / 1000;
  const stats = Object.values(sim.state.network?.stats ?? {});
  const requests = stats.reduce((n, s) => n + s.requests, 0);
  const successes = stats.reduce((n, s) => n + s.successes, 0);
  const perWall = requests / wall;
  console.log(
    `traffic: ${NODES} nodes, ${PODS} pods, ${APPS} services, ${RATE} req/s for ${MINUTES} simulated min: ` +
      `${requests.toLocaleString('en')} requests (${((100 * successes) / Math.max(1, requests)).toFixed(2)}% ok) in ${wall.toFixed(2)} s wall`,
  );
  console.log(
    `  ${Math.round(perWall).toLocaleString('en')} simulated requests per wall second (target >= 1,000,000); peak RSS ${(peakRss / 2 ** 20).toFixed(0)} MiB (target < 1024)`,
  );
}

main();
