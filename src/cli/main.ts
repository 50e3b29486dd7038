/**
 * The `flotilla` command. Parses arguments, loads scenario files, runs them and prints what kubectl
 * would print. The only part of Flotilla that touches the file system and the process.
 */
import { parseArgs } from 'node:util';
import {
  describeNode,
  describePod,
  printDeployments,
  printEvents,
  printNodes,
  printPods,
  printReplicaSets,
  printServices,
  printEndpointSlices,
  toJson,
  toList,
  toYaml,
} from '../manifests';
import type { KubeObject } from '../model/kubeObject';
import { valuesIn } from '../model/sharded';
import type { ClusterState } from '../model/state';
import { DurationError, parseDuration, runScenario, scenarioJsonSchemaText } from '../scenario';
import { compareCommand } from './compare';
import { convertCommand } from './convert';
import { explain } from './explain';
import { exportCommand } from './export';
import { EXIT, loadOrReport, type Output, processOutput } from './io';
import { formatRun, formatRunJson } from './runOutput';
import { netpolCommand, parseNetpolFlags } from './netpol';
import { ps } from './ps';
import { swarmCommand } from './swarm';
import { USAGE } from './usage';

/** Runs the CLI with `argv` (without node and script); returns the exit code. */
export async function main(argv: string[], io: Output = processOutput): Promise<number> {
  const [command, ...rest] = argv;
  // `return await`: a rejected command must reach the catch below, not escape it.
  try {
    switch (command) {
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        io.out(USAGE);
        return command === undefined ? EXIT.invalid : EXIT.ok;
      case '--version':
      case 'version':
        io.out('flotilla 0.1.0');
        return EXIT.ok;
      case 'run':
        return await run(rest, io);
      case 'check':
        return await check(rest, io);
      case 'get':
        return await get(rest, io);
      case 'describe':
        return await describe(rest, io);
      case 'explain':
        return await explainCommand(rest, io);
      case 'netpol':
        return await netpol(rest, io);
      case 'ps':
        return await psCommand(rest, io);
      case 'services':
      case 'service-ps':
      case 'nodes':
        return await swarmTable(command, rest, io);
      case 'export':
        return await exportObjectsCommand(rest, io);
      case 'convert':
        return await convertCommand(rest, io);
      case 'compare':
        return await compare(rest, io);
      case 'schema':
        io.out(scenarioJsonSchemaText());
        return EXIT.ok;
      default:
        io.err(`flotilla: unknown command "${command}"\n\n${USAGE}`);
        return EXIT.invalid;
    }
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`flotilla ${command}: ${e.message}`);
      return EXIT.invalid;
    }
    throw e;
  }
}

class UsageError extends Error {}

type OptionSpec = Record<string, { type: 'string' | 'boolean'; short?: string }>;

function parse(
  args: string[],
  options: OptionSpec,
): { values: Record<string, string | boolean | undefined>; positionals: string[] } {
  try {
    const { values, positionals } = parseArgs({ args, options, allowPositionals: true, strict: true });
    return { values: values as Record<string, string | boolean | undefined>, positionals };
  } catch (e) {
    throw new UsageError(e instanceof Error ? e.message : String(e));
  }
}

function duration(flag: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  try {
    return parseDuration(text);
  } catch (e) {
    throw new UsageError(`--${flag}: ${e instanceof DurationError ? e.message : String(e)}`);
  }
}

function oneFile(positionals: string[], what = 'a scenario file'): string {
  if (positionals.length !== 1)
    throw new UsageError(
      `expected ${what}, got ${positionals.length === 0 ? 'none' : positionals.join(' ')}`,
    );
  return positionals[0] as string;
}

function seedOf(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  if (!/^\d+$/.test(text) || Number(text) > 4294967295)
    throw new UsageError(`--seed: expected a whole number from 0 to 4294967295, got "${text}"`);
  return Number(text);
}

