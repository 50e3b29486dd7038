/**
 * Export round trip: export a scenario's cluster at time T, build a fresh scenario (same nodes,
 * settings, seed, network) from the exported manifests alone, run both to a steady state and
 * compare what a person would check: Deployments and their ready replicas, Services and their ready
 * endpoints, and which workloads' pods run where (up to pod names).
 */
import { describe, expect, it } from 'vitest';
import { appliedObjects, exportScenario } from '../../src/cli/export';
import { exportText } from '../../src/manifests/exportText';
import { loadManifests } from '../../src/manifests';
import { validateKubernetesObject } from '../../src/manifests/validateSchema';
import { valuesIn } from '../../src/model/sharded';
import type { ClusterState } from '../../src/model/state';
import { runScenario, type Scenario } from '../../src/scenario';
import { loadFile, scenarioFiles } from '../scenarios/scenarioFiles';

/** Timeline actions after which the cluster's history (not only its objects) shapes placement. */
const DISRUPTIVE = new Set([
  'failNode',
  'recoverNode',
  'crashContainer',
  'deletePod',
  'setBehaviour',
  'drain',
  'cordon',
  'uncordon',
]);

/**
 * Scenarios where the history, not the objects, decided a placement between equivalent nodes: in
 * no-capacity a scale-down chose which node freed up for the report pod; in the others, equal nodes
 * tie and selectHost draws from the seeded generator, whose state depends on every draw before
 * (pod names, earlier ties), so a fresh cluster may put the same pods on the other node. These
 * compare pods per node up to node names too.
 */
const HISTORY_PLACED = new Set(['no-capacity', 'load-balancing', 'load-balancing-ipvs', 'preemption']);

/** Kubernetes scenarios only: export refuses Compose and Swarm ones (their path is `convert`). */
const FILES = scenarioFiles().filter((f) => (loadFile(f).orchestrator as string) === 'kubernetes');

/** Export time: just before the first disruptive action (so `apply` and `scale` before it count), or the end. */
function exportTime(s: Scenario): number | undefined {
  const first = s.timeline.find((e) => DISRUPTIVE.has(e.action));
  return first === undefined ? undefined : Math.max(0, first.at - 1);
}

function steadyState(state: ClusterState) {
  const deployments = Object.values(state.deployments)
    .map(
      (d) =>
        `${d.metadata.namespace}/${d.metadata.name} replicas=${d.spec.replicas} ready=${d.status.readyReplicas}`,
    )
    .sort();
  const slices = Object.values(state.endpointSlices ?? {});
  const services = Object.values(state.services ?? {})
    .map((s) => {
      const ns = s.metadata.namespace;
      const ready = slices
        .filter(
          (e) =>
            e.metadata.namespace === ns &&
            e.metadata.labels?.['kubernetes.io/service-name'] === s.metadata.name,
        )
        .flatMap((e) => e.endpoints)
        .filter((e) => e.conditions.ready).length;
      const ports = s.spec.ports.map(
        (p) => `${p.port}/${p.protocol}${p.nodePort === undefined ? '' : `:${p.nodePort}`}`,
      );
      return `${ns}/${s.metadata.name} ${s.spec.type} ${ports.join(',')} ready endpoints=${ready}`;
    })
    .sort();
  const ownerOf = (pod: {
    metadata: { name: string; ownerReferences?: { name: string; kind: string }[] };
  }) => {
    const rs = pod.metadata.ownerReferences?.[0];
    if (rs === undefined) return `pod/${pod.metadata.name}`;
    const rsObj = Object.values(state.replicaSets).find((r) => r.metadata.name === rs.name);
    const d = rsObj?.metadata.ownerReferences?.[0];
    return d === undefined ? `rs/${rs.name}` : `deploy/${d.name}`;
  };
  const podsPerNode: Record<string, string[]> = {};
  for (const pod of valuesIn(state.pods)) {
    if (pod.metadata.deletionTimestamp !== undefined) continue;
    const where = pod.spec.nodeName ?? '(pending)';
    const ready = pod.status.conditions.some((c) => c.type === 'Ready' && c.status === 'True');
    (podsPerNode[where] ??= []).push(`${ownerOf(pod)} ${pod.status.phase}${ready ? ' ready' : ''}`);
  }
  for (const list of Object.values(podsPerNode)) list.sort();
  const others = [
    ...Object.keys(state.namespaces),
    ...Object.keys(state.networkPolicies ?? {}),
    ...Object.keys(state.priorityClasses ?? {}),
  ].sort();
  return { deployments, services, podsPerNode, others };
}

describe('export round trip', () => {
  it.each(FILES)('%s: the exported manifests rebuild the same steady state', (file) => {
    const scenario = loadFile(file);
    const at = exportTime(scenario);
    const { objects, at: exportedAt } = exportScenario(scenario, {
      ...(at === undefined ? {} : { at }),
      keepSimulatorAnnotations: true,
    });
    for (const o of objects) expect(validateKubernetesObject(o), `${String(o.kind)}`).toEqual([]);
    const text = exportText(objects, 'yaml', ['round trip']);
    const loaded = loadManifests(text, 'export.yaml');
    expect(loaded.errors.map(String)).toEqual([]);
    // Only the stand-in claims are skipped (Flotilla does not model PersistentVolumeClaims).
    expect(
      loaded.warnings.filter((w) => !/PersistentVolumeClaim\/\S+ is ignored/.test(w.message)).map(String),
    ).toEqual([]);

    // No expectations and no duration: each run settles after its last action.
    const { duration: _duration, ...base } = scenario;
    const settle = { ...base, expectations: [] };
    const original = runScenario({
      ...settle,
      timeline: scenario.timeline.filter((e) => e.at <= exportedAt),
    });
    const fresh = runScenario({ ...settle, objects: loaded.objects, ignored: [], timeline: [] });
    const [want, got] = [steadyState(original.sim.state), steadyState(fresh.sim.state)];
    if (HISTORY_PLACED.has(scenario.name)) {
      const perNode = (x: typeof want) =>
        Object.values(x.podsPerNode)
          .map((l) => l.join('; '))
          .sort();
      expect(perNode(got)).toEqual(perNode(want));
      expect({ ...got, podsPerNode: {} }).toEqual({ ...want, podsPerNode: {} });
    } else expect(got).toEqual(want);
    expect(appliedObjects(scenario, exportedAt).length).toBeGreaterThanOrEqual(scenario.objects.length);
  });
});
