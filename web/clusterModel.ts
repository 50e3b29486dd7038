/**
 * The cluster view's model: plain copies derived from a frozen ClusterState snapshot (views never
 * change state). One card per node with its pods, plus a card for pods not bound to any node.
 */
import { summarizePod } from '../src/manifests';
import type { Pod, Taint } from '../src/model/objects';
import type { ClusterState } from '../src/model/state';

/** What the node's Ready condition says: kubectl prints NotReady for both False and Unknown. */
export type NodeReadiness = 'Ready' | 'NotReady' | 'Unknown';

/** Pod glyph classes: each has a colour, an icon and a word, so colour is never the only cue. */
export type PodKind = 'running' | 'starting' | 'pending' | 'failing' | 'terminating' | 'unknown' | 'done';

export interface PodItem {
  id: string;
  name: string;
  /** kubectl's STATUS column (`Running`, `ContainerCreating`, `Terminating`, ...). */
  status: string;
  /** READY column, `1/1`. */
  ready: string;
  kind: PodKind;
}

export interface NodeCard {
  id: string;
  name: string;
  /** false for the card of pods that no node has been chosen for. */
  isNode: boolean;
  readiness: NodeReadiness | undefined;
  cordoned: boolean;
  /** One entry per taint key: `NoSchedule, NoExecute\nkey[=value]` (kubectl prints `key:Effect`). */
  taints: string[];
  /** The machine is off in the simulation (what the API server has not necessarily noticed). */
  machineDown: boolean;
  pods: PodItem[];
}

const FAILING = /BackOff|Err|Error|ExitCode|OOMKilled|Failed|Invalid/;

/** The glyph class of a pod from kubectl's STATUS word and its READY count. */
export function podKind(pod: Pod, status: string, ready: string): PodKind {
  if (status === 'Terminating') return 'terminating';
  if (status === 'Unknown') return 'unknown';
  if (status === 'Completed' || pod.status.phase === 'Succeeded') return 'done';
  if (FAILING.test(status)) return 'failing';
  if (status === 'Running') {
    const [r, t] = ready.split('/');
    return r === t ? 'running' : 'starting';
  }
  if (status === 'Pending' && !pod.spec.nodeName) return 'pending';
  return 'starting';
}

function readiness(state: ClusterState, name: string): NodeReadiness | undefined {
  const node = state.nodes[name];
  const ready = node?.status.conditions.find((c) => c.type === 'Ready');
  if (ready === undefined) return undefined;
  return ready.status === 'True' ? 'Ready' : ready.status === 'False' ? 'NotReady' : 'Unknown';
}

/** Taints grouped by key and value, so that a node's unreachable pair reads as one line. */
export function taintLines(taints: readonly Taint[]): string[] {
  const effects = new Map<string, string[]>();
  for (const t of taints) {
    const head = `${t.key}${t.value ? `=${t.value}` : ''}`;
    effects.set(head, [...(effects.get(head) ?? []), t.effect]);
  }
  return [...effects].map(([head, list]) => `${list.join(', ')}\n${head}`);
}

function isPod(v: unknown): v is Pod {
  return typeof v === 'object' && v !== null && (v as { kind?: unknown }).kind === 'Pod';
}

/**
 * Every pod of a snapshot. The pods collection is moving from a flat record to hash buckets
 * (src/model/sharded.ts, in progress); until that lands, this reads either layout.
 * TODO: use the model's accessor once it is on main.
 */
export function podsOf(state: ClusterState): Pod[] {
  const out: Pod[] = [];
  for (const v of Object.values(state.pods as unknown as Record<string, unknown>)) {
    if (isPod(v)) out.push(v);
    else if (typeof v === 'object' && v !== null) for (const p of Object.values(v)) if (isPod(p)) out.push(p);
  }
  return out;
}

const podKey = (p: Pod) => `${p.metadata.namespace ?? 'default'}/${p.metadata.name}`;
const compareKeys = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Unbound pods are gathered on a card with this id. */
export const UNSCHEDULED_ID = '(unscheduled)';

/** The cards, nodes sorted by name, pods by namespace/name within each card. */
export function clusterModel(state: ClusterState): NodeCard[] {
  const byNode = new Map<string, PodItem[]>();
  const pods = podsOf(state).sort((a, b) => compareKeys(podKey(a), podKey(b)));
  for (const pod of pods) {
    const s = summarizePod(pod);
    const item: PodItem = {
      id: pod.metadata.uid,
      name: pod.metadata.name,
      status: s.status,
      ready: s.ready,
      kind: podKind(pod, s.status, s.ready),
    };
    const where = pod.spec.nodeName || UNSCHEDULED_ID;
    const list = byNode.get(where) ?? [];
    list.push(item);
    byNode.set(where, list);
  }
  const cards: NodeCard[] = Object.keys(state.nodes)
    .sort()
    .map((name) => {
      const node = state.nodes[name];
      return {
        id: name,
        name,
        isNode: true,
        readiness: readiness(state, name),
        cordoned: node?.spec.unschedulable === true,
        taints: taintLines(node?.spec.taints ?? []),
        machineDown: state.nodeRuntime[name]?.up === false,
        pods: byNode.get(name) ?? [],
      };
    });
  const unscheduled = byNode.get(UNSCHEDULED_ID);
  if (unscheduled !== undefined && unscheduled.length > 0) {
    cards.push({
      id: UNSCHEDULED_ID,
      name: 'Not scheduled',
      isNode: false,
      readiness: undefined,
      cordoned: false,
      taints: [],
      machineDown: false,
      pods: unscheduled,
    });
  }
  return cards;
}
