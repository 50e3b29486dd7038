/**
 * The scenario file format, as a zod schema: the one definition behind validation, the TypeScript
 * type of a parsed file ({@link ScenarioFile}) and the JSON Schema for editors (jsonSchema.ts).
 * The field types are in schemaFields.ts, the timeline in schemaTimeline.ts, expectations in
 * schemaExpect.ts, the network keys in schemaTraffic.ts.
 * Objects are strict (an unknown key is an error, "unknown field"), because a misspelt key in a
 * teaching scenario would otherwise be silently ignored. Checks that need more than one field
 * (unknown node names, exactly one of `pod`/`selector`...) are in checkScenario.ts.
 */
import { z } from 'zod';
import { DNS1123_LABEL, DNS1123_SUBDOMAIN } from '../manifests';
import { DEFAULT_SETTINGS, type Settings } from '../model';
import { expectationSchema } from './schemaExpect';
import { durationSchema, inlineObjectSchema, labelsSchema, quantitySchema } from './schemaFields';
import { timelineEntrySchema } from './schemaTimeline';
import { networkSchema, trafficSchema } from './schemaTraffic';

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

/** A scenario file after schema validation (seed and orchestrator defaulted). */
export type ScenarioFile = z.output<typeof scenarioSchema>;
export type TimelineEntryFile = z.output<typeof timelineEntrySchema>;
export type ExpectationFile = z.output<typeof expectationSchema>;
export type NodeFile = z.output<typeof nodeSchema>;
