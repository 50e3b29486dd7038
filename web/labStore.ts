/**
 * The lab's one store: an xstate actor whose context is everything the page shows (the mode, the
 * run and its viewed time and selection, the comparison and its time, the speeds, presenter mode,
 * the status line and the error notice, and a slot for an exercise) and whose two states are
 * `paused` and `playing` (playing invokes the ticker, which sends a `tick` per animation frame).
 * Views subscribe to it and draw its snapshots; the page turns input into its events (keys.ts maps
 * keys to them). Running a scenario is not the store's business: labOpen.ts runs it and sends the
 * result (`opened`, `compared`). No DOM here, so tests drive it in Node.
 */
import { assign, setup, type ActorRefFrom, type SnapshotFrom } from 'xstate';
import {
  changeSpeed,
  initialContext,
  jump,
  opened,
  played,
  playStep,
  rewindAtEnd,
  shown,
  speedTo,
  timeTo,
  type LabContext,
  type LabEvent,
  type LabInput,
  type Shown,
} from './labContext';
import { animationTicker } from './ticker';

export type { LabContext, LabEvent, LabInput, Mode } from './labContext';

export const labMachine = setup({
  types: {
    context: {} as LabContext,
    events: {} as LabEvent,
    input: {} as LabInput,
  },
  actors: { ticker: animationTicker },
  actions: {
    /** Provided by the page (the Fullscreen API is not the store's). */
    toggleFullScreen: () => undefined,
  },
  guards: {
    hasSomethingToShow: ({ context }) => shown(context) !== undefined,
  },
}).createMachine({
  id: 'lab',
  context: ({ input }) => initialContext(input),
  initial: 'paused',
  states: {
    paused: {
      on: {
        playPause: {
          guard: 'hasSomethingToShow',
          target: 'playing',
          actions: assign(({ context }) => jump(rewindAtEnd(context))),
        },
      },
    },
    playing: {
      invoke: { src: 'ticker' },
      on: {
        playPause: { target: 'paused' },
        tick: [
          {
            guard: ({ context, event }) => playStep(context, event.ms).stop,
            target: 'paused',
            actions: assign(({ context, event }) => played(context, event.ms)),
          },
          { actions: assign(({ context, event }) => played(context, event.ms)) },
        ],
      },
    },
  },
  on: {
    opened: { target: '.paused', actions: assign(({ context, event }) => opened(context, event)) },
    compared: {
      target: '.paused',
      actions: assign(({ context, event }) =>
        jump({
          mode: 'compare',
          compare: {
            ...context.compare,
            comparison: event.comparison,
            time: Math.min(event.comparison.end, Math.max(0, event.t)),
          },
        }),
      ),
    },
    closeComparison: {
      guard: ({ context }) => context.mode === 'compare',
      target: '.paused',
      actions: assign(({ context }) =>
        jump({ mode: 'single', compare: { ...context.compare, comparison: undefined } }),
      ),
    },
    failed: {
      actions: assign(({ event }) => jump({ error: { heading: event.heading, text: event.text } })),
    },
    dismissError: { actions: assign(() => jump({ error: undefined })) },
    status: {
      actions: assign(({ event }) =>
        jump({ status: event.text === '' ? undefined : { text: event.text, kind: event.kind ?? 'info' } }),
      ),
    },
    next: {
      guard: 'hasSomethingToShow',
      target: '.paused',
      actions: assign(({ context }) => {
        const s = shown(context) as Shown;
        return { ...jump(timeTo(context, s.next(Math.round(s.time)))), moving: true };
      }),
    },
    previous: {
      guard: 'hasSomethingToShow',
      target: '.paused',
      actions: assign(({ context }) => {
        const s = shown(context) as Shown;
        return jump(timeTo(context, s.previous(Math.round(s.time))));
      }),
    },
    seek: [
      {
        guard: ({ event }) => event.pause === true,
        target: '.paused',
        actions: assign(({ context, event }) => jump(timeTo(context, event.t))),
      },
      { actions: assign(({ context, event }) => jump(timeTo(context, event.t))) },
    ],
    seekBy: {
      target: '.paused',
      actions: assign(({ context, event }) => jump(timeTo(context, (shown(context)?.time ?? 0) + event.ms))),
    },
    scrub: {
      actions: assign(({ context, event }) => ({ ...jump(timeTo(context, event.t)), scrubbing: true })),
    },
    scrubbed: { actions: assign(() => jump({})) },
    setSpeed: { actions: assign(({ context, event }) => jump(speedTo(context, event.speed))) },
    changeSpeed: { actions: assign(({ context, event }) => jump(changeSpeed(context, event.by))) },
    select: {
      actions: assign(({ context, event }) =>
        jump({ single: { ...context.single, selection: event.selection } }),
      ),
    },
    togglePresenter: { actions: assign(({ context }) => jump({ presenter: !context.presenter })) },
    toggleFullScreen: { actions: 'toggleFullScreen' },
  },
});

/** The store's snapshot, as views receive it. */
export type LabSnapshot = SnapshotFrom<typeof labMachine>;

/** The running store. */
export type LabStore = ActorRefFrom<typeof labMachine>;

/** Whether the current mode is playing. */
export const isPlaying = (s: { matches(state: 'playing'): boolean }) => s.matches('playing');
