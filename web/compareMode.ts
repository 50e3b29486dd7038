/**
 * The comparison mode of the lab: the runs of one scenario folder side by side (compareView.ts)
 * at one shared time, moved by one Play button, scrubber and the lab's keys. The URL names it
 * (`#compare/compose-vs-swarm-vs-kubernetes?t=60000`). Selecting a node or pod in a column opens
 * that scenario in the full lab at that moment.
 */
import { byId } from './dom';
import { prepareComparison, nextComparedEvent, previousComparedEvent, type Comparison } from './compareRuns';
import { buildColumns, renderColumns, renderCompareTable, type CompareColumn } from './compareView';
import { formatClock } from './formatClock';
import type { Selection } from './inspectorView';
import type { LabKeyActions } from './keys';
import { motionAllowed } from './motion';
import { Player } from './player';
import { encodeSession } from './session';

const el = {
  section: byId('compare', HTMLElement),
  title: byId('compare-title', HTMLHeadingElement),
  play: byId('compare-play', HTMLButtonElement),
  back: byId('compare-back', HTMLButtonElement),
  step: byId('compare-step', HTMLButtonElement),
  speed: byId('compare-speed', HTMLSelectElement),
  clock: byId('compare-clock', HTMLOutputElement),
  duration: byId('compare-duration', HTMLSpanElement),
  scrubber: byId('compare-scrubber', HTMLInputElement),
  close: byId('compare-close', HTMLButtonElement),
  columns: byId('compare-columns', HTMLDivElement),
  table: byId('compare-table', HTMLTableElement),
  notes: byId('compare-notes', HTMLUListElement),
};

export interface CompareHooks {
  /** Opens a scenario of the comparison in the full lab at `t` (the comparison is closed first). */
  openInLab(path: string, t: number, selection: Selection): void;
  /** Called when the comparison is closed by its Close button. */
  closed(): void;
  error(heading: string, text: string): void;
}

export class CompareMode {
  private comparison: Comparison | undefined;
  private columns: CompareColumn[] = [];
  private viewTime = 0;
  private readonly player: Player;

  constructor(private readonly hooks: CompareHooks) {
    this.player = new Player(
      (simMs) => {
        const c = this.comparison;
        if (c === undefined) return false;
        this.showTime(this.viewTime + simMs, true);
        return this.viewTime < c.end;
      },
      (playing) => {
        el.play.textContent = playing ? '❚❚ Pause' : '▶ Play';
        el.play.setAttribute('aria-pressed', String(playing));
        if (!playing) this.updateUrl();
      },
    );
    this.player.speed = Number(el.speed.value);
    el.play.addEventListener('click', () => this.playPause());
    el.step.addEventListener('click', () => this.jump(nextComparedEvent));
    el.back.addEventListener('click', () => this.jump(previousComparedEvent));
    el.speed.addEventListener('change', () => {
      this.player.speed = Number(el.speed.value);
    });
    el.scrubber.addEventListener('input', () => this.showTime(Number(el.scrubber.value)));
    el.scrubber.addEventListener('change', () => this.updateUrl());
    el.close.addEventListener('click', () => {
      this.close();
      hooks.closed();
    });
  }

  get active(): boolean {
    return this.comparison !== undefined;
  }

  /** Runs the scenarios of `folder` and shows them at `t`; false (and an error shown) when one fails. */
  open(folder: string, t = 0): boolean {
    const result = prepareComparison(folder);
    if (!result.ok) {
      this.hooks.error(`The comparison ${folder} could not be opened`, result.error);
      return false;
    }
    this.player.pause();
    const c = result.comparison;
    this.comparison = c;
    document.body.classList.add('comparing');
    el.section.hidden = false;
    el.title.textContent = `Compare: ${folder}`;
    document.title = `Flotilla · compare ${folder}`;
    el.scrubber.max = String(c.end);
    el.duration.textContent = `/ ${formatClock(c.end)}`;
    this.columns = buildColumns(el.columns, c);
    renderCompareTable(el.table, el.notes, c.metrics);
    this.viewTime = -1;
    this.showTime(t);
    this.updateUrl();
    el.title.focus();
    return true;
  }

  close(): void {
    if (this.comparison === undefined) return;
    this.player.pause();
    this.comparison = undefined;
    this.columns = [];
    el.columns.replaceChildren();
    el.section.hidden = true;
    document.body.classList.remove('comparing');
  }

  /** The lab's keys, acting on the comparison. */
  readonly keys: Pick<
    LabKeyActions,
    'playPause' | 'next' | 'previous' | 'seekBy' | 'start' | 'end' | 'faster' | 'slower'
  > = {
    playPause: () => this.playPause(),
    next: () => this.jump(nextComparedEvent),
    previous: () => this.jump(previousComparedEvent),
    seekBy: (ms) => {
      this.player.pause();
      this.showTime(this.viewTime + ms);
      this.updateUrl();
    },
    start: () => this.showTime(0),
    end: () => this.showTime(this.comparison?.end ?? 0),
    faster: () => this.setSpeed(1),
    slower: () => this.setSpeed(-1),
  };

  updateUrl(): void {
    const c = this.comparison;
    if (c === undefined) return;
    const hash = encodeSession({
      scenario: `compare/${c.folder}`,
      t: Math.round(this.viewTime),
      commands: [],
    });
    history.replaceState(null, '', `#${hash}`);
  }

  private playPause(): void {
    const c = this.comparison;
    if (c === undefined) return;
    if (!this.player.playing && this.viewTime >= c.end) this.showTime(0);
    this.player.toggle();
  }

  private jump(to: (c: Comparison, now: number) => number): void {
    const c = this.comparison;
    if (c === undefined) return;
    this.player.pause();
    this.showTime(to(c, Math.round(this.viewTime)), true);
    this.updateUrl();
  }

  private setSpeed(delta: number): void {
    const i = Math.min(el.speed.options.length - 1, Math.max(0, el.speed.selectedIndex + delta));
    el.speed.selectedIndex = i;
    this.player.speed = Number(el.speed.value);
  }

  private showTime(t: number, moving = false): void {
    const c = this.comparison;
    if (c === undefined) return;
    const before = this.viewTime;
    this.viewTime = Math.min(c.end, Math.max(0, t));
    const at = Math.round(this.viewTime);
    const clock = formatClock(at);
    if (el.clock.textContent !== clock) {
      el.clock.textContent = clock;
      el.scrubber.setAttribute('aria-valuetext', clock);
    }
    if (el.scrubber.value !== String(at)) el.scrubber.value = String(at);
    renderColumns(this.columns, c, this.viewTime, {
      animate: moving && motionAllowed() && this.viewTime >= before,
      // Kept by the cards from their first draw: it reads the time when it is called.
      onSelect: (i, s) => {
        const run = c.runs[i];
        const now = Math.round(this.viewTime);
        if (run !== undefined) this.hooks.openInLab(run.path, Math.min(now, run.end), s);
      },
    });
  }
}
