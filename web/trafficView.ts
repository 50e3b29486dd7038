/**
 * Services and traffic: clients on the left, each Service as a hub in the middle, its endpoints on
 * the right (✓ ready, ✗ not ready, × terminating, with their node). Each flow's last second labels
 * its edge (`20/s ✓ 100%`, or the failures by cause); while playing, requests travel as dots from
 * client to Service to pod, and failed ones stop at the Service with a ✗ where they were dropped.
 */
import { easeLinear, select, type Selection } from 'd3';
import type { ClusterState } from '../src/model';
import type { LabRun } from './labRun';
import { OKABE_ITO } from './palette';
import { curve, endpointId, trafficLayout, type Point, type TrafficLayout } from './trafficLayout';
import {
  flowLabel,
  trafficModel,
  type EndpointItem,
  type FlowSecond,
  type ServiceHub,
  type TrafficModel,
} from './trafficModel';

type Layer = Selection<SVGGElement, string, SVGSVGElement, number>;

/** A flow placed between its client and its Service's hub (flows to neither are not drawn). */
type PlacedFlow = FlowSecond & { a: Point; b: Point };

/** Draws the Services and the flows of `run` at `now`; hides `panel` when there are neither. */
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
  const layout = trafficLayout(model.services, model.flows, Math.max(480, rootWidth));
  const svg = drawFrame(root, layout, model.flows);
  const layer = (name: string): Layer =>
    svg.selectAll<SVGGElement, string>(`g.${name}`).data([name]).join('g').attr('class', name);
  const edges = layer('edges');
  const nodes = layer('nodes');
  const flows = placeFlows(model.flows, layout);
  drawEndpointEdges(edges, model, layout);
  drawFlowEdges(edges, flows);
  drawClients(nodes, layout);
  drawHubs(nodes, model.services, layout);
  drawEndpoints(nodes, model.services, layout);
  drawDrops(nodes, flows);
  if (animate) launchDots(layer('dots'), flows, layout);
}

/** The SVG, sized to the layout; what it says to a screen reader is the flows' labels. */
function drawFrame(root: HTMLElement, layout: TrafficLayout, flows: readonly FlowSecond[]) {
  return select(root)
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
      flows.length === 0
        ? 'Services and their endpoints; no traffic at this moment'
        : flows.map(flowLabel).join('; '),
    );
}

function placeFlows(flows: readonly FlowSecond[], layout: TrafficLayout): PlacedFlow[] {
  return flows.flatMap((f) => {
    const a = layout.clients.get(f.client);
    const b = f.service === undefined ? undefined : layout.hubs.get(f.service);
    return a === undefined || b === undefined ? [] : [{ ...f, a, b }];
  });
}

/** Service → endpoint edges: solid when the endpoint took requests this second. */
function drawEndpointEdges(edges: Layer, model: TrafficModel, layout: TrafficLayout): void {
  const served = new Map<string, number>();
  for (const f of model.flows)
    for (const [pod, n] of Object.entries(f.backends)) served.set(pod, (served.get(pod) ?? 0) + n);
  const data = model.services.flatMap((s) =>
    s.endpoints.map((e) => ({
      id: endpointId(s.id, e.pod),
      a: layout.hubs.get(s.id) as Point,
      b: layout.endpoints.get(endpointId(s.id, e.pod)) as Point,
      busy: (served.get(e.pod) ?? 0) > 0,
      ready: e.ready,
    })),
  );
  edges
    .selectAll<SVGPathElement, (typeof data)[number]>('path.ep-edge')
    .data(data, (d) => d.id)
    .join('path')
    .attr('class', (d) => `ep-edge${d.busy ? ' busy' : ''}${d.ready ? '' : ' not-ready'}`)
    .attr('d', (d) => curve(d.a, d.b));
}

/** Client → Service edges, one per flow, labelled with the flow's second. */
function drawFlowEdges(edges: Layer, flows: readonly PlacedFlow[]): void {
  const failing = (d: PlacedFlow) => (d.successes < d.requests ? ' failing' : '');
  edges
    .selectAll<SVGPathElement, PlacedFlow>('path.flow-edge')
    .data(flows, (d) => d.flow)
    .join('path')
    .attr('class', (d) => `flow-edge${failing(d)}`)
    .attr('d', (d) => curve(d.a, d.b));
  edges
    .selectAll<SVGTextElement, PlacedFlow>('text.flow-label')
    .data(flows, (d) => d.flow)
    .join('text')
    .attr('class', (d) => `flow-label${failing(d)}`)
    .attr('x', (d) => d.a.x + 70)
    .attr('y', (d) => d.a.y - 22)
    .attr('text-anchor', 'start')
    .text((d) => flowLabel(d));
}

