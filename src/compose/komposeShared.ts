/**
 * Small rules the parts of the conversion (kompose.ts, komposeWorkload.ts, komposeVolumes.ts) and
 * its notes share (kept apart to avoid an import cycle).
 */
import type { JsonObject } from '../manifests';
import type { ComposeService } from '../model';

/** kompose's label tying a service's objects together (transformer.ConfigLabels). */
const KOMPOSE_LABEL = 'io.kompose.service';

/** A DNS-1123 label from a compose name (kompose lower-cases and turns `_` and `.` into `-`). */
export function kubeName(name: string): string {
  const s = name
    .toLowerCase()
    .replace(/[_.]/g, '-')
    .replace(/[^a-z0-9-]/g, '')
    .slice(0, 63)
    .replace(/^-+|-+$/g, '');
  return s === '' ? 'service' : s;
}

/** The label that ties an object to its service. */
export function komposeLabels(name: string): JsonObject {
  return { [KOMPOSE_LABEL]: name };
}

/** `Never`/`OnFailure` when the service becomes a bare Pod, else undefined (a controller). */
export function podRestartPolicy(svc: ComposeService): 'Never' | 'OnFailure' | undefined {
  // kompose: deploy.restart_policy.condition overrides restart (compose.go, "restart-policy").
  if (svc.given?.includes('deploy.restart_policy')) {
    const c = svc.deploy.restartPolicy.condition;
    return c === 'none' ? 'Never' : c === 'on-failure' ? 'OnFailure' : undefined;
  }
  if (svc.restart.explicit !== true) return undefined;
  return svc.restart.policy === 'no'
    ? 'Never'
    : svc.restart.policy === 'on-failure'
      ? 'OnFailure'
      : undefined;
}

/** Placement constraints with `==` that have a Kubernetes node label (kompose: placement → nodeSelector). */
export function nodeSelector(constraints: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const c of constraints) {
    const label = constraintLabel(c);
    if (label !== undefined) out[label[0]] = label[1];
  }
  return out;
}

export function constraintLabel(constraint: string): [string, string] | undefined {
  const m = /^\s*([\w.-]+)\s*==\s*(.+?)\s*$/.exec(constraint);
  if (m === null) return undefined;
  const [, key = '', value = ''] = m;
  if (key.startsWith('node.labels.')) return [key.slice('node.labels.'.length), value];
  const known: Record<string, string> = {
    'node.hostname': 'kubernetes.io/hostname',
    'node.platform.os': 'kubernetes.io/os',
    'node.platform.arch': 'kubernetes.io/arch',
  };
  const k = known[key];
  return k === undefined ? undefined : [k, value];
}