function run(args: string[], io: Output): number {
  const { values, positionals } = parse(args, {
    seed: { type: 'string' },
    until: { type: 'string' },
    json: { type: 'boolean' },
  });
  const file = oneFile(positionals);
  const seed = seedOf(values.seed as string | undefined);
  const until = duration('until', values.until as string | undefined);
  const scenario = loadOrReport(file, io);
  if (!scenario) return EXIT.invalid;
  const result = runScenario(scenario, {
    ...(seed !== undefined ? { seed } : {}),
    ...(until !== undefined ? { until } : {}),
  });
  io.out(values.json ? formatRunJson(result) : formatRun(result));
  return result.outcomes.every((o) => o.pass) ? EXIT.ok : EXIT.failed;
}

function explainCommand(args: string[], io: Output): number {
  const { values, positionals } = parse(args, {
    pod: { type: 'string' },
    at: { type: 'string' },
    'all-nodes': { type: 'boolean' },
    json: { type: 'boolean' },
    namespace: { type: 'string', short: 'n' },
    seed: { type: 'string' },
  });
  const file = oneFile(positionals);
  const pod = values.pod as string | undefined;
  if (pod === undefined || pod === '')
    throw new UsageError('--pod NAME is required (a pod name or its workload name)');
  const at = duration('at', values.at as string | undefined);
  const seed = seedOf(values.seed as string | undefined);
  return explain(
    file,
    {
      pod,
      namespace: (values.namespace as string | undefined) ?? 'default',
      allNodes: values['all-nodes'] === true,
      json: values.json === true,
      ...(at === undefined ? {} : { at }),
      ...(seed === undefined ? {} : { seed }),
    },
    io,
  );
}

function check(args: string[], io: Output): number {
  const { positionals } = parse(args, {});
  const file = oneFile(positionals);
  const scenario = loadOrReport(file, io);
  if (!scenario) return EXIT.invalid;
  io.out(
    `${file}: ok (${scenario.nodes.length} nodes, ${scenario.objects.length} objects, ${scenario.timeline.length} timeline entries, ${scenario.expectations.length} expectations)`,
  );
  return EXIT.ok;
}

/** Runs the scenario to `--at` (default: its end) and returns the state and the time. */
function stateAt(
  file: string,
  at: number | undefined,
  seed: number | undefined,
  io: Output,
): { state: ClusterState; now: number } | undefined {
  const scenario = loadOrReport(file, io, true);
  if (!scenario) return undefined;
  const result = runScenario(scenario, {
    journal: false,
    ...(at !== undefined ? { until: at } : {}),
    ...(seed !== undefined ? { seed } : {}),
  });
  return { state: result.sim.state, now: result.sim.now };
}

const RESOURCES: Record<
  string,
  'pods' | 'nodes' | 'deployments' | 'replicasets' | 'events' | 'services' | 'endpointslices'
> = {
  service: 'services',
  services: 'services',
  svc: 'services',
  endpointslice: 'endpointslices',
  endpointslices: 'endpointslices',
  pod: 'pods',
  pods: 'pods',
  po: 'pods',
  node: 'nodes',
  nodes: 'nodes',
  no: 'nodes',
  deployment: 'deployments',
  deployments: 'deployments',
  deploy: 'deployments',
  replicaset: 'replicasets',
  replicasets: 'replicasets',
  rs: 'replicasets',
  event: 'events',
  events: 'events',
  ev: 'events',
};

