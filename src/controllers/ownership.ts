/** Owner references and the pod-naming helpers controllers share. */
import type { ObjectMeta, OwnerReference, ReconcileContext } from '../model';

/** The controlling owner of an object, if any. */
export function controllerOf(meta: ObjectMeta): OwnerReference | undefined {
  return meta.ownerReferences?.find((o) => o.controller === true);
}

/**
 * The alphabet of k8s.io/apimachinery/pkg/util/rand: no vowels (no accidental words) and no
 * look-alike characters.
 */
const SAFE_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

/** utilrand.String(n): n characters drawn from the safe alphabet with the seeded RNG. */
export function randomSuffix(ctx: ReconcileContext, n = 5): string {
  let s = '';
  for (let i = 0; i < n; i++) s += SAFE_ALPHABET[Math.floor(ctx.random() * SAFE_ALPHABET.length)];
  return s;
}

/** utilrand.SafeEncodeString: maps each byte of `s` into the safe alphabet. */
export function safeEncodeString(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) out += SAFE_ALPHABET[s.charCodeAt(i) % SAFE_ALPHABET.length];
  return out;
}

export function ownerRef(kind: string, apiVersion: string, meta: ObjectMeta): OwnerReference {
  return { apiVersion, kind, name: meta.name, uid: meta.uid, controller: true, blockOwnerDeletion: true };
}
