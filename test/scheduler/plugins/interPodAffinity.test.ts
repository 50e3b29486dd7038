import { describe, expect, it } from 'vitest';
import { normalizeNodeScores } from '../../../src/scheduler/framework';
import { normCycle } from '../normCycle';
import type { Affinity, Node, Pod } from '../../../src/model/objects';
import type { NodeInfo } from '../../../src/scheduler/framework';
import {
  AFFINITY_RULES_REASON,
  ANTI_AFFINITY_RULES_REASON,
  EXISTING_ANTI_AFFINITY_REASON,
  makeInterPodAffinity,
} from '../../../src/scheduler/plugins/interPodAffinity';
import { makeCycle } from '../../../src/scheduler/scheduleOne';
import { makeNode, makePod, makeState, nodeInfo, runningPod } from '../fixtures';

/*
 * Cases derived from the documented semantics (K pkg/scheduler/framework/plugins/interpodaffinity
 * filtering.go and scoring.go; https://kubernetes.io/docs/concepts/scheduling-eviction/assign-pod-node/
 * #inter-pod-affinity-and-anti-affinity): required terms filter per topology domain, preferred
 * terms add or subtract their weight once per matching pod, existing pods' terms count too.
 */

const cap = { cpu: '4', memory: '8Gi' };
const zoneNode = (name: string, zone?: string): Node =>
  makeNode(name, cap, zone === undefined ? {} : { labels: { 'topology.kubernetes.io/zone': zone } });
const HOST = 'kubernetes.io/hostname';
const ZONE = 'topology.kubernetes.io/zone';
const term = (topologyKey: string, app: string) => ({ topologyKey, labelSelector: { matchLabels: { app } } });

const plugin = makeInterPodAffinity({ hardPodAffinityWeight: 1, ignorePreferredTermsOfExistingPods: false });

function setup(nodes: Node[], onNodes: Record<string, Pod[]>, pod: Pod) {
  const infos: NodeInfo[] = nodes.map((n) => nodeInfo(n, onNodes[n.metadata.name] ?? []));
  const state = makeState(nodes, [...Object.values(onNodes).flat(), pod]);
  return { cycle: makeCycle(state, pod, infos), infos };
}

/** The Filter verdict per node, after PreFilter ('Skip' when PreFilter skipped the plugin). */
function verdicts(nodes: Node[], onNodes: Record<string, Pod[]>, pod: Pod): Record<string, string> {
  const { cycle, infos } = setup(nodes, onNodes, pod);
  const pre = plugin.filter.preFilter?.(cycle, pod);
  const out: Record<string, string> = {};
  for (const info of infos) {
    if (pre?.code === 'Skip') out[info.name] = 'Skip';
    else {
      const s = plugin.filter.filter(cycle, pod, info);
      out[info.name] = s.code === 'Success' ? 'Success' : `${s.code}: ${s.reason}`;
    }
  }
  return out;
}

/** Raw Score per node after PreScore (undefined when PreScore skipped the plugin). */
function rawScores(nodes: Node[], onNodes: Record<string, Pod[]>, pod: Pod) {
  const { cycle, infos } = setup(nodes, onNodes, pod);
  if (plugin.score.preScore?.(cycle, pod, infos).code === 'Skip') return undefined;
  return Object.fromEntries(infos.map((i) => [i.name, plugin.score.score(cycle, pod, i)]));
}

const withAffinity = (name: string, labels: Record<string, string>, affinity: Affinity) =>
  makePod(name, { cpu: '100m' }, { labels, affinity });

