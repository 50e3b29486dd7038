/**
 * `ports:` entries, short (`"8080:80"`, `"127.0.0.1:8080:80/udp"`, `"8000-8010:80"`,
 * `"3000-3005"`, `"[::1]:6000:6000"`, `80`) and long (`{target, published, host_ip, protocol,
 * mode, name}`) syntax (compose spec "ports"). A container range expands to one mapping per port.
 */
import type { FieldPath, PortMapping } from '../model';
import { type Checker, isRecord } from '../manifests';
import { warnUnknownKeys } from './keys';

const SHORT_FORM = 'a port mapping such as "8080:80", "127.0.0.1:8080:80/udp", "8000-8010:80" or "80"';
const PROTOCOLS = ['tcp', 'udp'] as const;

interface Range {
  start: number;
  end: number;
}

function parseRange(text: string): Range | undefined {
  const m = /^(\d+)(?:-(\d+))?$/.exec(text);
  if (m === null) return undefined;
  const start = Number(m[1]);
  const end = m[2] === undefined ? start : Number(m[2]);
  if (start < 1 || end > 65535 || end < start) return undefined;
  return { start, end };
}

function isIp(text: string): boolean {
  const v4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(text);
  if (v4 !== null) return v4.slice(1).every((n) => Number(n) <= 255);
  return /^[0-9a-fA-F:.]+$/.test(text) && text.includes(':');
}

function protocolOf(
  c: Checker,
  text: string | undefined,
  path: FieldPath,
): PortMapping['protocol'] | undefined {
  if (text === undefined) return 'tcp';
  const p = text.toLowerCase();
  if ((PROTOCOLS as readonly string[]).includes(p)) return p as PortMapping['protocol'];
  return c.error(path, `unsupported protocol "${text}"`, 'tcp or udp');
}

/** One short-syntax entry; undefined (with an error recorded) when it does not parse. */
function parseShort(c: Checker, text: string, path: FieldPath): PortMapping[] | undefined {
  const bad = () => c.error(path, `invalid port "${text}"`, SHORT_FORM);
  const slash = text.lastIndexOf('/');
  const protocol = protocolOf(c, slash < 0 ? undefined : text.slice(slash + 1), path);
  if (protocol === undefined) return undefined;
  let rest = slash < 0 ? text : text.slice(0, slash);
  let hostIp: string | undefined;
  const v6 = /^\[([0-9a-fA-F:.]+)\]:(.*)$/.exec(rest);
  if (v6 !== null) {
    hostIp = v6[1];
    rest = v6[2] ?? '';
  }
  const parts = rest.split(':');
  let host: string | undefined;
  let container: string;
  if (parts.length === 1) container = parts[0] ?? '';
  else if (parts.length === 2) [host, container] = [parts[0], parts[1] ?? ''];
  else if (parts.length === 3 && hostIp === undefined)
    [hostIp, host, container] = [parts[0], parts[1], parts[2] ?? ''];
  else return bad();
  // Docker parses the host address (net.ParseIP): "80:80:80" is not an address.
  if (hostIp !== undefined && hostIp !== '' && !isIp(hostIp)) return bad();
  const target = parseRange(container);
  const published = host === undefined || host === '' ? undefined : parseRange(host);
  if (target === undefined || (host !== undefined && host !== '' && published === undefined)) return bad();
  const base = {
    protocol,
    mode: 'ingress' as const,
    ...(hostIp === undefined || hostIp === '' ? {} : { hostIp }),
  };
  const count = target.end - target.start + 1;
  if (count === 1) {
    return [
      {
        ...base,
        target: target.start,
        ...(published === undefined ? {} : { published: published.start }),
        ...(published === undefined || published.end === published.start
          ? {}
          : { publishedEnd: published.end }),
      },
    ];
  }
  // A container range needs no host range or one of the same length (Docker pairs them in order).
  if (published !== undefined && published.end - published.start + 1 !== count)
    return c.error(path, `invalid port "${text}": the host and container ranges differ in length`);
  return Array.from({ length: count }, (_, i) => ({
    ...base,
    target: target.start + i,
    ...(published === undefined ? {} : { published: published.start + i }),
  }));
}

