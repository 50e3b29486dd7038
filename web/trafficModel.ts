/**
 * The services-and-traffic view's model: each Service as a hub with its endpoints (from its
 * EndpointSlices: ready, serving, terminating), and each traffic flow's last second from the trace
 * (`traffic` records: requests, successes, failures by cause, requests per backend pod; `request`
 * samples: which Service a flow goes through, and its client). Pure.
 */
import type { GenericRecord, TraceRecord } from '../src/engine';
import type { ClusterState } from '../src/model';

export interface EndpointItem {
  /** `namespace/name` of the pod (or the address when the endpoint has no pod). */
  pod: string;
  name: string;
  node: string;
  ready: boolean;
  terminating: boolean;
}

export interface ServiceHub {
  id: string;
  name: string;
  type: string;
  endpoints: EndpointItem[];
}

export interface FlowSecond {
  flow: string;
  /** `external`, or the client pod's name. */
  client: string;
  service?: string;
  requests: number;
  successes: number;
  failures: { cause: string; count: number }[];
  p99: number;
  /** Requests per backend pod (`namespace/name`). */
  backends: Record<string, number>;
}

export interface TrafficModel {
  services: ServiceHub[];
  flows: FlowSecond[];
}

const SERVICE_NAME_LABEL = 'kubernetes.io/service-name';

function servicesOf(state: ClusterState): ServiceHub[] {
  const hubs = new Map<string, ServiceHub>();
  for (const [key, svc] of Object.entries(state.services ?? {}).sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (key === 'default/kubernetes') continue;
    hubs.set(key, { id: key, name: svc.metadata.name, type: svc.spec.type ?? 'ClusterIP', endpoints: [] });
  }
  for (const slice of Object.values(state.endpointSlices ?? {})) {
    const ns = slice.metadata.namespace ?? 'default';
    const hub = hubs.get(`${ns}/${slice.metadata.labels?.[SERVICE_NAME_LABEL] ?? ''}`);
    if (hub === undefined) continue;
    for (const e of slice.endpoints) {
      const pod = e.targetRef ? `${e.targetRef.namespace}/${e.targetRef.name}` : (e.addresses[0] ?? '?');
      if (hub.endpoints.some((x) => x.pod === pod)) continue;
      hub.endpoints.push({
        pod,
        name: e.targetRef?.name ?? pod,
        node: e.nodeName ?? '',
        ready: e.conditions.ready === true,
        terminating: e.conditions.terminating === true,
      });
    }
  }
  for (const hub of hubs.values()) hub.endpoints.sort((a, b) => (a.pod < b.pod ? -1 : 1));
  return [...hubs.values()];
}

/** The model at `now`: flows whose last second ended within the last two seconds. */
export function trafficModel(state: ClusterState, trace: readonly TraceRecord[], now: number): TrafficModel {
  const last = new Map<string, GenericRecord>();
  const sample = new Map<string, GenericRecord>();
  for (const r of trace) {
    if (r.t > now) break;
    const g = r as GenericRecord;
    if (g.type === 'traffic') last.set(String(g['flow']), g);
    else if (g.type === 'request') sample.set(String(g['flow']), g);
  }
  const flows: FlowSecond[] = [];
  for (const [flow, r] of last) {
    if (r.t <= now - 2000) continue;
    const s = sample.get(flow);
    const client = String(s?.['client'] ?? 'external');
    const failures = Object.entries((r['failures'] as Record<string, number> | undefined) ?? {})
      .filter(([, n]) => n > 0)
      .map(([cause, count]) => ({ cause, count }));
    const item: FlowSecond = {
      flow,
      client: client.startsWith('external') ? 'external' : client.replace(/^[^/]+\//, ''),
      requests: Number(r['requests'] ?? 0),
      successes: Number(r['successes'] ?? 0),
      failures,
      p99: Number(r['p99'] ?? 0),
      backends: (r['backends'] as Record<string, number> | undefined) ?? {},
    };
    if (typeof s?.['service'] === 'string') item.service = s['service'];
    flows.push(item);
  }
  return { services: servicesOf(state), flows: flows.sort((a, b) => (a.flow < b.flow ? -1 : 1)) };
}

/** `20/s ✓ 100%` or `20/s ✗ 20 timeout`: a flow's second in words and symbols. */
export function flowLabel(f: FlowSecond): string {
  const rate = `${f.flow}: ${f.requests}/s`;
  if (f.requests === 0) return `${rate}`;
  const ok = Math.round((100 * f.successes) / f.requests);
  const fails = f.failures.map((x) => `✗ ${x.count} ${x.cause}`).join(' ');
  return `${rate} ✓ ${ok}%${fails === '' ? '' : ` ${fails}`}`;
}