describe('InterPodAffinity Filter', () => {
  const a = zoneNode('node-a', 'z1');
  const b = zoneNode('node-b', 'z1');
  const c = zoneNode('node-c', 'z2');
  const bare = zoneNode('node-x');

  it('skips a pod without affinity when no existing pod has required anti-affinity', () => {
    const pod = makePod('plain', { cpu: '100m' }, { labels: { app: 'web' } });
    expect(
      verdicts(
        [a, c],
        { 'node-a': [runningPod('db-0', 'node-a', undefined, { labels: { app: 'db' } })] },
        pod,
      ),
    ).toEqual({
      'node-a': 'Skip',
      'node-c': 'Skip',
    });
  });

  it('required anti-affinity by hostname rules out only the node with a matching pod', () => {
    const pod = withAffinity(
      'db-1',
      { app: 'db' },
      {
        podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term(HOST, 'db')] },
      },
    );
    const existing = { 'node-a': [runningPod('db-0', 'node-a', undefined, { labels: { app: 'db' } })] };
    expect(verdicts([a, b, c], existing, pod)).toEqual({
      'node-a': `Unschedulable: ${ANTI_AFFINITY_RULES_REASON}`,
      'node-b': 'Success',
      'node-c': 'Success',
    });
  });

  it('required anti-affinity by zone rules out every node of the zone', () => {
    const pod = withAffinity(
      'db-1',
      { app: 'db' },
      {
        podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term(ZONE, 'db')] },
      },
    );
    const existing = { 'node-a': [runningPod('db-0', 'node-a', undefined, { labels: { app: 'db' } })] };
    expect(verdicts([a, b, c], existing, pod)).toEqual({
      'node-a': `Unschedulable: ${ANTI_AFFINITY_RULES_REASON}`,
      'node-b': `Unschedulable: ${ANTI_AFFINITY_RULES_REASON}`,
      'node-c': 'Success',
    });
  });

  it('required affinity needs a matching pod in the node domain and the topology label', () => {
    const pod = withAffinity(
      'web-1',
      { app: 'web' },
      {
        podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term(ZONE, 'cache')] },
      },
    );
    const existing = { 'node-b': [runningPod('cache-0', 'node-b', undefined, { labels: { app: 'cache' } })] };
    expect(verdicts([a, b, c, bare], existing, pod)).toEqual({
      'node-a': 'Success',
      'node-b': 'Success',
      'node-c': `UnschedulableAndUnresolvable: ${AFFINITY_RULES_REASON}`,
      'node-x': `UnschedulableAndUnresolvable: ${AFFINITY_RULES_REASON}`,
    });
  });

  it('the first pod of a group with affinity to its own labels may go anywhere', () => {
    const pod = withAffinity(
      'web-0',
      { app: 'web' },
      {
        podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term(ZONE, 'web')] },
      },
    );
    expect(verdicts([a, c], {}, pod)).toEqual({ 'node-a': 'Success', 'node-c': 'Success' });
  });

  it("an existing pod's required anti-affinity keeps a matching pod out of its domain", () => {
    const loner = withAffinity(
      'loner',
      { app: 'loner' },
      {
        podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term(ZONE, 'web')] },
      },
    );
    const existing = { 'node-a': [{ ...loner, spec: { ...loner.spec, nodeName: 'node-a' } }] };
    const pod = makePod('web-0', { cpu: '100m' }, { labels: { app: 'web' } });
    expect(verdicts([a, b, c], existing, pod)).toEqual({
      'node-a': `Unschedulable: ${EXISTING_ANTI_AFFINITY_REASON}`,
      'node-b': `Unschedulable: ${EXISTING_ANTI_AFFINITY_REASON}`,
      'node-c': 'Success',
    });
  });

  it('a topology key that names an Object property (constructor) is a label like any other', () => {
    // Nodes without the label have no domain, so nothing can clash there (a plain lookup would
    // find Object.prototype.constructor and put every such node in one shared domain).
    const db = runningPod('db-0', 'node-a', undefined, {
      labels: { app: 'db' },
      affinity: {
        podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term('constructor', 'web')] },
      },
    });
    const pod = makePod('web-0', { cpu: '100m' }, { labels: { app: 'web' } });
    expect(verdicts([a, c], { 'node-a': [db] }, pod)).toEqual({ 'node-a': 'Skip', 'node-c': 'Skip' });
    const own = withAffinity(
      'web-1',
      { app: 'web' },
      {
        podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term('constructor', 'db')] },
      },
    );
    expect(verdicts([a, c], { 'node-a': [db] }, own)).toEqual({ 'node-a': 'Success', 'node-c': 'Success' });
  });

  it('a term covers only its owner namespace unless it lists others', () => {
    const pod = withAffinity(
      'db-1',
      { app: 'db' },
      {
        podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term(HOST, 'db')] },
      },
    );
    const other = runningPod('db-0', 'node-a', undefined, { labels: { app: 'db' }, namespace: 'other' });
    expect(verdicts([a, b], { 'node-a': [other] }, pod)).toEqual({
      'node-a': 'Success',
      'node-b': 'Success',
    });
    const listing = withAffinity(
      'db-2',
      { app: 'db' },
      {
        podAntiAffinity: {
          requiredDuringSchedulingIgnoredDuringExecution: [{ ...term(HOST, 'db'), namespaces: ['other'] }],
        },
      },
    );
    expect(verdicts([a, b], { 'node-a': [other] }, listing)).toEqual({
      'node-a': `Unschedulable: ${ANTI_AFFINITY_RULES_REASON}`,
      'node-b': 'Success',
    });
  });
});

