/**
 * Flow targets: `http://tooling.default.svc.cluster.local:80/path`, `tcp://mysql:3306`,
 * `mysql:3306`, `192.168.0.11:30080`. The scheme sets the default port (http 80, https 443); a
 * target without a scheme needs a port.
 */
export interface Target {
  scheme: string;
  host: string;
  port: number;
  path: string;
}

const SCHEME = /^([a-z][a-z0-9+.-]*):\/\//;
// Underscores appear in Docker's names (a stack's services: tooling_web).
const HOST = /^[a-z0-9]([-a-z0-9._]*[a-z0-9])?$/;
const DEFAULT_PORTS: Record<string, number> = { http: 80, https: 443 };

/** Parses a target, or returns why it is malformed. */
export function parseTarget(text: string): Target | { error: string } {
  const m = SCHEME.exec(text);
  const scheme = m?.[1] ?? 'tcp';
  const rest = m === null ? text : text.slice(m[0].length);
  const slash = rest.indexOf('/');
  const authority = slash < 0 ? rest : rest.slice(0, slash);
  const path = slash < 0 ? '/' : rest.slice(slash);
  const colon = authority.lastIndexOf(':');
  const host = (colon < 0 ? authority : authority.slice(0, colon)).toLowerCase();
  const portText = colon < 0 ? undefined : authority.slice(colon + 1);
  if (host === '' || !HOST.test(host.endsWith('.') ? host.slice(0, -1) : host))
    return { error: `malformed URL "${text}": "${host}" is not a host name or IPv4 address` };
  if (!['http', 'https', 'tcp', 'udp', 'grpc'].includes(scheme))
    return { error: `malformed URL "${text}": unsupported scheme "${scheme}" (http, https, tcp, udp, grpc)` };
  let port: number | undefined;
  if (portText !== undefined) {
    if (!/^\d+$/.test(portText))
      return { error: `malformed URL "${text}": port "${portText}" is not a number` };
    port = Number(portText);
    if (port < 1 || port > 65535)
      return { error: `port ${port} out of range in "${text}": must be between 1 and 65535, inclusive` };
  } else port = DEFAULT_PORTS[scheme];
  if (port === undefined)
    return { error: `malformed URL "${text}": a ${scheme} target needs a port, like ${host}:3306` };
  return { scheme, host, port, path };
}
