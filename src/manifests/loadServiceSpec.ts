/**
 * Checks of Service specs with the apiserver's wording (K pkg/apis/core/validation
 * ValidateService), and of the address ranges the simulated cluster uses (service CIDR
 * 10.96.0.0/12, NodePorts 30000-32767: src/network/ipam.ts).
 */
import type { FieldPath, ServicePort, ServiceType } from '../model';
import { inCidr, NODE_PORT_MAX, NODE_PORT_MIN, parseIPv4, SERVICE_CIDR } from '../network';
import { type Checker, DNS1123_LABEL, DNS1123_LABEL_MSG } from './loadChecks';
import { intOrPortName, portNumber, protocol, unknownFields } from './loadNetworkFields';

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
const TYPES = ['ClusterIP', 'NodePort', 'LoadBalancer'];

/** A Service spec (types ClusterIP, NodePort, LoadBalancer; ExternalName is not modelled). */
export function checkServiceSpec(c: Checker, v: unknown): ServiceSpecInput | undefined {
  const m = c.map(v, ['spec']);
  if (m === undefined) return undefined;
  const before = c.errors.length;
  unknownFields(c, m, ['spec'], SERVICE_FIELDS);
  const type = serviceType(c, m.type);
  const out: ServiceSpecInput = { type, ports: [] };
  if (m.selector !== undefined && m.selector !== null) {
    const sel = c.stringMap(m.selector, ['spec', 'selector'], true);
    if (sel !== undefined) out.selector = sel;
  }
  const clusterIP = m.clusterIP === undefined ? undefined : checkClusterIP(c, m.clusterIP, type);
  if (clusterIP !== undefined) out.clusterIP = clusterIP;
  out.ports = servicePorts(c, m.ports, type, clusterIP === 'None');
  sessionAffinity(c, m, out);
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

function serviceType(c: Checker, v: unknown): ServiceType {
  if (v === undefined) return 'ClusterIP';
  if (typeof v === 'string' && TYPES.includes(v)) return v as ServiceType;
  c.error(
    ['spec', 'type'],
    `Unsupported value: ${JSON.stringify(v)}`,
    `one of: ${TYPES.join(', ')} (ExternalName is not modelled)`,
  );
  return 'ClusterIP';
}

/** `None` (headless), or an address inside the service CIDR; undefined when unset or invalid. */
function checkClusterIP(c: Checker, v: unknown, type: ServiceType): string | undefined {
  const path = ['spec', 'clusterIP'];
  const ip = c.string(v, path);
  if (ip === 'None') {
    if (type !== 'ClusterIP')
      c.error(path, `Invalid value: "None": may not be set to 'None' for ${type} services`);
    return ip;
  }
  if (ip === undefined || ip === '') return undefined;
  if (parseIPv4(ip) === undefined)
    return c.error(path, `Invalid value: "${ip}": must be a valid IP address or "None"`);
  if (!inCidr(SERVICE_CIDR, ip))
    return c.error(
      path,
      `Invalid value: "${ip}": failed to allocate IP ${ip}: the provided IP (${ip}) is not in the valid range. The range of valid IPs is ${SERVICE_CIDR}`,
    );
  return ip;
}

/** The ports; a headless Service may have none. */
function servicePorts(c: Checker, v: unknown, type: ServiceType, headless: boolean): ServicePort[] {
  const list = v === undefined && headless ? [] : c.list(v, ['spec', 'ports']);
  if (list !== undefined && list.length === 0 && !headless) c.error(['spec', 'ports'], 'Required value');
  const names = new Set<string>();
  const out: ServicePort[] = [];
  for (const [i, raw] of (list ?? []).entries()) {
    const port = servicePort(c, raw, ['spec', 'ports', i], type, names, (list ?? []).length > 1);
    if (port !== undefined) out.push(port);
  }
  return out;
}

/** One port; `names` are the names of the ports before it, `many` says whether it needs one. */
function servicePort(
  c: Checker,
  raw: unknown,
  p: FieldPath,
  type: ServiceType,
  names: Set<string>,
  many: boolean,
): ServicePort | undefined {
  const pm = c.map(raw, p);
  if (pm === undefined) return undefined;
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
  } else if (many)
    c.error([...p, 'name'], 'Required value: name is required when a service has more than one port');
  const target = pm.targetPort === undefined ? port : intOrPortName(c, pm.targetPort, [...p, 'targetPort']);
  const nodePort =
    pm.nodePort === undefined ? undefined : checkNodePort(c, pm.nodePort, [...p, 'nodePort'], type);
  if (port === undefined || proto === undefined || target === undefined) return undefined;
  return {
    ...(name !== undefined && name !== '' ? { name } : {}),
    protocol: proto,
    port,
    targetPort: target,
    ...(nodePort === undefined ? {} : { nodePort }),
  };
}

/** A NodePort the person chose: not on a ClusterIP Service, and inside the NodePort range. */
function checkNodePort(c: Checker, v: unknown, path: FieldPath, type: ServiceType): number | undefined {
  if (type === 'ClusterIP') return c.error(path, "Forbidden: may not be used when `type` is 'ClusterIP'");
  if (typeof v !== 'number' || !Number.isInteger(v)) return c.wrongType(path, v, 'a port number');
  if (v < NODE_PORT_MIN || v > NODE_PORT_MAX)
    return c.error(
      path,
      `Invalid value: ${v}: provided port is not in the valid range. The range of valid ports is ${NODE_PORT_MIN}-${NODE_PORT_MAX}`,
    );
  return v;
}

/** sessionAffinity, and the ClientIP timeout, which only ClientIP affinity may set. */
function sessionAffinity(c: Checker, m: Record<string, unknown>, out: ServiceSpecInput): void {
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
  if (m.sessionAffinityConfig === undefined) return;
  const t = (m.sessionAffinityConfig as { clientIP?: { timeoutSeconds?: unknown } } | null)?.clientIP
    ?.timeoutSeconds;
  const path = ['spec', 'sessionAffinityConfig', 'clientIP', 'timeoutSeconds'];
  if (out.sessionAffinity !== 'ClientIP')
    c.error(['spec', 'sessionAffinityConfig'], "Forbidden: must not be set when `sessionAffinity` is 'None'");
  else if (t !== undefined) {
    if (typeof t !== 'number' || !Number.isInteger(t) || t < 1 || t > 86400)
      c.error(path, `Invalid value: ${JSON.stringify(t)}: must be greater than 0 and less than 86400`);
    else out.timeoutSeconds = t;
  }
}
