/**
 * Where the services-and-traffic view puts things: clients in the left column, each Service's hub
 * in the middle, its endpoints on the right, rows spread evenly over the tallest column. Pure.
 */
import type { FlowSecond, ServiceHub } from './trafficModel';

const ROW = 64;
const TOP = 16;

export interface Point {
  x: number;
  y: number;
}

export interface TrafficLayout {
  width: number;
  height: number;
  clients: Map<string, Point>;
  hubs: Map<string, Point>;
  /** By `serviceId>podKey`: a pod behind two Services has a place under each. */
  endpoints: Map<string, Point>;
}

/** The key of a Service's endpoint in {@link TrafficLayout.endpoints}. */
export const endpointId = (service: string, pod: string) => `${service}>${pod}`;

/** Positions: three columns, rows spread evenly; endpoints grouped under their Service. */
export function trafficLayout(
  allServices: readonly ServiceHub[],
  flows: readonly FlowSecond[],
  width: number,
): TrafficLayout {
  const clients = [...new Set(flows.map((f) => f.client))];
  // Services in the order of the flows that reach them, so that edges do not cross needlessly.
  const rank = new Map<string, number>();
  flows.forEach((f, i) => {
    if (f.service !== undefined && !rank.has(f.service)) rank.set(f.service, i);
  });
  const services = [...allServices].sort(
    (a, b) => (rank.get(a.id) ?? Infinity) - (rank.get(b.id) ?? Infinity),
  );
  const endpoints: string[] = [];
  for (const s of services) for (const e of s.endpoints) endpoints.push(endpointId(s.id, e.pod));
  const rows = Math.max(clients.length, services.length, endpoints.length, 1);
  const height = TOP + rows * ROW;
  const col = (n: number, i: number) => TOP + ((i + 0.5) * (rows * ROW)) / Math.max(1, n);
  const cx = [Math.min(170, width * 0.15), width * 0.45, width * 0.72];
  const layout: TrafficLayout = { width, height, clients: new Map(), hubs: new Map(), endpoints: new Map() };
  clients.forEach((c, i) => layout.clients.set(c, { x: cx[0] ?? 0, y: col(clients.length, i) }));
  services.forEach((s, i) => layout.hubs.set(s.id, { x: cx[1] ?? 0, y: col(services.length, i) }));
  endpoints.forEach((id, i) => layout.endpoints.set(id, { x: cx[2] ?? 0, y: col(endpoints.length, i) }));
  return layout;
}

/** The S-shaped edge from `a` to `b`. */
export const curve = (a: Point, b: Point) =>
  `M${a.x},${a.y} C${(a.x + b.x) / 2},${a.y} ${(a.x + b.x) / 2},${b.y} ${b.x},${b.y}`;
