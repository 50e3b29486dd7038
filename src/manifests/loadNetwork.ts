/**
 * Checks of Service and NetworkPolicy specs with the apiserver's wording
 * (K pkg/apis/core/validation ValidateService, pkg/apis/networking/validation
 * ValidateNetworkPolicySpec), and of the address ranges the simulated cluster uses (service CIDR
 * 10.96.0.0/12, NodePorts 30000-32767: src/network/ipam.ts).
 */
import type { LabelSelector } from '../model/labels';
import type {
  IPBlock,
  NetworkPolicyEgressRule,
  NetworkPolicyIngressRule,
  NetworkPolicyPeer,
  NetworkPolicyPort,
  Protocol,
  ServicePort,
  ServiceType,
} from '../model/network';
import {
  cidrError,
  inCidr,
  NODE_PORT_MAX,
  NODE_PORT_MIN,
  parseCidr,
  parseIPv4,
  SERVICE_CIDR,
} from '../network/ipam';
import type { FieldPath } from '../model/located';
import { Checker, checkLabelSelector, closest, DNS1123_LABEL, DNS1123_LABEL_MSG } from './loadChecks';

const PROTOCOLS = ['TCP', 'UDP', 'SCTP'] as const;
/** IANA_SVC_NAME (validation.go IsValidPortName): at most 15 chars, a-z0-9 and '-', a letter, no '--'. */
const PORT_NAME = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/;
const PORT_RANGE_MSG = 'must be between 1 and 65535, inclusive';

export function isPortName(s: string): boolean {
  return s.length <= 15 && PORT_NAME.test(s) && /[a-z]/.test(s) && !s.includes('--');
}

function unknownFields(
  c: Checker,
  m: Record<string, unknown>,
  path: FieldPath,
  known: readonly string[],
): void {
  for (const k of Object.keys(m)) {
    if (known.includes(k)) continue;
    const guess = closest(k, known);
    c.errors.push(
      c.loc.keyError(
        [...path, k],
        `unknown field "${k}"`,
        guess ? `"${guess}"` : `one of: ${known.join(', ')}`,
      ),
    );
  }
}

function protocol(c: Checker, v: unknown, path: FieldPath): Protocol | undefined {
  if (v === undefined) return 'TCP';
  if (typeof v === 'string' && (PROTOCOLS as readonly string[]).includes(v)) return v as Protocol;
  return c.error(path, `Unsupported value: ${JSON.stringify(v)}`, `one of: ${PROTOCOLS.join(', ')}`);
}

/** A port number 1-65535. */
function portNumber(c: Checker, v: unknown, path: FieldPath): number | undefined {
  if (typeof v !== 'number' || !Number.isInteger(v)) return c.wrongType(path, v, 'a port number (1-65535)');
  if (v < 1 || v > 65535) return c.error(path, `Invalid value: ${v}: ${PORT_RANGE_MSG}`);
  return v;
}

/** A port number or an IANA port name (targetPort, NetworkPolicy port). */
function intOrPortName(c: Checker, v: unknown, path: FieldPath): number | string | undefined {
  if (typeof v === 'string') {
    if (/^\d+$/.test(v)) return portNumber(c, Number(v), path);
    if (!isPortName(v))
      return c.error(
        path,
        `Invalid value: "${v}": must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-), at most 15 characters, at least one letter`,
        'a port number or a container port name such as "http"',
      );
    return v;
  }
  return portNumber(c, v, path);
}

export interface ServiceSpecInput {
  type: ServiceType;
  selector?: Record<string, string>;
  ports: ServicePort[];
  clusterIP?: string;
  sessionAffinity?: 'None' | 'ClientIP';
  timeoutSeconds?: number;
  publishNotReadyAddresses?: boolean;
  externalTrafficPolicy?: 'Cluster' | 'Local';
  internalTrafficPolicy?: 'Cluster' | 'Local';
}

const SERVICE_FIELDS = [
  'type',
  'selector',
  'ports',
  'clusterIP',
  'clusterIPs',
  'sessionAffinity',
  'sessionAffinityConfig',
  'publishNotReadyAddresses',
  'externalTrafficPolicy',
  'internalTrafficPolicy',
  'ipFamilies',
  'ipFamilyPolicy',
];
const PORT_FIELDS = ['name', 'protocol', 'port', 'targetPort', 'nodePort', 'appProtocol'];

