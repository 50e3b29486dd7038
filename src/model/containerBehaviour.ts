/**
 * What a simulated container's application does, so that probes have something to find: healthy
 * (the default: every probe passes), a slow start (probes fail for a while after every start), a
 * hang (the process stays up but answers nothing: liveness fails, no crash), an unready spell
 * (readiness fails, liveness passes) and a crash some time after every start.
 *
 * Defaults per pod come from the annotation `flotilla.dev/behaviour` (on a Pod, or on the pod
 * template of a Deployment or ReplicaSet, so every replica gets it), a JSON object:
 *
 *   flotilla.dev/behaviour: '{"startupDelay": "20s"}'                  every container
 *   flotilla.dev/behaviour: '{"web": {"hangAfter": "2m"}}'             container "web" only
 *
 * Fields: startupDelay, hangAfter, crashAfter (durations like "20s", "1m30s", "500ms") and
 * exitCode (of the crashes, default 1). Container names are DNS labels (lowercase) and the
 * fields are camelCase, so the two forms never clash. The timeline changes behaviour at run time
 * with `setBehaviour` (src/engine/commands/podCommands.ts), stored as windows on ContainerRuntime.
 */
import type { Pod } from './objects';
import { derivedKey, type Memo } from './memo';
import type { ContainerRuntime } from './state';

export const BEHAVIOUR_ANNOTATION = 'flotilla.dev/behaviour';

/** A container's scripted behaviour from the annotation, in ms. */
export interface BehaviourDefaults {
  /** After every start, probes fail this long (the app is not listening yet). */
  startupDelayMs?: number;
  /** This long after every start, the process hangs until it is restarted. */
  hangAfterMs?: number;
  /** This long after every start, the process exits with `exitCode`. */
  crashAfterMs?: number;
  exitCode?: number;
}

export const BEHAVIOUR_FIELDS = ['startupDelay', 'hangAfter', 'crashAfter', 'exitCode'] as const;
type Field = (typeof BEHAVIOUR_FIELDS)[number];

/** A problem in an annotation value: the path inside the JSON object and what is wrong. */
interface BehaviourProblem {
  path: string[];
  message: string;
  expected?: string;
}

export interface ParsedBehaviour {
  /** Fields for every container. */
  all: BehaviourDefaults;
  /** Fields per container name (override `all`). */
  byContainer: Record<string, BehaviourDefaults>;
  problems: BehaviourProblem[];
}

const DURATION_RE = /^(\d+(?:\.\d+)?(?:ms|h|m|s))+$/;
const PART_RE = /(\d+(?:\.\d+)?)(ms|h|m|s)/g;
const UNIT_MS: Record<string, number> = { h: 3_600_000, m: 60_000, s: 1000, ms: 1 };
const DURATION_HINT = 'a duration such as "20s", "1m30s" or "500ms"';

/** Go's duration notation (as in scenario files) to whole ms; undefined if it is not one. */
function parseBehaviourDuration(text: string): number | undefined {
  if (text === '0') return 0;
  if (!DURATION_RE.test(text)) return undefined;
  let ms = 0;
  for (const m of text.matchAll(PART_RE)) ms += Number(m[1]) * (UNIT_MS[m[2] ?? ''] ?? 0);
  const whole = Math.round(ms);
  return Math.abs(ms - whole) < 1e-6 ? whole : undefined;
}

