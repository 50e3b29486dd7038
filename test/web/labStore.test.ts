/**
 * The lab's store: events in, state out, with the ticker replaced by nothing (ticks are sent by
 * hand), and the key maps of the two modes. Runs are stand-ins: the store only reads a run's path,
 * seed, end and trace, and a comparison's runs and end.
 */
import { describe, expect, it, vi } from 'vitest';
import { createActor, fromCallback } from 'xstate';
import type { TraceRecord } from '../../src/engine/trace';
import type { Comparison } from '../../web/compareRuns';
import { KEY_MAPS, keyEvent } from '../../web/keys';
import type { LabRun } from '../../web/labRun';
import { labMachine, type LabEvent, type Mode } from '../../web/labStore';
import { sessionHash, urlWriter } from '../../web/labUrl';

const SPEEDS = [0.25, 0.5, 1, 2, 4, 8, 16, 32, 64];

function fakeRun(path: string, end: number, times: number[], says: number[] = []): LabRun {
  const trace = [
    ...times.map((t) => ({ t, type: 'event' })),
    ...says.map((t) => ({ t, type: 'say', text: `at ${t}` })),
  ].sort((a, b) => a.t - b.t) as TraceRecord[];
  const scenario = { name: path, seed: 7, orchestrator: 'kubernetes' };
  return { path, end, trace, seed: 7, commands: [], scenario } as unknown as LabRun;
}

const RUN = fakeRun('scenarios/node-dies-fast.yaml', 90_000, [0, 5_000, 20_000, 45_000], [20_000, 75_000]);
const OTHER = fakeRun('scenarios/node-dies.yaml', 480_000, [0, 100_000]);
const COMPARISON = {
  folder: 'compose-vs-swarm-vs-kubernetes',
  runs: [fakeRun('a', 60_000, [0, 10_000]), fakeRun('b', 80_000, [0, 30_000])],
  metrics: [],
  end: 80_000,
} as unknown as Comparison;

function start(toggleFullScreen = () => undefined) {
  const machine = labMachine.provide({
    actors: { ticker: fromCallback(() => () => undefined) },
    actions: { toggleFullScreen },
  });
  const store = createActor(machine, { input: { speeds: SPEEDS, speed: 8, compareSpeed: 16 } });
  store.start();
  const send = (...events: LabEvent[]) => {
    for (const e of events) store.send(e);
    return store.getSnapshot();
  };
  return { store, send };
}

const opened = (run: LabRun, t = 0): LabEvent => ({ type: 'opened', run, bundled: true, warnings: '', t });
const pod: LabEvent = { type: 'select', selection: { kind: 'pod', key: 'default/web-1' } };

