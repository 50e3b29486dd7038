/**
 * The cluster view: one card per node (name, Ready/NotReady/Unknown, cordoned, taints, requested
 * vs allocatable CPU and memory) holding a glyph per pod. `renderCluster` draws a snapshot with D3
 * keyed joins, so a node or pod keeps its element from one moment to the next; transitions show
 * what changed (a crash flashes, a replacement is linked to the pod it replaces). It never changes
 * the state it is given: a click only selects.
 */
import { easeCubicOut, select, type EnterElement, type Selection } from 'd3';
import type { Memo, ClusterState } from '../src/model';
import {
  clusterModel,
  COMPACT_PODS,
  DENSE_PODS,
  kindCounts,
  replacementLinks,
  type NodeCard,
  type NodeReadiness,
  type PodItem,
  type ResourceUsage,
} from './clusterModel';
import type { Selection as Selected } from './inspectorView';
import { POD_COLOURS, POD_ICONS, POD_WORDS } from './palette';
import { renderLinks } from './linksView';
import { drawPodMap } from './podMap';
import { setAttr, setText } from './domWrite';

export {} from './palette';

const READINESS_ICONS: Readonly<Record<NodeReadiness, string>> = { Ready: '✓', NotReady: '✕', Unknown: '?' };

const READINESS_HELP: Readonly<Record<NodeReadiness, string>> = {
  Ready: 'Ready=True: the kubelet reports the node healthy',
  NotReady: 'Ready=False: the kubelet reports the node unhealthy (kubectl: NotReady)',
  Unknown: 'Ready=Unknown: the node controller has heard nothing from the kubelet (kubectl: NotReady)',
};

export interface ClusterViewOptions {
  selected: Selected | undefined;
  onSelect: (s: Selected) => void;
  /** Animate changes (false with prefers-reduced-motion, or while scrubbing backward). */
  animate: boolean;
  /** The lab's memory of derived values (the pods' view items). */
  memo: Memo;
}

type CardSel = Selection<HTMLDivElement, NodeCard, HTMLElement, unknown>;

/** Enter and Space activate a focusable element as a click would. */
function activateOnKeys(e: KeyboardEvent, action: () => void): void {
  if (e.key !== 'Enter' && e.key !== ' ') return;
  e.preventDefault();
  e.stopPropagation();
  action();
}

function buildCard(
  enter: Selection<EnterElement, NodeCard, HTMLElement, unknown>,
  opts: ClusterViewOptions,
): CardSel {
  const card = enter.append('div').attr('class', 'card').attr('role', 'group');
  const head = card.append('div').attr('class', 'card-head');
  head
    .append('h3')
    .attr('class', 'card-name')
    .attr('tabindex', 0)
    .attr('role', 'button')
    .on('click', (_e, d) => d.isNode && opts.onSelect({ kind: 'node', name: d.id }))
    .on('keydown', (e: KeyboardEvent, d) =>
      activateOnKeys(e, () => d.isNode && opts.onSelect({ kind: 'node', name: d.id })),
    );
  head.append('span').attr('class', 'badge');
  card.append('p').attr('class', 'down-reason');
  card.append('ul').attr('class', 'flags');
  card.append('div').attr('class', 'usage');
  card.append('ul').attr('class', 'pods');
  card.append('p').attr('class', 'counts');
  card.append('canvas').attr('class', 'podmap').attr('aria-hidden', 'true');
  return card;
}

type Flag = { id: string; text: string; cls: string; title: string };

