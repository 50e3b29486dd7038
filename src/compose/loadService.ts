/**
 * One entry of `services:` into a {@link ComposeService}: short and long syntaxes folded, Docker's
 * defaults filled in, every problem recorded in the checker at its field path. Cross-service
 * checks (depends_on targets, cycles) are in loadCompose.ts.
 */
import type { ComposeRestartPolicy, ComposeService, FieldPath } from '../model';
import { type Checker, isRecord } from '../manifests';
import { checkDuration, checkStringMap, checkStrings, MAX_COUNT } from './checks';
import { parseDeploy } from './deploy';
import { parseDependsOn } from './dependsOn';
import { parseEnvFile } from './envFile';
import { parseHealthcheck } from './healthcheck';
import { SERVICE_MODELLED, SERVICE_UNMODELLED, warnUnknownKeys } from './keys';
import { parseExpose, parsePorts } from './ports';
import { shellWords } from './shellWords';
import { parseServiceVolumes, parseTmpfs } from './volumes';

/** What a service needs from the rest of the file and from the caller. */
export interface ServiceContext {
  project: string;
  volumes: ReadonlySet<string>;
  networks: ReadonlySet<string>;
  variables: Readonly<Record<string, string>>;
  /** Reads a file named relative to the compose file; undefined when it cannot. */
  readFile?: (relativePath: string) => string | undefined;
}

/** Docker's `docker stop` timeout (10 s), the default stop_grace_period. */
const STOP_GRACE_DEFAULT_MS = 10_000;
const RESTART_FORMS = 'no, always, on-failure, on-failure:N or unless-stopped';

export function loadService(
  c: Checker,
  name: string,
  raw: unknown,
  ctx: ServiceContext,
): ComposeService | undefined {
  const path: FieldPath = ['services', name];
  checkServiceName(c, name, path);
  const m = raw === null ? {} : c.map(raw, path);
  if (m === undefined) return undefined;
  warnUnknownKeys(c, m, path, SERVICE_MODELLED, SERVICE_UNMODELLED);
  const at = (key: string): FieldPath => [...path, key];

  const { image, built } = imageOf(c, m, name, path, ctx.project);

  const svc: ComposeService = {
    name,
    image: image ?? `${ctx.project}-${name}`,
    built,
    environment: {},
    envFiles: [],
    ports: m.ports === undefined ? [] : parsePorts(c, m.ports, at('ports')),
    expose: m.expose === undefined ? [] : parseExpose(c, m.expose, at('expose')),
    volumes: [
      ...(m.volumes === undefined ? [] : parseServiceVolumes(c, m.volumes, at('volumes'), ctx.volumes)),
      ...(m.tmpfs === undefined ? [] : parseTmpfs(c, m.tmpfs, at('tmpfs'))),
    ],
    dependsOn: m.depends_on === undefined ? [] : parseDependsOn(c, m.depends_on, at('depends_on')),
    restart:
      m.restart === undefined
        ? { policy: 'no' }
        : (parseRestart(c, m.restart, at('restart')) ?? { policy: 'no' }),
    deploy: parseDeploy(c, m, path),
    networks: parseNetworks(c, m.networks, at('networks'), ctx.networks),
    labels: m.labels === undefined ? {} : (checkStringMap(c, m.labels, at('labels'))?.values ?? {}),
    profiles: m.profiles === undefined ? [] : (checkStrings(c, m.profiles, at('profiles')) ?? []),
    stopGracePeriodMs:
      m.stop_grace_period === undefined
        ? STOP_GRACE_DEFAULT_MS
        : (checkDuration(c, m.stop_grace_period, at('stop_grace_period')) ?? STOP_GRACE_DEFAULT_MS),
    loc: c.loc.at(path, { key: true }),
    given: givenPaths(m),
  };
  readCommand(c, m, path, svc);
  readNames(c, m, path, svc);
  if (m.healthcheck !== undefined && m.healthcheck !== null) {
    const hc = parseHealthcheck(c, m.healthcheck, at('healthcheck'));
    if (hc !== undefined) svc.healthcheck = hc;
  }
  readEnvironment(c, m, path, ctx, svc);
  // Returned even with errors (well-typed defaults fill in), so the cross-service checks still
  // report; loadCompose returns no project when there is any error.
  return svc;
}

function checkServiceName(c: Checker, name: string, path: FieldPath): void {
  if (!/^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/.test(name))
    c.errors.push(
      c.loc.keyError(
        path,
        `invalid service name "${name}"`,
        'letters, digits, ".", "_" and "-", starting with a letter or digit',
      ),
    );
}

/** The image, or for a service that is built a placeholder (Flotilla builds nothing). */
function imageOf(
  c: Checker,
  m: Record<string, unknown>,
  name: string,
  path: FieldPath,
  project: string,
): { image: string | undefined; built: boolean } {
  const image = m.image === undefined ? undefined : c.string(m.image, [...path, 'image']);
  const built = image === undefined && m.build !== undefined && m.build !== null;
  if (image === undefined && !built && m.image === undefined)
    c.error(path, `service "${name}" has neither an image nor a build context`, 'image: or build:');
  if (built) {
    if (typeof m.build !== 'string' && !isRecord(m.build))
      c.wrongType([...path, 'build'], m.build, 'a path or a map');
    c.warn(
      [...path, 'build'],
      `Flotilla does not build images: using the placeholder image "${project}-${name}"`,
    );
  }
  return { image, built };
}

