/**
 * The shape of an exported manifest (`flotilla export`): metadata with only what a person writes
 * (name, namespace unless `default`, labels, their own annotations) and no undefined fields.
 */
import type { ObjectMeta } from '../model';
import type { JsonObject, JsonValue } from './serialize';

/** Annotations that mean nothing to a real cluster, or that its controllers write themselves. */
const DROPPED_ANNOTATION =
  /^(flotilla\.dev\/|deployment\.kubernetes\.io\/|kubectl\.kubernetes\.io\/last-applied)/;

/** What cleaning metadata needs to know (ExportOptions has it). */
export interface MetaOptions {
  /** Keep `flotilla.dev/` annotations (for re-simulating the export; default false). */
  keepSimulatorAnnotations?: boolean;
}

/** An object's identity among the exported and applied ones: kind, namespace, name. */
export function idOf(o: {
  kind: string;
  metadata: { name: string; namespace?: string | undefined };
}): string {
  return `${o.kind}/${o.metadata.namespace ?? ''}/${o.metadata.name}`;
}

/** A JSON copy without undefined fields (empty maps and lists the person wrote are kept). */
function clean(value: unknown): JsonValue | undefined {
  if (value === undefined || typeof value === 'function' || typeof value === 'symbol') return undefined;
  if (value === null || typeof value !== 'object') return value as JsonValue;
  if (Array.isArray(value)) return value.map((v) => clean(v) ?? null);
  const out: JsonObject = {};
  for (const [k, v] of Object.entries(value)) {
    const c = clean(v);
    if (c !== undefined) out[k] = c;
  }
  return out;
}

/** A manifest: apiVersion, kind, metadata, then the other fields without undefined ones. */
export function manifest(
  apiVersion: string,
  kind: string,
  metadata: JsonObject,
  rest: Record<string, unknown>,
): JsonObject {
  const out: JsonObject = { apiVersion, kind, metadata };
  for (const [k, v] of Object.entries(rest)) {
    const c = clean(v);
    if (c !== undefined) out[k] = c;
  }
  return out;
}

/** name, namespace (left out for `default`, so `kubectl apply -n` works), labels, user annotations. */
export function meta(m: ObjectMeta, options: MetaOptions, dropLabels: readonly string[] = []): JsonObject {
  const out: JsonObject = { name: m.name };
  if (m.namespace !== undefined && m.namespace !== 'default') out.namespace = m.namespace;
  const labels = without(m.labels, (k) => dropLabels.includes(k));
  if (labels !== undefined) out.labels = labels;
  const annotations = annotationsOf(m.annotations, options);
  if (annotations !== undefined) out.annotations = annotations;
  return out;
}

/** The user's annotations: simulator-only and controller bookkeeping ones dropped. */
export function annotationsOf(
  a: Record<string, string> | undefined,
  options: MetaOptions,
): Record<string, string> | undefined {
  return options.keepSimulatorAnnotations === true
    ? without(a, (k) => k.startsWith('deployment.kubernetes.io/'))
    : without(a, (k) => DROPPED_ANNOTATION.test(k));
}

function without(
  map: Record<string, string> | undefined,
  drop: (key: string) => boolean,
): Record<string, string> | undefined {
  if (map === undefined) return undefined;
  const entries = Object.entries(map).filter(([k]) => !drop(k));
  return entries.length === 0 ? undefined : Object.fromEntries(entries);
}
