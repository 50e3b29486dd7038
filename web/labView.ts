/**
 * The single run's view at its viewed time: the cluster, the text panels, the narration, the
 * checks, the inspector, the traffic and the charts. It draws the store's snapshots and never
 * changes them; what it keeps is only about drawing (what was drawn last, how long that took, which
 * panels are scrolled out of view, their widths), in the instance createLabView returns.
 */
import type { Memo } from '../src/model';
import { renderCharts } from './chartsView';
import { renderChecks } from './checksView';
import { renderCluster } from './clusterView';
import type { CommandRequest, Selection } from './inspectorView';
import { renderInspector } from './inspectorView';
import { isPlaying, type LabSnapshot } from './labStore';
import type { PageElements } from './pageElements';
import { renderPlayback } from './playbackView';
import { stateAt } from './snapshots';
import { eventsFollower, renderNarration, renderTextPanels } from './textPanels';
import { renderTraffic } from './trafficView';

export interface LabViewInput {
  el: PageElements;
  /** The lab's memory of values derived from frozen runs and states. */
  memo: Memo;
  /** Whether changes may be animated (not with prefers-reduced-motion). */
  motionAllowed: () => boolean;
  select(s: Selection): void;
  act(request: CommandRequest): void;
}

export interface LabView {
  /** Draws `snapshot` (after `before`) where it differs from what is on screen. */
  render(snapshot: LabSnapshot, before: LabSnapshot | undefined): void;
  /** Draws everything again at the shown time (after the layout or the mode changed). */
  redraw(): void;
  /** Measures the panels' widths again (after the layout changed); true when one changed. */
  measure(): boolean;
  stop(): void;
}

export function createLabView({ el, memo, motionAllowed, select, act }: LabViewInput): LabView {
  /** What was last drawn, to skip redrawing identical frames while playing. */
  let drawn: { state: unknown; second: number; selection: Selection | undefined } | undefined;
  /** How long the last full draw took and when it ended (wall ms): playing skips frames it cannot afford. */
  let drawCost = 0;
  let drawEnd = 0;
  let latest: LabSnapshot | undefined;
  /** Panel widths, measured when the layout changes rather than in every frame (a forced layout). */
  const widths = { traffic: 900, charts: 900 };
  const followEvents = eventsFollower(el.panels.events);

  /**
   * Panels scrolled out of view are not redrawn in a big cluster (a 3,000-line kubectl table costs
   * more than a frame); they catch up when they scroll back in.
   */
  const offscreen = new Set<Element>();
  const observer = new IntersectionObserver((entries) => {
    let shown = false;
    for (const e of entries) {
      if (e.isIntersecting) shown ||= offscreen.delete(e.target);
      else offscreen.add(e.target);
    }
    if (shown) redraw();
  });
  for (const panel of [el.panels.pods.parentElement, el.trafficPanel, el.charts])
    if (panel !== null) observer.observe(panel);

  /**
   * Whether to draw `panel` now: when it is in view; out of view only while paused in a small
   * cluster (so that what is below the fold is current when the reader scrolls or the page is read).
   */
  const worthDrawing = (panel: Element, playing: boolean) =>
    !offscreen.has(panel) || (!playing && !el.cluster.classList.contains('compact'));

  /** Draws `s`; `moving` when the time moved on by playing or stepping from `before` (animated). */
  function draw(s: LabSnapshot, moving: boolean, before: number): void {
    const { run, time, selection } = s.context.single;
    if (run === undefined || s.context.mode !== 'single') return;
    const at = Math.round(time);
    const state = stateAt(run.snapshots, at);
    const second = Math.floor(at / 1000);
    if (
      drawn !== undefined &&
      drawn.state === state &&
      drawn.second === second &&
      drawn.selection === selection
    )
      return;
    const playing = isPlaying(s);
    // While playing, a draw that costs more than a frame is done every other chance at most.
    const wall = performance.now();
    if (moving && playing && drawCost > 20 && wall - drawEnd < drawCost) return;
    drawn = { state, second, selection };
    const animate = moving && motionAllowed() && time >= before;
    const atEnd = followEvents();
    renderCluster(el.cluster, el.links, state, { selected: selection, onSelect: select, animate, memo });
    if (worthDrawing(el.panels.pods.parentElement ?? el.panels.pods, playing))
      renderTextPanels(el.panels, state, at, atEnd);
    renderNarration(el.narrationTime, el.narrationText, run.trace, at);
    renderChecks(el.checks, run.outcomes, at);
    renderInspector(el.inspector, selection, {
      state,
      now: at,
      trace: run.trace,
      profiles: run.scenario.schedulerProfiles,
      orchestrator: run.scenario.orchestrator,
      act,
    });
    if (worthDrawing(el.trafficPanel, playing))
      renderTraffic(el.trafficPanel, el.traffic, run, state, at, animate && playing, widths.traffic);
    if (worthDrawing(el.charts, playing)) renderCharts(el.charts, run, at, widths.charts, memo);
    drawEnd = performance.now();
    drawCost = drawEnd - wall;
  }

  function redraw(): void {
    drawn = undefined;
    if (latest !== undefined) draw(latest, false, latest.context.single.time);
  }

  function measure(): boolean {
    const before = { ...widths };
    widths.traffic = el.traffic.clientWidth || widths.traffic;
    widths.charts = el.charts.clientWidth || widths.charts;
    return before.traffic !== widths.traffic || before.charts !== widths.charts;
  }

  function render(s: LabSnapshot, prev: LabSnapshot | undefined): void {
    latest = s;
    const c = s.context;
    const p = prev?.context;
    const run = c.single.run;
    if (c.mode !== 'single' || run === undefined) return;
    renderPlayback(el, { time: c.single.time, end: run.end, speed: c.single.speed, playing: isPlaying(s) });
    const newRun = p?.single.run !== run;
    // Another scenario: its cards and checks are drawn afresh rather than changed into them.
    if (newRun && p?.single.run?.path !== run.path) {
      el.cluster.replaceChildren();
      el.checks.replaceChildren();
    }
    if (newRun || p?.mode !== 'single') measure();
    // Panels skipped while playing catch up when it stops; the comparison and presenter mode
    // change the layout.
    const force =
      newRun ||
      p?.mode !== 'single' ||
      p.presenter !== c.presenter ||
      (prev !== undefined && isPlaying(prev) && !isPlaying(s));
    if (force) drawn = undefined;
    draw(s, c.moving, p?.mode === 'single' ? p.single.time : c.single.time);
    // A panel shown for the first time by that draw has a width only now.
    if (newRun && measure()) redraw();
  }

  return { render, redraw, measure, stop: () => observer.disconnect() };
}
