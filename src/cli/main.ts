/**
 * The `flotilla` command. Parses arguments, loads scenario files, runs them and prints what kubectl
 * would print. The only part of Flotilla that touches the file system and the process.
 */
import { runScenario, scenarioJsonSchemaText } from '../scenario';
import { duration, oneFile, parse, seedOf, UsageError } from './args';
import { compareCommand } from './compare';
import { convertCommand } from './convert';
import { describeCommand } from './describe';
import { explain } from './explain';
import { exportCommand } from './export';
import { getCommand } from './get';
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
        return await getCommand(rest, io);
      case 'describe':
        return await describeCommand(rest, io);
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