function flagsOf(card: NodeCard): Flag[] {
  const flags: Flag[] = [];
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
  if (card.availability === 'pause')
    flags.push({
      id: 'pause',
      text: '⊘ paused',
      cls: 'flag flag-cordon',
      title: 'docker node update --availability pause: no new tasks; its tasks stay',
    });
  if (card.availability === 'drain')
    flags.push({
      id: 'drain',
      text: '⇥ drained',
      cls: 'flag flag-cordon',
      title: 'docker node update --availability drain: no tasks; the managers move its tasks away',
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

function renderUsage(card: CardSel): void {
  const rows = card
    .select<HTMLDivElement>('div.usage')
    .selectAll<HTMLDivElement, ResourceUsage>('div.bar')
    .data(
      (d) => d.usage,
      (u) => u.resource,
    )
    .join((enter) => {
      const row = enter.append('div').attr('class', 'bar');
      row.append('span').attr('class', 'bar-label');
      row.append('span').attr('class', 'bar-track').append('span').attr('class', 'bar-fill');
      row.append('span').attr('class', 'bar-text');
      return row;
    });
  setAttr(rows, 'title', (u) => `${u.resource} requested / allocatable: ${u.text}`);
  setText(rows.select('.bar-label'), (u) => (u.resource === 'cpu' ? 'CPU' : 'Mem'));
  rows.select<HTMLSpanElement>('.bar-fill').each(function (u) {
    const width = `${Math.min(100, (100 * u.requested) / Math.max(1, u.allocatable))}%`;
    if (this.style.width !== width) this.style.width = width;
    this.classList.toggle('over', u.requested > u.allocatable);
  });
  setText(rows.select('.bar-text'), (u) => u.text);
}

/** Flashes the pods whose restart count went up since they were last drawn. */
function flashCrashes(pods: Selection<HTMLLIElement, PodItem, HTMLUListElement, NodeCard>, animate: boolean) {
  pods.each(function (p) {
    const el = this as HTMLLIElement & { __restarts?: number };
    const before = el.__restarts;
    el.__restarts = p.restarts;
    if (!animate || before === undefined || p.restarts <= before) return;
    select(el)
      .interrupt()
      .style('background-color', '#d55e00')
      .transition()
      .duration(900)
      .ease(easeCubicOut)
      .style('background-color', 'rgba(213, 94, 0, 0)');
  });
}

function renderPods(card: CardSel, opts: ClusterViewOptions): void {
  const selectedKey = opts.selected?.kind === 'pod' ? opts.selected.key : undefined;
  const pods = card
    .select<HTMLUListElement>('ul.pods')
    .selectAll<HTMLLIElement, PodItem>('li.pod')
    .data(
      (d) => d.pods,
      (p) => p.id,
    )
    .join((enter) => {
      const li = enter
        .append('li')
        .attr('tabindex', 0)
        .attr('role', 'button')
        .on('click', (_e, p) => opts.onSelect({ kind: 'pod', key: p.key }))
        .on('keydown', (e: KeyboardEvent, p) =>
          activateOnKeys(e, () => opts.onSelect({ kind: 'pod', key: p.key })),
        );
      li.append('span').attr('class', 'glyph').attr('aria-hidden', 'true');
      li.append('span').attr('class', 'pod-name');
      li.append('span').attr('class', 'pod-status');
      li.append('span').attr('class', 'restarts');
      if (opts.animate)
        li.style('opacity', 0)
          .style('transform', 'translateY(-6px)')
          .transition()
          .duration(450)
          .style('opacity', 1)
          .style('transform', 'translateY(0px)');
      return li;
    });
  setAttr(pods, 'class', (p) => `pod pod-${p.kind}${p.key === selectedKey ? ' selected' : ''}`);
  setAttr(pods, 'data-pod', (p) => p.name);
  setAttr(pods, 'data-uid', (p) => p.id);
  setAttr(pods, 'aria-pressed', (p) => String(p.key === selectedKey));
  setAttr(
    pods,
    'aria-label',
    (p) =>
      `pod ${p.name}: ${p.status}, ${p.ready} containers ready, ${p.restarts} restarts. Press Enter to inspect.`,
  );
  setAttr(pods, 'title', (p) => `${p.name}: ${p.status}, ${p.ready} containers ready`);
  setText(pods.select('.glyph'), (p) => POD_ICONS[p.kind]);
  setText(pods.select('.pod-name'), (p) => p.name);
  setText(pods.select('.pod-status'), (p) => `${p.status} ${p.ready}`);
  setText(pods.select('.restarts'), (p) => (p.restarts > 0 ? `↺${p.restarts}` : ''));
  setAttr(pods.select('.restarts'), 'title', (p) => `${p.restarts} container restarts`);
  flashCrashes(pods, opts.animate);
  card
    .select<HTMLUListElement>('ul.pods')
    .selectAll<HTMLLIElement, string>('li.empty')
    .data((d) => (d.pods.length === 0 ? ['no pods'] : []))
    .join((enter) =>
      enter
        .append('li')
        .attr('class', 'empty')
        .text((t) => t),
    );
}

/** The compact view of a big cluster: counts per kind as text, and a small map of the pods. */
function renderCompact(card: CardSel): void {
  setText(card.select('.counts'), (d) =>
    d.pods.length === 0
      ? 'no pods'
      : `${d.pods.length} pods: ${kindCounts(d.pods)
          .map((k) => `${POD_ICONS[k.kind]} ${k.count} ${POD_WORDS[k.kind]}`)
          .join(' · ')}`,
  );
  card.select<HTMLCanvasElement>('canvas.podmap').each(function (d) {
    if ((this.parentElement?.parentElement?.classList.contains('compact') ?? false) === false) return;
    drawPodMap(this, d.pods, POD_COLOURS);
  });
}

/** Draws the cluster as it is in `state` into `root`, and the replacement links into `links`. */
export function renderCluster(
  root: HTMLElement,
  links: SVGSVGElement,
  state: ClusterState,
  opts: ClusterViewOptions,
): void {
  const model = clusterModel(state, opts.memo);
  const total = model.reduce((n, c) => n + c.pods.length, 0);
  const compact = total > COMPACT_PODS;
  const dense = !compact && total > DENSE_PODS;
  root.classList.toggle('compact', compact);
  root.classList.toggle('dense', dense);
  const selectedNode = opts.selected?.kind === 'node' ? opts.selected.name : undefined;
  const cards = select(root)
    .selectAll<HTMLDivElement, NodeCard>('div.card')
    .data(model, (d) => d.id)
    .join((enter) => buildCard(enter, opts));
  setAttr(
    cards,
    'class',
    (d) =>
      `card ${d.isNode ? `node-${(d.readiness ?? 'Unknown').toLowerCase()}` : 'unscheduled'}` +
      `${d.machineDown ? ' node-down' : ''}${d.id === selectedNode ? ' selected' : ''}`,
  );
  setAttr(cards, 'data-node', (d) => d.id);
  setAttr(cards, 'aria-label', (d) =>
    d.isNode
      ? `node ${d.name}: ${d.readiness ?? 'no status'}, ${d.pods.length} pods`
      : 'pods not scheduled yet',
  );
  const names = cards.select('.card-name');
  setText(names, (d) => d.name);
  setAttr(names, 'aria-pressed', (d) => String(d.id === selectedNode));
  setAttr(names, 'aria-label', (d) => (d.isNode ? `node ${d.name}. Press Enter to inspect.` : d.name));
  const badges = cards.select('.badge');
  setAttr(
    badges,
    'class',
    (d) => `badge ${d.readiness ? `badge-${d.readiness.toLowerCase()}` : 'badge-none'}`,
  );
  setAttr(badges, 'title', (d) => (d.readiness ? READINESS_HELP[d.readiness] : ''));
  setText(badges, (d) =>
    d.readiness ? `${READINESS_ICONS[d.readiness]} ${d.readiness}` : d.isNode ? 'no status' : '',
  );
  setText(cards.select('.down-reason'), (d) => d.reason ?? '');
  const flags = cards
    .select<HTMLUListElement>('ul.flags')
    .selectAll<HTMLLIElement, Flag>('li')
    .data(flagsOf, (f) => f.id)
    .join('li');
  setAttr(flags, 'class', (f) => f.cls);
  setAttr(flags, 'title', (f) => f.title);
  setText(flags, (f) => f.text);
  renderUsage(cards);
  if (compact) {
    cards.select('ul.pods').selectAll('li').remove();
    renderCompact(cards);
    select(links).selectAll('*').remove();
    return;
  }
  if (dense) renderCompact(cards);
  else setText(cards.select('.counts'), () => '');
  renderPods(cards, opts);
  const replacements = replacementLinks(model);
  // Measuring positions costs a layout: only when something that moves the glyphs changed.
  const sig = [
    window.innerWidth,
    document.body.className,
    replacements.map((l) => l.id).join(),
    ...model.map(
      (c) =>
        `${c.id}:${c.pods.length}:${c.taints.length}:${c.reason ?? ''}:${c.cordoned}:${c.availability ?? ''}:${c.machineDown}`,
    ),
  ].join('|');
  const svg = links as SVGSVGElement & { __sig?: string };
  if (svg.__sig === sig) return;
  svg.__sig = sig;
  renderLinks(root, links, replacements, opts.animate);
}
