/**
 * Checks of NetworkPolicy specs with the apiserver's wording (K pkg/apis/networking/validation
 * ValidateNetworkPolicySpec): peers, ipBlocks (CIDRs and their exceptions), ports. Service specs
 * are checked in loadServiceSpec.ts.
 */
import type {
  FieldPath,
  IPBlock,
  LabelSelector,
  NetworkPolicyEgressRule,
  NetworkPolicyIngressRule,
  NetworkPolicyPeer,
  NetworkPolicyPort,
} from '../model';
import { cidrError, inCidr, parseCidr } from '../network';
import { type Checker, checkLabelSelector } from './loadChecks';
import { intOrPortName, portNumber, protocol, unknownFields } from './loadNetworkFields';

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
