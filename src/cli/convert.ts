/**
 * `flotilla convert FILE [-o yaml|json] [--profile P]...`: a compose file to Kubernetes manifests
 * (src/compose/kompose.ts), printed on stdout; loader warnings on stderr. Variables for `${VAR}`
 * come from the `.env` file next to the compose file, as Compose reads it, but not from the shell,
 * so the same file converts the same way everywhere. `env_file:`s are read relative to the file.
 * The manifests are checked against Kubernetes' OpenAPI schema before anything is printed.
 */
import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { composeToKubernetes, loadCompose, noteLines, parseEnvFile, renderConversion } from '../compose';
import { formatLocatedErrors } from '../model';
import { EXIT, type Output } from './io';

const readIfFile = (path: string): string | undefined =>
  existsSync(path) ? readFileSync(path, 'utf8') : undefined;

export async function convertCommand(args: string[], io: Output): Promise<number> {
  let values: { output?: string | undefined; profile?: string[] | undefined };
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args,
      options: { output: { type: 'string', short: 'o' }, profile: { type: 'string', multiple: true } },
      allowPositionals: true,
      strict: true,
    }));
  } catch (e) {
    io.err(`flotilla convert: ${e instanceof Error ? e.message : String(e)}`);
    return EXIT.invalid;
  }
  const format = values.output ?? 'yaml';
  if (format !== 'yaml' && format !== 'json') {
    io.err(`flotilla convert: -o: expected yaml or json, got "${format}"`);
    return EXIT.invalid;
  }
  const [file, ...extra] = positionals;
  if (file === undefined || extra.length > 0) {
    io.err(
      `flotilla convert: expected a compose file, got ${file === undefined ? 'none' : positionals.join(' ')}`,
    );
    return EXIT.invalid;
  }
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    io.err(`flotilla: cannot read ${file}: ${e instanceof Error ? e.message : String(e)}`);
    return EXIT.invalid;
  }
  const dir = dirname(resolve(file));
  const dotEnv = readIfFile(join(dir, '.env'));
  const result = loadCompose(text, file, {
    directory: basename(dir),
    variables: dotEnv === undefined ? {} : parseEnvFile(dotEnv),
    readFile: (p) => readIfFile(resolve(dir, p)),
    ...(values.profile === undefined ? {} : { activeProfiles: values.profile }),
  });
  if (result.project === undefined) {
    io.err(formatLocatedErrors([...result.errors, ...result.warnings]));
    return EXIT.invalid;
  }
  const conversion = composeToKubernetes(result.project);
  if (conversion.errors.length > 0) {
    io.err(formatLocatedErrors([...conversion.errors, ...result.warnings]));
    return EXIT.invalid;
  }
  if (result.warnings.length > 0) io.err(formatLocatedErrors(result.warnings));
  // Loaded on demand, as in export: the schemas take a moment and the browser never needs them.
  const { validateKubernetesObjects } = await import('../manifests/validateSchema');
  const problems = validateKubernetesObjects(conversion.objects);
  if (problems.length > 0) {
    io.err(
      `flotilla convert: the manifests fail Kubernetes' schema (a Flotilla bug):\n${problems.join('\n')}`,
    );
    return EXIT.failed;
  }
  io.out(renderConversion(result.project, conversion, format));
  if (format === 'json' && conversion.notes.length > 0)
    io.err(
      [
        '# not carried over:',
        ...noteLines(conversion.notes.map((n) => ({ ...n, field: `${n.service ?? ''}.${n.field}` }))),
      ].join('\n'),
    );
  return EXIT.ok;
}