function objectsOf(state: ClusterState, resource: string, namespace: string | undefined): KubeObject[] {
  const inNs = <T extends KubeObject>(xs: T[]) =>
    xs.filter((o) => namespace === undefined || o.metadata.namespace === namespace);
  const byName = <T extends KubeObject>(xs: T[]) =>
    [...xs].sort((a, b) =>
      (a.metadata.namespace ?? '') + a.metadata.name < (b.metadata.namespace ?? '') + b.metadata.name
        ? -1
        : 1,
    );
  switch (resource) {
    case 'pods':
      return byName(inNs(valuesIn(state.pods)));
    case 'nodes':
      return byName(Object.values(state.nodes));
    case 'deployments':
      return byName(inNs(Object.values(state.deployments)));
    case 'replicasets':
      return byName(inNs(Object.values(state.replicaSets)));
    case 'services':
      return byName(inNs(Object.values(state.services ?? {})));
    case 'endpointslices':
      return byName(inNs(Object.values(state.endpointSlices ?? {})));
    default:
      return inNs(valuesIn(state.events)).sort(
        (a, b) =>
          (a as { lastTimestamp: number }).lastTimestamp - (b as { lastTimestamp: number }).lastTimestamp,
      );
  }
}

function get(args: string[], io: Output): number {
  const { values, positionals } = parse(args, {
    at: { type: 'string' },
    output: { type: 'string', short: 'o' },
    namespace: { type: 'string', short: 'n' },
    'all-namespaces': { type: 'boolean', short: 'A' },
    seed: { type: 'string' },
  });
  const [kind, ...files] = positionals;
  const resource = kind === undefined ? undefined : RESOURCES[kind];
  if (resource === undefined)
    throw new UsageError(
      `expected a resource (pods, nodes, deployments, replicasets, events, services, endpointslices), got ${kind === undefined ? 'none' : `"${kind}"`}`,
    );
  const file = oneFile(files);
  const output = values.output as string | undefined;
  if (output !== undefined && !['wide', 'json', 'yaml'].includes(output))
    throw new UsageError(`-o: expected wide, json or yaml, got "${output}"`);
  const at = duration('at', values.at as string | undefined);
  const found = stateAt(file, at, seedOf(values.seed as string | undefined), io);
  if (!found) return EXIT.invalid;
  const { state, now } = found;
  const all = values['all-namespaces'] === true;
  const namespace = all ? undefined : ((values.namespace as string | undefined) ?? 'default');
  if (output === 'json' || output === 'yaml') {
    const list = toList(objectsOf(state, resource, resource === 'nodes' ? undefined : namespace));
    io.out(output === 'json' ? toJson(list) : toYaml(list));
    return EXIT.ok;
  }
  const opts = {
    wide: output === 'wide',
    allNamespaces: all,
    ...(namespace !== undefined ? { namespace } : {}),
  };
  const printers = {
    pods: printPods,
    nodes: printNodes,
    deployments: printDeployments,
    replicasets: printReplicaSets,
    events: printEvents,
    services: printServices,
    endpointslices: printEndpointSlices,
  };
  const text = printers[resource](state, now, opts);
  // kubectl writes "No resources found ..." to stderr (kubectl/pkg/cmd/get/get.go) and exits 0.
  if (text.startsWith('No resources found')) io.err(text);
  else io.out(text);
  return EXIT.ok;
}

function netpol(args: string[], io: Output): number {
  const { values, positionals } = parse(args, {
    at: { type: 'string' },
    port: { type: 'string' },
    protocol: { type: 'string' },
    json: { type: 'boolean' },
    seed: { type: 'string' },
  });
  const file = oneFile(positionals);
  const flags = parseNetpolFlags(values.port as string | undefined, values.protocol as string | undefined);
  if (typeof flags === 'string') throw new UsageError(flags);
  const at = duration('at', values.at as string | undefined);
  const seed = seedOf(values.seed as string | undefined);
  return netpolCommand(
    file,
    {
      ...flags,
      json: values.json === true,
      ...(at === undefined ? {} : { at }),
      ...(seed === undefined ? {} : { seed }),
    },
    io,
  );
}

