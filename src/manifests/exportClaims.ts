/**
 * Stand-in PersistentVolumeClaims for `flotilla export`: Flotilla does not model claims, but the
 * exported pods and templates mount them, so the export adds one per claim mounted.
 */
import type { JsonObject } from './serialize';

/** The stand-in claim's size: a guess, said so in the export's notes. */
export const STAND_IN_SIZE = '1Gi';

/**
 * The claims the exported pods and templates mount, as [namespace, name], sorted. Claims are not
 * modelled (the loader skips them), so without a stand-in the pods would stay Pending on a real
 * cluster.
 */
export function claimsOf(objects: readonly JsonObject[]): [string, string][] {
  const found = new Set<string>();
  for (const o of objects) {
    const ns = (o.metadata as { namespace?: string }).namespace ?? 'default';
    const spec = o.spec as ({ template?: { spec?: JsonObject } } & JsonObject) | undefined;
    const podSpec = o.kind === 'Pod' ? spec : spec?.template?.spec;
    const volumes = (podSpec?.volumes ?? []) as { persistentVolumeClaim?: { claimName?: string } }[];
    for (const v of volumes) {
      const name = v.persistentVolumeClaim?.claimName;
      if (typeof name === 'string') found.add(`${ns}/${name}`);
    }
  }
  return [...found].sort().map((k) => k.split('/') as [string, string]);
}

/** A claim in the cluster's default StorageClass, for a claim the exported objects mount. */
export function standInClaim(namespace: string, name: string): JsonObject {
  return {
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: namespace === 'default' ? { name } : { name, namespace },
    spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: STAND_IN_SIZE } } },
  };
}
