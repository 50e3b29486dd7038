/**
 * Loads a Compose file into the normalised {@link ComposeProject} (model.ts): YAML with positions,
 * anchors and merge keys (`<<: *x`), variable interpolation, `x-` extensions ignored, profiles,
 * every short/long syntax folded, Docker's defaults filled in. Problems come back as
 * {@link LocatedError}s (`file:line:col: services.web.ports[0]: ...`); with any error, no project
 * is returned. Valid keys Flotilla does not model, and keys Compose does not know, are warnings.
 * Never reads the file system: `readFile` (from the CLI) reads `env_file:`s next to the file.
 */
import { LineCounter, parseDocument } from 'yaml';
import {
  type ComposeNetwork,
  type ComposeProject,
  type ComposeService,
  type ComposeVolume,
  LocatedError,
  sortLocated,
} from '../model';
import { Checker, isRecord, locatorFor, type YamlSource, yamlToJS } from '../manifests';
import { dependencyPath, findCycle } from './dependsOn';
import { type InterpolationIssue, interpolateTree } from './interpolate';
import { TOP_LEVEL_KEYS, warnUnknownKeys } from './keys';
import { loadService } from './loadService';
import { projectNameFrom, PROJECT_NAME } from './projectName';

export interface ComposeLoadOptions {
  /** Profiles to activate (`--profile`); `*` activates all. Services with other profiles are left out. */
  activeProfiles?: readonly string[];
  /** Variables for `${VAR}` interpolation and bare `KEY` environment entries (default none). */
  variables?: Readonly<Record<string, string>>;
  /** Reads a file named relative to the compose file (for `env_file:`); undefined when it cannot. */
  readFile?: (relativePath: string) => string | undefined;
  /** The directory whose name is the project name when the file has no `name:` (default: from `file`). */
  directory?: string;
}

export interface ComposeLoadResult {
  /** Present only when there are no errors. */
  project?: ComposeProject;
  errors: LocatedError[];
  warnings: LocatedError[];
}

const TOP_UNMODELLED = ['configs', 'secrets', 'include', 'models'];

export function loadCompose(text: string, file: string, options: ComposeLoadOptions = {}): ComposeLoadResult {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, merge: true, prettyErrors: false });
  const src: YamlSource = { file, doc, lines };
  const c = new Checker(locatorFor(src));
  if (doc.errors.length > 0) {
    for (const e of doc.errors) {
      const pos = lines.linePos(e.pos[0]);
      // Flotilla reads one document; the `yaml` package's wording names its own API.
      const message =
        e.code === 'MULTIPLE_DOCS'
          ? 'a second YAML document (---): a compose file is one document; merge them, or split the file'
          : e.message;
      c.errors.push(new LocatedError({ file, line: pos.line, column: pos.col, path: '', message }));
    }
    return done(c);
  }
  const js = yamlToJS(src);
  if ('error' in js) {
    c.errors.push(js.error);
    return done(c);
  }
  if (!isRecord(js.value)) {
    c.wrongType([], js.value, 'a map with services:');
    return done(c);
  }
  const root = interpolate(c, js.value, options.variables ?? {});
  warnUnknownKeys(c, root, [], TOP_LEVEL_KEYS, TOP_UNMODELLED);
  // Compose v2's own wording (compose-go loader).
  if (root.version !== undefined)
    c.warnings.push(
      c.loc.keyError(
        ['version'],
        'the attribute `version` is obsolete, it will be ignored',
        undefined,
        'warning',
      ),
    );

  const name = projectName(c, root.name, file, options.directory);
  const networks = topLevel(
    c,
    root.networks,
    'networks',
    ['driver', 'external', 'name'],
    ['driver_opts', 'attachable', 'enable_ipv6', 'ipam', 'internal', 'labels'],
  );
  const volumes = topLevel(
    c,
    root.volumes,
    'volumes',
    ['driver', 'external', 'name'],
    ['driver_opts', 'labels'],
  );
  const servicesRaw = c.map(root.services, ['services']);
  if (servicesRaw === undefined || name === undefined) return done(c);

  const ctx = {
    project: name,
    volumes: new Set(volumes.map((v) => v.name)),
    networks: new Set(networks.map((n) => n.name)),
    variables: options.variables ?? {},
    ...(options.readFile === undefined ? {} : { readFile: options.readFile }),
  };
  const active = new Set(options.activeProfiles ?? []);
  const isActive = (profiles: readonly string[]) =>
    profiles.length === 0 || active.has('*') || profiles.some((p) => active.has(p));
  const all = new Map<string, ComposeService>();
  for (const [svcName, raw] of Object.entries(servicesRaw)) {
    if (svcName.startsWith('x-')) continue;
    const svc = loadService(c, svcName, raw, ctx);
    if (svc !== undefined) all.set(svcName, svc);
  }
  const services = [...all.values()].filter((s) => isActive(s.profiles));
  checkDependencies(c, servicesRaw, services, new Set(Object.keys(servicesRaw)));
  if (services.some((s) => s.networks.includes('default')) && !networks.some((n) => n.name === 'default'))
    networks.unshift({ name: 'default', external: false });
  return done(c, { name, file, services, networks, volumes });
}

