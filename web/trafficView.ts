/**
 * Services and traffic: clients on the left, each Service as a hub in the middle, its endpoints on
 * the right (✓ ready, ✗ not ready, × terminating, with their node). Each flow's last second labels
 * its edge (`20/s ✓ 100%`, or the failures by cause); while playing, requests travel as dots from
 * client to Service to pod, and failed ones stop at the Service with a ✗ where they were dropped.
 */
import { easeLinear, select, type Selection } from 'd3';
import type { ClusterState } from '../src/model/state';
import type { LabRun } from './labRun';
import { OKABE_ITO } from './palette';
import { flowLabel, trafficModel, type EndpointItem, type FlowSecond, type ServiceHub } from './trafficModel';

const ROW = 64;
const TOP = 16;

interface Point {
  x: number;
  y: number;
}

interface Layout {
  width: number;
  height: number;
  clients: Map<string, Point>;
  hubs: Map<string, Point>;
  endpoints: Map<string, Point>;
}

/** Positions: three columns, rows spread evenly; endpoints grouped under their Service. */
export function trafficLayout(
  allServices: readonly ServiceHub[],
  flows: readonly FlowSecond[],
  width: number,
): Layout {
  const clients = [...new Set(flows.map((f) => f.client))];
  // Services in the order of the flows that reach them, so that edges do not cross needlessly.
  const rank = new Map<string, number>();
  flows.forEach((f, i) => {
    if (f.service !== undefined && !rank.has(f.service)) rank.set(f.service, i);
  });
  const services = [...allServices].sort(
    (a, b) => (rank.get(a.id) ?? Infinity) - (rank.get(b.id) ?? Infinity),
  );
  const endpoints: { id: string; hub: string }[] = [];
  for (const s of services)
    for (const e of s.endpoints) endpoints.push({ id: `${s.id}>${e.pod}`, hub: s.id });
  const rows = Math.max(clients.length, services.length, endpoints.length, 1);
  const height = TOP + rows * ROW;
  const col = (n: number, i: number) => TOP + ((i + 0.5) * (rows * ROW)) / Math.max(1, n);
  const cx = [Math.min(170, width * 0.15), width * 0.45, width * 0.72];
  const layout: Layout = { width, height, clients: new Map(), hubs: new Map(), endpoints: new Map() };
  clients.forEach((c, i) => layout.clients.set(c, { x: cx[0] ?? 0, y: col(clients.length, i) }));
  services.forEach((s, i) => layout.hubs.set(s.id, { x: cx[1] ?? 0, y: col(services.length, i) }));
  endpoints.forEach((e, i) => layout.endpoints.set(e.id, { x: cx[2] ?? 0, y: col(endpoints.length, i) }));
  return layout;
}

const curve = (a: Point, b: Point) =>
  `M${a.x},${a.y} C${(a.x + b.x) / 2},${a.y} ${(a.x + b.x) / 2},${b.y} ${b.x},${b.y}`;

function endpointMark(e: EndpointItem): string {
  return e.terminating ? '×' : e.ready ? '✓' : '✗';
}

