/**
 * Scripted container behaviour in scenario files (src/model/containerBehaviour.ts has the
 * model): the `setBehaviour` timeline action, and the checks of the `flotilla.dev/behaviour`
 * annotation on the objects a scenario applies.
 *
 *   - { at: 1m, action: setBehaviour, pod: web, behaviour: hang }
 *   - { at: 2m, action: setBehaviour, selector: app=web, behaviour: unready, for: 30s }
 *   - { at: 3m, action: setBehaviour, pod: web, container: web, behaviour: slowStart, startupDelay: 20s }
 *   - { at: 4m, action: setBehaviour, pod: web, behaviour: healthy }
 *
 * schema.ts builds the entry schema with its own shared parts (a function, not an import of
 * schema.ts, so that the two modules do not import each other).
 */
import { z } from 'zod';
import {
  BEHAVIOUR_ANNOTATION,
  BEHAVIOUR_FIELDS,
  type FieldPath,
  LocatedError,
  parseBehaviour,
  type Pod,
  type PodTemplateSpec,
} from '../model';
import { BEHAVIOUR_NAMES, type BehaviourName } from '../engine';
import type { LoadedObject } from '../manifests';
import { parseDuration } from './duration';
import type { PodTarget, TimelineEntry } from './scenario';

/** The setBehaviour timeline entry, over schema.ts's entry base, pod target and duration schema. */
export function setBehaviourEntrySchema<B extends z.ZodRawShape, D extends z.ZodType>(base: B, duration: D) {
  return z.strictObject({
    action: z.literal('setBehaviour'),
    ...base,
    behaviour: z.enum(BEHAVIOUR_NAMES as [BehaviourName, ...BehaviourName[]]).meta({
      description:
        'hang: the process stays up but answers no probe (liveness fails, no crash) until restarted; ' +
        'unready: readiness fails, liveness passes; slowStart: probes fail for startupDelay after every ' +
        'start; healthy: ends all scripted faults and crash loops.',
    }),
    for: duration.optional().meta({ description: 'hang, unready: how long it lasts (default: open-ended).' }),
    startupDelay: duration
      .optional()
      .meta({ description: 'slowStart: how long after every start the app is not answering yet.' }),
  });
}

type SetBehaviourEntry = TimelineEntry & { action: 'setBehaviour' };

/** What buildScenario passes in: the entry as parsed, and where to report problems. */
export interface BehaviourEntryInput {
  behaviour: BehaviourName;
  for?: string | number | undefined;
  startupDelay?: string | number | undefined;
  container?: string | undefined;
}

const ms = (d: string | number) => (typeof d === 'number' ? d : parseDuration(d));

/** The normalised entry; `report(field, message)` records a located error on that field. */
export function buildSetBehaviourEntry(
  e: BehaviourEntryInput,
  base: Omit<SetBehaviourEntry, 'action' | 'namespace' | 'target' | 'behaviour'>,
  namespace: string,
  target: PodTarget,
  report: (field: string, message: string, expected?: string) => void,
): SetBehaviourEntry {
  if (e.for !== undefined && e.behaviour !== 'hang' && e.behaviour !== 'unready')
    report('for', `"for" applies to hang and unready, not to ${e.behaviour}`);
  if (e.startupDelay !== undefined && e.behaviour !== 'slowStart')
    report('startupDelay', `"startupDelay" applies to slowStart, not to ${e.behaviour}`);
  if (e.behaviour === 'slowStart' && e.startupDelay === undefined)
    report('behaviour', 'slowStart needs "startupDelay"', 'startupDelay: 20s');
  return {
    ...base,
    action: 'setBehaviour',
    namespace,
    target,
    behaviour: e.behaviour,
    ...(e.container === undefined ? {} : { container: e.container }),
    ...(e.for === undefined ? {} : { for: ms(e.for) }),
    ...(e.startupDelay === undefined ? {} : { startupDelay: ms(e.startupDelay) }),
  };
}

function templatesOf(
  o: LoadedObject['object'],
): { at: FieldPath; meta: { annotations?: Record<string, string> }; spec: Pod['spec'] }[] {
  if (o.kind === 'Pod') return [{ at: ['metadata'], meta: o.metadata, spec: o.spec }];
  if (o.kind === 'Deployment' || o.kind === 'ReplicaSet') {
    const t: PodTemplateSpec = o.spec.template;
    return [{ at: ['spec', 'template', 'metadata'], meta: t.metadata, spec: t.spec }];
  }
  return [];
}

/**
 * Located errors for invalid `flotilla.dev/behaviour` annotations (bad JSON, unknown fields or
 * containers, bad durations), at the object they are on, with the field path in the message.
 */
export function behaviourAnnotationErrors(objects: readonly LoadedObject[]): LocatedError[] {
  const out: LocatedError[] = [];
  for (const { object, source } of objects) {
    for (const { at, meta, spec } of templatesOf(object)) {
      const value = meta.annotations?.[BEHAVIOUR_ANNOTATION];
      if (value === undefined) continue;
      const parsed = parseBehaviour(
        value,
        spec.containers.map((c) => c.name),
      );
      for (const p of parsed.problems) {
        const inner = p.path.length > 0 ? `: ${p.path.join('.')}` : '';
        out.push(
          new LocatedError({
            ...source,
            path: `${[...at, 'annotations'].join('.')}[${BEHAVIOUR_ANNOTATION}]`,
            message: `${object.kind} ${object.metadata.name}${inner}: ${p.message}`,
            expected: p.expected ?? `a JSON object with ${BEHAVIOUR_FIELDS.join(', ')}`,
          }),
        );
      }
    }
  }
  return out;
}
