/**
 * Navigating a zod schema by path, for "expected one of: <known keys>" hints (schemaIssues.ts). It
 * reads zod's `def` records, so any surprise there just means no hint.
 */
import type { z } from 'zod';
import type { FieldPath } from '../model';
import { isRecord } from '../manifests';

type AnySchema = z.core.$ZodType;

/** The value at `path` in `data` (undefined where the path leaves it). */
export function valueAt(data: unknown, path: FieldPath): unknown {
  let v = data;
  for (const seg of path) {
    if (Array.isArray(v) && typeof seg === 'number') v = v[seg];
    else if (isRecord(v)) v = v[String(seg)];
    else return undefined;
  }
  return v;
}

interface Def {
  type: string;
  shape?: Record<string, AnySchema>;
  element?: AnySchema;
  innerType?: AnySchema;
  in?: AnySchema;
  valueType?: AnySchema;
  options?: AnySchema[];
  discriminator?: string;
}
const defOf = (s: AnySchema): Def => s._zod.def as unknown as Def;

function unwrap(s: AnySchema): AnySchema {
  let cur = s;
  for (
    let d = defOf(cur);
    ['optional', 'default', 'nullable', 'pipe', 'prefault'].includes(d.type);
    d = defOf(cur)
  ) {
    const next = d.innerType ?? d.in;
    if (next === undefined) break;
    cur = next;
  }
  return cur;
}

/** The branches of a union schema. */
export function unionOptions(s: AnySchema): AnySchema[] {
  return defOf(unwrap(s)).options ?? [];
}

/** The keys an object schema knows. */
export function objectKeys(s: AnySchema): string[] {
  return Object.keys(defOf(unwrap(s)).shape ?? {});
}

/**
 * The schema at `path` below `s` (which sits at `base` in `data`); in a union without a
 * discriminator, the branch whose keys fit the data best.
 */
export function schemaAt(
  s: AnySchema | undefined,
  path: FieldPath,
  data: unknown,
  base: FieldPath,
): AnySchema | undefined {
  let cur = s;
  const walked: (string | number)[] = [...base];
  for (const seg of [...path, null]) {
    if (cur === undefined) return undefined;
    cur = unwrap(cur);
    const d = defOf(cur);
    if (d.type === 'union' && d.discriminator === undefined) {
      // zod reports the issues of the one branch that came close: find it by the keys present.
      const v = valueAt(data, walked);
      const keys = isRecord(v) ? Object.keys(v) : [];
      let best: AnySchema | undefined;
      let bestScore = -Infinity;
      for (const o of d.options ?? []) {
        const shape = objectKeys(o);
        const sc =
          keys.filter((k) => shape.includes(k)).length - keys.filter((k) => !shape.includes(k)).length;
        if (sc > bestScore) [best, bestScore] = [o, sc];
      }
      if (seg === null) return best ?? cur;
      if (best !== undefined) cur = unwrap(best);
    } else if (d.type === 'union' && d.discriminator !== undefined) {
      const tag = valueAt(data, [...walked, d.discriminator]);
      cur = d.options?.find((o) => {
        const values = (o._zod as { propValues?: Record<string, Set<unknown>> }).propValues?.[
          d.discriminator ?? ''
        ];
        return values?.has(tag) ?? false;
      });
      if (cur === undefined) return undefined;
      cur = unwrap(cur);
    }
    if (seg === null) return cur;
    const dd = defOf(cur);
    cur =
      dd.type === 'object'
        ? dd.shape?.[String(seg)]
        : dd.type === 'array'
          ? dd.element
          : dd.type === 'record'
            ? dd.valueType
            : undefined;
    walked.push(seg);
  }
  return cur;
}