export function renderTraffic(
  panel: HTMLElement,
  root: HTMLElement,
  run: LabRun,
  state: ClusterState,
  now: number,
  animate: boolean,
  rootWidth: number,
): void {
  const hasTraffic = (run.scenario.network?.flows?.length ?? 0) > 0;
  const model = trafficModel(state, run.trace, now);
  panel.hidden = model.services.length === 0 && !hasTraffic;
  if (panel.hidden) return;
  const width = Math.max(480, rootWidth);
  const layout = trafficLayout(model.services, model.flows, width);
  const svg = select(root)
    .selectAll<SVGSVGElement, number>('svg')
    .data([0])
    .join('svg')
    .attr('class', 'traffic-svg')
    .attr('role', 'img')
    .attr('viewBox', `0 0 ${layout.width} ${layout.height}`)
    .attr('width', layout.width)
    .attr('height', layout.height)
    .attr(
      'aria-label',
      model.flows.length === 0
        ? 'Services and their endpoints; no traffic at this moment'
        : model.flows.map(flowLabel).join('; '),
    );
  const layer = (name: string) =>
    svg.selectAll<SVGGElement, string>(`g.${name}`).data([name]).join('g').attr('class', name);
  const edges = layer('edges');
  const nodes = layer('nodes');
  const dots = layer('dots');

  // Service → endpoint edges: solid when the endpoint took requests this second.
  const served = new Map<string, number>();
  for (const f of model.flows)
    for (const [pod, n] of Object.entries(f.backends)) served.set(pod, (served.get(pod) ?? 0) + n);
  const epEdges = model.services.flatMap((s) =>
    s.endpoints.map((e) => ({
      id: `${s.id}>${e.pod}`,
      a: layout.hubs.get(s.id) as Point,
      b: layout.endpoints.get(`${s.id}>${e.pod}`) as Point,
      busy: (served.get(e.pod) ?? 0) > 0,
      ready: e.ready,
    })),
  );
  edges
    .selectAll<SVGPathElement, (typeof epEdges)[number]>('path.ep-edge')
    .data(epEdges, (d) => d.id)
    .join('path')
    .attr('class', (d) => `ep-edge${d.busy ? ' busy' : ''}${d.ready ? '' : ' not-ready'}`)
    .attr('d', (d) => curve(d.a, d.b));

  // Client → Service edges, one per flow, labelled with the flow's second.
  const flowEdges = model.flows.flatMap((f) => {
    const a = layout.clients.get(f.client);
    const b = f.service === undefined ? undefined : layout.hubs.get(f.service);
    return a === undefined || b === undefined ? [] : [{ ...f, a, b }];
  });
  edges
    .selectAll<SVGPathElement, (typeof flowEdges)[number]>('path.flow-edge')
    .data(flowEdges, (d) => d.flow)
    .join('path')
    .attr('class', (d) => `flow-edge${d.successes < d.requests ? ' failing' : ''}`)
    .attr('d', (d) => curve(d.a, d.b));
  edges
    .selectAll<SVGTextElement, (typeof flowEdges)[number]>('text.flow-label')
    .data(flowEdges, (d) => d.flow)
    .join('text')
    .attr('class', (d) => `flow-label${d.successes < d.requests ? ' failing' : ''}`)
    .attr('x', (d) => d.a.x + 70)
    .attr('y', (d) => d.a.y - 22)
    .attr('text-anchor', 'start')
    .text((d) => flowLabel(d));

  // Clients.
  const clientData = [...layout.clients].map(([name, p]) => ({ name, p }));
  nodes
    .selectAll<SVGGElement, (typeof clientData)[number]>('g.client')
    .data(clientData, (d) => d.name)
    .join((enter) => {
      const g = enter.append('g').attr('class', 'client');
      g.append('rect').attr('x', -80).attr('y', -14).attr('width', 160).attr('height', 28).attr('rx', 6);
      g.append('text').attr('text-anchor', 'middle').attr('dy', '0.35em');
      return g;
    })
    .attr('transform', (d) => `translate(${d.p.x},${d.p.y})`)
    .select('text')
    .text((d) =>
      d.name === 'external' ? '⇢ external' : d.name.length > 22 ? `${d.name.slice(0, 21)}…` : d.name,
    );

  // Service hubs.
  const hubData = model.services.map((s) => ({ ...s, p: layout.hubs.get(s.id) as Point }));
  const hubs = nodes
    .selectAll<SVGGElement, (typeof hubData)[number]>('g.hub')
    .data(hubData, (d) => d.id)
    .join((enter) => {
      const g = enter.append('g').attr('class', 'hub');
      g.append('circle').attr('r', 16);
      g.append('text').attr('class', 'hub-name').attr('text-anchor', 'middle').attr('dy', 30);
      g.append('text').attr('class', 'hub-icon').attr('text-anchor', 'middle').attr('dy', '0.35em').text('⇄');
      return g;
    })
    .attr('transform', (d) => `translate(${d.p.x},${d.p.y})`);
  hubs
    .select('.hub-name')
    .text(
      (d) =>
        `svc/${d.name} (${d.type}) · ${d.endpoints.filter((e) => e.ready).length}/${d.endpoints.length} ready`,
    );

  // Endpoints.
  const epData = model.services.flatMap((s) =>
    s.endpoints.map((e) => ({
      ...e,
      id: `${s.id}>${e.pod}`,
      p: layout.endpoints.get(`${s.id}>${e.pod}`) as Point,
    })),
  );
  const eps = nodes
    .selectAll<SVGGElement, (typeof epData)[number]>('g.endpoint')
    .data(epData, (d) => d.id)
    .join((enter) => {
      const g = enter.append('g').attr('class', 'endpoint');
      g.append('text').attr('class', 'ep-mark').attr('dy', '0.35em').attr('x', -2).attr('text-anchor', 'end');
      g.append('text').attr('class', 'ep-name').attr('dy', '0.35em').attr('x', 6);
      return g;
    })
    .attr(
      'class',
      (d) => `endpoint${d.ready ? ' ready' : ' not-ready'}${d.terminating ? ' terminating' : ''}`,
    )
    .attr('transform', (d) => `translate(${d.p.x},${d.p.y})`);
  eps.select('.ep-mark').text(endpointMark);
  eps
    .select('.ep-name')
    .text((d) => `${d.name} on ${d.node}${d.ready ? '' : d.terminating ? ' (terminating)' : ' (not ready)'}`);

  // Dropped requests: a ✗ at the Service with the count and cause.
  const drops = flowEdges.filter((f) => f.failures.length > 0);
  nodes
    .selectAll<SVGTextElement, (typeof drops)[number]>('text.drop')
    .data(drops, (d) => d.flow)
    .join('text')
    .attr('class', 'drop')
    .attr('x', (d) => d.b.x + 24)
    .attr('y', (d) => d.b.y - 12)
    .attr('text-anchor', 'start')
    .text((d) => d.failures.map((x) => `✗ ${x.count} ${x.cause}`).join(', '));

  if (animate) launchDots(dots, flowEdges, model.services, layout);
}