/** A Service spec (types ClusterIP, NodePort, LoadBalancer; ExternalName is not modelled). */
export function checkServiceSpec(c: Checker, v: unknown): ServiceSpecInput | undefined {
  const m = c.map(v, ['spec']);
  if (m === undefined) return undefined;
  const before = c.errors.length;
  unknownFields(c, m, ['spec'], SERVICE_FIELDS);
  const types = ['ClusterIP', 'NodePort', 'LoadBalancer'];
  let type: ServiceType = 'ClusterIP';
  if (m.type !== undefined) {
    if (typeof m.type === 'string' && types.includes(m.type)) type = m.type as ServiceType;
    else
      c.error(
        ['spec', 'type'],
        `Unsupported value: ${JSON.stringify(m.type)}`,
        `one of: ${types.join(', ')} (ExternalName is not modelled)`,
      );
  }
  const out: ServiceSpecInput = { type, ports: [] };
  if (m.selector !== undefined && m.selector !== null) {
    const sel = c.stringMap(m.selector, ['spec', 'selector'], true);
    if (sel !== undefined) out.selector = sel;
  }
  if (m.clusterIP !== undefined) {
    const ip = c.string(m.clusterIP, ['spec', 'clusterIP']);
    if (ip === 'None') {
      if (type !== 'ClusterIP')
        c.error(
          ['spec', 'clusterIP'],
          `Invalid value: "None": may not be set to 'None' for ${type} services`,
        );
      out.clusterIP = ip;
    } else if (ip !== undefined && ip !== '') {
      if (parseIPv4(ip) === undefined)
        c.error(['spec', 'clusterIP'], `Invalid value: "${ip}": must be a valid IP address or "None"`);
      else if (!inCidr(SERVICE_CIDR, ip))
        c.error(
          ['spec', 'clusterIP'],
          `Invalid value: "${ip}": failed to allocate IP ${ip}: the provided IP (${ip}) is not in the valid range. The range of valid IPs is ${SERVICE_CIDR}`,
        );
      else out.clusterIP = ip;
    }
  }
  const headless = out.clusterIP === 'None';
  const list = m.ports === undefined && headless ? [] : c.list(m.ports, ['spec', 'ports']);
  if (list !== undefined && list.length === 0 && !headless) c.error(['spec', 'ports'], 'Required value');
  const names = new Set<string>();
  for (const [i, raw] of (list ?? []).entries()) {
    const p: FieldPath = ['spec', 'ports', i];
    const pm = c.map(raw, p);
    if (pm === undefined) continue;
    unknownFields(c, pm, p, PORT_FIELDS);
    const port = portNumber(c, pm.port, [...p, 'port']);
    const proto = protocol(c, pm.protocol, [...p, 'protocol']);
    let name: string | undefined;
    if (pm.name !== undefined) {
      name = c.string(pm.name, [...p, 'name']);
      // A Service port name is a DNS-1123 label (validation.go validateServicePort), unlike a container port's IANA name.
      if (name !== undefined && name !== '' && (!DNS1123_LABEL.test(name) || name.length > 63))
        c.error([...p, 'name'], `Invalid value: "${name}": ${DNS1123_LABEL_MSG}`);
      if (name !== undefined && names.has(name)) c.error([...p, 'name'], `Duplicate value: "${name}"`);
      if (name !== undefined) names.add(name);
    } else if ((list ?? []).length > 1)
      c.error([...p, 'name'], 'Required value: name is required when a service has more than one port');
    const target = pm.targetPort === undefined ? port : intOrPortName(c, pm.targetPort, [...p, 'targetPort']);
    let nodePort: number | undefined;
    if (pm.nodePort !== undefined) {
      if (type === 'ClusterIP')
        c.error([...p, 'nodePort'], "Forbidden: may not be used when `type` is 'ClusterIP'");
      else if (typeof pm.nodePort !== 'number' || !Number.isInteger(pm.nodePort))
        c.wrongType([...p, 'nodePort'], pm.nodePort, 'a port number');
      else if (pm.nodePort < NODE_PORT_MIN || pm.nodePort > NODE_PORT_MAX)
        c.error(
          [...p, 'nodePort'],
          `Invalid value: ${pm.nodePort}: provided port is not in the valid range. The range of valid ports is ${NODE_PORT_MIN}-${NODE_PORT_MAX}`,
        );
      else nodePort = pm.nodePort;
    }
    if (port === undefined || proto === undefined || target === undefined) continue;
    out.ports.push({
      ...(name !== undefined && name !== '' ? { name } : {}),
      protocol: proto,
      port,
      targetPort: target,
      ...(nodePort === undefined ? {} : { nodePort }),
    });
  }
  if (m.sessionAffinity !== undefined) {
    if (m.sessionAffinity === 'None' || m.sessionAffinity === 'ClientIP')
      out.sessionAffinity = m.sessionAffinity;
    else
      c.error(
        ['spec', 'sessionAffinity'],
        `Unsupported value: ${JSON.stringify(m.sessionAffinity)}`,
        'one of: ClientIP, None',
      );
  }
  if (m.sessionAffinityConfig !== undefined) {
    const t = (m.sessionAffinityConfig as { clientIP?: { timeoutSeconds?: unknown } } | null)?.clientIP
      ?.timeoutSeconds;
    const path = ['spec', 'sessionAffinityConfig', 'clientIP', 'timeoutSeconds'];
    if (out.sessionAffinity !== 'ClientIP')
      c.error(
        ['spec', 'sessionAffinityConfig'],
        "Forbidden: must not be set when `sessionAffinity` is 'None'",
      );
    else if (t !== undefined) {
      if (typeof t !== 'number' || !Number.isInteger(t) || t < 1 || t > 86400)
        c.error(path, `Invalid value: ${JSON.stringify(t)}: must be greater than 0 and less than 86400`);
      else out.timeoutSeconds = t;
    }
  }
  if (m.publishNotReadyAddresses !== undefined)
    out.publishNotReadyAddresses = m.publishNotReadyAddresses === true;
  for (const f of ['externalTrafficPolicy', 'internalTrafficPolicy'] as const) {
    const x = m[f];
    if (x === undefined) continue;
    if (x === 'Cluster' || x === 'Local') out[f] = x;
    else c.error(['spec', f], `Unsupported value: ${JSON.stringify(x)}`, 'one of: Cluster, Local');
  }
  return c.errors.length === before ? out : undefined;
}

