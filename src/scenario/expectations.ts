/**
 * Evaluating one expectation against a cluster state: pass or fail, and a sentence saying what was
 * expected and what was found ("expected 1 pod app=tooling Running on node-2, found 0
 * (1 Terminating on node-1)"), so a failed check explains itself. Timing (`at` / `within`) is the
 * engine's part: it calls this at the right moments.
 */
import { type ClusterState, type Pod, selectorMatches, valuesIn } from '../model';
import { evaluateFlow } from './flowExpectation';
import type { EventExpectation, Expectation, NodeExpectation, PodsExpectation } from './scenario';

/** An event the run has recorded (the engine's trace EventRecord has this shape). */
export interface SeenEvent {
  reason: string;
  /** `kind/name`, e.g. `pod/web-5d8f9-x2k4q` or `Node/node-1`. */
  object?: string;
  eventType?: 'Normal' | 'Warning';
}

export interface ExpectationResult {
  pass: boolean;
  detail: string;
}

/**
 * Evaluates `exp` on `state`. Events are looked up in `state.events` and in `seenEvents` (events
 * recorded earlier in the run may have been garbage-collected from the state since).
 */
export function evaluateExpectation(
  exp: Expectation,
  state: ClusterState,
  seenEvents: Iterable<SeenEvent> = [],
): ExpectationResult {
  switch (exp.check) {
    case 'pods':
      return evaluatePods(exp, state);
    case 'node':
      return evaluateNode(exp, state);
    case 'event':
      return evaluateEvent(exp, state, seenEvents);
    case 'flow':
      return evaluateFlow(exp, state);
  }
}

const restarts = (p: Pod) => p.status.containerStatuses.reduce((n, c) => n + c.restartCount, 0);
const isReady = (p: Pod) => p.status.conditions.some((c) => c.type === 'Ready' && c.status === 'True');
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

function podMeets(exp: PodsExpectation, p: Pod): boolean {
  if (exp.phase !== undefined && p.status.phase !== exp.phase) return false;
  if (exp.ready !== undefined && isReady(p) !== exp.ready) return false;
  if (exp.node !== undefined && p.spec.nodeName !== exp.node) return false;
  const r = restarts(p);
  if (exp.restartCount?.min !== undefined && r < exp.restartCount.min) return false;
  if (exp.restartCount?.max !== undefined && r > exp.restartCount.max) return false;
  return true;
}

/** What the expectation asks for, as words: `pod app=web Running ready on node-2`. */
function describePodsExpectation(exp: PodsExpectation): string {
  const parts = [exp.selectorText === '' ? '(any labels)' : exp.selectorText];
  if (exp.namespace !== 'default') parts.push(`in ${exp.namespace}`);
  if (exp.terminating === true) parts.push('Terminating');
  if (exp.phase !== undefined) parts.push(exp.phase);
  if (exp.ready !== undefined) parts.push(exp.ready ? 'ready' : 'not ready');
  if (exp.node !== undefined) parts.push(`on ${exp.node}`);
  const rc = exp.restartCount;
  if (rc !== undefined) {
    if (rc.min !== undefined && rc.min === rc.max) parts.push(`with ${plural(rc.min, 'restart')}`);
    else if (rc.min !== undefined && rc.max !== undefined) parts.push(`with ${rc.min}-${rc.max} restarts`);
    else if (rc.min !== undefined) parts.push(`with at least ${plural(rc.min, 'restart')}`);
    else if (rc.max !== undefined) parts.push(`with at most ${plural(rc.max, 'restart')}`);
  }
  return parts.join(' ');
}

/** How kubectl would show a pod's status, plus where it is: `Terminating on node-1`. */
function podState(p: Pod): string {
  const status = p.metadata.deletionTimestamp !== undefined ? 'Terminating' : p.status.phase;
  const ready = status === 'Running' && !isReady(p) ? ' not ready' : '';
  return `${status}${ready} ${p.spec.nodeName === undefined ? 'unscheduled' : `on ${p.spec.nodeName}`}`;
}