function exportObjectsCommand(args: string[], io: Output): Promise<number> {
  const { values, positionals } = parse(args, {
    at: { type: 'string' },
    output: { type: 'string', short: 'o' },
    seed: { type: 'string' },
  });
  const file = oneFile(positionals);
  const format = (values.output as string | undefined) ?? 'yaml';
  if (format !== 'yaml' && format !== 'json')
    throw new UsageError(`-o: expected yaml or json, got "${format}"`);
  const at = duration('at', values.at as string | undefined);
  const seed = seedOf(values.seed as string | undefined);
  return exportCommand(
    file,
    { format, ...(at === undefined ? {} : { at }), ...(seed === undefined ? {} : { seed }) },
    io,
  );
}

function compare(args: string[], io: Output): number {
  const { values, positionals } = parse(args, { json: { type: 'boolean' }, seed: { type: 'string' } });
  if (positionals.length === 0) throw new UsageError('expected one or more scenario files');
  const seed = seedOf(values.seed as string | undefined);
  return compareCommand(
    positionals,
    { json: values.json === true, ...(seed === undefined ? {} : { seed }) },
    io,
  );
}

function describe(args: string[], io: Output): number {
  const { values, positionals } = parse(args, {
    at: { type: 'string' },
    namespace: { type: 'string', short: 'n' },
    seed: { type: 'string' },
  });
  const [kind, name, ...files] = positionals;
  if (
    kind !== 'pod' &&
    kind !== 'pods' &&
    kind !== 'po' &&
    kind !== 'node' &&
    kind !== 'nodes' &&
    kind !== 'no'
  ) {
    throw new UsageError(
      `expected "pod NAME" or "node NAME", got ${kind === undefined ? 'none' : `"${kind}"`}`,
    );
  }
  if (name === undefined) throw new UsageError(`expected the ${kind.startsWith('po') ? 'pod' : 'node'} name`);
  const file = oneFile(files);
  const found = stateAt(
    file,
    duration('at', values.at as string | undefined),
    seedOf(values.seed as string | undefined),
    io,
  );
  if (!found) return EXIT.invalid;
  const ns = (values.namespace as string | undefined) ?? 'default';
  const text = kind.startsWith('po')
    ? describePod(found.state, name.includes('/') ? name : `${ns}/${name}`, found.now)
    : describeNode(found.state, name, found.now);
  // kubectl prints NotFound errors on stderr and exits 1 (kubectl cmd/util/helpers.go CheckErr).
  if (text.startsWith('Error from server (NotFound)')) {
    io.err(text);
    return EXIT.failed;
  }
  io.out(text);
  return EXIT.ok;
}

function psCommand(args: string[], io: Output): number {
  const { values, positionals } = parse(args, {
    at: { type: 'string' },
    all: { type: 'boolean', short: 'a' },
    seed: { type: 'string' },
  });
  const file = oneFile(positionals);
  const at = duration('at', values.at as string | undefined);
  const seed = seedOf(values.seed as string | undefined);
  return ps(
    file,
    {
      all: values.all === true,
      ...(at === undefined ? {} : { at }),
      ...(seed === undefined ? {} : { seed }),
    },
    io,
  );
}

/** `flotilla services FILE`, `flotilla service-ps FILE SERVICE`, `flotilla nodes FILE` (swarm). */
function swarmTable(table: 'services' | 'service-ps' | 'nodes', args: string[], io: Output): number {
  const { values, positionals } = parse(args, { at: { type: 'string' }, seed: { type: 'string' } });
  const wanted = table === 'service-ps' ? 2 : 1;
  if (positionals.length !== wanted)
    throw new UsageError(
      table === 'service-ps' ? 'expected a scenario file and a service' : 'expected a scenario file',
    );
  const at = duration('at', values.at as string | undefined);
  const seed = seedOf(values.seed as string | undefined);
  return swarmCommand(
    table,
    positionals[0] as string,
    positionals[1],
    { ...(at === undefined ? {} : { at }), ...(seed === undefined ? {} : { seed }) },
    io,
  );
}