describe('InterPodAffinity Score (raw, before NormalizeScore)', () => {
  const a = zoneNode('node-a', 'z1');
  const b = zoneNode('node-b', 'z1');
  const c = zoneNode('node-c', 'z2');
  const web = (name: string, node: string) => runningPod(name, node, undefined, { labels: { app: 'web' } });

  it('preferred anti-affinity subtracts its weight once per matching pod in the domain', () => {
    const pod = withAffinity(
      'web-9',
      { app: 'web' },
      {
        podAntiAffinity: {
          preferredDuringSchedulingIgnoredDuringExecution: [
            { weight: 50, podAffinityTerm: term(HOST, 'web') },
          ],
        },
      },
    );
    expect(
      rawScores(
        [a, b, c],
        { 'node-a': [web('w0', 'node-a'), web('w1', 'node-a')], 'node-c': [web('w2', 'node-c')] },
        pod,
      ),
    ).toEqual({
      'node-a': -100,
      'node-b': 0,
      'node-c': -50,
    });
  });

  it('preferred affinity by zone adds its weight on every node of the zone', () => {
    const pod = withAffinity(
      'api-0',
      { app: 'api' },
      {
        podAffinity: {
          preferredDuringSchedulingIgnoredDuringExecution: [
            { weight: 7, podAffinityTerm: term(ZONE, 'web') },
          ],
        },
      },
    );
    expect(rawScores([a, b, c], { 'node-a': [web('w0', 'node-a'), web('w1', 'node-a')] }, pod)).toEqual({
      'node-a': 14,
      'node-b': 14,
      'node-c': 0,
    });
  });

  it("existing pods' terms count: required affinity adds hardPodAffinityWeight, preferred adds or subtracts its weight", () => {
    const wantsWeb = runningPod('fan', 'node-a', undefined, {
      labels: { app: 'fan' },
      affinity: {
        podAffinity: {
          requiredDuringSchedulingIgnoredDuringExecution: [term(HOST, 'web')],
          preferredDuringSchedulingIgnoredDuringExecution: [
            { weight: 20, podAffinityTerm: term(ZONE, 'web') },
          ],
        },
      },
    });
    const avoidsWeb = runningPod('hater', 'node-c', undefined, {
      labels: { app: 'hater' },
      affinity: {
        podAntiAffinity: {
          preferredDuringSchedulingIgnoredDuringExecution: [
            { weight: 30, podAffinityTerm: term(HOST, 'web') },
          ],
        },
      },
    });
    const pod = makePod('web-0', { cpu: '100m' }, { labels: { app: 'web', tier: 'front' } });
    expect(rawScores([a, b, c], { 'node-a': [wantsWeb], 'node-c': [avoidsWeb] }, pod)).toEqual({
      'node-a': 21,
      'node-b': 20,
      'node-c': -30,
    });
  });

  it('skips when nothing applies, and normalizes 100 x (s - min) / (max - min)', () => {
    const pod = makePod('plain', { cpu: '100m' }, { labels: { app: 'plain' } });
    expect(rawScores([a, c], { 'node-a': [web('w0', 'node-a')] }, pod)).toBeUndefined();
    expect(
      normalizeNodeScores(
        plugin.score,
        [
          { name: 'a', score: -100 },
          { name: 'b', score: 0 },
          { name: 'c', score: -50 },
        ],
        normCycle(),
      ),
    ).toEqual([
      { name: 'a', score: 0 },
      { name: 'b', score: 100 },
      { name: 'c', score: 50 },
    ]);
  });

  it('ignorePreferredTermsOfExistingPods skips only pods without preferred terms of their own', () => {
    // K scoring.go PreScore: Skip when the option is set and the incoming pod has no preferred
    // (anti-)affinity; otherwise existing pods' terms are processed as usual.
    const ignoring = makeInterPodAffinity({
      hardPodAffinityWeight: 1,
      ignorePreferredTermsOfExistingPods: true,
    });
    const likesWeb: Affinity = {
      podAffinity: {
        preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 40, podAffinityTerm: term(HOST, 'web') }],
      },
    };
    const onNodes = {
      'node-a': [runningPod('fan-0', 'node-a', undefined, { labels: { app: 'fan' }, affinity: likesWeb })],
    };
    const scoresWith = (pod: Pod) => {
      const { cycle, infos } = setup([a, c], onNodes, pod);
      if (ignoring.score.preScore?.(cycle, pod, infos).code === 'Skip') return undefined;
      return Object.fromEntries(infos.map((i) => [i.name, ignoring.score.score(cycle, pod, i)]));
    };
    const plainWeb = makePod('web-1', { cpu: '100m' }, { labels: { app: 'web' } });
    expect(scoresWith(plainWeb)).toBeUndefined();
    const webAvoidingDb = withAffinity(
      'web-2',
      { app: 'web' },
      {
        podAntiAffinity: {
          preferredDuringSchedulingIgnoredDuringExecution: [
            { weight: 10, podAffinityTerm: term(HOST, 'db') },
          ],
        },
      },
    );
    // Its own term matches nothing; the existing pod's preferred affinity to web still adds 40.
    expect(scoresWith(webAvoidingDb)).toEqual({ 'node-a': 40, 'node-c': 0 });
  });
});