function parseFields(
  obj: Record<string, unknown>,
  at: string[],
  problems: BehaviourProblem[],
  fields: Field[],
): BehaviourDefaults {
  const out: BehaviourDefaults = {};
  for (const f of fields) {
    const v = obj[f];
    if (v === undefined) continue;
    if (f === 'exitCode') {
      if (typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= 255) out.exitCode = v;
      else
        problems.push({
          path: [...at, f],
          message: `invalid exit code ${JSON.stringify(v)}`,
          expected: 'an integer 0..255',
        });
      continue;
    }
    const ms = typeof v === 'string' ? parseBehaviourDuration(v) : undefined;
    if (ms === undefined) {
      const hint = typeof v === 'number' ? ` (seconds or milliseconds? write "${v}s")` : '';
      problems.push({
        path: [...at, f],
        message: `invalid duration ${JSON.stringify(v)}${hint}`,
        expected: DURATION_HINT,
      });
      continue;
    }
    if (f === 'startupDelay') out.startupDelayMs = ms;
    else if (f === 'hangAfter') out.hangAfterMs = ms;
    else out.crashAfterMs = ms;
  }
  return out;
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Parses an annotation value against the pod's container names, reporting every problem. */
export function parseBehaviour(value: string, containers: readonly string[]): ParsedBehaviour {
  const problems: BehaviourProblem[] = [];
  const result: ParsedBehaviour = { all: {}, byContainer: {}, problems };
  let raw: unknown;
  try {
    raw = JSON.parse(value);
  } catch (e) {
    problems.push({
      path: [],
      message: `not valid JSON: ${e instanceof Error ? e.message : String(e)}`,
      expected: `a JSON object such as {"startupDelay": "20s"}`,
    });
    return result;
  }
  if (!isObject(raw)) {
    problems.push({
      path: [],
      message: 'expected a JSON object',
      expected: `{"startupDelay": "20s"} or {"<container>": {"hangAfter": "1m"}}`,
    });
    return result;
  }
  const fieldList = BEHAVIOUR_FIELDS as readonly string[];
  for (const [k, v] of Object.entries(raw)) {
    if (fieldList.includes(k)) continue;
    if (!containers.includes(k)) {
      problems.push({
        path: [k],
        message: `unknown field "${k}"`,
        expected: `one of ${BEHAVIOUR_FIELDS.join(', ')}, or a container name (${containers.join(', ')})`,
      });
      continue;
    }
    if (!isObject(v)) {
      problems.push({
        path: [k],
        message: `expected an object of fields for container "${k}"`,
        expected: `{"startupDelay": "20s"}`,
      });
      continue;
    }
    for (const f of Object.keys(v))
      if (!fieldList.includes(f))
        problems.push({
          path: [k, f],
          message: `unknown field "${f}"`,
          expected: `one of ${BEHAVIOUR_FIELDS.join(', ')}`,
        });
    result.byContainer[k] = parseFields(v, [k], problems, [...BEHAVIOUR_FIELDS]);
  }
  result.all = parseFields(raw, [], problems, [...BEHAVIOUR_FIELDS]);
  return result;
}

// Parsed once per annotations record: the engine's objects are frozen, so identity is enough.
const PARSED = derivedKey<Record<string, string>, ParsedBehaviour>('containerBehaviour.parsed');

/**
 * The annotation's behaviour for one container of a pod. Lenient: an invalid annotation (the
 * scenario loader reports it with its location; other inputs may skip that) counts as healthy.
 */
export function behaviourDefaults(memo: Memo, pod: Pod, container: string): BehaviourDefaults {
  const annotations = pod.metadata.annotations;
  const value = annotations?.[BEHAVIOUR_ANNOTATION];
  if (annotations === undefined || value === undefined) return {};
  const parsedByAnnotations = memo.table(PARSED);
  let parsed = parsedByAnnotations.get(annotations);
  if (parsed === undefined) {
    parsed = parseBehaviour(
      value,
      pod.spec.containers.map((c) => c.name),
    );
    if (Object.isFrozen(annotations)) parsedByAnnotations.set(annotations, parsed);
  }
  if (parsed.problems.length > 0) return {};
  return { ...parsed.all, ...parsed.byContainer[container] };
}

/** Why a probe fails at some time: the app is not listening yet, it hangs, or it says not ready. */
export type AppFailureCause = 'starting' | 'hung' | 'unready';

/** A half-open window [from, until) of absolute ms; until may be Infinity. */
export type Window = readonly [number, number];

/**
 * The container instance's failure windows by cause, from its start `startedAt`, the annotation
 * defaults and the setBehaviour windows on its runtime record. A probe passes outside them all.
 */
export function failureWindows(
  c: ContainerRuntime,
  d: BehaviourDefaults,
  startedAt: number,
): Record<AppFailureCause, Window[]> {
  const delay = c.startupDelayMs ?? d.startupDelayMs ?? 0;
  const hung: Window[] = [];
  if (c.hangFrom !== undefined) hung.push([c.hangFrom, c.hangUntil ?? Infinity]);
  if (d.hangAfterMs !== undefined) hung.push([startedAt + d.hangAfterMs, Infinity]);
  return {
    starting: delay > 0 ? [[startedAt, startedAt + delay]] : [],
    hung,
    unready: c.unreadyFrom !== undefined ? [[c.unreadyFrom, c.unreadyUntil ?? Infinity]] : [],
  };
}

const inside = (t: number, ws: readonly Window[]) => ws.some(([a, b]) => a <= t && t < b);

/** The cause of a failure at time `t` for a probe that `readiness` or not, or undefined: it passes. */
export function causeAt(
  windows: Record<AppFailureCause, Window[]>,
  t: number,
  readiness: boolean,
): AppFailureCause | undefined {
  if (inside(t, windows.starting)) return 'starting';
  if (inside(t, windows.hung)) return 'hung';
  if (readiness && inside(t, windows.unready)) return 'unready';
  return undefined;
}

/**
 * The first tick of the grid `from + k * period` (k >= 0) at which the probe fails, or Infinity.
 * This is what lets a healthy container's probes cost no engine step: the kubelet wakes at that
 * tick instead of at every one (a window shorter than the period can fall between ticks unseen,
 * as in a real cluster).
 */
export function firstFailingTick(
  windows: Record<AppFailureCause, Window[]>,
  from: number,
  period: number,
  readiness: boolean,
): number {
  const all = [...windows.starting, ...windows.hung, ...(readiness ? windows.unready : [])];
  let best = Infinity;
  for (const [a, b] of all) {
    const k = a <= from ? from : from + Math.ceil((a - from) / period) * period;
    if (k < b && k < best) best = k;
  }
  return best;
}