export interface NetworkPolicySpecInput {
  podSelector: LabelSelector;
  policyTypes?: ('Ingress' | 'Egress')[];
  ingress?: NetworkPolicyIngressRule[];
  egress?: NetworkPolicyEgressRule[];
}

function checkPeers(c: Checker, v: unknown, path: FieldPath): NetworkPolicyPeer[] | undefined {
  if (v === undefined || v === null) return undefined;
  const list = c.list(v, path);
  const out: NetworkPolicyPeer[] = [];
  for (const [i, raw] of (list ?? []).entries()) {
    const p = [...path, i];
    const m = c.map(raw, p);
    if (m === undefined) continue;
    unknownFields(c, m, p, ['podSelector', 'namespaceSelector', 'ipBlock']);
    const peer: NetworkPolicyPeer = {};
    if (m.podSelector !== undefined) {
      const s = m.podSelector === null ? {} : checkLabelSelector(c, m.podSelector, [...p, 'podSelector']);
      if (s !== undefined) peer.podSelector = s;
    }
    if (m.namespaceSelector !== undefined) {
      const s =
        m.namespaceSelector === null
          ? {}
          : checkLabelSelector(c, m.namespaceSelector, [...p, 'namespaceSelector']);
      if (s !== undefined) peer.namespaceSelector = s;
    }
    if (m.ipBlock !== undefined) {
      if (m.podSelector !== undefined || m.namespaceSelector !== undefined)
        c.error(p, 'Forbidden: may not specify both ipBlock and another peer');
      const b = checkIPBlock(c, m.ipBlock, [...p, 'ipBlock']);
      if (b !== undefined) peer.ipBlock = b;
    }
    if (m.podSelector === undefined && m.namespaceSelector === undefined && m.ipBlock === undefined)
      c.error(p, 'Required value: must specify a peer', 'podSelector, namespaceSelector or ipBlock');
    out.push(peer);
  }
  return out;
}

function checkIPBlock(c: Checker, v: unknown, path: FieldPath): IPBlock | undefined {
  const m = c.map(v, path);
  if (m === undefined) return undefined;
  unknownFields(c, m, path, ['cidr', 'except']);
  const cidr = c.string(m.cidr, [...path, 'cidr']);
  if (cidr === undefined) return undefined;
  const err = cidrError(cidr);
  if (err !== undefined)
    return c.error([...path, 'cidr'], `Invalid value: "${cidr}": ${err}`, 'a CIDR such as 10.0.0.0/16');
  const block: IPBlock = { cidr };
  if (m.except !== undefined) {
    const outer = parseCidr(cidr);
    const except: string[] = [];
    for (const [i, e] of (c.list(m.except, [...path, 'except']) ?? []).entries()) {
      const ep = [...path, 'except', i];
      if (typeof e !== 'string') {
        c.wrongType(ep, e, 'a CIDR string');
        continue;
      }
      const eErr = cidrError(e);
      if (eErr !== undefined) {
        c.error(ep, `Invalid value: "${e}": ${eErr}`);
        continue;
      }
      const inner = parseCidr(e);
      if (inner.bits <= outer.bits || !inCidr(cidr, e.split('/')[0] as string))
        c.error(ep, `Invalid value: "${e}": must be a strict subset of \`cidr\` ${cidr}`);
      else except.push(e);
    }
    block.except = except;
  }
  return block;
}

