/**
 * A lab session as data: which scenario, which seed, the viewed time and the commands the user
 * issued (kill a container, fail a node, ...). It is what the URL holds and what a downloaded run
 * carries, so opening either reproduces the exact state. Pure: no DOM, no engine.
 *
 * A user command becomes a timeline entry appended to the scenario (the same path as a scenario's
 * own `failNode` or `crashContainer` entries), so a session replays exactly, in the lab or with the
 * CLI, and the scenario's expectations are checked against what the user did.
 */
import type { TimelineEntry } from '../src/scenario';

type NodeVerb = 'failNode' | 'recoverNode' | 'cordon' | 'uncordon' | 'drain';
const NODE_VERBS: readonly NodeVerb[] = ['failNode', 'recoverNode', 'cordon', 'uncordon', 'drain'];

/** One thing the user did, at a simulated time (ms). Pods and Deployments are `namespace/name`. */
export type LabCommand =
  | { at: number; verb: 'crash'; pod: string; container: string }
  | { at: number; verb: 'deletePod'; pod: string }
  | { at: number; verb: NodeVerb; node: string }
  | { at: number; verb: 'scale'; deployment: string; replicas: number };

export interface Session {
  /** A bundled scenario's name (`node-dies-fast` for scenarios/node-dies-fast.yaml). */
  scenario: string;
  /** Overrides the scenario's seed. */
  seed?: number;
  /** The viewed time, ms. */
  t: number;
  commands: LabCommand[];
}

/**
 * Names never hold `~` (Kubernetes names are DNS labels and subdomains; Docker's container and task
 * names, `tooling_web.1.x7k2`, add `_`), so it separates a command's fields.
 */
const SEP = '~';
const PART = '[A-Za-z0-9]([A-Za-z0-9._-]*[A-Za-z0-9])?';
const NAME = new RegExp(`^${PART}$`);
const KEY = new RegExp(`^${PART}/${PART}$`);

/** `45000~crash~default/tooling-x~tooling`: time, verb, then the verb's arguments. */
export function encodeCommand(c: LabCommand): string {
  const head = `${c.at}${SEP}${c.verb}`;
  switch (c.verb) {
    case 'crash':
      return `${head}${SEP}${c.pod}${SEP}${c.container}`;
    case 'deletePod':
      return `${head}${SEP}${c.pod}`;
    case 'scale':
      return `${head}${SEP}${c.deployment}${SEP}${c.replicas}`;
    default:
      return `${head}${SEP}${c.node}`;
  }
}

/** The inverse of {@link encodeCommand}; throws an Error saying what is wrong. */
export function decodeCommand(text: string): LabCommand {
  const [atText = '', verb = '', a = '', b, ...rest] = text.split(SEP);
  const fail = (why: string): never => {
    throw new Error(`command "${text}": ${why}`);
  };
  if (!/^\d{1,10}$/.test(atText)) fail('the time must be whole milliseconds');
  const at = Number(atText);
  const key = (s: string) => (KEY.test(s) ? s : fail(`"${s}" is not namespace/name`));
  const name = (s: string) => (NAME.test(s) ? s : fail(`"${s}" is not a valid name`));
  if (rest.length > 0) fail('too many fields');
  switch (verb) {
    case 'crash':
      if (b === undefined) fail('crash needs a pod and a container');
      return { at, verb, pod: key(a), container: name(b ?? '') };
    case 'deletePod':
      if (b !== undefined) fail('too many fields');
      return { at, verb, pod: key(a) };
    case 'scale': {
      if (b === undefined || !/^\d{1,6}$/.test(b)) fail('scale needs a deployment and a replica count');
      return { at, verb, deployment: key(a), replicas: Number(b) };
    }
    default:
      if (!(NODE_VERBS as readonly string[]).includes(verb)) fail(`unknown verb "${verb}"`);
      if (b !== undefined) fail('too many fields');
      return { at, verb: verb as NodeVerb, node: name(a) };
  }
}

/** The URL hash for a session (without `#`): `node-dies-fast?seed=7&t=45000&do=...&do=...`. */
export function encodeSession(s: Session): string {
  // `/` and `~` may stay as they are in a fragment (RFC 3986), which keeps links readable.
  const enc = (v: string) => encodeURIComponent(v).replace(/%2F/g, '/');
  const params: string[] = [];
  if (s.seed !== undefined) params.push(`seed=${s.seed}`);
  if (s.t > 0) params.push(`t=${Math.round(s.t)}`);
  for (const c of s.commands) params.push(`do=${enc(encodeCommand(c))}`);
  const query = params.join('&');
  return `${enc(s.scenario)}${query === '' ? '' : `?${query}`}`;
}