/** A few dots per flow for this second: client → Service → a pod it chose; failures stop at the hub. */
function launchDots(
  layer: Selection<SVGGElement, string, SVGSVGElement, number>,
  flows: readonly (FlowSecond & { a: Point; b: Point })[],
  services: readonly ServiceHub[],
  layout: Layout,
): void {
  // At high speeds seconds pass faster than dots travel: keep the picture readable.
  if (layer.selectAll('circle.dot').size() > 60) return;
  for (const f of flows) {
    const hub = services.find((s) => s.id === f.service);
    const picks: (Point | undefined)[] = [];
    for (const [pod, n] of Object.entries(f.backends))
      for (let i = 0; i < Math.min(3, n); i++) picks.push(layout.endpoints.get(`${hub?.id ?? ''}>${pod}`));
    const failed = Math.min(3, f.requests - f.successes);
    for (let i = 0; i < failed; i++) picks.push(undefined);
    picks.slice(0, 6).forEach((to, i) => {
      const dot = layer
        .append('circle')
        .attr('class', to === undefined ? 'dot dot-failed' : 'dot')
        .attr('r', 5)
        .attr('cx', f.a.x)
        .attr('cy', f.a.y);
      const leg = dot
        .transition()
        .delay(i * 120)
        .duration(380)
        .ease(easeLinear)
        .attr('cx', f.b.x)
        .attr('cy', f.b.y);
      if (to === undefined)
        leg
          .transition()
          .duration(300)
          .attr('r', 9)
          .attr('fill', OKABE_ITO.vermillion)
          .style('opacity', 0)
          .remove();
      else
        leg
          .transition()
          .duration(380)
          .ease(easeLinear)
          .attr('cx', to.x)
          .attr('cy', to.y)
          .style('opacity', 0.2)
          .remove();
    });
  }
}
