/** The scenario format's `timeline:` entries (zod): the actions, each with its own keys. */
import { z } from 'zod';
import { DNS1123_LABEL } from '../manifests';
import { setBehaviourEntrySchema } from './schemaBehaviour';
import { durationSchema, inlineObjectSchema, selectorSchema } from './schemaFields';

const entryBase = { at: durationSchema, say: z.string().optional() };
const podTarget = {
  pod: z
    .string()
    .optional()
    .meta({ description: 'A pod name, or the name of a Deployment/ReplicaSet (its first pod).' }),
  selector: selectorSchema.optional(),
  namespace: z.string().regex(DNS1123_LABEL).optional(),
  container: z.string().optional(),
};
const nodeTarget = { node: z.string() };

/** One entry of `timeline:`, by its action (`say` when there is none). */
export const timelineEntrySchema = z.discriminatedUnion('action', [
  z.strictObject({ action: z.literal('say').optional(), at: durationSchema, say: z.string() }),
  z.strictObject({
    action: z.literal('crashContainer'),
    ...entryBase,
    ...podTarget,
    exitCode: z.number().int().min(0).max(255).optional(),
    crashLoop: durationSchema.optional().meta({
      description: 'From now on the container crashes again this long after every restart (a crash loop).',
    }),
  }),
  z.strictObject({ action: z.literal('deletePod'), ...entryBase, ...podTarget }),
  setBehaviourEntrySchema({ ...entryBase, ...podTarget }, durationSchema),
  z.strictObject({ action: z.literal('failNode'), ...entryBase, ...nodeTarget }),
  z.strictObject({ action: z.literal('recoverNode'), ...entryBase, ...nodeTarget }),
  z.strictObject({ action: z.literal('cordon'), ...entryBase, ...nodeTarget }),
  z.strictObject({ action: z.literal('uncordon'), ...entryBase, ...nodeTarget }),
  z.strictObject({ action: z.literal('drain'), ...entryBase, ...nodeTarget }),
  z.strictObject({
    action: z.literal('scale'),
    ...entryBase,
    deployment: z.string().optional(),
    service: z
      .string()
      .optional()
      .meta({ description: 'orchestrator swarm: the service (web or stack_web), as docker service scale.' }),
    namespace: z.string().regex(DNS1123_LABEL).optional(),
    replicas: z.number().int().min(0),
  }),
  z.strictObject({
    action: z.literal('updateService'),
    ...entryBase,
    service: z.string().meta({ description: 'The swarm service (web or stack_web).' }),
    image: z.string().min(1).meta({ description: 'docker service update --image: a rolling update.' }),
  }),
  z.strictObject({
    action: z.literal('apply'),
    ...entryBase,
    object: inlineObjectSchema.optional(),
    file: z.string().min(1).optional(),
  }),
]);
