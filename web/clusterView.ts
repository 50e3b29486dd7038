/**
 * The cluster view: one card per node (name, Ready/NotReady/Unknown, cordoned, taints) holding a
 * glyph per pod. `renderCluster(root, state)` draws a snapshot with D3 keyed joins, so a node or pod
 * keeps its element from one moment to the next; it never changes the state it is given.
 */
import { select, type EnterElement, type Selection } from 'd3';
import type { ClusterState } from '../src/model/state';
import { clusterModel, type NodeCard, type NodeReadiness, type PodItem, type PodKind } from './clusterModel';

/** An icon for every pod class: the glyph's colour is never the only cue (its word is shown too). */
export const POD_ICONS: Readonly<Record<PodKind, string>> = {
  running: '✓',
  starting: '↻',
  pending: '…',
  failing: '!',
  terminating: '×',
  unknown: '?',
  done: '■',
};

const READINESS_ICONS: Readonly<Record<NodeReadiness, string>> = { Ready: '✓', NotReady: '✕', Unknown: '?' };

const READINESS_HELP: Readonly<Record<NodeReadiness, string>> = {
  Ready: 'Ready=True: the kubelet reports the node healthy',
  NotReady: 'Ready=False: the kubelet reports the node unhealthy (kubectl: NotReady)',
  Unknown: 'Ready=Unknown: the node controller has heard nothing from the kubelet (kubectl: NotReady)',
};

type CardSel = Selection<HTMLDivElement, NodeCard, HTMLElement, unknown>;

function buildCard(enter: Selection<EnterElement, NodeCard, HTMLElement, unknown>): CardSel {
  const card = enter.append('div').attr('class', 'card');
  const head = card.append('div').attr('class', 'card-head');
  head.append('h3').attr('class', 'card-name');
  head.append('span').attr('class', 'badge');
  card.append('ul').attr('class', 'flags');
  card.append('ul').attr('class', 'pods');
  return card;
}

function flagsOf(card: NodeCard): { id: string; text: string; cls: string; title: string }[] {
  const flags: { id: string; text: string; cls: string; title: string }[] = [];
  if (card.machineDown)
    flags.push({
      id: 'down',
      text: '⚠ machine off',
      cls: 'flag flag-down',
      title: 'The simulated machine is down; the API server only learns this when heartbeats stop',
    });
  if (card.cordoned)
    flags.push({
      id: 'cordon',
      text: '⊘ cordoned',
      cls: 'flag flag-cordon',
      title: 'spec.unschedulable: no new pods',
    });
  for (const t of card.taints)
    flags.push({
      id: `taint ${t}`,
      text: `taint · ${t}`,
      cls: 'flag flag-taint',
      title: 'spec.taints: the effects, then key[=value]',
    });
  if (!card.isNode)
    flags.push({
      id: 'pending',
      text: 'waiting for the scheduler',
      cls: 'flag',
      title: 'pods with no spec.nodeName',
    });
  return flags;
}

function renderPods(card: CardSel): void {
  card
    .select<HTMLUListElement>('ul.pods')
    .selectAll<HTMLLIElement, PodItem>('li.pod')
    .data(
      (d) => d.pods,
      (p) => p.id,
    )
    .join((enter) => {
      const li = enter.append('li');
      li.append('span').attr('class', 'glyph').attr('aria-hidden', 'true');
      li.append('span').attr('class', 'pod-name');
      li.append('span').attr('class', 'pod-status');
      return li;
    })
    .attr('class', (p) => `pod pod-${p.kind}`)
    .attr('title', (p) => `${p.name}: ${p.status}, ${p.ready} containers ready`)
    .call((li) => li.select('.glyph').text((p) => POD_ICONS[p.kind]))
    .call((li) => li.select('.pod-name').text((p) => p.name))
    .call((li) => li.select('.pod-status').text((p) => `${p.status} ${p.ready}`));
  card
    .select<HTMLUListElement>('ul.pods')
    .selectAll<HTMLLIElement, string>('li.empty')
    .data((d) => (d.pods.length === 0 ? ['no pods'] : []))
    .join('li')
    .attr('class', 'empty')
    .text((t) => t);
}

/** Draws the cluster as it is in `state` into `root`. */
export function renderCluster(root: HTMLElement, state: ClusterState): void {
  const cards = select(root)
    .selectAll<HTMLDivElement, NodeCard>('div.card')
    .data(clusterModel(state), (d) => d.id)
    .join(buildCard)
    .attr(
      'class',
      (d) => `card ${d.isNode ? `node-${(d.readiness ?? 'Unknown').toLowerCase()}` : 'unscheduled'}`,
    )
    .attr('data-node', (d) => d.id);
  cards.select('.card-name').text((d) => d.name);
  cards
    .select('.badge')
    .attr('class', (d) => `badge ${d.readiness ? `badge-${d.readiness.toLowerCase()}` : 'badge-none'}`)
    .attr('title', (d) => (d.readiness ? READINESS_HELP[d.readiness] : ''))
    .text((d) =>
      d.readiness ? `${READINESS_ICONS[d.readiness]} ${d.readiness}` : d.isNode ? 'no status' : '',
    );
  cards
    .select<HTMLUListElement>('ul.flags')
    .selectAll<HTMLLIElement, ReturnType<typeof flagsOf>[number]>('li')
    .data(flagsOf, (f) => f.id)
    .join('li')
    .attr('class', (f) => f.cls)
    .attr('title', (f) => f.title)
    .text((f) => f.text);
  renderPods(cards);
}
