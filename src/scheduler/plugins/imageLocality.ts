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
import type { Pod } from '../../model/objects';
import { MAX_NODE_SCORE, type ScorePlugin } from '../framework';

/** K minThreshold (23 MB) and maxContainerThreshold (1000 MB). */
export const MIN_THRESHOLD = 23 * 1024 * 1024;
export const MAX_CONTAINER_THRESHOLD = 1000 * 1024 * 1024;
/** Flotilla's stand-in for every image's size. */
export const IMAGE_SIZE = 500 * 1024 * 1024;

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
  return [...(pod.spec.initContainers ?? []), ...pod.spec.containers].map((c) =>
    normalizedImageName(c.image),
  );
}

function has(
  cycleState: { nodeRuntime: Record<string, { images: Record<string, true> }> },
  node: string,
  image: string,
) {
  const got = cycleState.nodeRuntime[node]?.images ?? {};
  return got[image] === true || got[image.replace(/:latest$/, '')] === true;
}

export const imageLocality: ScorePlugin = {
  name: 'ImageLocality',
  weight: 1,
  preScore(cycle, pod) {
    // The spread of each image over all nodes, computed once per cycle.
    const spread = new Map<string, number>();
    const total = cycle.nodes.length;
    for (const image of images(pod)) {
      if (spread.has(image)) continue;
      let n = 0;
      for (const info of cycle.nodes) if (has(cycle.state, info.name, image)) n++;
      spread.set(image, total === 0 ? 0 : n / total);
    }
    cycle.data.set('ImageLocality', spread);
    return { code: 'Success' };
  },
  score(cycle, pod, nodeInfo) {
    const spread =
      (cycle.data.get('ImageLocality') as Map<string, number> | undefined) ?? new Map<string, number>();
    let sum = 0;
    for (const image of images(pod)) {
      if (has(cycle.state, nodeInfo.name, image)) sum += Math.trunc(IMAGE_SIZE * (spread.get(image) ?? 0));
    }
    return imageLocalityScore(sum, pod.spec.containers.length + (pod.spec.initContainers?.length ?? 0));
  },
};
