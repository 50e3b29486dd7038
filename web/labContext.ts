/**
 * The lab store's context (what the page shows), its events, and the pure updates the store makes
 * of them: where playing or stepping takes the time of the mode shown, the speeds, opening a run.
 * labStore.ts is the machine that applies them.
 */
import { nextComparedEvent, previousComparedEvent, type Comparison } from './compareRuns';
import type { Selection } from './inspectorView';
import { nextEventTime, previousEventTime, type LabRun } from './labRun';

/** One run at a time, or the runs of a folder side by side (the comparison). */
export type Mode = 'single' | 'compare';

/** The single-run view: one scenario's run, looked at one moment at a time. */
interface SingleView {
  run: LabRun | undefined;
  /** Whether the run's scenario is a bundled one (then the URL can name it). */
  bundled: boolean;
  /** The loader's warnings about the scenario ('' for none). */
  warnings: string;
  /** The viewed time in ms, fractional while playing; the run is shown at its rounding. */
  time: number;
  selection: Selection | undefined;
  /** Simulated ms per wall-clock ms while playing. */
  speed: number;
}

/** The comparison: several runs at one shared time. */
interface CompareView {
  comparison: Comparison | undefined;
  time: number;
  speed: number;
}

export interface LabContext {
  mode: Mode;
  /** The run goes on behind the comparison, and comes back when it is closed. */
  single: SingleView;
  compare: CompareView;
  /** The speeds the menus offer, slowest first: + and - step through them. */
  speeds: readonly number[];
  /** The time last moved by playing or stepping forward (the views animate that), not by a jump. */
  moving: boolean;
  /** The scrubber is being dragged: the URL follows when it is let go. */
  scrubbing: boolean;
  presenter: boolean;
  /** The status line. */
  status: { text: string; kind: 'info' | 'error' } | undefined;
  /** Why a file or a comparison was not opened (the current run stays as it was). */
  error: { heading: string; text: string } | undefined;
  /** A slot for the exercise a student works on; nothing sets it yet. */
  exercise: undefined;
}

export type LabEvent =
  /** A run replaces the current one (and closes the comparison), shown at `t`. */
  | { type: 'opened'; run: LabRun; bundled: boolean; warnings: string; t: number }
  | { type: 'compared'; comparison: Comparison; t: number }
  | { type: 'closeComparison' }
  | { type: 'failed'; heading: string; text: string }
  | { type: 'dismissError' }
  /** An empty text hides the status line. */
  | { type: 'status'; text: string; kind?: 'info' | 'error' }
  | { type: 'playPause' }
  /** A frame of `ms` wall-clock milliseconds while playing (from the ticker). */
  | { type: 'tick'; ms: number }
  /** The next or previous moment anything happens; both pause. */
  | { type: 'next' }
  | { type: 'previous' }
  /** To `t` (clamped to the run, so Infinity is the end); playing goes on unless `pause`. */
  | { type: 'seek'; t: number; pause?: boolean }
  | { type: 'seekBy'; ms: number }
  /** The scrubber moves to `t` while dragged; `scrubbed` when it is let go. */
  | { type: 'scrub'; t: number }
  | { type: 'scrubbed' }
  | { type: 'setSpeed'; speed: number }
  /** One step up (+1) or down (-1) the speeds. */
  | { type: 'changeSpeed'; by: number }
  | { type: 'select'; selection: Selection | undefined }
  | { type: 'togglePresenter' }
  | { type: 'toggleFullScreen' };

export interface LabInput {
  speeds: readonly number[];
  /** The single run's and the comparison's speeds at the start. */
  speed: number;
  compareSpeed: number;
}

export function initialContext(input: LabInput): LabContext {
  return {
    mode: 'single',
    single: {
      run: undefined,
      bundled: true,
      warnings: '',
      time: 0,
      selection: undefined,
      speed: input.speed,
    },
    compare: { comparison: undefined, time: 0, speed: input.compareSpeed },
    speeds: input.speeds,
    moving: false,
    scrubbing: false,
    presenter: false,
    status: undefined,
    error: undefined,
    exercise: undefined,
  };
}

/** What the current mode shows over time: its end, its viewed time and where its events are. */
export interface Shown {
  end: number;
  time: number;
  next(now: number): number;
  previous(now: number): number;
  /** The first narration step after `now` (presenter mode pauses there), if any. */
  stopAfter(now: number): number | undefined;
}

