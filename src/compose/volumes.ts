/**
 * A service's `volumes:` (short `SOURCE:TARGET[:MODE]` / `TARGET`, or long `{type, source,
 * target, read_only}`) and `tmpfs:` (compose spec 05-services.md "volumes", "tmpfs"). A short
 * source that is a path (`/`, `.`, `~`, or a Windows drive) is a bind mount; otherwise it names a
 * volume, which must be declared under the top-level `volumes:`.
 */
import type { FieldPath, VolumeMount } from '../model';
import { type Checker, isRecord } from '../manifests';
import { checkBool } from './checks';
import { warnUnknownKeys } from './keys';

const SHORT_FORM = 'a volume such as "db-data:/var/lib/mysql", "./conf:/etc/app:ro" or "/data"';
// Options Docker accepts after the target (docker/cli volume spec): access, SELinux, propagation, nocopy.
const MODES = [
  'ro',
  'rw',
  'z',
  'Z',
  'nocopy',
  'consistent',
  'cached',
  'delegated',
  'shared',
  'rshared',
  'slave',
  'rslave',
  'private',
  'rprivate',
];
const PATH_PART = String.raw`(?:[A-Za-z]:[\\/][^:]*|[^:]+)`;
const SHORT = new RegExp(`^(${PATH_PART}):(${PATH_PART})(?::([^:]+))?$`);

function isHostPath(source: string): boolean {
  return /^([./~]|[A-Za-z]:[\\/]|\\\\)/.test(source);
}

function parseShort(c: Checker, text: string, path: FieldPath): VolumeMount | undefined {
  const m = SHORT.exec(text);
  if (m === null) {
    // A lone target is an anonymous volume.
    if (!text.includes(':') || /^[A-Za-z]:[\\/][^:]*$/.test(text))
      return { type: 'volume', target: text, readOnly: false };
    return c.error(path, `invalid volume "${text}"`, SHORT_FORM);
  }
  const [, source = '', target = '', mode] = m;
  const options = mode === undefined ? [] : mode.split(',');
  const bad = options.find((o) => !MODES.includes(o));
  if (bad !== undefined) return c.error(path, `invalid volume mode "${bad}"`, `one of: ${MODES.join(', ')}`);
  return { type: isHostPath(source) ? 'bind' : 'volume', source, target, readOnly: options.includes('ro') };
}

const LONG_KEYS = [
  'type',
  'source',
  'target',
  'read_only',
  'volume',
  'bind',
  'tmpfs',
  'consistency',
  'image',
];

function parseLong(c: Checker, m: Record<string, unknown>, path: FieldPath): VolumeMount | undefined {
  warnUnknownKeys(c, m, path, LONG_KEYS, ['consistency', 'image']);
  const type = m.type;
  if (type === 'npipe' || type === 'cluster' || type === 'image') {
    c.warn([...path, 'type'], `volume type "${type}" is not modelled by Flotilla: ignored`);
    return undefined;
  }
  if (type !== 'volume' && type !== 'bind' && type !== 'tmpfs')
    return type === undefined
      ? c.missing([...path, 'type'])
      : c.error([...path, 'type'], `invalid volume type ${JSON.stringify(type)}`, 'volume, bind or tmpfs');
  const target = c.string(m.target, [...path, 'target']);
  if (target === undefined) return undefined;
  const readOnly = m.read_only === undefined ? false : checkBool(c, m.read_only, [...path, 'read_only']);
  const source =
    m.source === undefined || m.source === null ? undefined : c.string(m.source, [...path, 'source']);
  if (type === 'bind' && source === undefined)
    return m.source === undefined ? c.missing([...path, 'source']) : undefined;
  return {
    type,
    target,
    readOnly: readOnly === true,
    ...(source === undefined || type === 'tmpfs' ? {} : { source }),
  };
}

/**
 * Parses `volumes:`; named sources must be in `declared` (Compose: "service refers to undefined
 * volume"). Entries that do not parse are left out with their errors recorded.
 */
export function parseServiceVolumes(
  c: Checker,
  raw: unknown,
  path: FieldPath,
  declared: ReadonlySet<string>,
): VolumeMount[] {
  const list = c.list(raw, path) ?? [];
  const out: VolumeMount[] = [];
  list.forEach((entry, i) => {
    const p = [...path, i];
    const v =
      typeof entry === 'string'
        ? parseShort(c, entry, p)
        : isRecord(entry)
          ? parseLong(c, entry, p)
          : c.wrongType(p, entry, SHORT_FORM);
    if (v === undefined) return;
    if (v.type === 'volume' && v.source !== undefined && !declared.has(v.source)) {
      c.error(
        p,
        `undefined volume "${v.source}": declare it under the top-level volumes:`,
        declared.size === 0 ? undefined : `one of: ${[...declared].join(', ')}`,
      );
      return;
    }
    out.push(v);
  });
  return out;
}

/** `tmpfs:` (a path or a list of paths, each optionally `:options`). */
export function parseTmpfs(c: Checker, raw: unknown, path: FieldPath): VolumeMount[] {
  const list = typeof raw === 'string' ? [raw] : (c.list(raw, path) ?? []);
  const out: VolumeMount[] = [];
  list.forEach((entry, i) => {
    if (typeof entry !== 'string')
      return void c.wrongType(typeof raw === 'string' ? path : [...path, i], entry, 'a path');
    out.push({ type: 'tmpfs', target: entry.split(':')[0] ?? entry, readOnly: false });
  });
  return out;
}