/** Reads a URL hash (with or without `#`). Bad parts are reported, the rest is kept. */
export function decodeSession(hash: string): { session: Session; problems: string[] } {
  const text = hash.replace(/^#/, '');
  const q = text.indexOf('?');
  const scenario = decodeURIComponent(q < 0 ? text : text.slice(0, q));
  const params = new URLSearchParams(q < 0 ? '' : text.slice(q + 1));
  const problems: string[] = [];
  const session: Session = { scenario, t: 0, commands: [] };
  const seed = params.get('seed');
  if (seed !== null) {
    if (/^\d{1,10}$/.test(seed) && Number(seed) <= 0xffffffff) session.seed = Number(seed);
    else problems.push(`seed "${seed}" is not a whole number from 0 to 4294967295`);
  }
  const t = params.get('t');
  if (t !== null) {
    if (/^\d{1,10}$/.test(t)) session.t = Number(t);
    else problems.push(`t "${t}" is not whole milliseconds`);
  }
  for (const c of params.getAll('do')) {
    try {
      session.commands.push(decodeCommand(c));
    } catch (e) {
      problems.push(e instanceof Error ? e.message : String(e));
    }
  }
  session.commands.sort((x, y) => x.at - y.at);
  return { session, problems };
}

const shortName = (key: string) => key.replace(/^default\//, '');

/** The orchestrator a run models: it decides which commands exist and what they are called. */
export type Orchestrator = 'kubernetes' | 'compose' | 'swarm';

/** A swarm node's availability that each node verb sets (timelineHandler.ts maps them the same way). */
const SWARM_AVAILABILITY: Partial<Record<NodeVerb, string>> = {
  cordon: 'pause',
  uncordon: 'active',
  drain: 'drain',
};

/** What a person reads in the list of their commands, in the orchestrator's own terms. */
export function describeCommand(c: LabCommand, orchestrator: Orchestrator = 'kubernetes'): string {
  const docker = orchestrator !== 'kubernetes';
  switch (c.verb) {
    case 'crash':
      return docker
        ? `kill the process of container ${shortName(c.pod)}`
        : `kill container ${c.container} of pod ${shortName(c.pod)}`;
    case 'deletePod':
      return docker
        ? `docker stop ${shortName(c.pod)}, then docker rm ${shortName(c.pod)}`
        : `kubectl delete pod ${shortName(c.pod)}`;
    case 'scale':
      return `kubectl scale deployment ${shortName(c.deployment)} --replicas=${c.replicas}`;
    case 'failNode':
      return `${c.node} loses power`;
    case 'recoverNode':
      return `${c.node} boots again`;
    default:
      return orchestrator === 'swarm'
        ? `docker node update --availability ${SWARM_AVAILABILITY[c.verb] ?? c.verb} ${c.node}`
        : `kubectl ${c.verb} ${c.node}`;
  }
}

function split(key: string): [string, string] {
  const i = key.indexOf('/');
  return [key.slice(0, i), key.slice(i + 1)];
}

/**
 * The timeline entry that performs a command (what the scenario file would say), numbered after
 * the scenario's own `count` entries. Its source names the lab and the command's position.
 */
export function commandEntry(c: LabCommand, position: number, count: number): TimelineEntry {
  const base = { at: c.at, index: count + position, source: { file: 'lab', line: position + 1, column: 1 } };
  switch (c.verb) {
    case 'crash': {
      const [namespace, name] = split(c.pod);
      const target = { by: 'name', name } as const;
      return { ...base, action: 'crashContainer', namespace, target, container: c.container, exitCode: 1 };
    }
    case 'deletePod': {
      const [namespace, name] = split(c.pod);
      return { ...base, action: 'deletePod', namespace, target: { by: 'name', name } };
    }
    case 'scale': {
      const [namespace, deployment] = split(c.deployment);
      return { ...base, action: 'scale', namespace, deployment, replicas: c.replicas };
    }
    default:
      return { ...base, action: c.verb, node: c.node };
  }
}