export function shown(ctx: LabContext): Shown | undefined {
  if (ctx.mode === 'compare') {
    const c = ctx.compare.comparison;
    if (c === undefined) return undefined;
    return {
      end: c.end,
      time: ctx.compare.time,
      next: (now) => nextComparedEvent(c, now),
      previous: (now) => previousComparedEvent(c, now),
      stopAfter: () => undefined,
    };
  }
  const r = ctx.single.run;
  if (r === undefined) return undefined;
  return {
    end: r.end,
    time: ctx.single.time,
    next: (now) => nextEventTime(r, now),
    previous: (now) => previousEventTime(r, now),
    stopAfter: (now) => (ctx.presenter ? nextNarration(r, now) : undefined),
  };
}

function nextNarration(r: LabRun, after: number): number | undefined {
  for (const x of r.trace) if (x.type === 'say' && x.t > after) return x.t;
  return undefined;
}

/** The current mode's view moved to `t`, clamped to its run. */
export function timeTo(ctx: LabContext, t: number): Partial<LabContext> {
  const s = shown(ctx);
  if (s === undefined) return {};
  const time = Math.min(s.end, Math.max(0, t));
  return ctx.mode === 'compare' ? { compare: { ...ctx.compare, time } } : { single: { ...ctx.single, time } };
}

const speedOf = (ctx: LabContext) => (ctx.mode === 'compare' ? ctx.compare.speed : ctx.single.speed);

export function speedTo(ctx: LabContext, speed: number): Partial<LabContext> {
  return ctx.mode === 'compare'
    ? { compare: { ...ctx.compare, speed } }
    : { single: { ...ctx.single, speed } };
}

/** Where a frame of `ms` wall-clock ms takes the time while playing, and whether playing stops there. */
export function playStep(ctx: LabContext, ms: number): { time: number; stop: boolean } {
  const s = shown(ctx);
  if (s === undefined) return { time: 0, stop: true };
  // Presenter mode stops at each narration step, so the presenter can talk before going on.
  const say = s.stopAfter(s.time);
  let target = s.time + ms * speedOf(ctx);
  if (say !== undefined && target >= say) target = say;
  const time = Math.min(s.end, Math.max(0, target));
  return { time, stop: time >= s.end || time === say };
}

/** The speed `by` steps up or down the menu from the current one. */
export function changeSpeed(ctx: LabContext, by: number): Partial<LabContext> {
  const current = speedOf(ctx);
  let i = ctx.speeds.indexOf(current);
  if (i < 0) i = ctx.speeds.filter((s) => s < current).length;
  const speed = ctx.speeds[Math.min(ctx.speeds.length - 1, Math.max(0, i + by))] ?? current;
  // (The comparison has no status line of its own.)
  const status = ctx.mode === 'single' ? { status: { text: `Speed ${speed}×`, kind: 'info' as const } } : {};
  return { ...speedTo(ctx, speed), ...status };
}

/** An update of the context by a jump (nothing to animate), which also lets go of the scrubber. */
export const jump = (update: Partial<LabContext>): Partial<LabContext> => ({
  moving: false,
  scrubbing: false,
  ...update,
});

export const rewindAtEnd = (ctx: LabContext): Partial<LabContext> => {
  const s = shown(ctx);
  return s !== undefined && s.time >= s.end ? timeTo(ctx, 0) : {};
};

/** The time after a frame of `ms` while playing, moving forward. */
export const played = (ctx: LabContext, ms: number): Partial<LabContext> => ({
  ...timeTo(ctx, playStep(ctx, ms).time),
  moving: true,
  scrubbing: false,
});

/** The single run, replaced by a new one (the comparison closes). */
export function opened(ctx: LabContext, e: Extract<LabEvent, { type: 'opened' }>): Partial<LabContext> {
  // Rerunning the same scenario (a command, another seed) keeps what is selected.
  const same = ctx.single.run?.path === e.run.path;
  const single: SingleView = {
    ...ctx.single,
    run: e.run,
    bundled: e.bundled,
    warnings: e.warnings,
    selection: same ? ctx.single.selection : undefined,
    time: Math.min(e.run.end, Math.max(0, e.t)),
  };
  return jump({
    mode: 'single',
    single,
    compare: { ...ctx.compare, comparison: undefined },
    error: undefined,
  });
}
