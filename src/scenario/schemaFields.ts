/**
 * The scenario format's field types (zod): durations, quantities, selectors, labels, inline
 * Kubernetes objects. The parts of the format (schema.ts, schemaTimeline.ts, schemaExpect.ts) build
 * on them.
 */
import { z } from 'zod';
import { isLabelKey, isLabelValue, QUANTITY_EXAMPLES } from '../manifests';
import { parseQuantity, parseSelector, SelectorSyntaxError } from '../model';
import { DURATION_EXAMPLES, DURATION_PATTERN, DurationError, parseDuration } from './duration';

/** A duration string (`30s`, `5m`, `1h30m`, `250ms`) or the number 0 (other numbers are refused: s or ms?). */
export const durationSchema = z
  .union([z.string().meta({ pattern: DURATION_PATTERN }), z.number().meta({ const: 0 })])
  .superRefine((v, ctx) => {
    if (typeof v === 'number') {
      // Seconds or milliseconds? Only 0 is unambiguous.
      if (v !== 0)
        ctx.addIssue({
          code: 'custom',
          message: `a bare number is ambiguous here: write "${v}s" or "${v}ms"`,
          params: { expected: DURATION_EXAMPLES },
        });
      return;
    }
    try {
      parseDuration(v);
    } catch (e) {
      ctx.addIssue({
        code: 'custom',
        message: e instanceof DurationError ? e.message : String(e),
        params: { expected: DURATION_EXAMPLES },
      });
    }
  })
  .meta({ description: `A duration such as ${DURATION_EXAMPLES}.` });

/** A resource amount: a Kubernetes quantity string (`500m`, `4Gi`) or a plain number. */
export const quantitySchema = z
  .union([z.string(), z.number()])
  .superRefine((v, ctx) => {
    const q = parseQuantity(v);
    if (q === undefined)
      ctx.addIssue({
        code: 'custom',
        message: `invalid quantity "${String(v)}"`,
        params: { expected: QUANTITY_EXAMPLES },
      });
    else if (q.negative && q.digits !== 0n)
      ctx.addIssue({
        code: 'custom',
        message: `Invalid value: "${String(v)}": must be greater than or equal to 0`,
      });
  })
  .meta({ description: 'A Kubernetes quantity, e.g. "2", "500m", "4Gi", 110.' });

/** A label selector in kubectl's string form (`app=web,tier!=db`). */
export const selectorSchema = z
  .string()
  .superRefine((v, ctx) => {
    try {
      parseSelector(v);
    } catch (e) {
      if (!(e instanceof SelectorSyntaxError)) throw e;
      ctx.addIssue({
        code: 'custom',
        message: `invalid selector "${v}": ${e.message}`,
        params: { offset: e.offset, expected: 'a selector such as app=web or app in (a,b),tier!=db' },
      });
    }
  })
  .meta({ description: 'A label selector as kubectl -l takes it, e.g. "app=web".' });

/** Labels, keys and values checked as the API server checks them. */
export const labelsSchema = z
  .record(z.string(), z.string())
  .superRefine((m, ctx) => {
    for (const [k, v] of Object.entries(m)) {
      if (!isLabelKey(k))
        ctx.addIssue({
          code: 'custom',
          message: `invalid label key "${k}"`,
          path: [k],
          params: { key: true },
        });
      else if (!isLabelValue(v))
        ctx.addIssue({ code: 'custom', message: `invalid label value "${v}"`, path: [k] });
    }
  })
  .meta({ description: 'Labels: string keys and values (quote numbers: "1").' });

/** An inline Kubernetes object; checked in detail by src/manifests/loadManifests.ts. */
export const inlineObjectSchema = z
  .looseObject({ apiVersion: z.string(), kind: z.string() })
  .meta({ description: 'A Kubernetes object (Pod, Deployment, ReplicaSet, Namespace).' });