function evaluatePods(exp: PodsExpectation, state: ClusterState): ExpectationResult {
  const selected = valuesIn(state.pods)
    .filter(
      (p) =>
        (p.metadata.namespace ?? 'default') === exp.namespace &&
        selectorMatches(exp.selector, p.metadata.labels),
    )
    .sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : 1));
  const wantTerminating = exp.terminating === true;
  const pool = selected.filter((p) => (p.metadata.deletionTimestamp !== undefined) === wantTerminating);
  const meeting = pool.filter((p) => podMeets(exp, p));
  const pass =
    exp.count !== undefined
      ? meeting.length === exp.count
      : pool.length > 0 && meeting.length === pool.length;
  const others = new Map<string, number>();
  for (const p of selected)
    if (!meeting.includes(p)) others.set(podState(p), (others.get(podState(p)) ?? 0) + 1);
  const rest = [...others].map(([s, n]) => `${n} ${s}`).join(', ');
  const what = describePodsExpectation(exp);
  const found = `found ${meeting.length}${rest === '' ? '' : ` (${rest})`}`;
  const detail =
    exp.count !== undefined
      ? `expected ${exp.count} ${exp.count === 1 ? 'pod' : 'pods'} ${what}, ${found}`
      : `expected every pod ${what} (at least one), ${found}`;
  return { pass, detail };
}

function evaluateNode(exp: NodeExpectation, state: ClusterState): ExpectationResult {
  const node = state.nodes[exp.node];
  if (node === undefined)
    return { pass: false, detail: `expected node ${exp.node} Ready=${exp.ready}, but there is no such node` };
  const cond = node.status.conditions.find((c) => c.type === 'Ready');
  const status = cond?.status ?? 'Unknown';
  const why = cond?.reason ? ` (${cond.reason})` : '';
  return {
    pass: status === exp.ready,
    detail: `expected node ${exp.node} Ready=${exp.ready}, found Ready=${status}${why}`,
  };
}

/** `kind/name` matches case-insensitively on kind; the name may also be a `name-` prefix. */
function objectMatches(want: string | undefined, object: string | undefined): boolean {
  if (want === undefined) return true;
  if (object === undefined) return false;
  const [wk, wn] = want.includes('/')
    ? [want.slice(0, want.indexOf('/')), want.slice(want.indexOf('/') + 1)]
    : [undefined, want];
  const slash = object.indexOf('/');
  const [ok, on] = slash < 0 ? ['', object] : [object.slice(0, slash), object.slice(slash + 1)];
  if (wk !== undefined && wk.toLowerCase() !== ok.toLowerCase()) return false;
  return on === wn || on.startsWith(`${wn}-`);
}

function evaluateEvent(
  exp: EventExpectation,
  state: ClusterState,
  seenEvents: Iterable<SeenEvent>,
): ExpectationResult {
  const all: SeenEvent[] = [...seenEvents];
  for (const e of valuesIn(state.events))
    all.push({
      reason: e.reason,
      object: `${e.involvedObject.kind}/${e.involvedObject.name}`,
      eventType: e.type,
    });
  const forObject = all.filter(
    (e) => objectMatches(exp.object, e.object) && (exp.type === undefined || e.eventType === exp.type),
  );
  const hit = forObject.find((e) => e.reason === exp.reason);
  const what = `${exp.type === undefined ? '' : `${exp.type} `}event ${exp.reason}${exp.object === undefined ? '' : ` for ${exp.object}`}`;
  if (hit) return { pass: true, detail: `saw ${what}${hit.object === undefined ? '' : ` (${hit.object})`}` };
  const reasons = [...new Set(forObject.map((e) => e.reason))].sort();
  const shown = reasons.slice(0, 6).join(', ') + (reasons.length > 6 ? ', ...' : '');
  return {
    pass: false,
    detail: `expected ${what}, found none${reasons.length === 0 ? '' : ` (seen: ${shown})`}`,
  };
}
