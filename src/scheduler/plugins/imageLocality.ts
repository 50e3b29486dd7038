/**
 * ImageLocality (K pkg/scheduler/framework/plugins/imagelocality/image_locality.go): favours nodes
 * that already have the pod's images. For each container image present on the node, its size
 * times its spread (the share of nodes that have it) is summed; the sum is clamped between 23 MB
 * and 1000 MB per container and scaled to 0..100.
 *
 * Simplified: Flotilla's kubelet records which images a node has pulled (nodeRuntime.images) but
 * not their sizes, so every image counts as IMAGE_SIZE (500 MiB). Image names are normalized as
 * Kubernetes does for the common case: a name without a tag or digest gets `:latest`.
 */
import type { ClusterState, Pod } from '../../model';
import { derivedKey, type Memo } from '../../model';
import { MAX_NODE_SCORE, type NodeInfo, type ScorePlugin, SUCCESS } from '../framework';

/** K minThreshold (23 MB) and maxContainerThreshold (1000 MB). */
export const MIN_THRESHOLD = 23 * 1024 * 1024;
const MAX_CONTAINER_THRESHOLD = 1000 * 1024 * 1024;
/** Flotilla's stand-in for every image's size. */
const IMAGE_SIZE = 500 * 1024 * 1024;

/** `nginx` -> `nginx:latest`; names with a tag or digest stay as they are (K normalizedImageName). */
export function normalizedImageName(name: string): string {
  const lastSlash = name.lastIndexOf('/');
  const last = name.slice(lastSlash + 1);
  return last.includes(':') || last.includes('@') ? name : `${name}:latest`;
}

/** K calculatePriority: the clamped sum scaled to 0..100 (integer division). */
export function imageLocalityScore(sumScores: number, numContainers: number): number {
  const maxThreshold = MAX_CONTAINER_THRESHOLD * numContainers;
  const clamped = Math.min(Math.max(sumScores, MIN_THRESHOLD), maxThreshold);
  return Math.trunc((MAX_NODE_SCORE * (clamped - MIN_THRESHOLD)) / (maxThreshold - MIN_THRESHOLD));
}

function images(pod: Pod): string[] {
  const out: string[] = [];
  for (const c of pod.spec.initContainers ?? []) out.push(normalizedImageName(c.image));
  for (const c of pod.spec.containers) out.push(normalizedImageName(c.image));
  return out;
}

type Runtimes = ClusterState['nodeRuntime'];

/** A node's pulled images under their normalized names (memoized: runtime records are frozen in the engine). */
const NODE_IMAGES = derivedKey<Record<string, true>, ReadonlySet<string>>('scheduler.nodeImages');
function nodeImages(memo: Memo, runtimes: Runtimes, node: string): ReadonlySet<string> | undefined {
  const got = runtimes[node]?.images;
  if (got === undefined) return undefined;
  return memo.derive(NODE_IMAGES, got, (images) => new Set(Object.keys(images).map(normalizedImageName)));
}

/**
 * How many nodes have each image (K ImageStateSummary.NumNodes, which the scheduler's cache keeps
 * up to date rather than counting per cycle): memoized per runtime map, so a cycle costs O(images).
 */
const IMAGE_COUNTS = derivedKey<Runtimes, Map<string, number>>('scheduler.nodesWithImage');
function nodesWithImage(memo: Memo, state: ClusterState): Map<string, number> {
  return memo.derive(IMAGE_COUNTS, state.nodeRuntime, (runtimes) => {
    const counts = new Map<string, number>();
    for (const node of Object.keys(runtimes)) {
      if (state.nodes[node] === undefined) continue;
      for (const image of nodeImages(memo, runtimes, node) ?? [])
        counts.set(image, (counts.get(image) ?? 0) + 1);
    }
    return counts;
  });
}

interface PreScoreState {
  images: string[];
  /** No node has any of the pod's images: every node scores the same, without a lookup. */
  none: boolean;
  /** Share of the nodes that have each image. */
  spread: ReadonlyMap<string, number>;
}

const NO_SPREAD: ReadonlyMap<string, number> = new Map();

export const imageLocality: ScorePlugin = {
  name: 'ImageLocality',
  weight: 1,
  preScoreReadsNodes: false,
  preScore(cycle, pod) {
    const counts = nodesWithImage(cycle.memo, cycle.state);
    const total = cycle.nodes.length;
    const list = images(pod);
    // On a cluster where no node has pulled an image yet, every spread is 0: no map to build.
    let spread = NO_SPREAD;
    let none = true;
    if (counts.size > 0) {
      const shares = new Map<string, number>();
      for (const image of list) {
        const have = Math.min(counts.get(image) ?? 0, total);
        if (have > 0) none = false;
        shares.set(image, total === 0 ? 0 : have / total);
      }
      spread = shares;
    }
    cycle.data.set('ImageLocality', { images: list, spread, none } satisfies PreScoreState);
    return SUCCESS;
  },
  score(cycle, pod, nodeInfo) {
    const pre = cycle.data.get('ImageLocality') as PreScoreState | undefined;
    const list = pre?.images ?? images(pod);
    const onNode =
      pre?.none === true ? undefined : nodeImages(cycle.memo, cycle.state.nodeRuntime, nodeInfo.name);
    let sum = 0;
    if (onNode !== undefined)
      for (const image of list)
        if (onNode.has(image)) sum += Math.trunc(IMAGE_SIZE * (pre?.spread.get(image) ?? 0));
    return imageLocalityScore(sum, list.length);
  },
  scoreTable(cycle, pod, table, idx, count, out) {
    const pre = cycle.data.get('ImageLocality') as PreScoreState | undefined;
    if (pre?.none === true) {
      // No node has any of the pod's images: every node scores the empty sum.
      return imageLocalityScore(0, pre.images.length);
    }
    for (let k = 0; k < count; k++)
      out[k] = this.score(cycle, pod, table.infos[idx[k] as number] as NodeInfo);
    return undefined;
  },
};