const LONG_KEYS = ['target', 'published', 'host_ip', 'protocol', 'mode', 'name', 'app_protocol'];

function parseLong(c: Checker, m: Record<string, unknown>, path: FieldPath): PortMapping | undefined {
  warnUnknownKeys(c, m, path, LONG_KEYS, ['app_protocol']);
  const target = typeof m.target === 'string' && /^\d+$/.test(m.target) ? Number(m.target) : m.target;
  if (typeof target !== 'number' || !Number.isInteger(target) || target < 1 || target > 65535)
    return target === undefined
      ? c.missing([...path, 'target'])
      : c.error(
          [...path, 'target'],
          `invalid container port ${JSON.stringify(m.target)}`,
          'a port from 1 to 65535',
        );
  const protocol = protocolOf(c, typeof m.protocol === 'string' ? m.protocol : undefined, [
    ...path,
    'protocol',
  ]);
  if (protocol === undefined) return undefined;
  const mode = m.mode ?? 'ingress';
  if (mode !== 'ingress' && mode !== 'host')
    return c.error([...path, 'mode'], `invalid mode ${JSON.stringify(mode)}`, 'ingress or host');
  const out: PortMapping = { target, protocol, mode };
  if (m.published !== undefined && m.published !== null && m.published !== '') {
    const range = parseRange(String(m.published));
    if (range === undefined)
      return c.error(
        [...path, 'published'],
        `invalid published port ${JSON.stringify(m.published)}`,
        'a port or a range such as 8000-8010',
      );
    out.published = range.start;
    if (range.end !== range.start) out.publishedEnd = range.end;
  }
  if (m.host_ip !== undefined) {
    const ip = c.string(m.host_ip, [...path, 'host_ip']);
    if (ip === undefined) return undefined;
    out.hostIp = ip;
  }
  if (m.name !== undefined) {
    const name = c.string(m.name, [...path, 'name']);
    if (name === undefined) return undefined;
    out.name = name;
  }
  return out;
}

/** The whole `ports:` list; entries that do not parse are left out (their errors are recorded). */
export function parsePorts(c: Checker, raw: unknown, path: FieldPath): PortMapping[] {
  const list = c.list(raw, path) ?? [];
  const out: PortMapping[] = [];
  list.forEach((entry, i) => {
    const p = [...path, i];
    if (typeof entry === 'number' && Number.isInteger(entry))
      out.push(...(parseShort(c, String(entry), p) ?? []));
    else if (typeof entry === 'string') out.push(...(parseShort(c, entry.trim(), p) ?? []));
    else if (isRecord(entry)) {
      const long = parseLong(c, entry, p);
      if (long !== undefined) out.push(long);
    } else c.wrongType(p, entry, SHORT_FORM);
  });
  return out;
}

/** `expose:` container ports (`"3000"`, `3000`, `"8000-8010"`, `"3000/udp"`); protocols are dropped. */
export function parseExpose(c: Checker, raw: unknown, path: FieldPath): number[] {
  const list = c.list(raw, path) ?? [];
  const out: number[] = [];
  list.forEach((entry, i) => {
    const text = typeof entry === 'number' || typeof entry === 'string' ? String(entry) : undefined;
    const range = text === undefined ? undefined : parseRange(text.replace(/\/(tcp|udp)$/i, ''));
    if (range === undefined) {
      c.error(
        [...path, i],
        `invalid port ${JSON.stringify(entry)}`,
        'a container port such as 3000 or "8000-8010"',
      );
      return;
    }
    for (let p = range.start; p <= range.end; p++) out.push(p);
  });
  return out;
}