describe('the lab store', () => {
  it('starts paused with nothing to show; playing waits for a run', () => {
    const { send } = start();
    const s = send({ type: 'playPause' }, { type: 'next' });
    expect(s.value).toBe('paused');
    expect(s.context).toMatchObject({ mode: 'single', single: { run: undefined, time: 0, speed: 8 } });
    expect(s.context.exercise).toBeUndefined();
  });

  it('opens a run at a time within it; the same scenario keeps the selection, another clears it', () => {
    const { send } = start();
    let s = send(opened(RUN, 999_999));
    expect(s.context.single).toMatchObject({ run: RUN, time: 90_000, bundled: true });
    s = send(pod, { type: 'failed', heading: 'x', text: 'y' }, opened({ ...RUN } as LabRun, 1000));
    expect(s.context.single.selection).toEqual({ kind: 'pod', key: 'default/web-1' });
    expect(s.context.error).toBeUndefined();
    expect(send(opened(OTHER)).context.single.selection).toBeUndefined();
  });

  it('plays: each tick moves the time by its wall-clock ms times the speed, and stops at the end', () => {
    const { send } = start();
    let s = send(opened(RUN), { type: 'playPause' }, { type: 'tick', ms: 1000 });
    expect(s.value).toBe('playing');
    expect(s.context).toMatchObject({ single: { time: 8000 }, moving: true });
    s = send({ type: 'tick', ms: 20_000 });
    expect(s.value).toBe('paused');
    expect(s.context.single.time).toBe(90_000);
    // Play at the end starts over.
    s = send({ type: 'playPause' });
    expect(s.value).toBe('playing');
    expect(s.context.single.time).toBe(0);
    expect(send({ type: 'playPause' }).value).toBe('paused');
  });

  it('in presenter mode, stops at each narration step, and goes on past it', () => {
    const { send } = start();
    let s = send(opened(RUN), { type: 'togglePresenter' }, { type: 'playPause' }, { type: 'tick', ms: 5000 });
    expect(s.value).toBe('paused');
    expect(s.context.single.time).toBe(20_000);
    s = send({ type: 'playPause' }, { type: 'tick', ms: 100 });
    expect(s.value).toBe('playing');
    expect(s.context.single.time).toBe(20_800);
  });

  it('steps to the next and previous events, pausing; only stepping forward animates', () => {
    const { send } = start();
    let s = send(opened(RUN, 6000), { type: 'playPause' }, { type: 'next' });
    expect(s.value).toBe('paused');
    expect(s.context).toMatchObject({ single: { time: 20_000 }, moving: true });
    s = send({ type: 'previous' });
    expect(s.context).toMatchObject({ single: { time: 5000 }, moving: false });
  });

  it('seeks within the run: Infinity is the end; seeking goes on playing unless asked to pause', () => {
    const { send } = start();
    let s = send(opened(RUN), { type: 'playPause' }, { type: 'seek', t: Number.POSITIVE_INFINITY });
    expect(s.value).toBe('playing');
    expect(s.context.single.time).toBe(90_000);
    s = send({ type: 'seek', t: -5, pause: true });
    expect(s.value).toBe('paused');
    expect(s.context.single.time).toBe(0);
    s = send({ type: 'playPause' }, { type: 'seekBy', ms: 10_000 });
    expect(s.value).toBe('paused');
    expect(s.context.single.time).toBe(10_000);
  });

  it('knows when the scrubber is being dragged', () => {
    const { send } = start();
    expect(send(opened(RUN), { type: 'scrub', t: 30_000 }).context).toMatchObject({
      scrubbing: true,
      single: { time: 30_000 },
    });
    expect(send({ type: 'scrubbed' }).context.scrubbing).toBe(false);
  });

  it('steps through the speeds, within the menu; the single run says so on the status line', () => {
    const { send } = start();
    let s = send(opened(RUN), { type: 'changeSpeed', by: 1 });
    expect(s.context.single.speed).toBe(16);
    expect(s.context.status).toEqual({ text: 'Speed 16×', kind: 'info' });
    s = send(...Array<LabEvent>(5).fill({ type: 'changeSpeed', by: 1 }));
    expect(s.context.single.speed).toBe(64);
    s = send({ type: 'setSpeed', speed: 0.25 }, { type: 'changeSpeed', by: -1 });
    expect(s.context.single.speed).toBe(0.25);
  });

  it('compares at a time of its own, and comes back to the run where it was', () => {
    const { send } = start();
    let s = send(opened(RUN, 45_000), pod, { type: 'playPause' });
    s = send({ type: 'compared', comparison: COMPARISON, t: 5000 });
    expect(s.value).toBe('paused');
    expect(s.context).toMatchObject({ mode: 'compare', compare: { time: 5000, speed: 16 } });
    s = send({ type: 'next' }, { type: 'changeSpeed', by: 1 });
    expect(s.context.compare).toMatchObject({ time: 10_000, speed: 32 });
    expect(s.context.status).toBeUndefined();
    s = send({ type: 'playPause' }, { type: 'tick', ms: 2000 });
    expect(s.context.compare.time).toBe(74_000);
    s = send({ type: 'closeComparison' });
    expect(s.value).toBe('paused');
    expect(s.context).toMatchObject({ mode: 'single', single: { time: 45_000, speed: 8 } });
    expect(s.context.single.selection).toEqual({ kind: 'pod', key: 'default/web-1' });
    expect(s.context.compare.comparison).toBeUndefined();
  });

  it('opening a run closes the comparison', () => {
    const { send } = start();
    const s = send(opened(RUN), { type: 'compared', comparison: COMPARISON, t: 0 }, opened(OTHER));
    expect(s.context.mode).toBe('single');
    expect(s.context.compare.comparison).toBeUndefined();
  });

  it('holds the status line and the error notice', () => {
    const { send } = start();
    let s = send(
      { type: 'status', text: 'Refused: no', kind: 'error' },
      { type: 'failed', heading: 'h', text: 't' },
    );
    expect(s.context.status).toEqual({ text: 'Refused: no', kind: 'error' });
    expect(s.context.error).toEqual({ heading: 'h', text: 't' });
    s = send({ type: 'status', text: '' }, { type: 'dismissError' });
    expect(s.context.status).toBeUndefined();
    expect(s.context.error).toBeUndefined();
  });

  it('leaves full screen to the page', () => {
    const toggle = vi.fn();
    start(toggle).send({ type: 'toggleFullScreen' });
    expect(toggle).toHaveBeenCalledOnce();
  });
});