/** `command` and `entrypoint`: a string split as a shell would, or a list of words. */
function readCommand(c: Checker, m: Record<string, unknown>, path: FieldPath, svc: ComposeService): void {
  for (const key of ['command', 'entrypoint'] as const) {
    const v = m[key];
    if (v === undefined || v === null) continue;
    const words = typeof v === 'string' ? shellWords(v) : checkStrings(c, v, [...path, key]);
    if (words === undefined && typeof v === 'string') c.error([...path, key], 'unterminated quote');
    else if (words !== undefined) svc[key] = words;
  }
}

/** `container_name` (unique, so one replica only) and `hostname`. */
function readNames(c: Checker, m: Record<string, unknown>, path: FieldPath, svc: ComposeService): void {
  for (const key of ['container_name', 'hostname'] as const) {
    if (m[key] === undefined) continue;
    const v = c.string(m[key], [...path, key]);
    if (v !== undefined) svc[key === 'container_name' ? 'containerName' : 'hostname'] = v;
  }
  if (svc.containerName !== undefined && svc.deploy.replicas > 1)
    c.warn(
      [...path, 'container_name'],
      `a container name must be unique: Compose refuses it with ${svc.deploy.replicas} replicas`,
    );
}

function parseRestart(c: Checker, v: unknown, path: FieldPath): ComposeRestartPolicy | undefined {
  const s = typeof v === 'string' ? v : undefined;
  if (s === 'no' || s === 'always' || s === 'unless-stopped') return { policy: s, explicit: true };
  const m = s === undefined ? null : /^on-failure(?::(\d+))?$/.exec(s);
  if (m === null) return c.error(path, `invalid restart policy ${JSON.stringify(v)}`, RESTART_FORMS);
  if (m[1] !== undefined && Number(m[1]) > MAX_COUNT)
    return c.error(path, `on-failure retries must be at most ${MAX_COUNT}, got ${m[1]}`);
  return {
    policy: 'on-failure',
    explicit: true,
    ...(m[1] === undefined ? {} : { maxRetries: Number(m[1]) }),
  };
}

/** `networks:` as a list or a map (per-network options are not modelled); `['default']` when absent. */
function parseNetworks(c: Checker, raw: unknown, path: FieldPath, declared: ReadonlySet<string>): string[] {
  if (raw === undefined || raw === null) return ['default'];
  let names: string[] = [];
  if (Array.isArray(raw)) names = checkStrings(c, raw, path) ?? [];
  else {
    const m = c.map(raw, path);
    for (const [net, opts] of Object.entries(m ?? {})) {
      names.push(net);
      if (isRecord(opts))
        warnUnknownKeys(
          c,
          opts,
          [...path, net],
          [],
          [
            'aliases',
            'ipv4_address',
            'ipv6_address',
            'link_local_ips',
            'mac_address',
            'driver_opts',
            'priority',
            'gw_priority',
            'interface_name',
          ],
        );
    }
  }
  return names.filter((net, i) => {
    if (net === 'default' || declared.has(net)) return true;
    const p = Array.isArray(raw) ? [...path, i] : [...path, net];
    c.errors.push(
      c.loc.error(
        p,
        `undefined network "${net}": declare it under the top-level networks:`,
        declared.size === 0 ? undefined : `one of: ${[...declared].join(', ')}`,
      ),
    );
    return false;
  });
}

/** `env_file:` then `environment:` (which wins, as in Compose). */
function readEnvironment(
  c: Checker,
  m: Record<string, unknown>,
  path: FieldPath,
  ctx: ServiceContext,
  svc: ComposeService,
): void {
  if (m.env_file !== undefined && m.env_file !== null) {
    const p = [...path, 'env_file'];
    const entries = typeof m.env_file === 'string' ? [m.env_file] : (c.list(m.env_file, p) ?? []);
    entries.forEach((entry, i) => {
      const ep = typeof m.env_file === 'string' ? p : [...p, i];
      const file =
        typeof entry === 'string'
          ? entry
          : isRecord(entry) && typeof entry.path === 'string'
            ? entry.path
            : undefined;
      if (file === undefined) return void c.wrongType(ep, entry, 'a path or {path, required}');
      const required = !(isRecord(entry) && entry.required === false);
      svc.envFiles.push(file);
      const text = ctx.readFile?.(file);
      if (text !== undefined) Object.assign(svc.environment, parseEnvFile(text));
      else if (required)
        c.warn(ep, `env file "${file}" not read: its variables are missing from the container`);
    });
  }
  if (m.environment === undefined || m.environment === null) return;
  const env = checkStringMap(c, m.environment, [...path, 'environment']);
  if (env === undefined) return;
  Object.assign(svc.environment, env.values);
  // `KEY` alone takes its value from the shell running Compose; unset there, it stays unset.
  for (const { key, path: p } of env.unset) {
    const v = ctx.variables[key];
    if (v !== undefined) svc.environment[key] = v;
    else c.warn(p, `${key} has no value and is not set in the environment: left out of the container`);
  }
}

function givenPaths(m: Record<string, unknown>): string[] {
  const keys = Object.keys(m).filter((k) => !k.startsWith('x-'));
  const deploy = isRecord(m.deploy) ? Object.keys(m.deploy).map((k) => `deploy.${k}`) : [];
  return [...keys, ...deploy];
}