function done(c: Checker, project?: ComposeProject): ComposeLoadResult {
  const errors = sortLocated(c.errors);
  return {
    ...(project === undefined || errors.length > 0 ? {} : { project }),
    errors,
    warnings: sortLocated(c.warnings),
  };
}

/** Interpolates the whole file; one warning per unset variable (where it is first used). */
function interpolate(
  c: Checker,
  root: Record<string, unknown>,
  vars: Readonly<Record<string, string>>,
): Record<string, unknown> {
  const issues: InterpolationIssue[] = [];
  const out = interpolateTree(root, vars, issues) as Record<string, unknown>;
  const warned = new Set<string>();
  for (const i of issues) {
    if (i.severity === 'error') c.error(i.path, i.message);
    else if (!warned.has(i.variable)) {
      warned.add(i.variable);
      c.warn(i.path, i.message);
    }
  }
  return out;
}

function projectName(
  c: Checker,
  raw: unknown,
  file: string,
  directory: string | undefined,
): string | undefined {
  if (raw !== undefined) {
    const s = c.string(raw, ['name']);
    if (s !== undefined && !PROJECT_NAME.test(s))
      return c.error(
        ['name'],
        `invalid project name "${s}"`,
        'lower-case letters, digits, "-" and "_", starting with a letter or digit',
      );
    return s;
  }
  return projectNameFrom(directory ?? file.replace(/\\/g, '/').split('/').slice(0, -1).pop() ?? '');
}

/** Top-level `networks:` / `volumes:`: name → null or a map of options. */
function topLevel(
  c: Checker,
  raw: unknown,
  key: 'networks' | 'volumes',
  known: readonly string[],
  unmodelled: readonly string[],
): (ComposeNetwork & ComposeVolume)[] {
  if (raw === undefined || raw === null) return [];
  const m = c.map(raw, [key]);
  const out: (ComposeNetwork & ComposeVolume)[] = [];
  for (const [name, spec] of Object.entries(m ?? {})) {
    if (name.startsWith('x-')) continue;
    const item: ComposeNetwork & ComposeVolume = { name, external: false };
    if (spec !== null && spec !== undefined) {
      const s = c.map(spec, [key, name]);
      if (s === undefined) continue;
      warnUnknownKeys(c, s, [key, name], known, unmodelled);
      if (typeof s.driver === 'string') item.driver = s.driver;
      // `external: true`, or the legacy `external: {name: x}`.
      item.external = s.external === true || isRecord(s.external);
    }
    out.push(item);
  }
  return out;
}

/** Every dependency names a service of the file; inactive or missing ones are errors unless `required: false`; no cycles. */
function checkDependencies(
  c: Checker,
  raw: Record<string, unknown>,
  services: ComposeService[],
  defined: ReadonlySet<string>,
): void {
  const active = new Set(services.map((s) => s.name));
  for (const svc of services) {
    const deps = isRecord(raw[svc.name]) ? (raw[svc.name] as Record<string, unknown>).depends_on : undefined;
    svc.dependsOn = svc.dependsOn.filter((d, i) => {
      if (active.has(d.service)) return true;
      const p = dependencyPath(['services', svc.name], deps, i, d.service);
      const why = defined.has(d.service)
        ? `service "${d.service}" is not active (its profiles are not enabled)`
        : `undefined service "${d.service}"`;
      if (d.required) c.error(p, `depends on ${why}`, `one of: ${[...active].join(', ')}`);
      else c.warn(p, `depends on ${why}: skipped (required: false)`);
      return false;
    });
  }
  const cycle = findCycle(new Map(services.map((s) => [s.name, s.dependsOn.map((d) => d.service)])));
  if (cycle !== undefined && cycle.length > 1) {
    const first = cycle[0] as string;
    c.error(['services', first, 'depends_on'], `dependency cycle: ${cycle.join(' -> ')}`);
  }
}