describe('the URL of the store’s session', () => {
  it('names the bundled scenario, its time and commands; nothing for an own file', () => {
    const { send } = start();
    expect(sessionHash(send().context)).toBeUndefined();
    expect(sessionHash(send(opened(RUN, 45_000)).context)).toBe('node-dies-fast?t=45000');
    const own = send({ type: 'opened', run: OTHER, bundled: false, warnings: '', t: 0 });
    expect(sessionHash(own.context)).toBe('');
    const compared = send({ type: 'compared', comparison: COMPARISON, t: 60_000 });
    expect(sessionHash(compared.context)).toBe('compare/compose-vs-swarm-vs-kubernetes?t=60000');
  });

  it('is written when the time is at rest, once per change', () => {
    const writes: string[] = [];
    const win = {
      location: { pathname: '/', search: '' },
      history: { replaceState: (_s: unknown, _t: string, url: string) => writes.push(url) },
    } as unknown as Window;
    const url = urlWriter(win);
    const { store, send } = start();
    store.subscribe((s) => url.render(s));
    send(
      opened(RUN),
      { type: 'status', text: 'hello' },
      { type: 'scrub', t: 10_000 },
      { type: 'scrub', t: 12_000 },
    );
    send({ type: 'scrubbed' }, { type: 'playPause' }, { type: 'tick', ms: 1000 });
    expect(writes).toEqual(['#node-dies-fast', '#node-dies-fast?t=12000']);
    url.flush(store.getSnapshot());
    send({ type: 'playPause' }, { type: 'seek', t: Number.POSITIVE_INFINITY });
    expect(writes.slice(2)).toEqual(['#node-dies-fast?t=20000', '#node-dies-fast?t=90000']);
  });
});

describe('the key maps', () => {
  const press = (mode: Mode, key: string, shiftKey = false, onControl = false) =>
    keyEvent(mode, { key, shiftKey }, onControl);

  it.each<[string, boolean, LabEvent]>([
    [' ', false, { type: 'playPause' }],
    ['ArrowRight', false, { type: 'next' }],
    ['ArrowRight', true, { type: 'seekBy', ms: 10_000 }],
    ['ArrowLeft', false, { type: 'previous' }],
    ['ArrowLeft', true, { type: 'seekBy', ms: -10_000 }],
    ['Home', false, { type: 'seek', t: 0 }],
    ['End', false, { type: 'seek', t: Number.POSITIVE_INFINITY }],
    ['+', false, { type: 'changeSpeed', by: 1 }],
    ['=', false, { type: 'changeSpeed', by: 1 }],
    ['-', false, { type: 'changeSpeed', by: -1 }],
    ['f', false, { type: 'toggleFullScreen' }],
    ['P', false, { type: 'togglePresenter' }],
  ])('%j (shift %s) sends the same event in both modes', (key, shift, event) => {
    expect(press('single', key, shift)).toEqual(event);
    expect(press('compare', key, shift)).toEqual(event);
  });

  it('clears the selection with Escape in the single run only', () => {
    expect(press('single', 'Escape')).toEqual({ type: 'select', selection: undefined });
    expect(press('compare', 'Escape')).toBeUndefined();
    expect(Object.keys(KEY_MAPS.single).sort()).toEqual([...Object.keys(KEY_MAPS.compare), 'Escape'].sort());
  });

  it('leaves Space, the arrows, Home and End to a focused control, not the other keys', () => {
    for (const key of [' ', 'ArrowRight', 'ArrowLeft', 'Home', 'End'])
      expect(press('single', key, false, true)).toBeUndefined();
    for (const key of ['+', '-', 'f', 'p', 'Escape']) expect(press('single', key, false, true)).toBeDefined();
    expect(press('single', 'q')).toBeUndefined();
  });
});
