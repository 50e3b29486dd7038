/**
 * IP address management: IPv4 addresses and CIDR blocks as integers, the service CIDR a ClusterIP
 * comes from and the NodePort range.
 *
 * - Service CIDR 10.96.0.0/12: kubeadm's default serviceSubnet (K cmd/kubeadm/app/apis/kubeadm
 *   /v1beta4 defaults.go `DefaultServicesSubnet = "10.96.0.0/12"`, with the cluster DNS at
 *   `DefaultClusterDNSIP = "10.96.0.10"`); the API server's `kubernetes` Service takes the first
 *   address, 10.96.0.1.
 * - NodePorts 30000-32767: kube-apiserver `--service-node-port-range` default
 *   (K pkg/kubeapiserver/options `DefaultServiceNodePortRange = {Base: 30000, Size: 2768}`).
 * - Pod CIDR 10.244.0.0/16, a /24 per node (node N gets 10.244.N.0/24, see
 *   src/orchestrators/kubernetes.ts): the usual Flannel/kubeadm `--pod-network-cidr`.
 */

/** A parsed CIDR block: base address (masked) and prefix length. */
export interface Cidr {
  base: number;
  bits: number;
}

const OCTET = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/;

/** The address as an unsigned 32-bit integer, or undefined if `text` is not a dotted IPv4 address. */
export function parseIPv4(text: string): number | undefined {
  const parts = text.split('.');
  if (parts.length !== 4 || !parts.every((p) => OCTET.test(p))) return undefined;
  return parts.reduce((n, p) => n * 256 + Number(p), 0);
}

function formatIPv4(n: number): string {
  return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
}

/** Why a CIDR string is invalid, or undefined when it is valid (`10.0.0.0/8`; host bits must be 0, as the API requires). */
export function cidrError(text: string): string | undefined {
  const slash = text.indexOf('/');
  if (slash < 0) return `invalid CIDR "${text}": missing "/" and prefix length`;
  const ip = parseIPv4(text.slice(0, slash));
  const bitsText = text.slice(slash + 1);
  if (ip === undefined) return `invalid CIDR "${text}": "${text.slice(0, slash)}" is not an IPv4 address`;
  if (!/^\d{1,2}$/.test(bitsText) || Number(bitsText) > 32)
    return `invalid CIDR "${text}": prefix length must be 0 to 32`;
  const bits = Number(bitsText);
  if ((ip & ~maskOf(bits)) >>> 0 !== 0)
    return `invalid CIDR "${text}": host bits are set (did you mean ${formatIPv4((ip & maskOf(bits)) >>> 0)}/${bits}?)`;
  return undefined;
}

function maskOf(bits: number): number {
  return bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0;
}

/** Parses a valid CIDR (check with {@link cidrError} first); throws on an invalid one. */
export function parseCidr(text: string): Cidr {
  const err = cidrError(text);
  if (err !== undefined) throw new Error(err);
  const [ip, bits] = text.split('/') as [string, string];
  return { base: parseIPv4(ip) as number, bits: Number(bits) };
}

function cidrContains(c: Cidr, ip: number): boolean {
  return (ip & maskOf(c.bits)) >>> 0 === c.base;
}

/** Whether the dotted address `ip` lies in the CIDR string `cidr`. */
export function inCidr(cidr: string, ip: string): boolean {
  const n = parseIPv4(ip);
  return n !== undefined && cidrContains(parseCidr(cidr), n);
}

export const SERVICE_CIDR = '10.96.0.0/12';
export const KUBERNETES_SERVICE_IP = '10.96.0.1';
export const CLUSTER_DNS_IP = '10.96.0.10';
export const NODE_PORT_MIN = 30000;
export const NODE_PORT_MAX = 32767;

const SERVICE_RANGE = parseCidr(SERVICE_CIDR);
const SERVICE_SIZE = 2 ** (32 - SERVICE_RANGE.bits);

/**
 * A free ClusterIP for the Service `key`. The API server picks a random free address (its bitmap
 * allocator, K pkg/registry/core/service/ipallocator); here the start point is a hash of the key, so
 * a Service keeps its address across runs and seeds, probing upward on collision. Addresses below
 * .0.16 stay free for fixed ones (the kubernetes and kube-dns Services), like the static band.
 */
export function allocateClusterIP(
  key: string,
  used: ReadonlySet<string>,
  hash: (s: string) => number,
): string {
  const span = SERVICE_SIZE - 2 - 16;
  const start = hash(key) % span;
  for (let i = 0; i < span; i++) {
    const ip = formatIPv4(SERVICE_RANGE.base + 16 + ((start + i) % span));
    if (!used.has(ip)) return ip;
  }
  throw new Error('the service CIDR 10.96.0.0/12 is full');
}

/** A free NodePort for `key` (hash start, probing upward), as the port allocator hands out a random free one. */
export function allocateNodePort(
  key: string,
  used: ReadonlySet<number>,
  hash: (s: string) => number,
): number {
  const span = NODE_PORT_MAX - NODE_PORT_MIN + 1;
  const start = hash(key) % span;
  for (let i = 0; i < span; i++) {
    const port = NODE_PORT_MIN + ((start + i) % span);
    if (!used.has(port)) return port;
  }
  throw new Error('every NodePort in 30000-32767 is taken');
}