function checkPolicyPorts(c: Checker, v: unknown, path: FieldPath): NetworkPolicyPort[] | undefined {
  if (v === undefined || v === null) return undefined;
  const out: NetworkPolicyPort[] = [];
  for (const [i, raw] of (c.list(v, path) ?? []).entries()) {
    const p = [...path, i];
    const m = c.map(raw, p);
    if (m === undefined) continue;
    unknownFields(c, m, p, ['protocol', 'port', 'endPort']);
    const proto = protocol(c, m.protocol, [...p, 'protocol']);
    const port = m.port === undefined ? undefined : intOrPortName(c, m.port, [...p, 'port']);
    let endPort: number | undefined;
    if (m.endPort !== undefined) {
      endPort = portNumber(c, m.endPort, [...p, 'endPort']);
      if (typeof port !== 'number')
        c.error([...p, 'endPort'], 'Invalid value: may not be specified when `port` is not a number');
      else if (endPort !== undefined && endPort < port)
        c.error([...p, 'endPort'], `Invalid value: ${endPort}: must be greater than or equal to \`port\``);
    }
    if (proto === undefined) continue;
    out.push({
      protocol: proto,
      ...(port === undefined ? {} : { port }),
      ...(endPort === undefined ? {} : { endPort }),
    });
  }
  return out;
}

/** A NetworkPolicy spec; policyTypes is defaulted by defaultNetworkPolicy. */
export function checkNetworkPolicySpec(c: Checker, v: unknown): NetworkPolicySpecInput | undefined {
  const m = c.map(v, ['spec']);
  if (m === undefined) return undefined;
  const before = c.errors.length;
  unknownFields(c, m, ['spec'], ['podSelector', 'policyTypes', 'ingress', 'egress']);
  const podSelector =
    m.podSelector === undefined || m.podSelector === null
      ? {}
      : checkLabelSelector(c, m.podSelector, ['spec', 'podSelector']);
  const out: NetworkPolicySpecInput = { podSelector: podSelector ?? {} };
  if (m.policyTypes !== undefined) {
    const types: ('Ingress' | 'Egress')[] = [];
    for (const [i, t] of (c.list(m.policyTypes, ['spec', 'policyTypes']) ?? []).entries()) {
      if (t === 'Ingress' || t === 'Egress') types.push(t);
      else
        c.error(
          ['spec', 'policyTypes', i],
          `Unsupported value: ${JSON.stringify(t)}`,
          'one of: Egress, Ingress',
        );
    }
    out.policyTypes = types;
  }
  if (m.ingress !== undefined && m.ingress !== null) {
    out.ingress = [];
    for (const [i, raw] of (c.list(m.ingress, ['spec', 'ingress']) ?? []).entries()) {
      const p = ['spec', 'ingress', i];
      const r = raw === null ? {} : c.map(raw, p);
      if (r === undefined) continue;
      unknownFields(c, r, p, ['from', 'ports']);
      const from = checkPeers(c, r.from, [...p, 'from']);
      const ports = checkPolicyPorts(c, r.ports, [...p, 'ports']);
      out.ingress.push({
        ...(from === undefined ? {} : { from }),
        ...(ports === undefined ? {} : { ports }),
      });
    }
  }
  if (m.egress !== undefined && m.egress !== null) {
    out.egress = [];
    for (const [i, raw] of (c.list(m.egress, ['spec', 'egress']) ?? []).entries()) {
      const p = ['spec', 'egress', i];
      const r = raw === null ? {} : c.map(raw, p);
      if (r === undefined) continue;
      unknownFields(c, r, p, ['to', 'ports']);
      const to = checkPeers(c, r.to, [...p, 'to']);
      const ports = checkPolicyPorts(c, r.ports, [...p, 'ports']);
      out.egress.push({ ...(to === undefined ? {} : { to }), ...(ports === undefined ? {} : { ports }) });
    }
  }
  return c.errors.length === before ? out : undefined;
}
