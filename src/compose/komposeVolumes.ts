/** A compose service's volumes as kompose converts them: pod volumes, mounts and PersistentVolumeClaims. */
import type { JsonObject } from '../manifests';
import type { ComposeService, VolumeMount } from '../model';
import { komposeLabels, kubeName } from './komposeShared';

/** kompose's PVC size when nothing says otherwise (kubernetes.go PVCRequestSize). */
const PVC_SIZE = '100Mi';

/** kompose ConfigVolumes: named volume → claim of that name; anonymous or bind → `<service>-claimN`; tmpfs → emptyDir Memory. */
export function volumesOf(
  svc: ComposeService,
  name: string,
  claims: Set<string>,
): { volumes: JsonObject[]; mounts: JsonObject[]; pvcs: JsonObject[] } {
  const volumes: JsonObject[] = [];
  const mounts: JsonObject[] = [];
  const pvcs: JsonObject[] = [];
  let claimN = 0;
  let tmpfsN = 0;
  svc.volumes.forEach((v: VolumeMount) => {
    const volName =
      v.type === 'tmpfs'
        ? `${name}-tmpfs${tmpfsN++}`
        : v.type === 'volume' && v.source !== undefined
          ? kubeName(v.source)
          : `${name}-claim${claimN++}`;
    mounts.push({ name: volName, mountPath: v.target, ...(v.readOnly ? { readOnly: true } : {}) });
    if (volumes.some((x) => x.name === volName)) return;
    if (v.type === 'tmpfs') {
      volumes.push({ name: volName, emptyDir: { medium: 'Memory' } });
      return;
    }
    volumes.push({
      name: volName,
      persistentVolumeClaim: { claimName: volName, ...(v.readOnly ? { readOnly: true } : {}) },
    });
    if (claims.has(volName)) return;
    claims.add(volName);
    pvcs.push({
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      metadata: { name: volName, labels: komposeLabels(volName) },
      spec: {
        accessModes: [v.readOnly ? 'ReadOnlyMany' : 'ReadWriteOnce'],
        resources: { requests: { storage: PVC_SIZE } },
      },
    });
  });
  return { volumes, mounts, pvcs };
}