function drawClients(nodes: Layer, layout: TrafficLayout): void {
  const data = [...layout.clients].map(([name, p]) => ({ name, p }));
  nodes
    .selectAll<SVGGElement, (typeof data)[number]>('g.client')
    .data(data, (d) => d.name)
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
}

function drawHubs(nodes: Layer, services: readonly ServiceHub[], layout: TrafficLayout): void {
  const data = services.map((s) => ({ ...s, p: layout.hubs.get(s.id) as Point }));
  nodes
    .selectAll<SVGGElement, (typeof data)[number]>('g.hub')
    .data(data, (d) => d.id)
    .join((enter) => {
      const g = enter.append('g').attr('class', 'hub');
      g.append('circle').attr('r', 16);
      g.append('text').attr('class', 'hub-name').attr('text-anchor', 'middle').attr('dy', 30);
      g.append('text').attr('class', 'hub-icon').attr('text-anchor', 'middle').attr('dy', '0.35em').text('⇄');
      return g;
    })
    .attr('transform', (d) => `translate(${d.p.x},${d.p.y})`)
    .select('.hub-name')
    .text(
      (d) =>
        `svc/${d.name} (${d.type}) · ${d.endpoints.filter((e) => e.ready).length}/${d.endpoints.length} ready`,
    );
}

function endpointMark(e: EndpointItem): string {
  return e.terminating ? '×' : e.ready ? '✓' : '✗';
}

function drawEndpoints(nodes: Layer, services: readonly ServiceHub[], layout: TrafficLayout): void {
  const data = services.flatMap((s) =>
    s.endpoints.map((e) => ({
      ...e,
      id: endpointId(s.id, e.pod),
      p: layout.endpoints.get(endpointId(s.id, e.pod)) as Point,
    })),
  );
  const eps = nodes
    .selectAll<SVGGElement, (typeof data)[number]>('g.endpoint')
    .data(data, (d) => d.id)
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
}

/** Dropped requests: a ✗ at the Service with the count and cause. */
function drawDrops(nodes: Layer, flows: readonly PlacedFlow[]): void {
  nodes
    .selectAll<SVGTextElement, PlacedFlow>('text.drop')
    .data(
      flows.filter((f) => f.failures.length > 0),
      (d) => d.flow,
    )
    .join('text')
    .attr('class', 'drop')
    .attr('x', (d) => d.b.x + 24)
    .attr('y', (d) => d.b.y - 12)
    .attr('text-anchor', 'start')
    .text((d) => d.failures.map((x) => `✗ ${x.count} ${x.cause}`).join(', '));
}

/** A few dots per flow for this second: client → Service → a pod it chose; failures stop at the hub. */
function launchDots(layer: Layer, flows: readonly PlacedFlow[], layout: TrafficLayout): void {
  // At high speeds seconds pass faster than dots travel: keep the picture readable.
  if (layer.selectAll('circle.dot').size() > 60) return;
  for (const f of flows) {
    const picks: (Point | undefined)[] = [];
    for (const [pod, n] of Object.entries(f.backends))
      for (let i = 0; i < Math.min(3, n); i++)
        picks.push(layout.endpoints.get(endpointId(f.service ?? '', pod)));
    const failed = Math.min(3, f.requests - f.successes);
    for (let i = 0; i < failed; i++) picks.push(undefined);
    picks.slice(0, 6).forEach((to, i) => launchDot(layer, f, to, i));
  }
}

/** The `i`th dot of flow `f`: to the hub, then on to `to`, or (undefined: dropped) fading out there. */
function launchDot(layer: Layer, f: PlacedFlow, to: Point | undefined, i: number): void {
  const leg = layer
    .append('circle')
    .attr('class', to === undefined ? 'dot dot-failed' : 'dot')
    .attr('r', 5)
    .attr('cx', f.a.x)
    .attr('cy', f.a.y)
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
}
