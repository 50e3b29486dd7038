/**
 * The lab's view of its run: what is drawn at the viewed time (showTime), what is skipped while
 * playing or out of view, the player that moves the time, and the status line. The views render
 * snapshots and never change the simulation; time moves only by looking up another snapshot.
 */
import { renderCharts } from './chartsView';
import { renderChecks } from './checksView';
import { renderCluster } from './clusterView';
import { formatClock } from './formatClock';
import { renderInspector, type Selection } from './inspectorView';
import { hooks, lab } from './labState';
import type { LabRun } from './labRun';
import { motionAllowed } from './motion';
import { el, links } from './pageElements';
import { Player } from './player';
import { stateAt } from './snapshots';
import { eventsAtEnd, renderNarration, renderTextPanels } from './textPanels';
import { renderTraffic } from './trafficView';

/** What was last drawn, to skip redrawing identical frames while playing. */
let drawn: { state: unknown; second: number; selection: Selection | undefined } | undefined;
/** How long the last full draw took and when it ended (wall ms): playing skips frames it cannot afford. */
let drawCost = 0;
let drawEnd = 0;

/**
 * Panels scrolled out of view are not redrawn in a big cluster (a 3,000-line kubectl table costs
 * more than a frame); they catch up when they scroll back in.
 */
const offscreen = new Set<Element>();
const observer = new IntersectionObserver((entries) => {
  let shown = false;
  for (const e of entries) {
    if (e.isIntersecting) {
      shown ||= offscreen.delete(e.target);
    } else offscreen.add(e.target);
  }
  if (shown) {
    drawn = undefined;
    showTime(lab.viewTime);
  }
});
/** Panel widths, measured when the layout changes rather than in every frame (a forced layout). */
export const widths = { traffic: 900, charts: 900 };
export function measureWidths(): void {
  widths.traffic = el.traffic.clientWidth || widths.traffic;
  widths.charts = el.charts.clientWidth || widths.charts;
}

/**
 * Whether to draw `panel` now: when it is in view; out of view only while paused in a small
 * cluster (so that what is below the fold is current when the reader scrolls or the page is read).
 */
const worthDrawing = (panel: Element) =>
  !offscreen.has(panel) || (!player.playing && !el.cluster.classList.contains('compact'));

export const player = new Player(
  (simMs) => {
    if (lab.run === undefined) return false;
    let target = lab.viewTime + simMs;
    // Presenter mode stops at each narration step, so the presenter can talk before going on.
    const say = document.body.classList.contains('presenter')
      ? nextNarration(lab.run, lab.viewTime)
      : undefined;
    if (say !== undefined && target >= say) target = say;
    showTime(target, true);
    return lab.viewTime < lab.run.end && lab.viewTime !== say;
  },
  (playing) => {
    el.play.textContent = playing ? '❚❚ Pause' : '▶ Play';
    el.play.setAttribute('aria-pressed', String(playing));
    if (playing) return;
    // Panels skipped while playing catch up.
    drawn = undefined;
    showTime(lab.viewTime);
    hooks.updateUrl();
  },
);
player.speed = Number(el.speed.value);

function nextNarration(r: LabRun, after: number): number | undefined {
  for (const x of r.trace) if (x.type === 'say' && x.t > after) return x.t;
  return undefined;
}

export function setStatus(text: string, kind: 'info' | 'error' = 'info'): void {
  el.status.hidden = text === '';
  el.status.textContent = text;
  el.status.className = `status status-${kind}`;
}

/** Moves the view to `t` (clamped to the run) and redraws what changed. */
export function showTime(t: number, moving = false): void {
  if (lab.run === undefined) return;
  const before = lab.viewTime;
  lab.viewTime = Math.min(lab.run.end, Math.max(0, t));
  const at = Math.round(lab.viewTime);
  const state = stateAt(lab.run.snapshots, at);
  const clock = formatClock(at);
  // Unchanged text is not written again: each write would lay the page out.
  if (el.clock.textContent !== clock) {
    el.clock.textContent = clock;
    el.scrubber.setAttribute('aria-valuetext', clock);
  }
  if (el.scrubber.value !== String(at)) el.scrubber.value = String(at);
  const second = Math.floor(at / 1000);
  if (
    drawn !== undefined &&
    drawn.state === state &&
    drawn.second === second &&
    drawn.selection === lab.selection
  )
    return;
  // While playing, a draw that costs more than a frame is done every other chance at most.
  const wall = performance.now();
  if (moving && player.playing && drawCost > 20 && wall - drawEnd < drawCost) return;
  drawn = { state, second, selection: lab.selection };
  const animate = moving && motionAllowed() && lab.viewTime >= before;
  const followEvents = eventsAtEnd(el.panels);
  renderCluster(el.cluster, links, state, { selected: lab.selection, onSelect: select, animate });
  if (worthDrawing(el.panels.pods.parentElement ?? el.panels.pods))
    renderTextPanels(el.panels, state, at, followEvents);
  renderNarration(el.narrationTime, el.narrationText, lab.run.trace, at);
  renderChecks(el.checks, lab.run.outcomes, at);
  renderInspector(el.inspector, lab.selection, {
    state,
    now: at,
    trace: lab.run.trace,
    profiles: lab.run.scenario.schedulerProfiles,
    orchestrator: lab.run.scenario.orchestrator,
    act: (request) => hooks.act(request),
  });
  if (worthDrawing(el.trafficPanel))
    renderTraffic(el.trafficPanel, el.traffic, lab.run, state, at, animate && player.playing, widths.traffic);
  if (worthDrawing(el.charts)) renderCharts(el.charts, lab.run, at, widths.charts);
  drawEnd = performance.now();
  drawCost = drawEnd - wall;
}

export function select(s: Selection): void {
  lab.selection = s;
  showTime(lab.viewTime);
}

/** Draws everything again at the viewed time (after the layout or the mode changed). */
export function redraw(): void {
  drawn = undefined;
  showTime(lab.viewTime);
}

/** Forgets what was drawn, so that the next showTime draws everything. */
export function forgetDrawn(): void {
  drawn = undefined;
}

/** Starts watching which panels are scrolled out of view. */
export function observePanels(): void {
  for (const panel of [el.panels.pods.parentElement, el.trafficPanel, el.charts])
    if (panel !== null) observer.observe(panel);
}
