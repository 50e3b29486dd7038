/** The scenario format's `expect:` entries (zod). */
import { z } from 'zod';
import { DNS1123_LABEL } from '../manifests';
import { durationSchema, selectorSchema } from './schemaFields';
import { flowExpectationSchema } from './schemaTraffic';

const window = {
  at: durationSchema.optional().meta({ description: 'Check at exactly this time.' }),
  within: durationSchema
    .optional()
    .meta({ description: 'Passes if the check holds at some time up to this one.' }),
  description: z.string().optional(),
};
const countRange = z.strictObject({
  min: z.number().int().min(0).optional(),
  max: z.number().int().min(0).optional(),
});
/** One entry of `expect:`: pods, a node, an event or a flow, at a time or within one. */
export const expectationSchema = z.union([
  z.strictObject({
    ...window,
    pods: z.strictObject({ selector: selectorSchema, namespace: z.string().regex(DNS1123_LABEL).optional() }),
    count: z.number().int().min(0).optional(),
    phase: z.enum(['Pending', 'Running', 'Succeeded', 'Failed', 'Unknown']).optional(),
    ready: z.boolean().optional(),
    node: z.string().optional().meta({ description: 'The node the pods run on.' }),
    restartCount: z.union([z.number().int().min(0), countRange]).optional(),
    terminating: z
      .boolean()
      .optional()
      .meta({ description: 'Count pods being deleted (excluded by default).' }),
  }),
  z.strictObject({
    ...window,
    node: z.strictObject({
      name: z.string(),
      ready: z.union([z.boolean(), z.enum(['True', 'False', 'Unknown'])]),
    }),
  }),
  z.strictObject({
    ...window,
    event: z.strictObject({
      reason: z.string().min(1),
      object: z
        .string()
        .optional()
        .meta({ description: 'kind/name, e.g. node/node-1 or pod/web (a name prefix).' }),
      type: z.enum(['Normal', 'Warning']).optional(),
    }),
  }),
  flowExpectationSchema(window),
]);
