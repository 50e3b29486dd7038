/**
 * The scenario file format, as a zod schema: the one definition behind validation, the TypeScript
 * type of a parsed file ({@link ScenarioFile}) and the JSON Schema for editors (jsonSchema.ts).
 * Objects are strict (an unknown key is an error, "unknown field"), because a misspelt key in a
 * teaching scenario would otherwise be silently ignored. Checks that need more than one field
 * (unknown node names, exactly one of `pod`/`selector`...) are in checkScenario.ts.
 */
import { z } from 'zod';
import {
  DNS1123_LABEL,
  DNS1123_SUBDOMAIN,
  isLabelKey,
  isLabelValue,
  QUANTITY_EXAMPLES,
} from '../manifests/loadChecks';
import { parseSelector, SelectorSyntaxError } from '../model/labels';
import { parseQuantity } from '../model/quantity';
import { DEFAULT_SETTINGS, type Settings } from '../model/settings';
import { DURATION_EXAMPLES, DURATION_PATTERN, DurationError, parseDuration } from './duration';
import { setBehaviourEntrySchema } from './schemaBehaviour';
import { flowExpectationSchema, networkSchema, trafficSchema } from './schemaTraffic';

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

const labelsSchema = z
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

const resourceMapSchema = z.record(z.string(), quantitySchema);

const taintSchema = z.strictObject({
  key: z.string().min(1),
  value: z.string().optional(),
  effect: z.enum(['NoSchedule', 'PreferNoSchedule', 'NoExecute']),
});

const nodeSchema = z.strictObject({
  name: z
    .string()
    .max(253)
    .regex(DNS1123_SUBDOMAIN, { error: 'node names must be lowercase DNS subdomains, like "node-1"' }),
  capacity: resourceMapSchema.meta({
    description: 'cpu, memory, pods (default 110), extended resources like nvidia.com/gpu.',
  }),
  allocatable: resourceMapSchema.optional().meta({ description: 'What pods may use; defaults to capacity.' }),
  labels: labelsSchema.optional(),
  taints: z.array(taintSchema).optional(),
  role: z.enum(['manager', 'worker']).optional().meta({
    description: 'orchestrator swarm: the node is a manager or a worker (default: the first node manages).',
  }),
});

/** settings: each Settings key; `...Seconds` keys take numbers, the others durations. */
const settingsSchema = z.strictObject(
  Object.fromEntries(
    (Object.keys(DEFAULT_SETTINGS) as (keyof Settings)[]).map((k) => [
      k,
      (k.endsWith('Seconds') ? z.number().int().min(0) : durationSchema).optional(),
    ]),
  ) as Record<keyof Settings, z.ZodOptional<z.ZodNumber> | z.ZodOptional<typeof durationSchema>>,
);

/** An inline Kubernetes object; checked in detail by src/manifests/loadManifests.ts. */
const inlineObjectSchema = z
  .looseObject({ apiVersion: z.string(), kind: z.string() })
  .meta({ description: 'A Kubernetes object (Pod, Deployment, ReplicaSet, Namespace).' });
const fileRefSchema = z.strictObject({
  file: z
    .string()
    .min(1)
    .meta({ description: 'A YAML file of Kubernetes objects, relative to this scenario file.' }),
});
const applyItemSchema = z.union([fileRefSchema, inlineObjectSchema]);

/** `compose:` (orchestrator compose): a project's file or inline content, and its host. */
const composeRefSchema = z
  .strictObject({
    file: z
      .string()
      .min(1)
      .optional()
      .meta({ description: 'A compose file, relative to this scenario file.' }),
    inline: z
      .record(z.string(), z.unknown())
      .optional()
      .meta({ description: 'The compose file itself, inline (services:, networks:, volumes:).' }),
    host: z.string().optional().meta({
      description:
        'The node (a Docker host) that runs this project with docker compose up; default the first node.',
    }),
    project: z
      .string()
      .regex(/^[a-z0-9][a-z0-9_-]*$/)
      .optional()
      .meta({
        description:
          "The project name (docker compose -p); default the file's name: key, else its directory's name.",
      }),
  })
  .meta({ description: 'One Compose project: exactly one of file or inline.' });

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

const timelineEntrySchema = z.discriminatedUnion('action', [
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
const expectationSchema = z.union([
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

/** The whole scenario file. */
export const scenarioSchema = z
  .strictObject({
    $schema: z.string().optional(),
    name: z.string().max(63).regex(DNS1123_LABEL, {
      error: 'must be a lowercase DNS label (a-z, 0-9 and "-", like "node-failure")',
    }),
    title: z.string().optional(),
    description: z.string().optional(),
    seed: z.number().int().min(0).max(4294967295).default(1),
    orchestrator: z.enum(['kubernetes', 'swarm', 'compose']).default('kubernetes').meta({
      description:
        'kubernetes; compose: every node is a Docker host running the projects named in compose: (a project per host, no scheduler, no moving containers); swarm: the nodes form a Docker swarm (role: manager|worker) and the compose: file is deployed over it as a stack.',
    }),
    nodes: z.array(nodeSchema).min(1),
    compose: z
      .union([composeRefSchema, z.array(composeRefSchema).min(1)])
      .optional()
      .meta({
        description:
          'orchestrator compose: the Compose project(s), e.g. {file: compose/tooling.yaml}, or a list with a host each.',
      }),
    settings: settingsSchema.optional(),
    scheduler: z.record(z.string(), z.unknown()).optional().meta({
      description:
        'A KubeSchedulerConfiguration (apiVersion kubescheduler.config.k8s.io/v1) or just {profiles: [...]}: plugins enabled/disabled per extension point, weights, pluginConfig args, percentageOfNodesToScore.',
    }),
    apply: z.array(applyItemSchema).optional(),
    timeline: z.array(timelineEntrySchema).optional(),
    expect: z.array(expectationSchema).optional(),
    network: networkSchema.optional(),
    traffic: trafficSchema.optional(),
    duration: durationSchema.optional().meta({
      description:
        'How long to run; default: until the timeline and expectations are done and the cluster settled.',
    }),
  })
  .meta({
    title: 'Flotilla scenario',
    description: 'A Flotilla scenario: a cluster, Kubernetes objects, a timeline of faults and expectations.',
  });

/** A scenario file as written (defaults not yet applied). */
export type ScenarioInput = z.input<typeof scenarioSchema>;
/** A scenario file after schema validation (seed and orchestrator defaulted). */
export type ScenarioFile = z.output<typeof scenarioSchema>;
export type TimelineEntryFile = z.output<typeof timelineEntrySchema>;
export type ExpectationFile = z.output<typeof expectationSchema>;
export type NodeFile = z.output<typeof nodeSchema>;
